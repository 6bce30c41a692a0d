#include "tree/json_pointer.h"

#include <cstdlib>

#include "text/percent.h"

namespace apiref {

namespace {

// Appends `token` escaped, copying the runs between '~' and '/' at once (most keys have none).
void append_escaped_token(std::string& out, std::string_view token) {
  size_t done = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~' && token[i] != '/') continue;
    out.append(token, done, i - done);
    out += token[i] == '~' ? "~0" : "~1";
    done = i + 1;
  }
  out.append(token, done, std::string_view::npos);
}

}  // namespace

std::string pointer_escape(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  append_escaped_token(out, token);
  return out;
}

// One allocation: the check builds a pointer for every member it walks (GitHub: ~400,000).
std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string out;
  out.reserve(pointer.size() + 1 + token.size() + 2);
  out += pointer;
  out += '/';
  append_escaped_token(out, token);
  return out;
}

std::optional<std::vector<std::string>> parse_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') return std::nullopt;
  std::string cur;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    char c = pointer[i];
    if (c == '~') {
      // RFC 6901: ~1 first, then ~0, so "~01" decodes to "~1" and not "/".
      if (i + 1 >= pointer.size()) return std::nullopt;
      char n = pointer[i + 1];
      if (n == '0') cur += '~';
      else if (n == '1') cur += '/';
      else return std::nullopt;
      ++i;
    } else {
      cur += c;
    }
  }
  return tokens;
}

std::string fragment_encode(std::string_view pointer) {
  // Sub-delimiters, ':', '@', '/' and '?' may stand raw in a fragment (RFC 3986 §3.5).
  return text::percent_encode(pointer, "!$&'()*+,;=:@/?");
}

const Node* resolve_pointer(const Node& root, const std::vector<std::string>& tokens,
                            std::string* deepest_found) {
  const Node* cur = &root;
  std::string found;
  for (const std::string& t : tokens) {
    const Node* next = nullptr;
    if (cur->is_object()) {
      next = cur->find(t);
    } else if (cur->is_array()) {
      // Array index: decimal digits, no leading zero (RFC 6901 §4).
      bool digits = !t.empty() && t.size() < 10 && (t == "0" || t[0] != '0');
      for (char c : t) digits = digits && c >= '0' && c <= '9';
      if (digits) {
        size_t idx = std::strtoul(t.c_str(), nullptr, 10);
        if (idx < cur->items.size()) next = &cur->items[idx];
      }
    }
    if (!next) {
      if (deepest_found) *deepest_found = found;
      return nullptr;
    }
    found = append_pointer(found, t);
    cur = next;
  }
  if (deepest_found) *deepest_found = found;
  return cur;
}

}  // namespace apiref
