// Readers of the string literals apiref writes into code (snippets/snippets.h and the site's
// scripts), each written from the language's reference rather than from apiref's writer: what
// a literal means to the language's own parser, or nullopt where that parser would refuse it
// (or, for JavaScript, where an engine before ES2019 would). Test code only.
//
// Each reader takes the text at `at`, which must start the literal, and moves `at` past it.
// The result is UTF-8 (Go: bytes); a code point a UTF-8 string cannot hold (a lone surrogate)
// is nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apiref_fuzz {

// One code point of UTF-8 source at s[i] as a strict decoder reads it (shortest form, no
// surrogates, at most U+10FFFF): its length, or 0.
inline size_t source_char(std::string_view s, size_t i, uint32_t& cp) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t left = s.size() - i;
  if (p[0] < 0x80) return cp = p[0], 1;
  size_t len = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] < 0xE0 ? 2 : 0;
  if (len == 0 || left < len) return 0;
  cp = p[0] & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (p[k] & 0x3F);
  }
  static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return 0;
  return len;
}

inline bool put_code_point(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return true;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `count` hex digits at s[i], or -1.
inline long read_hex(std::string_view s, size_t i, size_t count) {
  if (i + count > s.size()) return -1;
  long v = 0;
  for (size_t k = 0; k < count; ++k) {
    int h = hex_value(s[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// A Python 3 str literal "..." (the language reference, "String and Bytes literals"): the
// source is UTF-8; a raw line end ends the line, not the string; \N{...} is not read here.
inline std::optional<std::string> read_python_str(std::string_view s, size_t& at) {
  if (at >= s.size() || s[at] != '"') return std::nullopt;
  std::string out;
  size_t i = at + 1;
  while (i < s.size()) {
    uint32_t cp;
    size_t len = source_char(s, i, cp);
    if (len == 0 || cp == '\n' || cp == '\r' || cp == 0) return std::nullopt;
    if (cp == '"') {
      at = i + 1;
      return out;
    }
    if (cp != '\\') {
      out.append(s, i, len);
      i += len;
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    char e = s[i++];
    long v;
    switch (e) {
      case '\\': case '\'': case '"': out += e; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\n': break;  // line continuation
      case 'x':
        if ((v = read_hex(s, i, 2)) < 0) return std::nullopt;
        put_code_point(out, static_cast<uint32_t>(v));  // \xhh is the code point hh
        i += 2;
        break;
      case 'u': case 'U': {
        size_t n = e == 'u' ? 4 : 8;
        if ((v = read_hex(s, i, n)) < 0 || !put_code_point(out, static_cast<uint32_t>(v))) return std::nullopt;
        i += n;
        break;
      }
      case 'N': return std::nullopt;
      default:
        if (e >= '0' && e <= '7') {
          uint32_t o = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) o = o * 8 + static_cast<uint32_t>(s[i++] - '0');
          put_code_point(out, o);
        } else {
          out += '\\';  // an unknown escape keeps its backslash
          --i;
        }
    }
  }
  return std::nullopt;
}

// A Python 3 bytes literal b"...": only ASCII in the source; \u is not an escape there.
inline std::optional<std::string> read_python_bytes(std::string_view s, size_t& at) {
  if (s.substr(at, 2) != "b\"") return std::nullopt;
  std::string out;
  size_t i = at + 2;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || c == '\n' || c == '\r' || c == 0) return std::nullopt;
    if (c == '"') {
      at = i + 1;
      return out;
    }
    ++i;
    if (c != '\\') {
      out += static_cast<char>(c);
      continue;
    }
    if (i >= s.size()) return std::nullopt;
    char e = s[i++];
    long v;
    switch (e) {
      case '\\': case '\'': case '"': out += e; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\n': break;
      case 'x':
        if ((v = read_hex(s, i, 2)) < 0) return std::nullopt;
        out += static_cast<char>(v);
        i += 2;
        break;
      default:
        if (e >= '0' && e <= '7') {
          unsigned o = static_cast<unsigned>(e - '0');
          for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) o = o * 8 + static_cast<unsigned>(s[i++] - '0');
          out += static_cast<char>(o & 0xFF);
        } else {
          out += '\\';
          --i;
        }
    }
  }
  return std::nullopt;
}

// A JavaScript string literal "..." (ECMA-262, StringLiteral), read as UTF-16 code units and
// given back as UTF-8. Stricter than ES2019 on one point: a raw U+2028 or U+2029 is refused, as
// engines before it refused them.
inline std::optional<std::string> read_js_string(std::string_view s, size_t& at) {
  if (at >= s.size() || s[at] != '"') return std::nullopt;
  std::string out;
  uint32_t high = 0;  // a high surrogate waiting for its low half
  auto unit = [&](uint32_t u) {
    if (high) {
      if (u >= 0xDC00 && u < 0xE000) {
        put_code_point(out, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
        high = 0;
        return true;
      }
      return false;  // a lone high surrogate
    }
    if (u >= 0xD800 && u < 0xDC00) return high = u, true;
    if (u >= 0xDC00 && u < 0xE000) return false;
    return put_code_point(out, u);
  };
  size_t i = at + 1;
  while (i < s.size()) {
    uint32_t cp;
    size_t len = source_char(s, i, cp);
    if (len == 0 || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) return std::nullopt;
    if (cp == '"') {
      if (high) return std::nullopt;
      at = i + 1;
      return out;
    }
    if (cp != '\\') {
      if (high || !put_code_point(out, cp)) return std::nullopt;
      i += len;
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    char e = s[i++];
    long v;
    bool ok = true;
    switch (e) {
      case 'b': ok = unit('\b'); break;
      case 'f': ok = unit('\f'); break;
      case 'n': ok = unit('\n'); break;
      case 'r': ok = unit('\r'); break;
      case 't': ok = unit('\t'); break;
      case 'v': ok = unit('\v'); break;
      case '0':
        if (i < s.size() && s[i] >= '0' && s[i] <= '9') return std::nullopt;  // legacy octal
        ok = unit(0);
        break;
      case 'x':
        if ((v = read_hex(s, i, 2)) < 0) return std::nullopt;
        ok = unit(static_cast<uint32_t>(v));
        i += 2;
        break;
      case 'u':
        if (i < s.size() && s[i] == '{') {
          size_t close = s.find('}', i);
          if (close == std::string_view::npos || close == i + 1 || close - i - 1 > 6) return std::nullopt;
          if ((v = read_hex(s, i + 1, close - i - 1)) < 0 || v > 0x10FFFF) return std::nullopt;
          ok = v >= 0x10000 ? !high && put_code_point(out, static_cast<uint32_t>(v)) : unit(static_cast<uint32_t>(v));
          i = close + 1;
        } else {
          if ((v = read_hex(s, i, 4)) < 0) return std::nullopt;
          ok = unit(static_cast<uint32_t>(v));
          i += 4;
        }
        break;
      case '\n': case '\r': break;  // line continuation
      default:
        if (e >= '1' && e <= '9') return std::nullopt;  // octal, refused in strict code
        --i;  // any other character stands for itself
        if ((len = source_char(s, i, cp)) == 0) return std::nullopt;
        ok = unit(cp);
        i += len;
    }
    if (!ok) return std::nullopt;
  }
  return std::nullopt;
}

// A Go interpreted string literal "..." (The Go Programming Language Specification, "String
// literals"): the source is UTF-8 without NUL or a BOM; \xhh and \ooo are bytes; \' is not an
// escape in a string.
inline std::optional<std::string> read_go_string(std::string_view s, size_t& at) {
  if (at >= s.size() || s[at] != '"') return std::nullopt;
  std::string out;
  size_t i = at + 1;
  while (i < s.size()) {
    uint32_t cp;
    size_t len = source_char(s, i, cp);
    if (len == 0 || cp == '\n' || cp == 0 || cp == 0xFEFF) return std::nullopt;
    if (cp == '"') {
      at = i + 1;
      return out;
    }
    if (cp != '\\') {
      out.append(s, i, len);
      i += len;
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    char e = s[i++];
    long v;
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': case '"': out += e; break;
      case 'x':
        if ((v = read_hex(s, i, 2)) < 0) return std::nullopt;
        out += static_cast<char>(v);
        i += 2;
        break;
      case 'u': case 'U': {
        size_t n = e == 'u' ? 4 : 8;
        if ((v = read_hex(s, i, n)) < 0 || !put_code_point(out, static_cast<uint32_t>(v))) return std::nullopt;
        i += n;
        break;
      }
      default: {
        if (e < '0' || e > '7' || i + 2 > s.size()) return std::nullopt;
        unsigned o = static_cast<unsigned>(e - '0');
        for (int k = 0; k < 2; ++k) {
          if (s[i] < '0' || s[i] > '7') return std::nullopt;
          o = o * 8 + static_cast<unsigned>(s[i++] - '0');
        }
        if (o > 255) return std::nullopt;
        out += static_cast<char>(o);
      }
    }
  }
  return std::nullopt;
}

// One shell word as sh reads it: '...' literal, \x outside quotes; nullopt for anything else
// (an unquoted space, $, an unterminated quote) and for NUL, which no shell word can hold.
inline std::optional<std::string> read_shell_word(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    char c = word[i];
    if (c == '\'') {
      size_t end = word.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      out.append(word, i + 1, end - i - 1);
      i = end + 1;
    } else if (c == '\\' && i + 1 < word.size()) {
      out += word[i + 1];
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  if (out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

}  // namespace apiref_fuzz
