// The HTML side of the Markdown stage: the allowlist sanitiser that every piece of rendered
// Markdown goes through (its character references, allowlist and tag reader are in
// entities.cpp, html_policy.cpp and html_tokenizer.cpp; HTML escaping is text/escape.h).
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
#include <vector>

#include "markdown/html.h"
#include "text/case.h"
#include "text/escape.h"
#include "text/utf8.h"

namespace apiref {
namespace {

using namespace markdown_detail;
using text::ascii_iequals;
using text::ascii_lower;

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
    // NUL counts as invalid too: HTML turns it into U+FFFD.
    std::string_view s = text::valid_utf8(input, storage, text::Utf8Controls::ReplaceNul);
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
      std::string value = a.has_value ? decode_references(a.raw_value, RefContext::Attribute) : std::string();
      if (element == "input") {
        if (a.name == "type") {
          checkbox = ascii_iequals(trim(value), "checkbox");
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
      html += text::html_escape(*kept);
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

std::string sanitise_html(std::string_view html) { return Sanitiser(Mode::Block).run(html); }

namespace markdown_detail {

std::string sanitise_html_inline(std::string_view html) {
  return Sanitiser(Mode::Inline).run(html);
}

std::string html_to_text(std::string_view html) { return Sanitiser(Mode::Text).run(html); }

std::string decode_entities(std::string_view text) { return decode_references(text, RefContext::Text); }

}  // namespace markdown_detail

}  // namespace apiref
