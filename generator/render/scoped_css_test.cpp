// The stylesheet a host site includes: every rule scoped to the reference (render/scoped_css.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/scoped_css.h"
#include "text/file.h"

using apiref::scoped_stylesheet;

namespace {

// Every selector of every rule of `css` (top level and inside @media), in order.
std::vector<std::string> selectors(const std::string& css) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t open = css.find('{', i);
    if (open == std::string::npos) break;
    size_t start = css.rfind('}', open);
    start = start == std::string::npos || start < i ? i : start + 1;
    std::string prelude = css.substr(start, open - start);
    while (!prelude.empty() && (prelude.front() == '\n' || prelude.front() == ' ')) prelude.erase(0, 1);
    while (!prelude.empty() && prelude.back() == ' ') prelude.pop_back();
    if (prelude.rfind("@", 0) != 0) out.push_back(prelude);
    i = open + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("scoped stylesheet: plain selectors go under the scope, each of a list") {
  CHECK(scoped_stylesheet("a, .x b > c { color: red; }", "apiref") == ".apiref a, .apiref .x b > c { color: red; }\n");
  CHECK(scoped_stylesheet("a[title=\"x, y\"] { color: red }", "apiref") == ".apiref a[title=\"x, y\"] { color: red }\n");
  CHECK(scoped_stylesheet(".a:is(.b, .c) { x: y }", "apiref") == ".apiref .a:is(.b, .c) { x: y }\n");
}

TEST_CASE("scoped stylesheet: the page's own elements become the scope element") {
  CHECK(scoped_stylesheet("html { a: b }", "apiref") == ".apiref { a: b }\n");
  CHECK(scoped_stylesheet("body { margin: 0 }", "apiref") == ".apiref { margin: 0 }\n");
  CHECK(scoped_stylesheet(":root { --bg: #fff }", "apiref") == ".apiref { --bg: #fff }\n");
  CHECK(scoped_stylesheet("* { box-sizing: border-box }", "apiref") == ".apiref, .apiref * { box-sizing: border-box }\n");
}

TEST_CASE("scoped stylesheet: theme conditions stay on the page and follow Bootstrap's too") {
  CHECK(scoped_stylesheet(":root[data-theme=\"dark\"] { --bg: #000 }", "apiref") ==
        ":root[data-theme=\"dark\"] .apiref, :root[data-bs-theme=\"dark\"] .apiref { --bg: #000 }\n");
  CHECK(scoped_stylesheet("@media (prefers-color-scheme: dark) { :root:not([data-theme=\"light\"]) { --bg: #000 } }", "apiref") ==
        "@media (prefers-color-scheme: dark) {\n:root:not([data-theme=\"light\"]):not([data-bs-theme=\"light\"]) .apiref { --bg: #000 }\n}\n");
}

TEST_CASE("scoped stylesheet: rules inside @container are scoped like those inside @media") {
  CHECK(scoped_stylesheet("@container op (min-width: 48em) { .op-grid > .x { a: b } }", "apiref") ==
        "@container op (min-width: 48em) {\n.apiref .op-grid > .x { a: b }\n}\n");
}

TEST_CASE("scoped stylesheet: at-rules without selectors are kept, comments dropped") {
  std::string css = "/* a } comment { */ @charset \"utf-8\";\n@font-face { font-family: X; src: url(x.woff) }\n"
                    "@keyframes spin { from { a: b } to { a: c } }\n@media print { .x { display: none } }";
  std::string out = scoped_stylesheet(css, "apiref");
  CHECK(out.find("comment") == std::string::npos);
  CHECK(out.find("@charset \"utf-8\";") != std::string::npos);
  CHECK(out.find("@font-face { font-family: X; src: url(x.woff) }") != std::string::npos);
  CHECK(out.find("@keyframes spin { from { a: b } to { a: c } }") != std::string::npos);
  CHECK(out.find("@media print {\n.apiref .x { display: none }\n}") != std::string::npos);
}

TEST_CASE("scoped stylesheet: a broken sheet ends without a hang or a rule outside the scope") {
  for (const char* css : {"a { color: red", "}}}{", "a { b { c }", "@media x { a {", "\"unterminated { x }", "/* open"}) {
    std::string out = scoped_stylesheet(css, "apiref");
    // One rule a line: each starts at the scope (or is an at-rule's).
    size_t start = 0;
    while (start < out.size()) {
      size_t end = out.find('\n', start);
      std::string line = out.substr(start, end - start);
      if (line.find('{') != std::string::npos && line[0] != '@')
        CHECK_MESSAGE(line.rfind(".apiref", 0) == 0, std::string(css) << " -> " << out);
      start = end == std::string::npos ? out.size() : end + 1;
    }
  }
}

TEST_CASE("scoped stylesheet: every rule of the site's stylesheet is under the scope") {
  std::string css;
  REQUIRE(apiref::text::read_file(APIREF_SOURCE_DIR "/site/style.css", css));
  std::string out = scoped_stylesheet(css, "apiref");
  std::vector<std::string> list = selectors(out);
  CHECK(list.size() > 100);
  for (const std::string& rule : list) {
    // Each selector of the rule, not only the first, starts at the scope or at a page condition.
    size_t at = 0;
    while (at < rule.size()) {
      size_t comma = rule.find(", ", at);
      std::string sel = rule.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      bool scoped = sel.rfind(".apiref", 0) == 0 || (sel.rfind(":root", 0) == 0 && sel.find(" .apiref") != std::string::npos);
      CHECK_MESSAGE(scoped, sel);
      if (comma == std::string::npos) break;
      at = comma + 2;
    }
  }
}

TEST_CASE("scoped stylesheet: inside a host, the system's theme is the host's to follow") {
  std::string css = ".a { x: y }\n@media (prefers-color-scheme: dark) { :root { --bg: #000 } }\n@media print { .b { z: w } }";
  std::string out = scoped_stylesheet(css, "apiref", false);
  CHECK(out.find("prefers-color-scheme") == std::string::npos);
  CHECK(out.find("--bg") == std::string::npos);
  CHECK(out.find(".apiref .a { x: y }") != std::string::npos);
  CHECK(out.find("@media print {\n.apiref .b { z: w }\n}") != std::string::npos);
}
