#include <sys/stat.h>

#include <cstring>

#include "load/load.h"
#include "text/file.h"

namespace apiref {

FileStamp stamp_of(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

bool read_file_if_unchanged(const std::string& path, const FileStamp& expected, std::string& contents) {
  if (expected.size < 0 || !(stamp_of(path) == expected)) return false;
  if (!text::read_file(path, contents)) return false;
  return contents.size() == static_cast<size_t>(expected.size) && stamp_of(path) == expected;
}

static bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

Document load_document(const std::string& absolute_path, Diagnostics& out,
                       const ParseLimits& limits) {
  Document doc;
  doc.path = absolute_path;
  doc.display = display_path(absolute_path);
  std::string text;
  doc.stamp = stamp_of(absolute_path);  // before the read: an edit during it changes the stamp
  if (!text::read_file(absolute_path, text)) {
    out.push_back({Severity::Error, "file-unreadable", "cannot read file", {doc.display, "", {}}, {}});
    return doc;
  }
  size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  bool looks_json = first != std::string::npos && (text[first] == '{' || text[first] == '[');
  bool bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (ends_with(absolute_path, ".json")) {
    doc.ok = parse_json(text, doc.display, doc.root, out, limits);
    doc.plain_json = doc.ok && !bom;
  } else if (looks_json) {
    Diagnostics json_findings;
    doc.ok = parse_json(text, doc.display, doc.root, json_findings, limits);
    doc.plain_json = doc.ok && !bom;
    if (doc.ok) out.insert(out.end(), json_findings.begin(), json_findings.end());
    else doc.ok = parse_yaml(text, doc.display, doc.root, out, limits);
  } else {
    doc.ok = parse_yaml(text, doc.display, doc.root, out, limits);
  }
  return doc;
}

}  // namespace apiref
