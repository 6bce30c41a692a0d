#include "text/utf8.h"

namespace apiref::text {

size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
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

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

size_t utf8_offset(std::string_view s, size_t index) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == index) return i;
      ++n;
    }
  }
  return s.size();
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Length of the sequence at s[i] that may stay as it is, or 0 when it is replaced.
size_t kept_length(std::string_view s, size_t i, Utf8Controls controls) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {  // the common case, without decoding
    if (c == 0 && controls != Utf8Controls::Keep) return 0;
    if (c < 0x20 && c != '\t' && c != '\n' && controls == Utf8Controls::ReplaceExceptTabNewline) return 0;
    return 1;
  }
  uint32_t cp;
  return decode_utf8(s, i, cp);
}

}  // namespace

std::string_view valid_utf8(std::string_view s, std::string& storage, Utf8Controls controls) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = kept_length(s, i, controls);
    if (len == 0) break;
    i += len;
  }
  if (i == s.size()) return s;
  storage.assign(s.substr(0, i));
  while (i < s.size()) {
    size_t len = kept_length(s, i, controls);
    if (len == 0) {
      storage += kReplacementCharacter;
      ++i;
    } else {
      storage.append(s.substr(i, len));
      i += len;
    }
  }
  return storage;
}

std::string valid_utf8(std::string_view s, Utf8Controls controls) {
  std::string storage;
  std::string_view v = valid_utf8(s, storage, controls);
  if (v.data() == s.data() && v.size() == s.size()) return std::string(s);
  return storage;
}

}  // namespace apiref::text
