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
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  return lower_ascii(haystack).find(lower_ascii(needle)) != std::string::npos;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An on...= attribute (event handler) inside any tag of the output.
bool has_event_handler(const std::string& html) {
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    size_t gt = html.find('>', lt);
    std::string tag = lower_ascii(html.substr(lt, gt == std::string::npos ? std::string::npos
                                                                          : gt - lt));
    for (size_t p = tag.find("on"); p != std::string::npos; p = tag.find("on", p + 1)) {
      char before = p > 0 ? tag[p - 1] : 'x';
      if (before != ' ' && before != '\t' && before != '\n' && before != '/') continue;
      size_t q = p + 2;
      if (q >= tag.size() || !is_letter(tag[q])) continue;
      while (q < tag.size() && is_letter(tag[q])) ++q;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && tag[q] == '=') return true;
    }
  }
  return false;
}

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

// Checks the output is well-formed: every '<' starts a tag, every attribute value is quoted,
// and end tags match the open elements exactly (void elements have none).
std::string well_formed_problem(const std::string& html) {
  static const std::vector<std::string> kVoid = {"br", "hr", "img", "input"};
  std::vector<std::string> open;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '>') return "bare '>' at " + std::to_string(i);
    if (html[i] != '<') {
      ++i;
      continue;
    }
    size_t gt = html.find('>', i);
    if (gt == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = html.substr(i + 1, gt - i - 1);
    i = gt + 1;
    bool end = !tag.empty() && tag[0] == '/';
    if (end) tag.erase(0, 1);
    size_t name_end = tag.find(' ');
    std::string name = tag.substr(0, name_end);
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }))
      return "bad tag name <" + tag + ">";
    if (end) {
      if (open.empty() || open.back() != name) return "unbalanced </" + name + ">";
      open.pop_back();
      continue;
    }
    // Attributes: name="value" with no quote inside the value.
    std::string rest = name_end == std::string::npos ? "" : tag.substr(name_end);
    for (size_t p = 0; p < rest.size();) {
      if (rest[p] != ' ') return "bad attribute list in <" + tag + ">";
      size_t eq = rest.find("=\"", p);
      if (eq == std::string::npos) return "unquoted attribute in <" + tag + ">";
      size_t close = rest.find('"', eq + 2);
      if (close == std::string::npos) return "unterminated attribute in <" + tag + ">";
      p = close + 1;
    }
    if (std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) open.push_back(name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return "";
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
