// Reading one HTML tag (CommonMark's raw-HTML grammar) and skipping a raw-text element.
#include "markdown/html.h"
#include "text/case.h"

namespace apiref::markdown_detail {
namespace {

using text::ascii_iequals;
using text::ascii_lower;


bool attr_name_start(char c) { return is_alpha(c) || c == '_' || c == ':'; }
bool attr_name_char(char c) { return is_alnum(c) || c == '_' || c == '.' || c == ':' || c == '-'; }
bool unquoted_value_char(char c) {
  return !is_ws(c) && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' && c != '`';
}

}  // namespace

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
  tag.name = ascii_lower(s.substr(name_start, j - name_start));
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
    attr.name = ascii_lower(s.substr(an, j - an));
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

// Just past the end tag "</name ...>" of a raw-text element whose content starts at `from`
// (the end of the input when there is none).
size_t skip_raw_text(std::string_view s, size_t from, std::string_view name) {
  size_t p = from;
  while ((p = s.find("</", p)) != std::string_view::npos) {
    size_t q = p + 2 + name.size();
    if (q <= s.size() && ascii_iequals(s.substr(p + 2, name.size()), name) &&
        (q == s.size() || is_ws(s[q]) || s[q] == '/' || s[q] == '>')) {
      size_t gt = s.find('>', q);
      return gt == std::string_view::npos ? s.size() : gt + 1;
    }
    p += 2;
  }
  return s.size();
}

}  // namespace apiref::markdown_detail
