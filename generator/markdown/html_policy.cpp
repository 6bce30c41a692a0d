// The sanitiser's allowlist: which elements are kept, dropped or dropped with their content,
// which attributes each may carry, and which URLs a link or image may point to.
#include <algorithm>
#include <unordered_map>

#include "markdown/html.h"
#include "text/case.h"

namespace apiref::markdown_detail {
namespace {

using text::ascii_lower;

// True when every character of `s` is accepted by `ok` (and the length is within bounds).
template <typename Pred>
bool all_of(std::string_view s, size_t min_len, size_t max_len, Pred ok) {
  if (s.size() < min_len || s.size() > max_len) return false;
  return std::all_of(s.begin(), s.end(), ok);
}

bool class_char(char c) { return is_alnum(c) || c == ' ' || c == '_' || c == '-'; }
// Language classes on code blocks: "language-c++", "language-objective-c", "language-c#".
bool code_class_char(char c) { return class_char(c) || c == '+' || c == '#' || c == '.'; }
bool id_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }
bool lang_char(char c) { return is_alnum(c) || c == '-'; }

}  // namespace

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
    std::string scheme = ascii_lower(probe.substr(0, p));
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
    std::string v = ascii_lower(value);
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
      std::string v = ascii_lower(value);
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

}  // namespace apiref::markdown_detail
