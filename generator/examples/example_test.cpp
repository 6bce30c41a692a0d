// Generated examples: what the reference shows and what request snippets send. A server that
// validates requests against the description must accept them, so each case here checks a
// schema keyword the generator has to honour.
#include <doctest/doctest.h>

#include <regex>

#include "diag/diagnostic.h"
#include "load/load.h"
#include "examples/example.h"
#include "tree/write.h"

using namespace apiref;

namespace {

// The example for `#/components/schemas/<name>` of a small document, as compact JSON.
std::string example_json(const std::string& yaml, const std::string& name, ExampleOptions options = {}) {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(yaml, "t.yaml", doc, d));
  const Node* schema = doc.find("components")->find("schemas")->find(name);
  REQUIRE(schema != nullptr);
  return to_json(example_from_schema(doc, *schema, options), false);
}

const char* kSchemas = R"yaml(openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Slug: {type: string, pattern: "^[a-z0-9-]+$", minLength: 8}
    Version: {type: string, example: 1.0}
    Flag: {type: string, enum: [true, false]}
    Description:
      allOf:
        - $ref: "#/components/schemas/Slug"
        - description: a scalar described through allOf stays a scalar
    Tags: {type: array, items: {type: string}, minItems: 3, maxItems: 4}
    Few: {type: array, items: {type: integer}, maxItems: 0}
    Hostile: {type: string, minLength: 1e30, maxLength: -4, pattern: "(?=lookahead)"}
    Count: {type: integer, minimum: 5}
    # Meshery's VersionString: `example` holding a list (meant as `examples`), and a use of it
    # with its own default beside the $ref.
    VersionString: {type: string, pattern: "^v[0-9]+$", example: [v1, v2]}
    Connection:
      type: object
      required: [schemaVersion, plain]
      properties:
        schemaVersion: {$ref: "#/components/schemas/VersionString", default: v3}
        plain: {$ref: "#/components/schemas/VersionString"}
)yaml";

}  // namespace

TEST_CASE("examples: strings honour pattern with minLength, checked by a regex engine") {
  std::string slug = example_json(kSchemas, "Slug");
  CHECK(slug.size() - 2 >= 8);
  CHECK(std::regex_match(slug.substr(1, slug.size() - 2), std::regex("^[a-z0-9-]+$")));
}

TEST_CASE("examples: documented values typed by YAML differently from their schema are sent as the schema says") {
  CHECK(example_json(kSchemas, "Version") == R"("1.0")");
  CHECK(example_json(kSchemas, "Flag") == R"("true")");
}

TEST_CASE("examples: allOf over a scalar schema gives the scalar, not an empty object") {
  CHECK(example_json(kSchemas, "Description") == example_json(kSchemas, "Slug"));
}

TEST_CASE("examples: minItems and maxItems bound arrays") {
  CHECK(example_json(kSchemas, "Tags") == R"(["string","string","string"])");
  CHECK(example_json(kSchemas, "Few") == "[]");
  CHECK(example_json(kSchemas, "Count") == "5");
}

TEST_CASE("examples: absurd bounds and unsupported patterns do not throw or explode") {
  std::string hostile = example_json(kSchemas, "Hostile");
  CHECK(hostile.size() < 300);
}

TEST_CASE("examples: a documented value that does not fit the schema's type is skipped, a default beside a $ref wins") {
  CHECK(example_json(kSchemas, "VersionString") == R"("v0")");
  CHECK(example_json(kSchemas, "Connection") == R"({"schemaVersion":"v3","plain":"v0"})");
}
