#include <sys/stat.h>

#include <cstring>

#include "load/load.h"
#include "text/file.h"
#include "text/utf8.h"

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

namespace {

// False, with `bad` at the first byte that is not part of a UTF-8 character (line and column
// counted in bytes, as the parsers count them).
bool valid_utf8_text(std::string_view text, SourcePos& bad) {
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\n') line++, line_start = i + 1;
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = text::decode_utf8(text, i, cp);
    if (len == 0) {
      bad = {line, static_cast<uint32_t>(i - line_start + 1)};
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

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
  // Everything read reaches pages, reports and bundles, which must be UTF-8: a file that is
  // not is refused where it stops being UTF-8 (it was bundled, checked and published as is).
  if (SourcePos bad; !valid_utf8_text(text, bad)) {
    out.push_back({Severity::Error, "invalid-utf8", "the file is not valid UTF-8 (a byte that is not part of a UTF-8 character)",
                   {doc.display, "", bad}, {}});
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
