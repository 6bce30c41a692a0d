// HTML character references: the named table browsers use for descriptions and numeric
// references, decoded as a browser decodes them.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "markdown/html.h"
#include "text/case.h"
#include "text/utf8.h"

namespace apiref::markdown_detail {
namespace {

using text::append_utf8;
using text::ascii_lower;

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

}  // namespace

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
                                : static_cast<uint32_t>(ascii_lower(s[j]) - 'a' + 10);
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

std::string decode_references(std::string_view s, RefContext ctx) {
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

}  // namespace apiref::markdown_detail
