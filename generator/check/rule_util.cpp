// Small helpers the check engine and the rule families share.
#include <cctype>

#include "check/rule.h"
#include "text/case.h"

namespace apiref {
namespace check_internal {

const char* node_kind_word(const Node& n) {
  switch (n.kind) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return "a boolean";
    case NodeKind::Number: return "a number";
    case NodeKind::String: return "a string";
    case NodeKind::Array: return "a list";
    case NodeKind::Object: return "an object";
  }
  return "a value";
}

SourcePos key_end(SourcePos p, const std::string& key) {
  if (p.line == 0 || key.empty()) return p;
  return {p.line, p.col + static_cast<uint32_t>(key.size()) - 1};
}

SourcePos value_end(const Node& n) {
  if (n.pos.line == 0) return n.pos;
  if ((n.kind == NodeKind::String || n.kind == NodeKind::Number) && !n.text.empty() &&
      n.text.find('\n') == std::string::npos && n.text.size() < 10000)
    return {n.pos.line, n.pos.col + static_cast<uint32_t>(n.text.size()) - 1};
  return n.pos;
}

// Template variables of a path ("/a/{id}/b/{x}" -> id, x), with their offsets.
std::vector<std::string> path_vars(const std::string& path) {
  std::vector<std::string> v;
  size_t i = 0;
  while ((i = path.find('{', i)) != std::string::npos) {
    size_t j = path.find('}', i);
    if (j == std::string::npos) break;
    v.push_back(path.substr(i + 1, j - i - 1));
    i = j + 1;
  }
  return v;
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> s;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    s.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return s;
}

bool is_template_segment(const std::string& s) { return s.find('{') != std::string::npos; }

std::string upper_method(const std::string& m) { return text::ascii_upper(m); }

}  // namespace check_internal
}  // namespace apiref
