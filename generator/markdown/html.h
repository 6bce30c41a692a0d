// Internals of the HTML sanitiser, shared by its files (entities.cpp: character references;
// html_policy.cpp: which elements, attributes and URLs are kept; html_tokenizer.cpp: reading a
// tag; sanitise.cpp: the sanitiser itself). Not for use outside markdown/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiref::markdown_detail {

inline bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

inline bool starts_with_at(std::string_view s, size_t i, std::string_view prefix) {
  return s.size() - i >= prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}

// ---------------------------------------------------------------------------------------------
// Character references (entities.cpp)

enum class RefContext { Text, Attribute };

// If s[i] == '&' starts a numeric character reference (&#106; &#x6A;, also without ';'),
// appends the character and returns the reference's length; otherwise returns 0.
size_t decode_numeric_ref(std::string_view s, size_t i, std::string& out);
// Length of the name after '&' at s[i] (ASCII letters and digits, starting with a letter).
size_t ref_name_length(std::string_view s, size_t i);
// A named reference from the table: "&name;" or a legacy name without ';' (the longest that
// matches); its length, or 0.
size_t decode_named_ref(std::string_view s, size_t i, RefContext ctx, std::string& out);
// If s[i] == '&' starts a character reference, appends what it stands for to `out` and returns
// the reference's length; otherwise returns 0. In attribute values a legacy name followed by a
// letter, digit or '=' is not a reference (that is how browsers keep "?a=1&copy=2" intact).
size_t decode_ref(std::string_view s, size_t i, RefContext ctx, std::string& out);
// `s` with every character reference decoded.
std::string decode_references(std::string_view s, RefContext ctx);

// ---------------------------------------------------------------------------------------------
// The allowlist (html_policy.cpp)

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

// The ElementFlags of element `name` (lower case); 0 for an element not in the table.
unsigned element_flags(std::string_view name);

inline bool is_heading(std::string_view n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

// A URL attribute value (already decoded), cleaned, or nullopt when it must be dropped;
// `external` says whether it leads off the site.
std::optional<std::string> check_url(std::string_view value, bool& external);
// The value to emit for attribute `attr` on element `element`, or nullopt to drop it.
std::optional<std::string> check_attribute(std::string_view element, std::string_view attr,
                                           const std::string& value, bool& external_link);

// ---------------------------------------------------------------------------------------------
// The tokenizer (html_tokenizer.cpp)

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

// Parses the tag at s[i] == '<' (CommonMark's raw-HTML grammar: open tags with attributes,
// closing tags without). On success `stop` is just past the '>'. On failure `stop` (> i) is the
// character that did not fit: the caller escapes s[i, stop) as text and resumes there.
bool parse_tag(std::string_view s, size_t i, Tag& tag, size_t& stop);
// Just past the end tag "</name ...>" of a raw-text element whose content starts at `from`
// (the end of the input when there is none).
size_t skip_raw_text(std::string_view s, size_t from, std::string_view name);

}  // namespace apiref::markdown_detail
