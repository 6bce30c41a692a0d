// UTF-8: checking, repairing and appending code points. Descriptions, messages and file names
// come from the user and may hold any bytes; what we emit (HTML, JSON, SARIF, XML) must be UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace apiref::text {

// U+FFFD, the character that stands for each byte that is not valid UTF-8.
inline constexpr const char kReplacementCharacter[] = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i] (shortest form, no surrogates, at most U+10FFFF),
// or 0 when the bytes there are not one. `cp` receives the code point.
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp);

// Code points in `s` (bytes that do not continue a sequence), for lengths a user sees such as
// JSON Schema's minLength; invalid UTF-8 is not checked.
size_t utf8_length(std::string_view s);
// Byte offset of code point number `index` counted as utf8_length does, or s.size().
size_t utf8_offset(std::string_view s, size_t index);

// Appends the UTF-8 encoding of `cp` (a code point up to U+10FFFF).
void append_utf8(std::string& out, uint32_t cp);

// Which code points a repair replaces besides invalid bytes. Each caller's output format decides:
// HTML turns NUL into U+FFFD; a report line is clearer without control characters at all.
enum class Utf8Controls {
  Keep,                  // every valid code point stays
  ReplaceNul,            // U+0000 becomes U+FFFD
  ReplaceExceptTabNewline,  // U+0000..U+001F other than '\t' and '\n' become U+FFFD
};

// `s` itself when it needs no repair; otherwise a copy in `storage` with every invalid byte (and
// every control `controls` names) replaced by U+FFFD. Valid text is not copied.
std::string_view valid_utf8(std::string_view s, std::string& storage, Utf8Controls controls = Utf8Controls::Keep);
// The same, always as a new string.
std::string valid_utf8(std::string_view s, Utf8Controls controls = Utf8Controls::Keep);

// Calls f(code point, its bytes in `s`) for every code point of `s`, and f(0xFFFD, U+FFFD's
// bytes) for each byte that is not valid UTF-8.
template <typename F>
void for_each_code_point(std::string_view s, F f) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      f(uint32_t{0xFFFD}, std::string_view(kReplacementCharacter, 3));
      ++i;
    } else {
      f(cp, s.substr(i, len));
      i += len;
    }
  }
}

}  // namespace apiref::text
