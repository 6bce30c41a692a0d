#include <cstring>
#include <fstream>
#include <sstream>

#include "load/load.h"

namespace apiref {

bool read_file(const std::string& path, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // One read of the known size: copying through a growing stringstream cost a quarter of
  // `apiref check` on GitHub's 13 MB description.
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size >= 0) {
    in.seekg(0, std::ios::beg);
    contents.resize(static_cast<size_t>(size));
    if (size > 0 && !in.read(&contents[0], size)) return false;
    return true;
  }
  in.clear();
  in.seekg(0, std::ios::beg);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  contents = std::move(ss).str();
  return true;
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
  if (!read_file(absolute_path, text)) {
    out.push_back({Severity::Error, "file-unreadable", "cannot read file", {doc.display, "", {}}, {}});
    return doc;
  }
  size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  bool looks_json = first != std::string::npos && (text[first] == '{' || text[first] == '[');
  if (ends_with(absolute_path, ".json")) {
    doc.ok = parse_json(text, doc.display, doc.root, out, limits);
  } else if (looks_json) {
    Diagnostics json_findings;
    doc.ok = parse_json(text, doc.display, doc.root, json_findings, limits);
    if (doc.ok) out.insert(out.end(), json_findings.begin(), json_findings.end());
    else doc.ok = parse_yaml(text, doc.display, doc.root, out, limits);
  } else {
    doc.ok = parse_yaml(text, doc.display, doc.root, out, limits);
  }
  return doc;
}

}  // namespace apiref
