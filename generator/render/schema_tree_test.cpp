// Schema trees (render/schema_tree) and the page parts around them: every construct shows
// something or is not written at all. No empty variant (<li></li>), no disclosure with
// nothing inside, no empty property list or head, no "null" type for a bare `nullable`.
// Checked on GitHub's description (every component schema, both directions), on the
// schemas the reports came from, on toy schemas and on whole pages of a toy project.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <thread>

#include "bundle/bundle.h"
#include "config/config.h"
#include "markdown/markdown.h"
#include "model/model.h"
#include "render/description.h"
#include "examples/pattern_sample.h"
#include "render/render_test_fixtures.h"
#include "render/schema_tree.h"
#include "render/site.h"
#include "test_util.h"
#include "text/percent.h"

using namespace apiref;
using apiref_test::TempDir;
using apiref_test::check_nothing_empty;
using apiref_test::row;
using apiref_test::toy;
using apiref_test::tree;

TEST_CASE("schema tree: scalar variants show their type line, constraints, enum and description") {
  Node doc = toy(R"({"components":{"schemas":{
    "Id":{"type":"string","format":"uuid","description":"An *id*."},
    "T":{"oneOf":[{"type":"integer","minimum":1,"description":"A number."},
                  {"type":"string","enum":["a",""]},
                  {"$ref":"#/components/schemas/Id"},
                  {"type":"boolean","title":"<script>x</script>"}]}}}})");
  std::string html = tree(doc, *apiref_test::at(doc, "/components/schemas/T"));
  CHECK(html.find("<li><div class=\"schema-variant-head\"><span class=\"schema-type\">integer</span></div>"
                  "<div class=\"schema-description\"><p>A number.</p>\n</div>"
                  "<div class=\"schema-constraints\">≥ 1</div></li>") != std::string::npos);
  // An empty string is shown as "", not as an empty <code>.
  CHECK(html.find("<div class=\"schema-enum\">one of: <code>a</code> <code>&quot;&quot;</code></div>") != std::string::npos);
  // A named variant: its label and link, no leading space, and its own description.
  CHECK(html.find("<li><div class=\"schema-variant-head\"><span class=\"schema-type\">string (uuid)</span> "
                  "<a class=\"schema-ref\" href=\"../Id/\">Id</a></div><div class=\"schema-description\"><p>An <em>id</em>.</p>") !=
        std::string::npos);
  // Titles are escaped.
  CHECK(html.find("<span class=\"schema-title\">&lt;script&gt;x&lt;/script&gt;</span>") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  // A bare composition root has no empty head.
  CHECK(html.rfind("<div class=\"schema-tree\" data-for=\"response\"><div class=\"schema-composition\">", 0) == 0);
  check_nothing_empty(html, "toy oneOf");
}

TEST_CASE("schema tree: nullable without a type is a badge, never the type null") {
  Node doc = toy(R"({"a":{"nullable":true},"b":{"type":"string","nullable":true},"c":{"type":["integer","null"]},
                     "d":{"nullable":true,"anyOf":[{"type":"integer"}]},"e":{"type":"null"}})");
  CHECK(schema_type_label(doc, *doc.find("a")) == "any");
  CHECK(schema_type_label(doc, *doc.find("b")) == "string | null");
  CHECK(schema_type_label(doc, *doc.find("c")) == "integer | null");
  CHECK(schema_type_label(doc, *doc.find("d")) == "any of");
  CHECK(schema_type_label(doc, *doc.find("e")) == "null");
  std::string html = tree(doc, *doc.find("d"));
  CHECK(html.find("<div class=\"schema-root\"> <span class=\"badge badge-nullable\">nullable</span></div>") != std::string::npos);
  CHECK(html.find(">null<") == std::string::npos);
  CHECK(tree(doc, *doc.find("a")).find("<span class=\"schema-type\">any</span> <span class=\"badge badge-nullable\">") !=
        std::string::npos);
}

TEST_CASE("schema tree: rows with nothing to expand are plain, array items show what they say") {
  Node doc = toy(R"({"type":"object","required":["tags"],"properties":{
    "tags":{"type":"array","items":{"type":"string"}},
    "kinds":{"type":"array","items":{"type":"string","enum":["x","y"],"description":"A kind."}},
    "map":{"type":"object","additionalProperties":true},
    "none":{"type":"object","properties":{}},
    "secret":{"type":"object","properties":{"pw":{"type":"string","writeOnly":true}}},
    "empty_choice":{"oneOf":[]},
    "dflt":{"type":"string","default":""}}})");
  std::string html = tree(doc, doc);
  CHECK(row(html, "tags") == "<li class=\"schema-prop\"><div class=\"schema-prop-head\"><code class=\"prop-name\">tags</code> "
                             "<span class=\"schema-type\">array of string</span> <span class=\"badge badge-required\">required</span></div></li>");
  // Items with an enum and a description: a disclosure holding them.
  CHECK(row(html, "kinds") ==
        "<li class=\"schema-prop\"><details open><summary><code class=\"prop-name\">kinds</code> <span class=\"schema-type\">array of string</span>"
        "</summary><div class=\"schema-items\"><span class=\"schema-label\">items</span><div class=\"schema-description\"><p>A kind.</p>\n</div>"
        "<div class=\"schema-enum\">one of: <code>x</code> <code>y</code></div></div></details></li>");
  for (const char* plain : {"map", "none", "empty_choice"})
    CHECK_MESSAGE(row(html, plain).find("<div class=\"schema-prop-head\">") != std::string::npos, plain);
  // Its only property is write-only: in a response there is nothing inside.
  CHECK(row(html, "secret").find("<details") == std::string::npos);
  CHECK(row(html, "empty_choice").find("schema-composition") == std::string::npos);
  CHECK(row(html, "dflt").find("<div class=\"schema-default\">default <code>&quot;&quot;</code></div>") != std::string::npos);
  check_nothing_empty(html, "toy object");
  // In a request the write-only property is there, so the row opens.
  SchemaTreeOptions req;
  req.direction = ExampleFor::Request;
  std::string in_request = tree(doc, doc, req);
  CHECK(in_request.find("<details open><summary><code class=\"prop-name\">secret</code> <span class=\"schema-type\">object</span></summary>"
                        "<ul class=\"schema-props\"><li class=\"schema-prop\"><div class=\"schema-prop-head\"><code class=\"prop-name\">pw</code>") !=
        std::string::npos);
}

TEST_CASE("schema tree: hostile shapes (recursion through items and variants, unresolved refs) terminate and stay non-empty") {
  Node doc = toy(R"({"components":{"schemas":{
    "Node":{"type":"object","properties":{"kids":{"type":"array","items":{"$ref":"#/components/schemas/Node"}},
                                          "either":{"oneOf":[{"$ref":"#/components/schemas/Node"},{"$ref":"#/components/schemas/Missing"}]}}}}}})");
  SchemaTreeOptions o;
  o.root_component = "Node";
  std::string html = tree(doc, *apiref_test::at(doc, "/components/schemas/Node"), o);
  CHECK(html.find("badge-recursive") != std::string::npos);
  CHECK(html.find("<a class=\"schema-ref\" href=\"../Node/\">Node</a>") != std::string::npos);
  check_nothing_empty(html, "recursive");
  std::string inline_html = tree(doc, *apiref_test::at(doc, "/components/schemas/Node"));
  check_nothing_empty(inline_html, "recursive inline");
}

namespace {

// Renders a one-file toy project; path -> page. `override_dir`: the user's templates.
std::map<std::string, std::string> render_toy_site(const std::string& yaml, const std::string& override_dir = "") {
  TempDir dir;
  std::string path = dir.write("api.yaml", yaml);
  BundleResult r = bundle_file(path, {});
  REQUIRE_MESSAGE(r.ok(), apiref_test::dump(r.diagnostics));
  Diagnostics d;
  ApiModel m = build_model(r.bundles[0].document, {});
  std::vector<SiteBundle> site = {{"api", &r.bundles[0].document, &m}};
  TemplateSet templates;
  std::vector<MustacheError> errors;
  REQUIRE(templates.load(apiref_test::source("templates"), override_dir, errors));
  std::map<std::string, std::string> files;
  for (SiteFile& f : render_site(site, templates, SiteOptions{}, d)) files[f.path] = std::move(f.content);
  return files;
}

}  // namespace

TEST_CASE("site pages: no empty paragraph, definition, pager, title or operation list") {
  auto files = render_toy_site(R"(openapi: 3.0.3
info: {title: Toy, version: "1"}
tags:
  - name: used
  - name: unused
    description: Declared, but no operation has it.
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
paths:
  /a/{id}:
    get:
      operationId: onlyOne
      tags: [used]
      security: [{key: []}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, description: Filter., schema: {type: string}}
      responses:
        "302":
          description: Moved
          headers:
            Location: {schema: {type: string}}
            Retry-After: {description: Seconds., schema: {type: integer}}
)");
  const std::string& op = files.at("api/operations/onlyOne.html");
  CHECK(op.find("<p></p>") == std::string::npos);
  CHECK(op.find("<ul class=\"security\">") != std::string::npos);
  // A parameter with nothing said about it has no <dd>; one with a description keeps it.
  CHECK(op.find("<dt><code>id</code> <span class=\"schema-type\">string</span> <span class=\"badge badge-required\">required</span></dt>\n  \n</dl>") !=
        std::string::npos);
  CHECK(op.find("<dd><p>Filter.</p>") != std::string::npos);
  CHECK(op.find("<dt><code>Location</code> <span class=\"schema-type\">string</span></dt><dt>") != std::string::npos);
  CHECK(op.find("<dd><p>Seconds.</p>\n</dd>") != std::string::npos);
  // The only operation of its tag: no previous, no next, no pager.
  CHECK(op.find("class=\"pager\"") == std::string::npos);
  const std::string& unused = files.at("api/tags/unused.html");
  CHECK(unused.find("operation-list") == std::string::npos);
  CHECK(unused.find("<p>No operation has this tag.</p>") != std::string::npos);
  CHECK(files.at("api/tags/used.html").find("<ul class=\"operation-list\">") != std::string::npos);
  const std::string& missing = files.at("404.html");
  CHECK(missing.find("<title>Page not found · Toy</title>") != std::string::npos);
  CHECK(missing.find("<meta name=\"description\" content=\"There is no page at this address.\">") != std::string::npos);
}

TEST_CASE("schema trees: a user's schema partial (--templates) restyles the trees, the others stay built in") {
  TempDir user;
  user.write("partials/schema-badges.mustache", "{{#badges}} <mark class=\"my-{{badge}}\">{{label}}!</mark>{{/badges}}");
  const char* yaml = R"(openapi: 3.0.3
info: {title: Toy, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses: {"204": {description: Added}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, description: What it answers to.}
        tag: {type: string, nullable: true}
)";
  auto builtin = render_toy_site(yaml);
  auto styled = render_toy_site(yaml, user.path().string());
  for (const char* page : {"api/operations/addPet.html", "api/schemas/Pet.html"}) {
    CAPTURE(page);
    const std::string& before = builtin.at(page);
    const std::string& after = styled.at(page);
    CHECK(before.find("<span class=\"badge badge-required\">required</span>") != std::string::npos);
    CHECK(after.find("<span class=\"badge badge-required\">") == std::string::npos);
    CHECK(after.find("<code class=\"prop-name\">name</code> <span class=\"schema-type\">string</span> <mark class=\"my-required\">required!</mark>") !=
          std::string::npos);
    CHECK(after.find("<mark class=\"my-nullable\">nullable!</mark>") != std::string::npos);
    // The other partials are the built-in ones.
    CHECK(after.find("<div class=\"schema-description\"><p>What it answers to.</p>") != std::string::npos);
  }
}

TEST_CASE("site pages: several security alternatives keep their introduction") {
  auto files = render_toy_site(R"(openapi: 3.0.3
info: {title: Toy, version: "1"}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    basic: {type: http, scheme: basic}
paths:
  /a:
    get:
      operationId: anyOf
      security: [{key: []}, {basic: []}]
      responses: {"204": {description: Done}}
  /b:
    get:
      operationId: optional
      security: [{key: []}, {}]
      responses: {"204": {description: Done}}
  /c:
    get:
      operationId: optionalAnyOf
      security: [{key: []}, {basic: []}, {}]
      responses: {"204": {description: Done}}
)");
  CHECK(files.at("api/operations/anyOf.html").find("<p>Any one of:</p><ul class=\"security\">") != std::string::npos);
  CHECK(files.at("api/operations/optional.html").find("<p>Optional:</p><ul class=\"security\">") != std::string::npos);
  CHECK(files.at("api/operations/optionalAnyOf.html").find("<p>Optional: any one of:</p><ul class=\"security\">") !=
        std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// What makes the render stage fast must not change what it writes.

TEST_CASE("openapi.yaml: strings that look like other scalars keep being strings when read back") {
  Node doc = Node::object();
  Node list = Node::array();
  for (const char* s : {"eeeeeeee", "bbbbbbbbb", "False", "FALSE", "false", "Yes", "NULL", "null", "~", "y", "N", "off", "Off",
                        "offset", "nullable", "trueish", "falsehood", "123456", "1234567890123", "-1e5", "+.inf", ".5e3",
                        ".nan", ".NaN", "0x1F", "0o17", "1_000_000", "1:20:30", "<<", "=", "==", "a: b", "a #b", "2024-01-01",
                        "+12345678", "-", ".", "..........", "e", "E5", "0b1010", "yes please", "Null pointer"}) {
    list.items.push_back(Node::string(s));
    doc.set(s, Node::string(s));  // as keys too
  }
  doc.set("list", list);
  std::string yaml_text = to_yaml(doc);
  apiref_test::Parsed back = apiref_test::yaml(yaml_text);
  REQUIRE_MESSAGE(back.ok, apiref_test::dump(back.diags));
  CHECK_MESSAGE(apiref_test::Tree{back.root} == apiref_test::Tree{doc}, yaml_text);
  // Plain where that is safe: a long word is not quoted.
  CHECK(yaml_text.find("\n- nullable\n") != std::string::npos);
  CHECK(yaml_text.find("\n- \"eeeeeeee\"\n") != std::string::npos);
}

TEST_CASE("schema tree: a schema without a type but with const or a one-type enum is labelled by that type") {
  Node doc = toy(R"({"c":{"const":"official","description":"Ours."},"e":{"enum":["a","b"]},"mixed":{"enum":[1,"a"]},
                     "b":{"const":true},"n":{"enum":[1,2.5]},"none":{"description":"anything"},
                     "choice":{"oneOf":[{"const":"official","description":"Ours."},{"const":"community"}]}})");
  CHECK(schema_type_label(doc, *doc.find("c")) == "string");
  CHECK(schema_type_label(doc, *doc.find("e")) == "string");
  CHECK(schema_type_label(doc, *doc.find("mixed")) == "any");
  CHECK(schema_type_label(doc, *doc.find("b")) == "boolean");
  CHECK(schema_type_label(doc, *doc.find("n")) == "number");
  CHECK(schema_type_label(doc, *doc.find("none")) == "any");
  // Meshery's catalog class: one of three constants, each with its own description.
  std::string html = tree(doc, *doc.find("choice"));
  CHECK(html.find("<li><div class=\"schema-variant-head\"><span class=\"schema-type\">string</span></div>"
                  "<div class=\"schema-description\"><p>Ours.</p>\n</div><div class=\"schema-enum\">always <code>official</code></div></li>"
                  "<li><div class=\"schema-variant-head\"><span class=\"schema-type\">string</span></div>"
                  "<div class=\"schema-enum\">always <code>community</code></div></li>") != std::string::npos);
}


TEST_CASE("pattern samples: remembered per pattern and bounds, the same from any thread") {
  const std::vector<std::string> patterns = {"^[a-z0-9-]+$", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                                             "^(a|b)+$", "(?<=x)y", "[", "^\\d{3}$", "^x{2,}$"};
  PatternSamples samples;  // one render's
  std::vector<std::optional<std::string>> first;
  for (const std::string& p : patterns) first.push_back(samples.sample(p, 0, 256));
  CHECK(first[0]);
  CHECK(!first[4]);  // unparsable: nothing, every time
  // Other bounds are other samples: a longer minimum is honoured, not served from the memo.
  std::optional<std::string> longer = samples.sample("^x{2,}$", 10, 256);
  REQUIRE(longer);
  CHECK(longer->size() >= 10);
  auto again = [&](std::vector<std::optional<std::string>>& out) {
    for (const std::string& p : patterns) out.push_back(samples.sample(p, 0, 256));
  };
  std::vector<std::optional<std::string>> a, b;
  std::thread t1(again, std::ref(a)), t2(again, std::ref(b));
  t1.join();
  t2.join();
  CHECK(a == first);
  CHECK(b == first);
  CHECK(samples.size() == patterns.size() + 1);
  for (size_t i = 0; i < patterns.size(); ++i) CHECK(pattern_sample(patterns[i], 0, 256) == first[i]);  // the same uncached
}

TEST_CASE("schema tree: nested named schemas with structure are folded links, a schema page shows both directions") {
  Node doc = toy(R"({"components":{"schemas":{
    "Signup":{"type":"object","properties":{"account":{"$ref":"#/components/schemas/Account"},
                                            "plan":{"$ref":"#/components/schemas/Plan"}}},
    "Plan":{"type":"string","enum":["free","pro"],"description":"Which plan."},
    "Account":{"type":"object","properties":{
      "id":{"type":"string","readOnly":true},"password":{"type":"string","writeOnly":true},
      "home":{"$ref":"#/components/schemas/Address"}}},
    "Address":{"type":"object","properties":{"city":{"type":"string"}}}}}})");
  const Node& signup = *apiref_test::at(doc, "/components/schemas/Signup");
  SchemaTreeOptions request;
  request.direction = ExampleFor::Request;
  std::string html = tree(doc, signup, request);
  CHECK(html.rfind("<div class=\"schema-tree\" data-for=\"request\">", 0) == 0);
  // account: a link, marked for app.js, and none of Account's properties inline.
  CHECK(html.find("<div class=\"schema-prop-head\" data-folded><code class=\"prop-name\">account</code> "
                  "<a class=\"schema-ref\" href=\"../Account/\">Account</a>") != std::string::npos);
  CHECK(html.find("prop-name\">password<") == std::string::npos);
  // plan: a named enum has no structure, so it stays inline with its values and description.
  CHECK(html.find("<div class=\"schema-prop-head\"><code class=\"prop-name\">plan</code>") != std::string::npos);
  CHECK(html.find("<code>pro</code>") != std::string::npos);
  CHECK(html.find("Which plan.") != std::string::npos);

  // The tree at its own root (a schema page, or a body that is the schema) is expanded one level.
  const Node& account = *apiref_test::at(doc, "/components/schemas/Account");
  std::string req = tree(doc, account, request);
  CHECK(req.find("prop-name\">id<") == std::string::npos);
  CHECK(req.find("prop-name\">password<") != std::string::npos);
  CHECK(req.find("<div class=\"schema-prop-head\" data-folded><code class=\"prop-name\">home</code>") != std::string::npos);
  std::string res = tree(doc, account);
  CHECK(res.rfind("<div class=\"schema-tree\" data-for=\"response\">", 0) == 0);
  CHECK(res.find("prop-name\">id<") != std::string::npos);
  CHECK(res.find("prop-name\">password<") == std::string::npos);
  SchemaTreeOptions page;
  page.all_directions = true;
  std::string all = tree(doc, account, page);
  CHECK(all.rfind("<div class=\"schema-tree\"><", 0) == 0);
  CHECK(all.find("prop-name\">id</code> <span class=\"schema-type\">string</span> <span class=\"badge badge-readonly\">") != std::string::npos);
  CHECK(all.find("prop-name\">password</code> <span class=\"schema-type\">string</span> <span class=\"badge badge-writeonly\">") != std::string::npos);
}
