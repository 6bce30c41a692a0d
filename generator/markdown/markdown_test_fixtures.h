// What the Markdown stage's tests share: the unit cases beside this file (markdown_test.cpp:
// the sanitiser against known XSS payloads) and their corpus twin (tests/corpus/markdown_test.cpp:
// every description of GitHub's). Each reads rendered HTML the way an attacker would hope a
// browser does. Test code only: no source of apiref includes it.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "text/case.h"

namespace apiref_test {

// `needle` in `haystack`, ASCII case folded.
inline bool contains_ci(const std::string& haystack, const std::string& needle) {
  return apiref::text::ascii_lower(haystack).find(apiref::text::ascii_lower(needle)) != std::string::npos;
}

inline bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An on...= attribute (event handler) inside any tag of the output.
inline bool has_event_handler(const std::string& html) {
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    size_t gt = html.find('>', lt);
    std::string tag = apiref::text::ascii_lower(html.substr(lt, gt == std::string::npos ? std::string::npos : gt - lt));
    for (size_t p = tag.find("on"); p != std::string::npos; p = tag.find("on", p + 1)) {
      char before = p > 0 ? tag[p - 1] : 'x';
      if (before != ' ' && before != '\t' && before != '\n' && before != '/') continue;
      size_t q = p + 2;
      if (q >= tag.size() || !is_letter(tag[q])) continue;
      while (q < tag.size() && is_letter(tag[q])) ++q;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && tag[q] == '=') return true;
    }
  }
  return false;
}

// Checks the output is well-formed: every '<' starts a tag, every attribute value is quoted,
// and end tags match the open elements exactly (void elements have none).
inline std::string well_formed_problem(const std::string& html) {
  static const std::vector<std::string> kVoid = {"br", "hr", "img", "input"};
  std::vector<std::string> open;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '>') return "bare '>' at " + std::to_string(i);
    if (html[i] != '<') {
      ++i;
      continue;
    }
    size_t gt = html.find('>', i);
    if (gt == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = html.substr(i + 1, gt - i - 1);
    i = gt + 1;
    bool end = !tag.empty() && tag[0] == '/';
    if (end) tag.erase(0, 1);
    size_t name_end = tag.find(' ');
    std::string name = tag.substr(0, name_end);
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }))
      return "bad tag name <" + tag + ">";
    if (end) {
      if (open.empty() || open.back() != name) return "unbalanced </" + name + ">";
      open.pop_back();
      continue;
    }
    // Attributes: name="value" with no quote inside the value.
    std::string rest = name_end == std::string::npos ? "" : tag.substr(name_end);
    for (size_t p = 0; p < rest.size();) {
      if (rest[p] != ' ') return "bad attribute list in <" + tag + ">";
      size_t eq = rest.find("=\"", p);
      if (eq == std::string::npos) return "unquoted attribute in <" + tag + ">";
      size_t close = rest.find('"', eq + 2);
      if (close == std::string::npos) return "unterminated attribute in <" + tag + ">";
      p = close + 1;
    }
    if (std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
}

}  // namespace apiref_test
