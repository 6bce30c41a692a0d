#include "report/text.h"

#include <cstdint>
#include <cstdio>

#include "tree/json_pointer.h"

namespace apiref::report_text {

namespace {

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when the bytes there are not a
// valid (shortest-form, non-surrogate) sequence.
size_t decode(const std::string& s, size_t i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t len;
  uint32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

const char kReplacement[] = "\xEF\xBF\xBD";

std::string hex_escape(uint32_t cp) {
  char buf[16];
  if (cp < 0x80)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
  else
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  return buf;
}

bool is_control(uint32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

// Calls f(code point, original bytes) for every code point of s, U+FFFD for invalid bytes.
template <typename F>
void each_code_point(const std::string& s, F f) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t len = decode(s, i, cp);
    if (len == 0) {
      f(0xFFFD, std::string(kReplacement));
      ++i;
    } else {
      f(cp, s.substr(i, len));
      i += len;
    }
  }
}

}  // namespace

std::string valid_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](uint32_t, const std::string& bytes) { out += bytes; });
  return out;
}

std::string visible(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](uint32_t cp, const std::string& bytes) {
    if (!is_control(cp)) {
      out += bytes;
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else {
      out += hex_escape(cp);
    }
  });
  return out;
}

std::string xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](uint32_t cp, const std::string& bytes) {
    switch (cp) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '"': out += "&quot;"; return;
      case '\'': out += "&apos;"; return;
      case '\t': out += "&#9;"; return;
      case '\n': out += "&#10;"; return;
      case '\r': out += "&#13;"; return;
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "[U+%04X]", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += bytes;
    }
  });
  return out;
}

std::string markdown(const std::string& s) {
  static const std::string kPunct = "\\`*_{}[]<>()#+-.!|~\"'&:;=?@$%^,";  // not '/': paths stay readable, and ':' already stops autolinks
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](uint32_t cp, const std::string& bytes) {
    if (cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (is_control(cp)) {
      out += "\\" + hex_escape(cp);  // the backslash of the escape is itself escaped
    } else if (cp < 0x80 && kPunct.find(static_cast<char>(cp)) != std::string::npos) {
      out += '\\';
      out += static_cast<char>(cp);
    } else {
      out += bytes;
    }
  });
  return out;
}

std::string uri_path(const std::string& path) { return percent_encode(path, "/"); }

}  // namespace apiref::report_text
