// Descriptions that made `apiref build` loop forever, crash or go quadratic (found by
// bench/sweep.sh over the APIs.guru directory, or by reading the loops over what a description
// controls). Each case must finish quickly with a clear result; the fixtures beside the CLI
// test (tests/fixtures/hostile-build/) are the same shapes, built end to end.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "diag/diagnostic.h"
#include "load/load.h"
#include "markdown/markdown.h"
#include "model/model.h"
#include "examples/example.h"
#include "render/schema_tree.h"
#include "serve/serve.h"
#include "tree/write.h"
#include "test_util.h"

using namespace apiref;

namespace {

Node parse(const std::string& yaml) {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(yaml, "t.yaml", doc, d));
  return doc;
}

// Seconds since `start`, and the bound: generous, because the sanitizer build (Debug, ASan)
// is many times slower; before the fixes each of these ran for minutes or for ever.
constexpr double kSeconds = 30;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const Node& schema(const Node& doc, const std::string& name) {
  const Node* s = doc.find("components")->find("schemas")->find(name);
  REQUIRE(s != nullptr);
  return *s;
}

size_t count_values(const Node& n) {
  size_t count = 1;
  for (const Node& item : n.items) count += count_values(item);
  for (const Member& m : n.members) count += count_values(m.value);
  return count;
}

}  // namespace

TEST_CASE("hostile: a server variable whose default holds its own placeholder is substituted once") {
  Node doc = parse(R"(openapi: 3.0.3
info: {title: t, version: "1"}
servers:
  - url: "https://{host}/{stage}/v1"
    variables:
      host: {default: "{host}"}
      stage: {default: "{stage}{stage}", enum: ["{stage}{stage}", "{stage}", "prod"]}
paths: {}
)");
  auto start = std::chrono::steady_clock::now();
  ApiModel m = build_model(doc, {});
  REQUIRE(m.servers.size() == 1);
  CHECK(m.servers[0].resolved_url == "https://{host}/{stage}{stage}/v1");
  // serve's proxy allowlist expands every enum value the same way, and skips what is left
  // with a placeholder (no URL).
  CHECK(declared_server_urls({&m}).empty());
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: server variables with huge enums expand to a bounded allowlist") {
  ApiModel m;
  Server s;
  s.url = "https://{a}.{b}.{c}.example.com";
  for (const char* name : {"a", "b", "c"}) {
    ServerVariable v{name, "x0", {}, ""};
    for (int i = 0; i < 20000; ++i) v.enum_values.push_back("x" + std::to_string(i % 10000));
    s.variables.push_back(v);
  }
  m.servers.push_back(s);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> urls = declared_server_urls({&m});
  CHECK(!urls.empty());
  CHECK(urls.size() <= 256);
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: thousands of identical operationIds and same-slug tags get slugs in linear time") {
  // 20,000 operations share one operationId; 4,096 distinct tag names ("x" and three
  // punctuation characters) all slugify to "x". Counting suffixes from 2 for each was quadratic.
  const std::string punct = "!?#%&*+,:;=@^|~`";
  auto tag = [&](int i) { return std::string("x") + punct[i % 16] + punct[(i / 16) % 16] + punct[(i / 256) % 16]; };
  std::string yaml = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n";
  const int n = 20000;
  for (int i = 0; i < n; ++i)
    yaml += "  /p" + std::to_string(i) + ":\n    get:\n      operationId: same\n      tags: [\"" + tag(i % 4096) +
            "\"]\n      responses: {\"200\": {description: ok}}\n";
  Node doc = parse(yaml);
  auto start = std::chrono::steady_clock::now();
  ApiModel m = build_model(doc, {});
  REQUIRE(m.operations.size() == static_cast<size_t>(n));
  CHECK(m.operations[0].slug == "same");
  CHECK(m.operations[1].slug == "same-2");
  CHECK(m.operations[n - 1].slug == "same-" + std::to_string(n));
  REQUIRE(m.tags.size() == 4096);
  CHECK(m.tags[0].slug == "x");
  CHECK(m.tags[1].slug == "x-2");
  CHECK(m.tags[4095].slug == "x-4096");
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: examples of a schema that fans out stay within a budget") {
  // Twelve properties per level, all referring to the next level, nine levels, and an array
  // of at least 16 of the next level: written out in full, 12^9 objects.
  std::string yaml = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n";
  for (int level = 0; level < 9; ++level) {
    yaml += "    L" + std::to_string(level) + ":\n      type: object\n";
    if (level == 8) {
      yaml += "      properties: {leaf: {type: string}}\n";
      continue;
    }
    std::string next = "{$ref: \"#/components/schemas/L" + std::to_string(level + 1) + "\"}";
    yaml += "      required: [list, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11]\n      properties:\n";
    yaml += "        list: {type: array, minItems: 16, items: " + next + "}\n";
    for (int p = 0; p < 12; ++p) yaml += "        p" + std::to_string(p) + ": " + next + "\n";
  }
  Node doc = parse(yaml);
  auto start = std::chrono::steady_clock::now();
  Node example = example_from_schema(doc, schema(doc, "L0"));
  CHECK(example.is_object());
  CHECK(example.find("list") != nullptr);
  CHECK(count_values(example) <= 25000);  // the budget, plus the values it was cut at
  ExampleOptions required_only;
  required_only.required_only = true;
  required_only.direction = ExampleFor::Request;
  CHECK(count_values(example_from_schema(doc, schema(doc, "L0"), required_only)) <= 25000);
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: nested arrays with minItems do not multiply their copies") {
  std::string items = "{type: string}";
  for (int i = 0; i < 10; ++i) items = "{type: array, minItems: 16, items: " + items + "}";
  Node doc = parse("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Deep: " +
                   items + "\n");
  auto start = std::chrono::steady_clock::now();
  Node example = example_from_schema(doc, schema(doc, "Deep"), ExampleOptions{ExampleFor::Response, false, 16, 1, nullptr, {}});
  CHECK(example.is_array());
  CHECK(!example.items.empty());
  CHECK(count_values(example) <= 25000);
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: an object of thousands of required properties is not quadratic") {
  std::string props, required;
  for (int i = 0; i < 30000; ++i) {
    props += "        k" + std::to_string(i) + ": {type: integer}\n";
    required += (i ? ", k" : "k") + std::to_string(i);
  }
  Node doc = parse("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Wide:\n"
                   "      type: object\n      minProperties: 30000\n      required: [" + required + "]\n      properties:\n" + props);
  auto start = std::chrono::steady_clock::now();
  ExampleOptions required_only;
  required_only.required_only = true;
  Node example = example_from_schema(doc, schema(doc, "Wide"), required_only);
  CHECK(example.members.size() >= 10000);  // the budget's worth, in order
  CHECK(example.members[0].key == "k0");
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: a cycle through $refs into a component's inside renders a bounded tree") {
  // Azure's descriptions refer to #/components/schemas/X/properties/y: no component name to
  // see a cycle by. The schema tree recursed until the stack overflowed (SIGSEGV).
  Node doc = parse(R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Graph:
      type: object
      properties:
        node:
          type: object
          properties:
            left: {$ref: "#/components/schemas/Graph/properties/node"}
            right:
              type: array
              items: {$ref: "#/components/schemas/Graph/properties/node"}
)");
  auto start = std::chrono::steady_clock::now();
  SchemaTreeOptions o;
  TemplateSet templates;
  std::vector<MustacheError> errors;
  REQUIRE(templates.load(apiref_test::source("templates"), "", errors));
  o.templates = &templates;
  o.root_component = "Graph";
  std::string html = render_schema_tree(doc, schema(doc, "Graph"), o, [](const std::string& n) { return "../" + n + "/"; });
  CHECK(html.find("prop-name\">left<") != std::string::npos);
  CHECK(html.size() < 16u * 1024 * 1024);
  Node example = example_from_schema(doc, schema(doc, "Graph"));
  CHECK(example.find("node") != nullptr);
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: a markdown table row of 100,000 cells renders in linear time") {
  // cmark-gfm's table extension is quadratic in a row's cells: minutes for this description.
  std::string md = "|a|\n|-|\n" + std::string(100000, '|') + "\n";
  auto start = std::chrono::steady_clock::now();
  std::string html = render_markdown(md, MarkdownOptions{});
  CHECK(html.find("<table") == std::string::npos);  // too wide for a table: it stays text
  CHECK(seconds_since(start) < kSeconds);
  // A table of readable width is still a table.
  CHECK(render_markdown("|a|b|\n|-|-|\n|1|2|\n", MarkdownOptions{}).find("<table>") != std::string::npos);
}

TEST_CASE("hostile: servers with 100,000-value enums on every operation stay cheap") {
  // Three variables of 100,000 values each, inherited by 200 operations: every page's data
  // and serve's allowlist (also computed by build) went through all of them per operation
  // (23 s and 2.3 GB for this document).
  std::string values;
  for (int i = 0; i < 100000; ++i) values += (i ? ", r" : "r") + std::to_string(i);
  std::string yaml = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\nservers:\n  - url: \"https://{a}.{b}.{c}.example.com\"\n    variables:\n";
  for (const char* v : {"a", "b", "c"}) yaml += std::string("      ") + v + ": {default: r0, enum: [" + values + "]}\n";
  yaml += "paths:\n";
  for (int i = 0; i < 200; ++i)
    yaml += "  /p" + std::to_string(i) + ": {get: {responses: {\"200\": {description: ok}}}}\n";
  Node doc = parse(yaml);
  auto start = std::chrono::steady_clock::now();
  ApiModel m = build_model(doc, {});
  REQUIRE(m.servers.size() == 1);
  REQUIRE(m.servers[0].variables.size() == 3);
  CHECK(m.servers[0].variables[0].enum_values.size() == 1000);  // the first values, in order
  CHECK(m.servers[0].variables[0].enum_values[999] == "r999");
  CHECK(m.servers[0].resolved_url == "https://r0.r0.r0.example.com");
  std::vector<std::string> urls = declared_server_urls({&m});
  CHECK(urls.size() <= 256);
  CHECK(std::find(urls.begin(), urls.end(), "https://r0.r0.r0.example.com") != urls.end());
  CHECK(seconds_since(start) < kSeconds);
}

TEST_CASE("hostile: names longer than a file name may be get short, distinct slugs") {
  // Slugs name pages: a 1,000-character operationId failed the build ("File name too long").
  std::string id(1000, 'a');
  Node doc = parse("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n"
                   "  /a: {get: {operationId: " + id + ", responses: {\"200\": {description: ok}}}}\n"
                   "  /b: {get: {operationId: " + id + "b, responses: {\"200\": {description: ok}}}}\n"
                   "  /c: {get: {operationId: short, responses: {\"200\": {description: ok}}}}\n");
  ApiModel m = build_model(doc, {});
  REQUIRE(m.operations.size() == 3);
  CHECK(m.operations[0].slug == std::string(120, 'a'));
  CHECK(m.operations[1].slug == std::string(120, 'a') + "-2");  // cut to the same base
  CHECK(m.operations[2].slug == "short");
}
