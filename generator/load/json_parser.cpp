// A strict RFC 8259 parser into the Node tree, tracking line and column.
#include <cstdint>

#include "load/load.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace {

struct JsonParser {
  std::string_view s;
  const std::string& file;
  Diagnostics& out;
  const ParseLimits& limits;
  size_t i = 0;
  uint32_t line = 1;
  size_t line_start = 0;
  size_t depth = 0;
  bool failed = false;
  std::string pointer;  // where we are, for messages

  SourcePos here() const { return {line, static_cast<uint32_t>(i - line_start + 1)}; }

  void fail(const std::string& msg) {
    if (failed) return;
    failed = true;
    out.push_back({Severity::Error, "json-syntax", msg, {file, pointer, here()}, {}});
  }

  void skip_ws() {
    while (i < s.size()) {
      char c = s[i];
      if (c == '\n') {
        ++i;
        ++line;
        line_start = i;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else {
        break;
      }
    }
  }

  static void append_utf8(std::string& o, uint32_t cp) {
    if (cp < 0x80) {
      o += static_cast<char>(cp);
    } else if (cp < 0x800) {
      o += static_cast<char>(0xC0 | (cp >> 6));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      o += static_cast<char>(0xE0 | (cp >> 12));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      o += static_cast<char>(0xF0 | (cp >> 18));
      o += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(uint32_t& v) {
    if (i + 4 > s.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i + k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return false;
    }
    i += 4;
    return true;
  }

  bool parse_string(std::string& o) {
    ++i;  // opening quote
    size_t run = i;
    while (true) {
      if (i >= s.size()) return fail("unterminated string"), false;
      char c = s[i];
      if (c == '"') {
        o.append(s.data() + run, i - run);
        ++i;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string"), false;
      if (c != '\\') {
        ++i;
        continue;
      }
      o.append(s.data() + run, i - run);
      ++i;
      if (i >= s.size()) return fail("unterminated string"), false;
      char e = s[i++];
      switch (e) {
        case '"': o += '"'; break;
        case '\\': o += '\\'; break;
        case '/': o += '/'; break;
        case 'b': o += '\b'; break;
        case 'f': o += '\f'; break;
        case 'n': o += '\n'; break;
        case 'r': o += '\r'; break;
        case 't': o += '\t'; break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return fail("bad \\u escape"), false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            size_t save = i;
            i += 2;
            uint32_t lo;
            if (hex4(lo) && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              i = save;
            }
          }
          if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // lone surrogate
          append_utf8(o, cp);
          break;
        }
        default: return fail(std::string("bad escape \\") + e), false;
      }
      run = i;
    }
  }

  bool parse_number(Node& n) {
    size_t start = i;
    SourcePos p = here();
    if (s[i] == '-') ++i;
    if (i < s.size() && s[i] == '0') {
      ++i;
    } else if (i < s.size() && s[i] >= '1' && s[i] <= '9') {
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    } else {
      return fail("invalid number"), false;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return fail("invalid number"), false;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return fail("invalid number"), false;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    n = Node::number(std::string(s.substr(start, i - start)), p);
    return true;
  }

  bool literal(std::string_view word) {
    if (s.substr(i, word.size()) != word) return fail("unexpected character"), false;
    i += word.size();
    return true;
  }

  bool parse_value(Node& n) {
    skip_ws();
    if (i >= s.size()) return fail("unexpected end of input"), false;
    SourcePos p = here();
    char c = s[i];
    switch (c) {
      case '{': return parse_object(n);
      case '[': return parse_array(n);
      case '"':
        n = Node::string({}, p);
        return parse_string(n.text);
      case 't':
        n = Node::boolean_value(true, p);
        return literal("true");
      case 'f':
        n = Node::boolean_value(false, p);
        return literal("false");
      case 'n':
        n = Node();
        n.pos = p;
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(n);
        return fail(std::string("unexpected character '") + c + "'"), false;
    }
  }

  bool enter() {
    if (++depth > limits.max_depth) {
      fail("nesting deeper than " + std::to_string(limits.max_depth) + " levels");
      return false;
    }
    return true;
  }

  bool parse_object(Node& n) {
    n = Node::object(here());
    if (!enter()) return false;
    ++i;
    skip_ws();
    if (i < s.size() && s[i] == '}') {
      ++i;
      --depth;
      return true;
    }
    while (true) {
      skip_ws();
      if (i >= s.size() || s[i] != '"') return fail("expected a quoted key"), false;
      Member m;
      m.key_pos = here();
      if (!parse_string(m.key)) return false;
      skip_ws();
      if (i >= s.size() || s[i] != ':') return fail("expected ':' after key"), false;
      ++i;
      size_t saved = pointer.size();
      pointer = append_pointer(pointer, m.key);
      if (!parse_value(m.value)) return false;
      // Duplicate names are legal JSON but ambiguous: readers differ on which one wins.
      Node* existing = nullptr;
      for (Member& e : n.members)
        if (e.key == m.key) existing = &e.value;
      if (existing) {
        SourcePos first = {0, 0};
        for (Member& e : n.members)
          if (e.key == m.key) first = e.key_pos;
        out.push_back({Severity::Error, "duplicate-key",
                       "duplicate key '" + m.key + "' (the last one is used)",
                       {file, pointer, m.key_pos}, {{file, pointer, first}}});
        *existing = std::move(m.value);
      } else {
        n.members.push_back(std::move(m));
      }
      pointer.resize(saved);
      skip_ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        --depth;
        return true;
      }
      return fail("expected ',' or '}'"), false;
    }
  }

  bool parse_array(Node& n) {
    n = Node::array(here());
    if (!enter()) return false;
    ++i;
    skip_ws();
    if (i < s.size() && s[i] == ']') {
      ++i;
      --depth;
      return true;
    }
    while (true) {
      size_t saved = pointer.size();
      pointer += "/" + std::to_string(n.items.size());
      n.items.emplace_back();
      if (!parse_value(n.items.back())) return false;
      pointer.resize(saved);
      skip_ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == ']') {
        ++i;
        --depth;
        return true;
      }
      return fail("expected ',' or ']'"), false;
    }
  }
};

}  // namespace

bool parse_json(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits) {
  JsonParser p{text, file, out, limits, 0, 1, 0, 0, false, {}};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") p.i = p.line_start = 3;  // UTF-8 byte order mark
  Node n;
  if (!p.parse_value(n)) {
    root = Node();
    return false;
  }
  p.skip_ws();
  if (p.i != text.size()) {
    p.fail("unexpected text after the JSON value");
    root = Node();
    return false;
  }
  root = std::move(n);
  return true;
}

}  // namespace apiref
