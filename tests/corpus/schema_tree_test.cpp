// Schema trees and the description cache on GitHub's description.
// Moved from generator/render/schema_tree_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <thread>

#include "bundle/bundle.h"
#include "examples/pattern_sample.h"
#include "config/config.h"
#include "markdown/markdown.h"
#include "model/model.h"
#include "render/description.h"
#include "render/render_test_fixtures.h"
#include "render/schema_tree.h"
#include "render/site.h"
#include "test_util.h"
#include "text/percent.h"

using namespace apiref;
using apiref_test::check_nothing_empty;
using apiref_test::row;
using apiref_test::toy;
using apiref_test::tree;

namespace {

const Node& github() {
  static const Node doc = [] {
    apiref_test::Parsed p = apiref_test::json(apiref_test::read_text(apiref_test::corpus("github/api.github.com.json")));
    REQUIRE(p.ok);
    return std::move(p.root);
  }();
  return doc;
}

// A schema page's tree for a component of GitHub's description.
std::string github_page_tree(const std::string& component) {
  const Node* s = apiref_test::at(github(), "/components/schemas/" + component);
  REQUIRE(s);
  SchemaTreeOptions o;
  o.root_component = component;
  o.open_depth = 2;
  return tree(github(), *s, o);
}

}  // namespace

TEST_CASE("schema tree: GitHub's created_at/pushed_at (nullable oneOf of scalars) list their variants' types") {
  std::string html = github_page_tree("webhook-push");
  std::string pushed = row(html, "pushed_at");
  REQUIRE(!pushed.empty());
  // Each variant shows its type; none is empty.
  CHECK(pushed.find("<ol class=\"schema-variants\"><li><div class=\"schema-variant-head\"><span class=\"schema-type\">integer</span></div></li>"
                    "<li><div class=\"schema-variant-head\"><span class=\"schema-type\">string (date-time)</span></div></li></ol>") !=
        std::string::npos);
  // `nullable: true` without a type: a badge, not the type "null".
  CHECK(pushed.find("<span class=\"schema-type\">null</span>") == std::string::npos);
  CHECK(pushed.find("<span class=\"badge badge-nullable\">nullable</span>") != std::string::npos);
  // repository.created_at (other created_at rows of the page are plain date-times).
  CHECK(html.find("<code class=\"prop-name\">created_at</code> <span class=\"badge badge-required\">required</span></summary>"
                  "<div class=\"schema-composition\"><span class=\"schema-label\">one of</span><ol class=\"schema-variants\">"
                  "<li><div class=\"schema-variant-head\"><span class=\"schema-type\">integer</span></div></li>"
                  "<li><div class=\"schema-variant-head\"><span class=\"schema-type\">string (date-time)</span></div></li></ol>") !=
        std::string::npos);
  check_nothing_empty(html, "webhook-push");
}

TEST_CASE("schema tree: GitHub's topics (array of string) is a plain row, not an empty disclosure") {
  std::string html = github_page_tree("webhook-pull-request-review-requested");
  std::string topics = row(html, "topics");
  REQUIRE(!topics.empty());
  CHECK(topics.rfind("<li class=\"schema-prop\"><div class=\"schema-prop-head\"><code class=\"prop-name\">topics</code> "
                     "<span class=\"schema-type\">array of string</span>", 0) == 0);
  CHECK(topics.find("<details") == std::string::npos);
  check_nothing_empty(html, "webhook-pull-request-review-requested");
}

TEST_CASE("schema tree: GitHub's empty-object and free-form schemas write no empty list or items block") {
  // empty-object: `properties: {}`; projects-v2-item-with-content.fields: items are
  // {type: object, additionalProperties: true}, with nothing more to show than "array of object".
  std::string empty = github_page_tree("empty-object");
  CHECK(empty.find("schema-props") == std::string::npos);
  CHECK(empty.find("<span class=\"schema-type\">object</span>") != std::string::npos);
  std::string fields = row(github_page_tree("projects-v2-item-with-content"), "fields");
  REQUIRE(!fields.empty());
  CHECK(fields.find("array of object") != std::string::npos);
  CHECK(fields.find("schema-items") == std::string::npos);
  CHECK(fields.find("<details") == std::string::npos);
}

TEST_CASE("schema tree: every GitHub component schema, in both directions and as inline trees, has no empty construct") {
  const Node* schemas = apiref_test::at(github(), "/components/schemas");
  REQUIRE(schemas);
  REQUIRE(schemas->members.size() > 800);
  size_t variants = 0;
  for (const Member& m : schemas->members) {
    for (ExampleFor dir : {ExampleFor::Request, ExampleFor::Response}) {
      SchemaTreeOptions o;
      o.direction = dir;
      std::string html = tree(github(), m.value, o);
      check_nothing_empty(html, m.key);
      CHECK_MESSAGE(html.find("</code>  ") == std::string::npos, m.key << ": a double space after a property's name");
      for (size_t at = 0; (at = html.find("<li><", at)) != std::string::npos; ++at) ++variants;
    }
    check_nothing_empty(github_page_tree(m.key), m.key + " (schema page)");
  }
  CHECK(variants > 1000);  // the walk did meet compositions
}

TEST_CASE("description cache: gives what description_html gives, counts unlinked links on every use, from any thread") {
  // Real descriptions: every property description of GitHub's description, plus hostile ones.
  std::vector<std::string> texts;
  std::function<void(const Node&)> walk = [&](const Node& n) {
    if (n.is_object()) {
      if (const Node* d = n.find("description"); d && d->is_string() && texts.size() < 3000) texts.push_back(d->text);
      for (const Member& m : n.members) walk(m.value);
    } else if (n.is_array()) {
      for (const Node& x : n.items) walk(x);
    }
  };
  walk(*apiref_test::at(github(), "/components/schemas"));
  texts.push_back("<script>alert(1)</script> [rel](../x) [abs](https://example.com) ![i](/a.png)");
  texts.push_back("# Title\n\n## Sub\n\n[a](b) [c](/d)");
  REQUIRE(texts.size() > 1000);
  std::vector<DescriptionStyle> styles(3);
  styles[1].heading_base = 4;
  styles[2].link_base = "https://docs.example.com/";
  DescriptionCache cache;
  DescriptionStats cached_stats, plain_stats;
  // Two threads fill the cache at once; then every text is compared with the uncached result.
  auto fill = [&](size_t start) {
    DescriptionStats ignored;
    for (size_t i = start; i < texts.size(); i += 2)
      for (const DescriptionStyle& st : styles) cache.html(texts[i], st, &ignored);
  };
  std::thread a(fill, 0), b(fill, 1);
  a.join();
  b.join();
  for (int round = 0; round < 2; ++round) {
    for (const std::string& t : texts) {
      for (const DescriptionStyle& st : styles) {
        const std::string& got = cache.html(t, st, &cached_stats);
        std::string want = description_html(t, st, &plain_stats);
        REQUIRE_MESSAGE(got == want, t);
      }
      CHECK(cache.inline_html(t) == render_markdown_inline(t));
    }
  }
  CHECK(cached_stats.unlinked.load() == plain_stats.unlinked.load());
  CHECK(plain_stats.unlinked.load() > 0);
  // Keys are unambiguous: a link base that ends like the text begins is another entry.
  DescriptionStyle s1, s2;
  s1.link_base = "https://a/";
  s2.link_base = "https://a/[x](y)";
  CHECK(cache.html("[x](y)", s1) == description_html("[x](y)", s1));
  CHECK(cache.html("", s2).empty());
  CHECK(cache.html("[x](y)", s2) == description_html("[x](y)", s2));
}

TEST_CASE("description cache: plain_text gives markdown_to_plain_text, from the parse html() shares, in either order") {
  std::vector<std::string> texts = {
      "# Title\n\nSome **bold** and `code`.",
      "Tom &amp; Jerry &lt;3 &copy; caf&eacute;",
      "<script>alert(1)</script> x<span>y</span><br>z <!-- c -->",
      "x<span>y</span><br>z [l](https://x.test) and [a relative link](../x)",
      "- one\n- two\n\n| h |\n|---|\n| c |",
      "> [!NOTE]\n> Read this first.",
      "The quick brown fox jumps over the lazy dog, and then some more words to cut",
      "ééé ééé ééé ééé",
  };
  for (const Node* d : {apiref_test::at(github(), "/paths/~1repos~1{owner}~1{repo}/get/description"),
                        apiref_test::at(github(), "/components/schemas/repository/description")})
    texts.push_back(d->text);
  DescriptionStyle base2, linked;
  base2.heading_base = 2;
  linked.link_base = "https://docs.example.com/";
  for (size_t max_chars : {size_t(0), size_t(5), size_t(20), size_t(160), size_t(100000)}) {
    DescriptionCache text_first, html_first;
    DescriptionStats a, b, plain;
    for (const std::string& t : texts) {
      for (const DescriptionStyle& st : {base2, linked}) {
        std::string want_text = markdown_to_plain_text(t, max_chars);
        std::string want_html = description_html(t, st, &plain);
        // Text first: the entry is made with its text; html() then finds it.
        CHECK(text_first.plain_text(t, st, max_chars) == want_text);
        CHECK(text_first.html(t, st, &a) == want_html);
        CHECK(text_first.plain_text(t, st, max_chars) == want_text);
        // HTML first: plain_text() completes the entry, and the HTML is unchanged.
        const std::string& before = html_first.html(t, st, &b);
        CHECK(before == want_html);
        CHECK(html_first.plain_text(t, st, max_chars) == want_text);
        CHECK(html_first.html(t, st) == want_html);
      }
    }
    // Unlinked links count once per html() use, whichever call rendered the text.
    CHECK(a.unlinked.load() == plain.unlinked.load());
    CHECK(b.unlinked.load() == plain.unlinked.load());
    CHECK(plain.unlinked.load() > 0);
  }
  DescriptionCache cache;
  CHECK(cache.plain_text("", base2, 10).empty());
  // render_markdown's plain-text form, with raw HTML shown as text, still gives the text
  // markdown_to_plain_text gives (which reads raw HTML as HTML).
  std::string text;
  MarkdownOptions no_html;
  no_html.allow_raw_html = false;
  CHECK(render_markdown("a <b>bold</b> move", no_html, text) == render_markdown("a <b>bold</b> move", no_html));
  CHECK(text == markdown_to_plain_text("a <b>bold</b> move", 1000));
}

TEST_CASE("deref_internal: the allocation-free path finds what the general JSON pointer path finds") {
  // The general path, spelled out: percent-decode, parse, resolve; refs to refs followed.
  auto general = [](const Node& doc, const Node& n) -> const Node* {
    const Node* cur = &n;
    for (int hops = 0; cur && cur->is_ref(); ++hops) {
      if (hops > 64) return nullptr;
      const std::string& ref = cur->find("$ref")->text;
      if (ref.empty() || ref[0] != '#') return nullptr;
      auto decoded = text::percent_decode(ref.substr(1));
      if (!decoded) return nullptr;
      auto tokens = parse_pointer(*decoded);
      if (!tokens) return nullptr;
      cur = resolve_pointer(doc, *tokens);
    }
    return cur;
  };
  size_t refs = 0;
  std::function<void(const Node&)> walk = [&](const Node& n) {
    if (n.is_ref()) {
      ++refs;
      CHECK_MESSAGE(deref_internal(github(), n) == general(github(), n), n.find("$ref")->text);
    }
    for (const Member& m : n.members) walk(m.value);
    for (const Node& x : n.items) walk(x);
  };
  walk(github());
  CHECK(refs > 10000);
  Node doc = toy(R"({"a":{"b/c":{"x":1},"~d":{"y":2},"%e":{"z":3},"list":[{"k":true}],"":{"empty":1}},
                     "chain1":{"$ref":"#/chain2"},"chain2":{"$ref":"#/a/list/0"},"loop":{"$ref":"#/loop"}})");
  for (const char* ref : {"#", "#/", "#/a", "#/a/b~1c", "#/a/~0d", "#/a/%25e", "#/a/list/0", "#/a/list/00", "#/a/list/1",
                          "#/a/missing", "#/a/b~1c/x", "#/a/b~1c/x/deeper", "#/a/", "#/chain1", "#/loop", "#a", "#/a/%zz", "other#/a"}) {
    Node n = Node::object();
    n.set("$ref", Node::string(ref));
    CHECK_MESSAGE(deref_internal(doc, n) == general(doc, n), ref);
  }
  Node n = Node::object();
  n.set("$ref", Node::string("#/chain1"));
  REQUIRE(deref_internal(doc, n));
  CHECK(deref_internal(doc, n)->find("k"));
}
