// Descriptions placed into a page: Markdown rendered and sanitised (markdown/), then fitted
// to the page. Their headings are moved under the heading they sit beneath, so the page
// outline stays in order; and relative links, which in an API description have no base we
// could know, are pointed at the project's description_link_base or left as plain text.
// Images on other hosts become links: a page loads nothing from another host.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

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
                             DescriptionStats* stats = nullptr);

// Exposed for tests: the two fitting steps on sanitised HTML.
std::string shift_headings(const std::string& html, int base);
std::string fit_links(const std::string& html, const std::string& link_base, size_t* unlinked);
// Every id="x" becomes id="user-content-x".
std::string prefix_ids(const std::string& html);
// <img> with a remote src becomes a link to the image (alt text as its text); a relative
// one, which has no base here, becomes its alt text.
std::string link_remote_images(const std::string& html, size_t* replaced);

}  // namespace apiref
