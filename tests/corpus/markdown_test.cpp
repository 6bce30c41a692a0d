// Markdown on every description of GitHub's description.
// Moved from generator/markdown/markdown_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "markdown/markdown.h"
#include "markdown/markdown_test_fixtures.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// " on<letters>=" anywhere in the output (text included): the corpus check asked for.
bool has_on_equals_anywhere(const std::string& html) {
  for (size_t p = html.find(" on"); p != std::string::npos; p = html.find(" on", p + 1)) {
    size_t q = p + 3;
    if (q >= html.size() || !(html[q] >= 'a' && html[q] <= 'z')) continue;
    while (q < html.size() && html[q] >= 'a' && html[q] <= 'z') ++q;
    if (q < html.size() && html[q] == '=') return true;
  }
  return false;
}

// Calls `visit` for every string member named "description" in the tree.
void each_description(const Node& node, const std::function<void(const std::string&)>& visit) {
  if (node.is_object()) {
    for (const Member& m : node.members) {
      if (m.key == "description" && m.value.is_string()) visit(m.value.text);
      each_description(m.value, visit);
    }
  } else if (node.is_array()) {
    for (const Node& item : node.items) each_description(item, visit);
  }
}

}  // namespace

TEST_CASE("markdown: every description in GitHub's API description renders safely") {
  std::string text = read_text(corpus("github/api.github.com.json"));
  Node root;
  Diagnostics diags;
  REQUIRE(parse_json(text, "api.github.com.json", root, diags));

  std::vector<const std::string*> descriptions;
  each_description(root, [&](const std::string& d) { descriptions.push_back(&d); });
  REQUIRE(descriptions.size() > 1000);

  size_t bytes_in = 0, bytes_out = 0, problems = 0;
  auto start = std::chrono::steady_clock::now();
  for (const std::string* d : descriptions) {
    std::string html = render_markdown(*d);
    bytes_in += d->size();
    bytes_out += html.size();
    bool bad = contains_ci(html, "<script") || has_on_equals_anywhere(html) ||
               has_event_handler(html) || contains_ci(html, "javascript:") ||
               well_formed_problem(html) != "";
    if (bad && ++problems <= 5) {
      INFO("description: " << *d);
      INFO("html: " << html);
      INFO("well-formed: " << well_formed_problem(html));
      CHECK_FALSE(bad);
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(problems == 0);
  // GitHub's alerts ("> [!NOTE]" and kin) are call-outs, never a quote that starts with the marker.
  size_t alerts = 0, quoted_markers = 0;
  for (const std::string* d : descriptions) {
    std::string html = render_markdown(*d);
    if (html.find("markdown-alert-title") != std::string::npos) ++alerts;
    for (const char* kind : {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"})
      if (html.find(std::string("<blockquote>\n<p>[!") + kind + "]") != std::string::npos) ++quoted_markers;
  }
  CHECK(alerts >= 150);
  CHECK(quoted_markers == 0);
  MESSAGE(alerts << " descriptions with alerts");
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  CHECK(seconds < 10.0);  // optimised builds only; typically well under a second
#endif
  MESSAGE("rendered " << descriptions.size() << " descriptions (" << bytes_in << " -> "
                      << bytes_out << " bytes) in " << seconds << " s");

  // The other two renderings over the same strings.
  start = std::chrono::steady_clock::now();
  size_t inline_bad = 0;
  for (const std::string* d : descriptions) {
    std::string one_line = render_markdown_inline(*d);
    std::string plain = markdown_to_plain_text(*d);
    if (one_line.find('\n') != std::string::npos || contains_ci(one_line, "<script") ||
        has_event_handler(one_line) || well_formed_problem(one_line) != "" ||
        (plain.find('<') != std::string::npos && d->find('<') == std::string::npos))
      ++inline_bad;
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(inline_bad == 0);
  MESSAGE("inline + plain text of the same in " << seconds << " s");
}
