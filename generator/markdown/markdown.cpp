// The Markdown side of the Markdown stage: cmark-gfm parses and renders (raw HTML kept), then
// sanitise.cpp rebuilds the output from its allowlist.
//
// Thread safety: cmark-gfm's parser is not reentrant across threads even with one parser per
// call. Registering the core extensions is a check-then-set on a plain static (and registering
// twice aborts), so it runs under std::call_once. Worse, while it parses inline content
// (cmark_parser_finish, and table rows during cmark_parser_feed) it adds the extensions' special
// characters ('~' for strikethrough, ...) to process-wide tables and removes them afterwards,
// so two concurrent parses can switch strikethrough off under each other. Parsing therefore
// holds one mutex; rendering, sanitising and freeing do not touch shared state and run in
// parallel.
#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "text/case.h"
#include "text/utf8.h"

namespace apiref {
namespace {

// No CMARK_OPT_SMART: quotes and dashes stay as written (they are often code-like in API
// descriptions). CMARK_OPT_UNSAFE keeps raw HTML and every link target; the sanitiser decides.
constexpr int kCmarkOptions = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist",
                                       "tagfilter"};

std::once_flag g_extensions_registered;

std::mutex& parse_mutex() {
  static std::mutex m;
  return m;
}

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// allow_raw_html = false: raw HTML becomes literal text (an HTML block becomes a paragraph).
void raw_html_to_text(cmark_node* doc) {
  std::vector<cmark_node*> html;
  cmark_iter* iter = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK))
      html.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* node : html) {
    const char* literal = cmark_node_get_literal(node);
    std::string text = literal ? literal : "";
    cmark_node* replacement = nullptr;
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
      replacement = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(replacement, text.c_str());
    } else {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      replacement = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(t, text.c_str());
      cmark_node_append_child(replacement, t);
    }
    if (!cmark_node_insert_before(node, replacement)) cmark_node_free(replacement);
    cmark_node_free(node);
  }
}

// GitHub's alerts: a block quote whose first line is [!NOTE], [!TIP], [!IMPORTANT], [!WARNING]
// or [!CAUTION] (any case) is a call-out titled by its kind, not a quote that starts with the
// marker as text. GitHub's own description uses them 200 times. The marker's line is removed
// and the quote becomes <div class="markdown-alert markdown-alert-KIND"> with a title paragraph
// (a custom block: its HTML is ours and fixed; the content is rendered and sanitised as usual).
void github_alerts(cmark_node* doc) {
  static const char* const kKinds[][2] = {
      {"note", "Note"}, {"tip", "Tip"}, {"important", "Important"}, {"warning", "Warning"}, {"caution", "Caution"}};
  std::vector<cmark_node*> quotes;
  cmark_iter* iter = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE) quotes.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* quote : quotes) {
    cmark_node* para = cmark_node_first_child(quote);
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) continue;
    // The marker's text may come as several text nodes ("[", "!NOTE", "]").
    std::string marker;
    std::vector<cmark_node*> marker_nodes;
    cmark_node* n = cmark_node_first_child(para);
    for (; n && cmark_node_get_type(n) == CMARK_NODE_TEXT && marker.size() <= 12; n = cmark_node_next(n)) {
      const char* text = cmark_node_get_literal(n);
      marker += text ? text : "";
      marker_nodes.push_back(n);
    }
    bool line_ends = !n || cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(n) == CMARK_NODE_LINEBREAK;
    while (!marker.empty() && marker.back() == ' ') marker.pop_back();
    if (!line_ends || marker.size() < 4 || marker.compare(0, 2, "[!") != 0 || marker.back() != ']') continue;
    std::string kind = marker.substr(2, marker.size() - 3);
    kind = text::ascii_lower(kind);
    const char* title = nullptr;
    for (const auto& k : kKinds)
      if (kind == k[0]) title = k[1];
    if (!title) continue;
    for (cmark_node* m : marker_nodes) cmark_node_free(m);
    if (n) cmark_node_free(n);  // the line break after the marker
    if (!cmark_node_first_child(para)) cmark_node_free(para);
    cmark_node* alert = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    std::string open = "<div class=\"markdown-alert markdown-alert-" + kind + "\">\n<p class=\"markdown-alert-title\">" +
                       title + "</p>\n";
    cmark_node_set_on_enter(alert, open.c_str());
    cmark_node_set_on_exit(alert, "</div>\n");
    while (cmark_node* child = cmark_node_first_child(quote)) cmark_node_append_child(alert, child);
    cmark_node_replace(quote, alert);
    cmark_node_free(quote);
  }
}

// cmark-gfm's table extension (0.29.0.gfm.6, Debian's) is quadratic in a row's cells: it
// appends each cell by walking the row's list, and the renderer walks it again per cell. A
// line of 100,000 pipes under a table head took minutes. Text with a line of more pipes than
// any readable table has is rendered without the table extension (the table stays text).
constexpr size_t kMaxTableCells = 256;

bool has_wide_row(std::string_view markdown) {
  size_t pipes = 0;
  for (char c : markdown) {
    if (c == '\n') pipes = 0;
    else if (c == '|' && ++pipes > kMaxTableCells) return true;
  }
  return false;
}

// cmark-gfm (the same version) is quadratic in openers of a processing instruction (`<?`) and of
// CDATA (`<![CDATA[`) that nothing closes: each one scans the rest of the text for `?>` or `]]>`.
// Text with half a megabyte of them took seconds, ten megabytes would take an hour. Such an
// opener is plain text to cmark (`&lt;?`), and so is a backslash-escaped `\<`: past a number no
// description has, the unclosed openers are escaped, which renders the same but inside a code
// span, where the backslash then shows.
constexpr size_t kMaxUnclosedOpeners = 64;

// The openers of `opener` after the last `closer`: none of them can close.
std::vector<size_t> unclosed_openers(std::string_view markdown, std::string_view opener, std::string_view closer) {
  size_t last_close = markdown.rfind(closer);
  size_t from = last_close == std::string_view::npos ? 0 : last_close + closer.size();
  std::vector<size_t> at;
  for (size_t i = markdown.find(opener, from); i != std::string_view::npos; i = markdown.find(opener, i + 1))
    at.push_back(i);
  return at;
}

// `markdown` itself, or a copy with the unclosed openers escaped when there are too many.
std::string_view bounded_openers(std::string_view markdown, std::string& escaped) {
  std::vector<size_t> at;  // the openers to escape: of each kind, all of them or none
  for (auto [opener, closer] : {std::pair<std::string_view, std::string_view>{"<?", "?>"}, {"<![CDATA[", "]]>"}}) {
    std::vector<size_t> unclosed = unclosed_openers(markdown, opener, closer);
    if (unclosed.size() > kMaxUnclosedOpeners) at.insert(at.end(), unclosed.begin(), unclosed.end());
  }
  if (at.empty()) return markdown;
  std::sort(at.begin(), at.end());
  escaped.reserve(markdown.size() + at.size());
  size_t copied = 0;
  for (size_t i : at) {
    size_t backslashes = 0;  // an odd run before the opener already escapes its '<'
    while (backslashes < i && markdown[i - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 1) continue;
    escaped.append(markdown, copied, i - copied);
    escaped += '\\';
    copied = i;
  }
  escaped.append(markdown, copied, std::string_view::npos);
  return escaped;
}

struct Parsed {
  std::unique_ptr<cmark_parser, ParserFree> parser;
  std::unique_ptr<cmark_node, NodeFree> doc;
};

Parsed parse(std::string_view markdown) {
  std::call_once(g_extensions_registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  Parsed p;
  std::lock_guard<std::mutex> lock(parse_mutex());
  p.parser.reset(cmark_parser_new(kCmarkOptions));
  if (!p.parser) throw std::bad_alloc();
  bool wide = has_wide_row(markdown);
  for (const char* name : kExtensions) {
    if (wide && std::string_view(name) == "table") continue;
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (!ext) throw std::runtime_error(std::string("cmark-gfm has no extension ") + name);
    cmark_parser_attach_syntax_extension(p.parser.get(), ext);
  }
  std::string escaped;
  std::string_view text = bounded_openers(markdown, escaped);
  cmark_parser_feed(p.parser.get(), text.data(), text.size());
  p.doc.reset(cmark_parser_finish(p.parser.get()));
  if (!p.doc) throw std::bad_alloc();
  return p;
}

// cmark-gfm's HTML, not yet sanitised: raw HTML and javascript: links included.
std::string render_unsanitised(std::string_view markdown, bool allow_raw_html) {
  Parsed p = parse(markdown);
  std::unique_ptr<cmark_parser, ParserFree>& parser = p.parser;
  std::unique_ptr<cmark_node, NodeFree>& doc = p.doc;
  if (!allow_raw_html) raw_html_to_text(doc.get());
  github_alerts(doc.get());
  char* html = cmark_render_html(doc.get(), kCmarkOptions,
                                 cmark_parser_get_syntax_extensions(parser.get()));
  if (!html) throw std::bad_alloc();
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

// Text that reads the same as Markdown whatever follows it, with headings at or below `base`:
// nothing in it starts a construct that runs on (an HTML block, a fence, a setext underline),
// and no heading. Most descriptions are such text, and need no parse.
bool stands_alone(std::string_view markdown) {
  if (markdown.find_first_of("<#[&\\") != std::string_view::npos) return false;
  size_t start = 0;
  while (start < markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
      std::string_view rest = line.substr(first);
      if (rest.rfind("```", 0) == 0 || rest.rfind("~~~", 0) == 0) return false;
      if (rest.find_first_not_of("=- \t") == std::string_view::npos) return false;  // underline, or a break
    }
    start = end + 1;
  }
  return true;
}

// Headings moved under `base` (levels kept apart, at most 6); links that are not absolute
// pointed at `link_base`, or made their text when it is "".
void fit_for_embedding(cmark_node* doc, int base, const std::string& link_base) {
  std::vector<cmark_node*> headings, links;
  int top = 7;
  cmark_iter* iter = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HEADING) {
      headings.push_back(node);
      top = std::min(top, cmark_node_get_heading_level(node));
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      links.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* h : headings) cmark_node_set_heading_level(h, std::min(6, cmark_node_get_heading_level(h) - top + base));
  for (cmark_node* link : links) {
    const char* url_text = cmark_node_get_url(link);
    std::string url = url_text ? url_text : "";
    std::string lower = text::ascii_lower(url.substr(0, 8));
    if (lower.rfind("http:", 0) == 0 || lower.rfind("https:", 0) == 0 || lower.rfind("mailto:", 0) == 0) continue;
    if (!link_base.empty()) {
      std::string target = link_base;
      if (!url.empty() && url[0] == '/' && target.back() == '/') target.pop_back();
      cmark_node_set_url(link, (target + url).c_str());
      continue;
    }
    while (cmark_node* child = cmark_node_first_child(link)) cmark_node_insert_before(link, child);
    cmark_node_free(link);
  }
}

using text::utf8_length;
using text::utf8_offset;

}  // namespace

// At most max_chars code points: cut at the last space that fits, "…" added.
std::string truncate_plain_text(std::string text, size_t max_chars) {
  if (utf8_length(text) <= max_chars) return text;
  if (max_chars == 0) return std::string();
  size_t limit = utf8_offset(text, max_chars - 1);  // bytes that fit beside the ellipsis
  size_t cut = limit;
  if (text[limit] != ' ') {
    size_t space = text.rfind(' ', limit);
    if (space != std::string::npos && space > 0) cut = space;  // else: one long word, cut it
  }
  text.resize(cut);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  text += "\xE2\x80\xA6";  // …
  return text;
}

std::string render_markdown(std::string_view markdown, const MarkdownOptions& options) {
  return sanitise_html(render_unsanitised(markdown, options.allow_raw_html));
}

std::string render_markdown(std::string_view markdown, const MarkdownOptions& options, std::string& plain_text) {
  std::string html = render_unsanitised(markdown, options.allow_raw_html);
  // markdown_to_plain_text reads raw HTML as HTML: its text is taken from that rendering.
  plain_text = markdown_detail::html_to_text(options.allow_raw_html ? html : render_unsanitised(markdown, true));
  return sanitise_html(html);
}

std::string render_markdown_inline(std::string_view markdown) {
  return markdown_detail::sanitise_html_inline(render_unsanitised(markdown, true));
}

std::string markdown_to_plain_text(std::string_view markdown, size_t max_chars) {
  std::string text = markdown_detail::html_to_text(render_unsanitised(markdown, true));
  return truncate_plain_text(std::move(text), max_chars);
}

std::string markdown_for_embedding(std::string_view markdown, int heading_base, const std::string& link_base) {
  size_t begin = markdown.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return std::string();
  if (stands_alone(markdown)) {
    size_t end = markdown.find_last_not_of(" \t\r\n");
    return std::string(markdown.substr(begin, end - begin + 1));
  }
  Parsed p = parse(markdown);
  raw_html_to_text(p.doc.get());
  fit_for_embedding(p.doc.get(), heading_base, link_base);
  char* out = cmark_render_commonmark(p.doc.get(), CMARK_OPT_DEFAULT, 0);
  if (!out) throw std::bad_alloc();
  std::string text(out);
  cmark_get_default_mem_allocator()->free(out);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace apiref
