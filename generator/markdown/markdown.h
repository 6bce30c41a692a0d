// Markdown stage: OpenAPI `description` (and `summary`) text -> HTML that is safe to embed.
//
// Descriptions are written by whoever wrote the API description, so they are untrusted: a hostile
// one must not be able to run script in the reader's browser, break out of the page structure or
// send the reader somewhere with a `javascript:` link. cmark-gfm parses CommonMark + GFM and
// renders with raw HTML *enabled*; our own allowlist sanitiser then re-serialises the whole
// output (every tag rebuilt from an allowlist, every attribute value checked and re-escaped,
// every text run escaped), so harmless HTML such as <br>, <kbd>, <sup>, <details> survives while
// anything else is escaped or dropped. cmark's own "safe" mode is not used: it drops all HTML.
//
// All functions are thread-safe. cmark-gfm changes process-wide tables while it parses inline
// content, so parsing (only) is serialised internally; rendering and sanitising run in parallel.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>


namespace apiref {

struct MarkdownOptions {
  // true: raw HTML in the Markdown is kept, through the allowlist sanitiser.
  // false: raw HTML is shown as literal text.
  bool allow_raw_html = true;
};

// CommonMark + GFM (tables, autolinks, strikethrough, task lists, tag filter) to HTML that is safe
// to embed in a page: raw HTML is passed through an allowlist sanitiser.
std::string render_markdown(std::string_view markdown, const MarkdownOptions& options = {});
// The same, and the whole plain text of the description into `plain_text` (what
// markdown_to_plain_text gives, not yet cut), from one parse: a page that shows a description
// and also needs its text (an operation's meta description) parses it once.
std::string render_markdown(std::string_view markdown, const MarkdownOptions& options, std::string& plain_text);

// Only inline content (no wrapping <p>, block elements flattened to spaces, whitespace collapsed
// to one line), for summaries and one-line descriptions.
std::string render_markdown_inline(std::string_view markdown);

// Sanitises an HTML fragment: allowlisted elements and attributes only, URLs only with http,
// https, mailto or relative/fragment targets; everything else escaped or dropped. The result is
// well-formed: open elements are closed at the end, stray end tags are dropped.
std::string sanitise_html(std::string_view html);

// Plain text of a markdown string (for search index, meta description, title attributes): no
// tags, entities decoded, whitespace collapsed, cut to max_chars code points at a word boundary
// with an ellipsis ("…", counted in max_chars). The result is text, not HTML: escape it
// (text::html_escape) before putting it into a page.
std::string markdown_to_plain_text(std::string_view markdown, size_t max_chars = 300);
// The cut markdown_to_plain_text makes: at most max_chars code points, at a word boundary, with
// an ellipsis when anything was cut.
std::string truncate_plain_text(std::string text, size_t max_chars);

// A description as Markdown to place inside another Markdown document (the pages' Markdown
// twins): its headings moved to start at `heading_base`, raw HTML made literal text, links that
// are not absolute pointed at `link_base` (or made their text when it is ""), and nothing left
// open that would run on into what follows (an unclosed fence or HTML block). Trimmed; text
// that needs none of this comes back as written, without a parse.
std::string markdown_for_embedding(std::string_view markdown, int heading_base, const std::string& link_base);

// Internals shared by markdown.cpp and sanitise.cpp; not for use elsewhere.
namespace markdown_detail {
// sanitise_html, but block-level elements are dropped (a space in their place), <br> becomes a
// space and whitespace is collapsed and trimmed: one line of inline HTML.
std::string sanitise_html_inline(std::string_view html);
// The text content of an HTML fragment: entities decoded, whitespace collapsed and trimmed,
// blocks separated by a space; the content of script, style etc. and comments left out.
std::string html_to_text(std::string_view html);
// Decodes character references (numeric, and the HTML 4 named set plus the ASCII ones such as
// &colon; &Tab; &NewLine;). Unknown references are left as they are.
std::string decode_entities(std::string_view text);
}  // namespace markdown_detail

}  // namespace apiref
