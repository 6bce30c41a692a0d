#include "tree/yaml_scalar.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace apiref {

// The words with a meaning of their own, in the spellings the specs list (compared as views:
// the writer asks about millions of short keys).
static constexpr std::string_view kNullWords[] = {"~", "null", "Null", "NULL"};
static constexpr std::string_view kTrueWords[] = {"true", "True", "TRUE"};
static constexpr std::string_view kFalseWords[] = {"false", "False", "FALSE"};
static constexpr std::string_view kYaml11Booleans[] = {"yes", "Yes", "YES", "no",  "No",  "NO",
                                                       "on",  "On",  "ON",  "off", "Off", "OFF"};
static constexpr std::string_view kYaml11Letters[] = {"y", "Y", "n", "N"};  // booleans to some 1.1 readers

template <size_t N>
static bool one_of(std::string_view v, const std::string_view (&words)[N]) {
  for (std::string_view w : words)
    if (v == w) return true;
  return false;
}

static bool all_of(std::string_view s, const char* set) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::strchr(set, c)) return false;
  return true;
}

bool is_json_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i]))) return false;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i]))) return false;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  return i == s.size();
}

PlainType type_plain_scalar(const std::string& v, std::string& json, bool& boolean) {
  if (v.empty() || one_of(v, kNullWords)) return PlainType::Null;
  if (one_of(v, kTrueWords)) return boolean = true, PlainType::Bool;
  if (one_of(v, kFalseWords)) return boolean = false, PlainType::Bool;
  std::string_view s = v;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return PlainType::NotANumber;
  std::string_view unsigned_part = (s[0] == '+' || s[0] == '-') ? s.substr(1) : s;
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF")
    return PlainType::NotANumber;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    bool hex = s[1] == 'x';
    if (!all_of(s.substr(2), hex ? "0123456789abcdefABCDEF" : "01234567")) return PlainType::String;
    errno = 0;
    unsigned long long n = std::strtoull(v.c_str() + 2, nullptr, hex ? 16 : 8);
    if (errno == ERANGE) return PlainType::String;
    json = std::to_string(n);
    return PlainType::Number;
  }
  if (is_json_number(s)) return json = v, PlainType::Number;
  // Remaining YAML 1.2 number forms: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::string_view body = unsigned_part;
  size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < body.size() && isdigit(static_cast<unsigned char>(body[i]))) ++i, ++int_digits;
  bool dot = i < body.size() && body[i] == '.';
  if (dot) {
    ++i;
    while (i < body.size() && isdigit(static_cast<unsigned char>(body[i]))) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return PlainType::String;
  std::string exp;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    size_t e = i++;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    size_t digits = 0;
    while (i < body.size() && isdigit(static_cast<unsigned char>(body[i]))) ++i, ++digits;
    if (!digits) return PlainType::String;
    exp = std::string(body.substr(e, i - e));
  }
  if (i != body.size()) return PlainType::String;
  std::string int_part(body.substr(0, int_digits));
  std::string frac_part(body.substr(int_digits + (dot ? 1 : 0), frac_digits));
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  json = (s[0] == '-' ? "-" : "") + int_part;
  if (!frac_part.empty()) json += "." + frac_part;
  json += exp;
  return PlainType::Number;
}

bool is_yaml11_boolean(std::string_view v) { return one_of(v, kYaml11Booleans); }

bool reads_as_null_or_boolean(std::string_view v) {
  return one_of(v, kNullWords) || one_of(v, kTrueWords) || one_of(v, kFalseWords) || is_yaml11_boolean(v) ||
         one_of(v, kYaml11Letters);
}

}  // namespace apiref
