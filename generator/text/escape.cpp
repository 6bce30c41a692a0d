#include "text/escape.h"

#include <cstdint>
#include <cstdio>

#include "text/utf8.h"
#include "text/word_test.h"

namespace apiref::text {

namespace {

// Escaping scans megabytes of text (a site's examples, schemas' sources, the bundled
// description) in which the characters to replace are rare: word_test.h.

// & < > (< and > differ in one bit only: one test for both).
bool may_need_text_escape(uint64_t w) {
  return word_has_byte(w, '&') | word_has_byte(w | (kWordOnes * 2), '>');
}
// & < > " ' (& and ' differ in one bit only, as < and > do).
bool may_need_html_escape(uint64_t w) {
  return word_has_byte(w | kWordOnes, '\'') | word_has_byte(w | (kWordOnes * 2), '>') | word_has_byte(w, '"');
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
  const char* run = s.data();  // start of the characters not yet copied
  const char* end = s.data() + s.size();
  const char* p = run;
  while (p != end) {
    if (end - p >= 8 && !may_need_html_escape(load_word(p))) {
      p += 8;
      continue;
    }
    const char* stop = end - p >= 8 ? p + 8 : end;
    for (; p != stop; ++p) {
      const char* rep;
      switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
      }
      out.append(run, static_cast<size_t>(p - run));
      out.append(rep);
      run = p + 1;
    }
  }
  out.append(run, static_cast<size_t>(end - run));
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

std::string html_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  size_t done = 0;  // copied up to here; runs without a special character are copied at once
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (n - i >= 8 && !may_need_text_escape(load_word(text.data() + i))) {
      i += 8;
      continue;
    }
    const size_t stop = n - i >= 8 ? i + 8 : n;
    for (; i < stop; ++i) {
      const char* entity = text[i] == '&' ? "&amp;" : text[i] == '<' ? "&lt;" : text[i] == '>' ? "&gt;" : nullptr;
      if (!entity) continue;
      out.append(text, done, i - done);
      out += entity;
      done = i + 1;
    }
  }
  out.append(text, done, std::string_view::npos);
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](uint32_t cp, std::string_view bytes) {
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

namespace {

// Characters a JSON string cannot hold as they are: quote, backslash, controls and DEL.
inline bool needs_json_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7f; }
bool may_need_json_escape(uint64_t w) {
  return word_has_byte_below(w, 0x20) | word_has_byte(w, '"') | word_has_byte(w, '\\') | word_has_byte(w, 0x7f);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  // Runs of ordinary characters are copied at once: openapi.json is 13 MB of mostly plain text.
  const size_t n = s.size();
  size_t run = 0, i = 0;
  while (i < n) {
    if (n - i >= 8 && !may_need_json_escape(load_word(s.data() + i))) {
      i += 8;
      continue;
    }
    for (const size_t stop = n - i >= 8 ? i + 8 : n; i < stop; ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (!needs_json_escape(c)) continue;
      out.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
      }
    }
  }
  out.append(s.data() + run, n - run);
  out += '"';
}

std::string json_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

std::string shell_single_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace apiref::text
