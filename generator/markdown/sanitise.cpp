// The HTML side of the Markdown stage: escaping, character references, and the allowlist
// sanitiser that every piece of rendered Markdown goes through.
//
// The sanitiser is a small HTML tokenizer, not a set of regular expressions. It never copies
// markup from its input: every tag in the output is rebuilt from the allowlist (name, then each
// allowed attribute with its decoded value re-escaped in double quotes), every text run is
// escaped, and no element whose content a browser reads as raw text is ever emitted. So what a
// browser makes of the output is exactly what this tokenizer made of the input, however the
// input was meant to confuse a browser. Everything is linear in the input: a tag that fails to
// parse is escaped as text up to the point where it failed, and scanning resumes there.
#include "markdown/markdown.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace apiref {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = to_lower(c);
  return r;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

// True when every character of `s` is accepted by `ok` (and the length is within bounds).
template <typename Pred>
bool all_of(std::string_view s, size_t min_len, size_t max_len, Pred ok) {
  if (s.size() < min_len || s.size() > max_len) return false;
  return std::all_of(s.begin(), s.end(), ok);
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

constexpr const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid (NUL counts as invalid
// too: HTML turns it into U+FFFD).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return len;
}

// `s` itself when it is valid UTF-8 without NULs; otherwise a copy in `storage` with every bad
// byte replaced by U+FFFD.
std::string_view valid_utf8(std::string_view s, std::string& storage) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = utf8_sequence_length(s, i);
    if (len == 0) break;
    i += len;
  }
  if (i == s.size()) return s;
  storage.assign(s.substr(0, i));
  while (i < s.size()) {
    size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      storage += kReplacement;
      ++i;
    } else {
      storage.append(s.substr(i, len));
      i += len;
    }
  }
  return storage;
}

// ---------------------------------------------------------------------------------------------
// Character references

struct NamedEntity {
  const char* name;
  const char* value;  // UTF-8
  bool legacy;        // also recognised without the trailing ';' (as browsers do)
};

// The HTML 4 set (what descriptions actually use) plus every HTML 5 name for an ASCII
// character (&colon; &Tab; &NewLine; &lpar; ...: the ones used to obfuscate URLs). Sorted by
// name, byte order. A name not listed here is left as written, which is always safe: the
// output re-escapes the '&', or (in element text) passes a well-formed reference through for
// the browser to decode as text.
constexpr NamedEntity kEntities[] = {
    {"AElig", "\xC3\x86", true},
    {"AMP", "\x26", true},
    {"Aacute", "\xC3\x81", true},
    {"Acirc", "\xC3\x82", true},
    {"Agrave", "\xC3\x80", true},
    {"Alpha", "\xCE\x91", false},
    {"Aring", "\xC3\x85", true},
    {"Atilde", "\xC3\x83", true},
    {"Auml", "\xC3\x84", true},
    {"Beta", "\xCE\x92", false},
    {"Ccedil", "\xC3\x87", true},
    {"Chi", "\xCE\xA7", false},
    {"Dagger", "\xE2\x80\xA1", false},
    {"Delta", "\xCE\x94", false},
    {"DiacriticalGrave", "\x60", false},
    {"ETH", "\xC3\x90", true},
    {"Eacute", "\xC3\x89", true},
    {"Ecirc", "\xC3\x8A", true},
    {"Egrave", "\xC3\x88", true},
    {"Epsilon", "\xCE\x95", false},
    {"Eta", "\xCE\x97", false},
    {"Euml", "\xC3\x8B", true},
    {"GT", "\x3E", true},
    {"Gamma", "\xCE\x93", false},
    {"Hat", "\x5E", false},
    {"Iacute", "\xC3\x8D", true},
    {"Icirc", "\xC3\x8E", true},
    {"Igrave", "\xC3\x8C", true},
    {"Iota", "\xCE\x99", false},
    {"Iuml", "\xC3\x8F", true},
    {"Kappa", "\xCE\x9A", false},
    {"LT", "\x3C", true},
    {"Lambda", "\xCE\x9B", false},
    {"Mu", "\xCE\x9C", false},
    {"NewLine", "\x0A", false},
    {"Ntilde", "\xC3\x91", true},
    {"Nu", "\xCE\x9D", false},
    {"OElig", "\xC5\x92", false},
    {"Oacute", "\xC3\x93", true},
    {"Ocirc", "\xC3\x94", true},
    {"Ograve", "\xC3\x92", true},
    {"Omega", "\xCE\xA9", false},
    {"Omicron", "\xCE\x9F", false},
    {"Oslash", "\xC3\x98", true},
    {"Otilde", "\xC3\x95", true},
    {"Ouml", "\xC3\x96", true},
    {"Phi", "\xCE\xA6", false},
    {"Pi", "\xCE\xA0", false},
    {"Prime", "\xE2\x80\xB3", false},
    {"Psi", "\xCE\xA8", false},
    {"QUOT", "\x22", true},
    {"Rho", "\xCE\xA1", false},
    {"Scaron", "\xC5\xA0", false},
    {"Sigma", "\xCE\xA3", false},
    {"THORN", "\xC3\x9E", true},
    {"Tab", "\x09", false},
    {"Tau", "\xCE\xA4", false},
    {"Theta", "\xCE\x98", false},
    {"Uacute", "\xC3\x9A", true},
    {"Ucirc", "\xC3\x9B", true},
    {"Ugrave", "\xC3\x99", true},
    {"UnderBar", "\x5F", false},
    {"Upsilon", "\xCE\xA5", false},
    {"Uuml", "\xC3\x9C", true},
    {"VerticalLine", "\x7C", false},
    {"Xi", "\xCE\x9E", false},
    {"Yacute", "\xC3\x9D", true},
    {"Yuml", "\xC5\xB8", false},
    {"Zeta", "\xCE\x96", false},
    {"aacute", "\xC3\xA1", true},
    {"acirc", "\xC3\xA2", true},
    {"acute", "\xC2\xB4", true},
    {"aelig", "\xC3\xA6", true},
    {"agrave", "\xC3\xA0", true},
    {"alefsym", "\xE2\x84\xB5", false},
    {"alpha", "\xCE\xB1", false},
    {"amp", "\x26", true},
    {"and", "\xE2\x88\xA7", false},
    {"ang", "\xE2\x88\xA0", false},
    {"apos", "\x27", false},
    {"aring", "\xC3\xA5", true},
    {"ast", "\x2A", false},
    {"asymp", "\xE2\x89\x88", false},
    {"atilde", "\xC3\xA3", true},
    {"auml", "\xC3\xA4", true},
    {"bdquo", "\xE2\x80\x9E", false},
    {"beta", "\xCE\xB2", false},
    {"brvbar", "\xC2\xA6", true},
    {"bsol", "\x5C", false},
    {"bull", "\xE2\x80\xA2", false},
    {"cap", "\xE2\x88\xA9", false},
    {"ccedil", "\xC3\xA7", true},
    {"cedil", "\xC2\xB8", true},
    {"cent", "\xC2\xA2", true},
    {"chi", "\xCF\x87", false},
    {"circ", "\xCB\x86", false},
    {"clubs", "\xE2\x99\xA3", false},
    {"colon", "\x3A", false},
    {"comma", "\x2C", false},
    {"commat", "\x40", false},
    {"cong", "\xE2\x89\x85", false},
    {"copy", "\xC2\xA9", true},
    {"crarr", "\xE2\x86\xB5", false},
    {"cup", "\xE2\x88\xAA", false},
    {"curren", "\xC2\xA4", true},
    {"dArr", "\xE2\x87\x93", false},
    {"dagger", "\xE2\x80\xA0", false},
    {"darr", "\xE2\x86\x93", false},
    {"deg", "\xC2\xB0", true},
    {"delta", "\xCE\xB4", false},
    {"diams", "\xE2\x99\xA6", false},
    {"divide", "\xC3\xB7", true},
    {"dollar", "\x24", false},
    {"eacute", "\xC3\xA9", true},
    {"ecirc", "\xC3\xAA", true},
    {"egrave", "\xC3\xA8", true},
    {"empty", "\xE2\x88\x85", false},
    {"emsp", "\xE2\x80\x83", false},
    {"ensp", "\xE2\x80\x82", false},
    {"epsilon", "\xCE\xB5", false},
    {"equals", "\x3D", false},
    {"equiv", "\xE2\x89\xA1", false},
    {"eta", "\xCE\xB7", false},
    {"eth", "\xC3\xB0", true},
    {"euml", "\xC3\xAB", true},
    {"euro", "\xE2\x82\xAC", false},
    {"excl", "\x21", false},
    {"exist", "\xE2\x88\x83", false},
    {"fnof", "\xC6\x92", false},
    {"forall", "\xE2\x88\x80", false},
    {"frac12", "\xC2\xBD", true},
    {"frac14", "\xC2\xBC", true},
    {"frac34", "\xC2\xBE", true},
    {"frasl", "\xE2\x81\x84", false},
    {"gamma", "\xCE\xB3", false},
    {"ge", "\xE2\x89\xA5", false},
    {"grave", "\x60", false},
    {"gt", "\x3E", true},
    {"hArr", "\xE2\x87\x94", false},
    {"harr", "\xE2\x86\x94", false},
    {"hearts", "\xE2\x99\xA5", false},
    {"hellip", "\xE2\x80\xA6", false},
    {"iacute", "\xC3\xAD", true},
    {"icirc", "\xC3\xAE", true},
    {"iexcl", "\xC2\xA1", true},
    {"igrave", "\xC3\xAC", true},
    {"image", "\xE2\x84\x91", false},
    {"infin", "\xE2\x88\x9E", false},
    {"int", "\xE2\x88\xAB", false},
    {"iota", "\xCE\xB9", false},
    {"iquest", "\xC2\xBF", true},
    {"isin", "\xE2\x88\x88", false},
    {"iuml", "\xC3\xAF", true},
    {"kappa", "\xCE\xBA", false},
    {"lArr", "\xE2\x87\x90", false},
    {"lambda", "\xCE\xBB", false},
    {"lang", "\xE2\x9F\xA8", false},
    {"laquo", "\xC2\xAB", true},
    {"larr", "\xE2\x86\x90", false},
    {"lbrace", "\x7B", false},
    {"lbrack", "\x5B", false},
    {"lceil", "\xE2\x8C\x88", false},
    {"lcub", "\x7B", false},
    {"ldquo", "\xE2\x80\x9C", false},
    {"le", "\xE2\x89\xA4", false},
    {"lfloor", "\xE2\x8C\x8A", false},
    {"lowast", "\xE2\x88\x97", false},
    {"lowbar", "\x5F", false},
    {"loz", "\xE2\x97\x8A", false},
    {"lpar", "\x28", false},
    {"lrm", "\xE2\x80\x8E", false},
    {"lsaquo", "\xE2\x80\xB9", false},
    {"lsqb", "\x5B", false},
    {"lsquo", "\xE2\x80\x98", false},
    {"lt", "\x3C", true},
    {"macr", "\xC2\xAF", true},
    {"mdash", "\xE2\x80\x94", false},
    {"micro", "\xC2\xB5", true},
    {"midast", "\x2A", false},
    {"middot", "\xC2\xB7", true},
    {"minus", "\xE2\x88\x92", false},
    {"mu", "\xCE\xBC", false},
    {"nabla", "\xE2\x88\x87", false},
    {"nbsp", "\xC2\xA0", true},
    {"ndash", "\xE2\x80\x93", false},
    {"ne", "\xE2\x89\xA0", false},
    {"ni", "\xE2\x88\x8B", false},
    {"not", "\xC2\xAC", true},
    {"notin", "\xE2\x88\x89", false},
    {"nsub", "\xE2\x8A\x84", false},
    {"ntilde", "\xC3\xB1", true},
    {"nu", "\xCE\xBD", false},
    {"num", "\x23", false},
    {"oacute", "\xC3\xB3", true},
    {"ocirc", "\xC3\xB4", true},
    {"oelig", "\xC5\x93", false},
    {"ograve", "\xC3\xB2", true},
    {"oline", "\xE2\x80\xBE", false},
    {"omega", "\xCF\x89", false},
    {"omicron", "\xCE\xBF", false},
    {"oplus", "\xE2\x8A\x95", false},
    {"or", "\xE2\x88\xA8", false},
    {"ordf", "\xC2\xAA", true},
    {"ordm", "\xC2\xBA", true},
    {"oslash", "\xC3\xB8", true},
    {"otilde", "\xC3\xB5", true},
    {"otimes", "\xE2\x8A\x97", false},
    {"ouml", "\xC3\xB6", true},
    {"para", "\xC2\xB6", true},
    {"part", "\xE2\x88\x82", false},
    {"percnt", "\x25", false},
    {"period", "\x2E", false},
    {"permil", "\xE2\x80\xB0", false},
    {"perp", "\xE2\x8A\xA5", false},
    {"phi", "\xCF\x86", false},
    {"pi", "\xCF\x80", false},
    {"piv", "\xCF\x96", false},
    {"plus", "\x2B", false},
    {"plusmn", "\xC2\xB1", true},
    {"pound", "\xC2\xA3", true},
    {"prime", "\xE2\x80\xB2", false},
    {"prod", "\xE2\x88\x8F", false},
    {"prop", "\xE2\x88\x9D", false},
    {"psi", "\xCF\x88", false},
    {"quest", "\x3F", false},
    {"quot", "\x22", true},
    {"rArr", "\xE2\x87\x92", false},
    {"radic", "\xE2\x88\x9A", false},
    {"rang", "\xE2\x9F\xA9", false},
    {"raquo", "\xC2\xBB", true},
    {"rarr", "\xE2\x86\x92", false},
    {"rbrace", "\x7D", false},
    {"rbrack", "\x5D", false},
    {"rceil", "\xE2\x8C\x89", false},
    {"rcub", "\x7D", false},
    {"rdquo", "\xE2\x80\x9D", false},
    {"real", "\xE2\x84\x9C", false},
    {"reg", "\xC2\xAE", true},
    {"rfloor", "\xE2\x8C\x8B", false},
    {"rho", "\xCF\x81", false},
    {"rlm", "\xE2\x80\x8F", false},
    {"rpar", "\x29", false},
    {"rsaquo", "\xE2\x80\xBA", false},
    {"rsqb", "\x5D", false},
    {"rsquo", "\xE2\x80\x99", false},
    {"sbquo", "\xE2\x80\x9A", false},
    {"scaron", "\xC5\xA1", false},
    {"sdot", "\xE2\x8B\x85", false},
    {"sect", "\xC2\xA7", true},
    {"semi", "\x3B", false},
    {"shy", "\xC2\xAD", true},
    {"sigma", "\xCF\x83", false},
    {"sigmaf", "\xCF\x82", false},
    {"sim", "\xE2\x88\xBC", false},
    {"sol", "\x2F", false},
    {"spades", "\xE2\x99\xA0", false},
    {"sub", "\xE2\x8A\x82", false},
    {"sube", "\xE2\x8A\x86", false},
    {"sum", "\xE2\x88\x91", false},
    {"sup", "\xE2\x8A\x83", false},
    {"sup1", "\xC2\xB9", true},
    {"sup2", "\xC2\xB2", true},
    {"sup3", "\xC2\xB3", true},
    {"supe", "\xE2\x8A\x87", false},
    {"szlig", "\xC3\x9F", true},
    {"tau", "\xCF\x84", false},
    {"there4", "\xE2\x88\xB4", false},
    {"theta", "\xCE\xB8", false},
    {"thetasym", "\xCF\x91", false},
    {"thinsp", "\xE2\x80\x89", false},
    {"thorn", "\xC3\xBE", true},
    {"tilde", "\xCB\x9C", false},
    {"times", "\xC3\x97", true},
    {"trade", "\xE2\x84\xA2", false},
    {"uArr", "\xE2\x87\x91", false},
    {"uacute", "\xC3\xBA", true},
    {"uarr", "\xE2\x86\x91", false},
    {"ucirc", "\xC3\xBB", true},
    {"ugrave", "\xC3\xB9", true},
    {"uml", "\xC2\xA8", true},
    {"upsih", "\xCF\x92", false},
    {"upsilon", "\xCF\x85", false},
    {"uuml", "\xC3\xBC", true},
    {"verbar", "\x7C", false},
    {"vert", "\x7C", false},
    {"weierp", "\xE2\x84\x98", false},
    {"xi", "\xCE\xBE", false},
    {"yacute", "\xC3\xBD", true},
    {"yen", "\xC2\xA5", true},
    {"yuml", "\xC3\xBF", true},
    {"zeta", "\xCE\xB6", false},
    {"zwj", "\xE2\x80\x8D", false},
    {"zwnj", "\xE2\x80\x8C", false},
};
constexpr size_t kMaxLegacyNameLength = 6;

const NamedEntity* find_entity(std::string_view name) {
  const NamedEntity* begin = std::begin(kEntities);
  const NamedEntity* end = std::end(kEntities);
  const NamedEntity* it = std::lower_bound(
      begin, end, name, [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  return (it != end && it->name == name) ? it : nullptr;
}

// HTML maps numeric references to C1 controls as if they were Windows-1252.
constexpr uint16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

enum class RefContext { Text, Attribute };

// If s[i] == '&' starts a numeric character reference (&#106; &#x6A; and, as browsers accept,
// without the ';' and with any number of leading zeros), appends the character and returns the
// reference's length; otherwise returns 0.
size_t decode_numeric_ref(std::string_view s, size_t i, std::string& out) {
  size_t j = i + 1;
  if (j >= s.size() || s[j] != '#') return 0;
  ++j;
  bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  size_t digits_start = j;
  uint32_t value = 0;
  while (j < s.size() && (hex ? is_hex(s[j]) : is_digit(s[j]))) {
    uint32_t d = is_digit(s[j]) ? static_cast<uint32_t>(s[j] - '0')
                                : static_cast<uint32_t>(to_lower(s[j]) - 'a' + 10);
    if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + d;  // saturates above the range
    ++j;
  }
  if (j == digits_start) return 0;
  if (j < s.size() && s[j] == ';') ++j;
  uint32_t cp = value;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  else if (cp >= 0x80 && cp <= 0x9F)
    cp = kWindows1252[cp - 0x80];
  append_utf8(out, cp);
  return j - i;
}

// Length of the name after '&' at s[i] (ASCII letters and digits, starting with a letter).
size_t ref_name_length(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j >= s.size() || !is_alpha(s[j])) return 0;
  while (j < s.size() && is_alnum(s[j]) && j - i <= 64) ++j;
  return j - i - 1;
}

// A named reference from the table: "&name;" or a legacy name without ';' (the longest that
// matches). In attribute values a legacy name followed by a letter, digit or '=' is not a
// reference (that is how browsers keep "?a=1&copy=2" intact).
size_t decode_named_ref(std::string_view s, size_t i, RefContext ctx, std::string& out) {
  size_t len = ref_name_length(s, i);
  if (len == 0) return 0;
  std::string_view name = s.substr(i + 1, len);
  if (i + 1 + len < s.size() && s[i + 1 + len] == ';') {
    if (const NamedEntity* e = find_entity(name)) {
      out += e->value;
      return len + 2;
    }
  }
  for (size_t l = std::min(len, kMaxLegacyNameLength); l >= 2; --l) {
    const NamedEntity* e = find_entity(name.substr(0, l));
    if (!e || !e->legacy) continue;
    if (ctx == RefContext::Attribute && i + 1 + l < s.size()) {
      char next = s[i + 1 + l];
      if (is_alnum(next) || next == '=') return 0;
    }
    out += e->value;
    return l + 1;
  }
  return 0;
}

size_t decode_ref(std::string_view s, size_t i, RefContext ctx, std::string& out) {
  size_t n = decode_numeric_ref(s, i, out);
  return n ? n : decode_named_ref(s, i, ctx, out);
}

std::string decode(std::string_view s, RefContext ctx) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      size_t n = decode_ref(s, i, ctx, out);
      if (n) {
        i += n;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Elements

enum ElementFlags : unsigned {
  kAllowed = 1u << 0,      // kept (with allowlisted attributes)
  kInline = 1u << 1,       // kept in inline mode too
  kVoid = 1u << 2,         // no content, no end tag
  kBlock = 1u << 3,        // separates words: a space in inline and text output when dropped
  kRawDrop = 1u << 4,      // content is raw text (not markup) and is dropped with the element
  kNestedDrop = 1u << 5,   // content is markup and is dropped with the element
  kForeign = 1u << 6,      // svg, math: <svg/> really is empty
  kClosesP = 1u << 7,      // a start tag that closes an open <p>
  kToEnd = 1u << 8,        // <plaintext>: everything after it
};

unsigned element_flags(std::string_view name) {
  static const std::unordered_map<std::string_view, unsigned> table = [] {
    const unsigned inl = kAllowed | kInline;
    const unsigned blk = kAllowed | kBlock;
    const unsigned blk_p = kAllowed | kBlock | kClosesP;
    std::unordered_map<std::string_view, unsigned> t = {
        {"p", blk_p},         {"br", kAllowed | kVoid | kBlock},
        {"hr", blk_p | kVoid}, {"h1", blk_p},          {"h2", blk_p},
        {"h3", blk_p},        {"h4", blk_p},          {"h5", blk_p},
        {"h6", blk_p},        {"strong", inl},        {"b", inl},
        {"em", inl},          {"i", inl},             {"u", inl},
        {"s", inl},           {"del", inl},           {"ins", inl},
        {"sub", inl},         {"sup", inl},           {"code", inl},
        {"pre", blk_p},       {"kbd", inl},           {"samp", inl},
        {"var", inl},         {"blockquote", blk_p},  {"ul", blk_p},
        {"ol", blk_p},        {"li", blk_p},          {"dl", blk_p},
        {"dt", blk_p},        {"dd", blk_p},          {"table", blk_p},
        {"thead", blk},       {"tbody", blk},         {"tfoot", blk},
        {"tr", blk},          {"th", blk},            {"td", blk},
        {"caption", blk},     {"a", inl},             {"img", inl | kVoid},
        {"details", blk_p},   {"summary", blk_p},     {"span", inl},
        {"div", blk_p},       {"abbr", inl},          {"small", inl},
        {"mark", inl},        {"input", inl | kVoid}, {"figure", blk_p},
        {"figcaption", blk_p},
        // Dropped with everything inside them.
        {"script", kRawDrop}, {"style", kRawDrop},    {"xmp", kRawDrop | kBlock},
        {"iframe", kRawDrop}, {"noembed", kRawDrop},  {"noframes", kRawDrop},
        {"noscript", kRawDrop}, {"textarea", kRawDrop}, {"title", kRawDrop},
        {"plaintext", kRawDrop | kToEnd},
        {"object", kNestedDrop}, {"applet", kNestedDrop}, {"template", kNestedDrop},
        {"form", kNestedDrop | kBlock}, {"frameset", kNestedDrop},
        {"svg", kNestedDrop | kForeign}, {"math", kNestedDrop | kForeign},
        {"embed", kVoid}, {"frame", kVoid},
        // Dropped (content kept), but they separate words.
        {"address", kBlock}, {"article", kBlock}, {"aside", kBlock}, {"center", kBlock},
        {"dialog", kBlock}, {"fieldset", kBlock}, {"footer", kBlock}, {"header", kBlock},
        {"hgroup", kBlock}, {"legend", kBlock}, {"listing", kBlock}, {"main", kBlock},
        {"menu", kBlock}, {"nav", kBlock}, {"option", kBlock}, {"section", kBlock},
        {"body", kBlock}, {"html", kBlock},
    };
    return t;
  }();
  auto it = table.find(name);
  return it == table.end() ? 0u : it->second;
}

bool is_heading(std::string_view n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

// ---------------------------------------------------------------------------------------------
// Attributes

// A URL attribute value (already decoded) is kept only with an http, https or mailto scheme, or
// none (relative, #fragment). Control characters are removed (browsers drop tabs and newlines
// inside URLs, which is how "jav&#x09;ascript:" works) and spaces trimmed; the scheme is
// found with every space removed too, so "java script:" and " javascript:" are caught as well.
// Anything before the first ':' counts as a scheme if no '/', '?' or '#' comes first, so
// "jav%09ascript:x" is refused rather than trusted to be read as a relative path.
std::optional<std::string> check_url(std::string_view value, bool& external) {
  std::string url;
  url.reserve(value.size());
  for (char c : value)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) url += c;
  size_t b = url.find_first_not_of(' ');
  if (b == std::string::npos) return std::string();
  size_t e = url.find_last_not_of(' ');
  url = url.substr(b, e - b + 1);

  std::string probe;
  for (char c : url)
    if (c != ' ') probe += c;
  size_t p = probe.find_first_of(":/?#");
  external = false;
  if (p != std::string::npos && probe[p] == ':') {
    std::string scheme = lower(probe.substr(0, p));
    if (scheme == "http" || scheme == "https")
      external = true;
    else if (scheme != "mailto")
      return std::nullopt;
  } else if (probe.size() >= 2 && (probe[0] == '/' || probe[0] == '\\') &&
             (probe[1] == '/' || probe[1] == '\\')) {
    external = true;  // protocol-relative: //host/path (browsers read '\' as '/')
  }
  return url;
}

bool class_char(char c) { return is_alnum(c) || c == ' ' || c == '_' || c == '-'; }
// Language classes on code blocks: "language-c++", "language-objective-c", "language-c#".
bool code_class_char(char c) { return class_char(c) || c == '+' || c == '#' || c == '.'; }
bool id_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }
bool lang_char(char c) { return is_alnum(c) || c == '-'; }

// The value to emit for attribute `attr` on element `element`, or nullopt to drop it.
std::optional<std::string> check_attribute(std::string_view element, std::string_view attr,
                                           const std::string& value, bool& external_link) {
  // Global attributes.
  if (attr == "title") return value;
  if (attr == "lang") {
    if (all_of(value, 1, 35, lang_char)) return value;
    return std::nullopt;
  }
  if (attr == "dir") {
    std::string v = lower(value);
    if (v == "ltr" || v == "rtl" || v == "auto") return v;
    return std::nullopt;
  }
  if (attr == "class") {
    bool code = element == "code" || element == "pre";
    if (all_of(value, 0, 200, code ? code_class_char : class_char)) return value;
    return std::nullopt;
  }
  if (attr == "id") {
    if (all_of(value, 1, 100, id_char)) return value;
    return std::nullopt;
  }
  // Per element.
  if (element == "a" && attr == "href") return check_url(value, external_link);
  if (element == "img") {
    bool ignored = false;
    if (attr == "src") return check_url(value, ignored);
    if (attr == "alt") return value;
    if (attr == "width" || attr == "height") {
      std::string_view v = value;
      if (!v.empty() && v.back() == '%') v.remove_suffix(1);
      if (all_of(v, 1, 5, is_digit)) return value;
      return std::nullopt;
    }
  }
  if ((element == "th" || element == "td")) {
    if (attr == "align") {
      std::string v = lower(value);
      if (v == "left" || v == "center" || v == "right") return v;
      return std::nullopt;
    }
    if ((attr == "colspan" || attr == "rowspan") && all_of(value, 1, 3, is_digit)) return value;
  }
  if (element == "ol" && attr == "start") {
    std::string_view v = value;
    if (!v.empty() && v[0] == '-') v.remove_prefix(1);
    if (all_of(v, 1, 9, is_digit)) return value;
  }
  if (element == "details" && attr == "open") return std::string();
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

struct Attribute {
  std::string name;  // lower case
  std::string_view raw_value;
  bool has_value = false;
};

struct Tag {
  std::string name;  // lower case
  std::vector<Attribute> attributes;
  bool end = false;
  bool self_closing = false;
};

bool attr_name_start(char c) { return is_alpha(c) || c == '_' || c == ':'; }
bool attr_name_char(char c) { return is_alnum(c) || c == '_' || c == '.' || c == ':' || c == '-'; }
bool unquoted_value_char(char c) {
  return !is_ws(c) && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' && c != '`';
}

// Parses the tag at s[i] == '<' (CommonMark's raw-HTML grammar: open tags with attributes,
// closing tags without). On success `stop` is just past the '>'. On failure `stop` (> i) is the
// character that did not fit: the caller escapes s[i, stop) as text and resumes there.
bool parse_tag(std::string_view s, size_t i, Tag& tag, size_t& stop) {
  const size_t n = s.size();
  size_t j = i + 1;
  stop = j;
  tag = Tag();
  if (j < n && s[j] == '/') {
    tag.end = true;
    ++j;
  }
  if (j >= n || !is_alpha(s[j])) return false;
  size_t name_start = j;
  while (j < n && (is_alnum(s[j]) || s[j] == '-')) ++j;
  tag.name = lower(s.substr(name_start, j - name_start));
  for (;;) {
    size_t ws_start = j;
    while (j < n && is_ws(s[j])) ++j;
    bool had_ws = j > ws_start;
    stop = j;
    if (j >= n) return false;
    if (s[j] == '>') {
      stop = j + 1;
      return true;
    }
    if (tag.end) return false;
    if (s[j] == '/') {
      if (j + 1 < n && s[j + 1] == '>') {
        tag.self_closing = true;
        stop = j + 2;
        return true;
      }
      return false;
    }
    if (!had_ws || !attr_name_start(s[j])) return false;
    Attribute attr;
    size_t an = j;
    while (j < n && attr_name_char(s[j])) ++j;
    attr.name = lower(s.substr(an, j - an));
    size_t k = j;
    while (k < n && is_ws(s[k])) ++k;
    if (k < n && s[k] == '=') {
      ++k;
      while (k < n && is_ws(s[k])) ++k;
      stop = k;
      if (k >= n) return false;
      if (s[k] == '"' || s[k] == '\'') {
        size_t close = s.find(s[k], k + 1);
        if (close == std::string_view::npos) {
          stop = n;  // an unterminated quote: the rest is text
          return false;
        }
        attr.raw_value = s.substr(k + 1, close - k - 1);
        j = close + 1;
      } else {
        size_t v = k;
        while (k < n && unquoted_value_char(s[k])) ++k;
        if (k == v) return false;
        attr.raw_value = s.substr(v, k - v);
        j = k;
      }
      attr.has_value = true;
    }
    // else: no value; the whitespace after the name is seen again by the next round.
    tag.attributes.push_back(std::move(attr));
  }
}

bool starts_with_at(std::string_view s, size_t i, std::string_view prefix) {
  return s.size() - i >= prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}

// Just past the end tag "</name ...>" of a raw-text element whose content starts at `from`
// (the end of the input when there is none).
size_t skip_raw_text(std::string_view s, size_t from, std::string_view name) {
  size_t p = from;
  while ((p = s.find("</", p)) != std::string_view::npos) {
    size_t q = p + 2 + name.size();
    if (q <= s.size() && iequals(s.substr(p + 2, name.size()), name) &&
        (q == s.size() || is_ws(s[q]) || s[q] == '/' || s[q] == '>')) {
      size_t gt = s.find('>', q);
      return gt == std::string_view::npos ? s.size() : gt + 1;
    }
    p += 2;
  }
  return s.size();
}

// ---------------------------------------------------------------------------------------------
// The sanitiser

enum class Mode {
  Block,   // sanitise_html
  Inline,  // sanitise_html_inline
  Text,    // html_to_text
};

constexpr size_t kMaxDepth = 256;  // deeper allowed elements are dropped (their text is kept)

class Sanitiser {
 public:
  explicit Sanitiser(Mode mode) : mode_(mode) {}

  std::string run(std::string_view input) {
    std::string storage;
    std::string_view s = valid_utf8(input, storage);
    const size_t n = s.size();
    out_.reserve(n + n / 8);
    size_t no_gt_from = std::string_view::npos;  // no '>' at or after this position
    size_t i = 0;
    while (i < n) {
      size_t lt = s.find('<', i);
      if (lt == std::string_view::npos) lt = n;
      if (lt > i) {
        if (skip_depth_ == 0) text(s.substr(i, lt - i));
        i = lt;
        continue;
      }
      // A comment, or a CDATA section: dropped (to the end when unterminated, as browsers do).
      if (starts_with_at(s, i, "<!--")) {
        if (starts_with_at(s, i, "<!-->")) {
          i += 5;
        } else if (starts_with_at(s, i, "<!--->")) {
          i += 6;
        } else {
          size_t e = s.find("-->", i + 4);
          i = e == std::string_view::npos ? n : e + 3;
        }
        continue;
      }
      if (starts_with_at(s, i, "<![CDATA[")) {
        size_t e = s.find("]]>", i + 9);
        i = e == std::string_view::npos ? n : e + 3;
        continue;
      }
      // A doctype or processing instruction: dropped when it ends, text when it does not.
      if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
        size_t gt = std::string_view::npos;
        if (no_gt_from == std::string_view::npos || i < no_gt_from) {
          gt = s.find('>', i + 2);
          if (gt == std::string_view::npos) no_gt_from = i;
        }
        if (gt != std::string_view::npos) {
          i = gt + 1;
        } else {
          if (skip_depth_ == 0) text(s.substr(i, 1));
          ++i;
        }
        continue;
      }
      Tag tag;
      size_t stop;
      if (!parse_tag(s, i, tag, stop)) {
        if (skip_depth_ == 0) text(s.substr(i, stop - i));
        i = stop;
        continue;
      }
      i = stop;
      unsigned flags = element_flags(tag.name);
      if (skip_depth_ > 0) {
        if (tag.name == skip_name_) {
          if (tag.end)
            --skip_depth_;
          else if (!(tag.self_closing && (flags & kForeign)))
            ++skip_depth_;
        }
        continue;
      }
      if (tag.end) {
        end_tag(tag.name, flags);
      } else if (flags & kRawDrop) {
        i = (flags & kToEnd) ? n : skip_raw_text(s, i, tag.name);
        if (flags & kBlock) separate();
      } else if (flags & kNestedDrop) {
        if (!(tag.self_closing && (flags & kForeign))) {
          skip_name_ = tag.name;
          skip_depth_ = 1;
        }
        if (flags & kBlock) separate();
      } else {
        start_tag(tag, flags);
      }
    }
    while (!stack_.empty()) pop();
    return std::move(out_);
  }

 private:
  bool keeps(unsigned flags) const {
    if (!(flags & kAllowed)) return false;
    if (mode_ == Mode::Inline) return (flags & kInline) != 0;
    return mode_ == Mode::Block;
  }

  // A dropped block-level tag: words on either side stay apart.
  void separate() {
    if (mode_ != Mode::Block) pending_space_ = true;
  }

  void flush_space() {
    if (pending_space_ && has_content_) out_ += ' ';
    pending_space_ = false;
  }

  // One character of text content, already decoded (Text mode) or to be escaped.
  void put(char c) {
    if (mode_ != Mode::Block && is_ws(c)) {
      pending_space_ = true;
      return;
    }
    if (mode_ != Mode::Block) {
      flush_space();
      has_content_ = true;
    }
    if (mode_ == Mode::Text) {
      out_ += c;
      return;
    }
    switch (c) {
      case '<': out_ += "&lt;"; break;
      case '>': out_ += "&gt;"; break;
      case '&': out_ += "&amp;"; break;
      default: out_ += c;
    }
  }

  void put_all(std::string_view s) {
    for (char c : s) put(c);
  }

  void text(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      char c = s[i];
      if (c != '&') {
        put(c);
        ++i;
        continue;
      }
      std::string decoded;
      if (mode_ == Mode::Text) {
        size_t len = decode_ref(s, i, RefContext::Text, decoded);
        if (len) {
          put_all(decoded);
          i += len;
        } else {
          put(c);
          ++i;
        }
        continue;
      }
      // Markup modes: numeric references are normalised (decoded, re-escaped); a well-formed
      // "&name;" is passed through for the browser (it can only ever be text); a legacy name
      // without ';' is decoded; any other '&' is escaped.
      size_t len = decode_numeric_ref(s, i, decoded);
      if (len) {
        put_all(decoded);
        i += len;
        continue;
      }
      size_t name_len = ref_name_length(s, i);
      if (name_len > 0 && name_len <= 32 && i + 1 + name_len < s.size() &&
          s[i + 1 + name_len] == ';') {
        if (mode_ == Mode::Inline) {
          flush_space();
          has_content_ = true;
        }
        out_.append(s.substr(i, name_len + 2));
        i += name_len + 2;
        continue;
      }
      len = decode_named_ref(s, i, RefContext::Text, decoded);
      if (len) {
        put_all(decoded);
        i += len;
        continue;
      }
      put('&');
      ++i;
    }
  }

  void pop() {
    if (mode_ != Mode::Text) {
      out_ += "</";
      out_ += stack_.back();
      out_ += '>';
    }
    stack_.pop_back();
  }

  void close_to(size_t depth) {
    while (stack_.size() > depth) pop();
  }

  // Index of the innermost open element named in `targets`, unless one named in `boundaries`
  // is open inside it.
  std::optional<size_t> find_open(std::initializer_list<std::string_view> targets,
                                  std::initializer_list<std::string_view> boundaries) const {
    for (size_t k = stack_.size(); k-- > 0;) {
      const std::string& e = stack_[k];
      if (std::find(targets.begin(), targets.end(), e) != targets.end()) return k;
      if (std::find(boundaries.begin(), boundaries.end(), e) != boundaries.end()) break;
    }
    return std::nullopt;
  }

  // The end tags HTML implies when `name` starts (<li> after <li>, <td> after <td>, a block
  // after <p>, ...), so that the output's structure is explicit.
  void close_implied(std::string_view name, unsigned flags) {
    std::optional<size_t> k;
    if (name == "li") {
      k = find_open({"li"}, {"ul", "ol"});
    } else if (name == "dt" || name == "dd") {
      k = find_open({"dt", "dd"}, {"dl"});
    } else if (name == "tr") {
      k = find_open({"tr"}, {"table", "thead", "tbody", "tfoot"});
    } else if (name == "td" || name == "th") {
      k = find_open({"td", "th"}, {"tr", "table"});
    } else if (name == "thead" || name == "tbody" || name == "tfoot") {
      k = find_open({"thead", "tbody", "tfoot"}, {"table"});
    }
    if (k) close_to(*k);
    if (flags & kClosesP) {
      k = find_open({"p"}, {"table", "td", "th", "caption"});
      if (k) close_to(*k);
    }
    if (is_heading(name) && !stack_.empty() && is_heading(stack_.back())) pop();
  }

  void start_tag(const Tag& tag, unsigned flags) {
    if (!keeps(flags)) {
      if (flags & kBlock) separate();
      return;
    }
    if (!(flags & kVoid) && stack_.size() >= kMaxDepth) return;
    std::string html;
    if (!build_start_tag(tag, html)) return;
    if (mode_ == Mode::Block) close_implied(tag.name, flags);
    if (mode_ == Mode::Inline) {
      flush_space();
      has_content_ = true;
    }
    out_ += html;
    if (!(flags & kVoid)) stack_.push_back(tag.name);
  }

  void end_tag(const std::string& name, unsigned flags) {
    if (!keeps(flags)) {
      if (flags & kBlock) separate();
      return;
    }
    if (flags & kVoid) return;  // </br>, </img>: nothing to close
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] == name) {
        close_to(k);
        return;
      }
    }
    // A stray end tag: dropped.
  }

  // The start tag rebuilt from the allowlist; false when the element is dropped altogether.
  static bool build_start_tag(const Tag& tag, std::string& html) {
    const std::string& element = tag.name;
    html = "<" + element;
    bool external = false, checkbox = false, checked = false;
    std::vector<std::string_view> seen;
    for (const Attribute& a : tag.attributes) {
      // Browsers use the first of duplicated attributes.
      if (std::find(seen.begin(), seen.end(), a.name) != seen.end()) continue;
      seen.push_back(a.name);
      std::string value = a.has_value ? decode(a.raw_value, RefContext::Attribute) : std::string();
      if (element == "input") {
        if (a.name == "type") {
          checkbox = iequals(trim(value), "checkbox");
        } else if (a.name == "checked") {
          checked = true;
        }
        continue;
      }
      bool link_external = false;
      std::optional<std::string> kept = check_attribute(element, a.name, value, link_external);
      if (!kept) continue;
      if (a.name == "href") external = link_external;
      html += ' ';
      html += a.name;
      html += "=\"";
      html += html_escape(*kept);
      html += '"';
    }
    if (element == "input") {
      // Only the checkboxes of task lists, and never editable.
      if (!checkbox) return false;
      html += " type=\"checkbox\"";
      if (checked) html += " checked=\"\"";
      html += " disabled=\"\"";
    }
    if (element == "a" && external) html += " rel=\"noopener noreferrer nofollow\"";
    html += '>';
    return true;
  }

  Mode mode_;
  std::string out_;
  std::vector<std::string> stack_;  // open allowed elements
  std::string skip_name_;           // the kNestedDrop element being skipped
  size_t skip_depth_ = 0;
  bool pending_space_ = false;      // Inline and Text: whitespace seen, not yet written
  bool has_content_ = false;        // Inline and Text: something written (no leading space)
};

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  size_t done = 0;  // copied up to here; runs without a special character are copied at once
  for (size_t i = 0; i < text.size(); ++i) {
    const char* entity = text[i] == '&' ? "&amp;" : text[i] == '<' ? "&lt;" : text[i] == '>' ? "&gt;" : nullptr;
    if (!entity) continue;
    out.append(text, done, i - done);
    out += entity;
    done = i + 1;
  }
  out.append(text, done, std::string_view::npos);
  return out;
}

std::string sanitise_html(std::string_view html) { return Sanitiser(Mode::Block).run(html); }

namespace markdown_detail {

std::string sanitise_html_inline(std::string_view html) {
  return Sanitiser(Mode::Inline).run(html);
}

std::string html_to_text(std::string_view html) { return Sanitiser(Mode::Text).run(html); }

std::string decode_entities(std::string_view text) { return decode(text, RefContext::Text); }

}  // namespace markdown_detail

}  // namespace apiref
