#include "tree/json_pointer.h"

#include <cstdlib>

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

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]);
    int lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view s, std::string_view also_keep) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || also_keep.find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string fragment_encode(std::string_view pointer) {
  // Sub-delimiters, ':', '@', '/' and '?' may stand raw in a fragment (RFC 3986 §3.5).
  return percent_encode(pointer, "!$&'()*+,;=:@/?");
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
