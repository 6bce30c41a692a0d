#include "report/text.h"

#include <cstdint>
#include <cstdio>

#include "text/escape.h"
#include "text/percent.h"
#include "text/utf8.h"

namespace apiref::report_text {

namespace {

std::string hex_escape(uint32_t cp) {
  char buf[16];
  if (cp < 0x80)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
  else
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  return buf;
}

bool is_control(uint32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

using text::for_each_code_point;

}  // namespace

std::string valid_utf8(const std::string& s) { return text::valid_utf8(s); }

std::string visible(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](uint32_t cp, std::string_view bytes) {
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

std::string xml(const std::string& s) { return text::xml_escape(s); }

std::string markdown(const std::string& s) {
  static const std::string kPunct = "\\`*_{}[]<>()#+-.!|~\"'&:;=?@$%^,";  // not '/': paths stay readable, and ':' already stops autolinks
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](uint32_t cp, std::string_view bytes) {
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

std::string uri_path(const std::string& path) { return text::percent_encode(path, "/"); }

}  // namespace apiref::report_text
