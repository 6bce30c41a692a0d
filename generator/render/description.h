// Descriptions placed into a page: Markdown rendered and sanitised (markdown/), then fitted
// to the page. Their headings are moved under the heading they sit beneath, so the page
// outline stays in order; and relative links, which in an API description have no base we
// could know, are pointed at the project's description_link_base or left as plain text.
// Images on other hosts become links: a page loads nothing from another host.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace apiref {

struct DescriptionStyle {
  int heading_base = 2;        // the level the description's top heading becomes
  std::string link_base;       // prefix for relative links ("" = unlink them)
};

// Counts links that were turned into text, for one warning per build.
struct DescriptionStats {
  std::atomic<size_t> unlinked{0};
};

std::string description_html(std::string_view markdown, const DescriptionStyle& style,
                             DescriptionStats* stats = nullptr, std::string* plain_text = nullptr);

// Descriptions rendered once per site build: the same text appears on many pages (a shared
// schema's property on every operation that uses the schema, a server on every operation) and
// renders to the same HTML each time. Thread-safe; what a call returns (and adds to `stats`)
// is what the uncached function would, whichever thread rendered the text first.
class DescriptionCache {
 public:
  // description_html(markdown, style, stats). The reference stays valid while the cache lives.
  const std::string& html(std::string_view markdown, const DescriptionStyle& style,
                          DescriptionStats* stats = nullptr);
  // markdown_to_plain_text(markdown, max_chars), taken from the parse html(markdown, style)
  // made or makes: an operation's description is both its page's text and its meta
  // description, and parsing it twice was ~2% of a build of GitHub's description.
  std::string plain_text(std::string_view markdown, const DescriptionStyle& style, size_t max_chars);
  // render_markdown_inline(markdown).
  const std::string& inline_html(std::string_view markdown);

 private:
  struct Entry {
    std::string html;
    size_t unlinked = 0;
    std::string plain_text;  // whole (not cut); filled by plain_text(), under mutex_
    bool has_plain_text = false;
  };
  template <class Render>
  const Entry& get(std::string key, Render&& render);
  static std::string key_of(std::string_view markdown, const DescriptionStyle& style);

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // node-based: references stay valid
};

// Exposed for tests: the two fitting steps on sanitised HTML.
std::string shift_headings(const std::string& html, int base);
std::string fit_links(const std::string& html, const std::string& link_base, size_t* unlinked);
// Every id="x" becomes id="user-content-x".
std::string prefix_ids(const std::string& html);
// <img> with a remote src becomes a link to the image (alt text as its text); a relative
// one, which has no base here, becomes its alt text.
std::string link_remote_images(const std::string& html, size_t* replaced);

}  // namespace apiref
