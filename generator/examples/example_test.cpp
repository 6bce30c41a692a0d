// Generated examples: what the reference shows and what request snippets send. A server that
// validates requests against the description must accept them, so each case here checks a
// schema keyword the generator has to honour.
#include <doctest/doctest.h>

#include <chrono>
#include <regex>

#include "diag/diagnostic.h"
#include "load/load.h"
#include "examples/example.h"
#include "examples/example_values.h"
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
    # What names and formats say (issue 19): values a reader recognises, not "string" or "aa".
    Named:
      type: object
      properties:
        id: {type: string}
        uuid: {type: string}
        name: {type: string}
        displayName: {type: string}
        firstName: {type: string}
        title: {type: string}
        email: {type: string}
        homepageUrl: {type: string}
        href: {type: string}
        description: {type: string}
        created_at: {type: string}
        updatedAt: {type: string}
        status: {type: string}
        phone: {type: string}
        country: {type: string}
        port: {type: integer}
        page: {type: integer}
        per_page: {type: integer}
        total_count: {type: integer}
        limit: {type: integer, maximum: 10}
        version: {type: string}
        tags: {type: array, items: {type: string}}
        emails: {type: array, items: {type: string}}
        kind: {type: string}
    Formats:
      type: object
      properties:
        a: {type: string, format: uuid}
        b: {type: string, format: date}
        c: {type: string, format: date-time}
        d: {type: string, format: time}
        e: {type: string, format: email}
        f: {type: string, format: uri}
        g: {type: string, format: hostname}
        h: {type: string, format: ipv4}
        i: {type: string, format: ipv6}
        j: {type: string, format: byte}
        k: {type: string, format: binary}
        l: {type: string, format: password}
        name: {type: string, format: email}
    # Meshery's schemaVersion and version patterns: a value that reads as a version and matches.
    SchemaVersioned:
      type: object
      properties:
        schemaVersion: {type: string, pattern: '^([a-z][a-z0-9.-]*\/)?v(alpha|beta|[0-9]+)([.-][a-z0-9]+)*$'}
        apiVersion: {type: string, pattern: '^([a-z][a-z0-9.-]*\/)?v(alpha|beta|[0-9]+(alpha[0-9]*|beta[0-9]*|rc[0-9]*)?)([.-][a-z0-9]+)*$'}
        version: {type: string, pattern: '^[a-z0-9]+.[0-9]+.[0-9]+(-[0-9A-Za-z-]+(.[0-9A-Za-z-]+)*)?$'}
        id: {type: string, pattern: '^[0-9a-f]{32}$'}
        name: {type: string, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'}
        email: {type: string, pattern: '^[0-9]+$'}
        key: {type: string, pattern: '^[A-Za-z0-9_\-]+$'}
        short: {type: string, format: uuid, maxLength: 4}
    Numbers:
      type: object
      properties:
        within: {type: integer, minimum: 10, maximum: 20}
        below: {type: integer, maximum: -3}
        port: {type: integer, maximum: 1024}
        excl: {type: integer, minimum: 5, exclusiveMinimum: true}
        excl31: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}
        step: {type: integer, minimum: 1, multipleOf: 7}
        page: {type: integer, multipleOf: 5, minimum: 11, maximum: 19}
        huge: {type: integer, minimum: 1e300}
        price: {type: number, minimum: 0}
        ratio: {type: number}
    Strings:
      type: object
      properties:
        description: {type: string, maxLength: 10}
        status: {type: string, minLength: 12}
        title: {type: string, enum: [draft, final]}
        name: {type: string, default: widget}
        email: {type: string, const: ops@example.org}
        url: {type: string, examples: ["https://meshery.io"]}
    Person:
      type: object
      properties:
        id: {type: string, readOnly: true}
        password: {type: string, writeOnly: true}
        name: {type: string}
    Tree:
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
        parent: {$ref: "#/components/schemas/Tree"}
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

namespace {

// The generated value of one property of a schema's example, as compact JSON.
std::string member(const std::string& schema, const std::string& key, ExampleOptions options = {}) {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(kSchemas, "t.yaml", doc, d));
  Node example = example_from_schema(doc, *doc.find("components")->find("schemas")->find(schema), options);
  const Node* v = example.find(key);
  return v ? to_json(*v, false) : "(absent)";
}

}  // namespace

TEST_CASE("examples: names say what a string is") {
  CHECK(member("Named", "id") == R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")");
  CHECK(member("Named", "uuid") == R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")");
  CHECK(member("Named", "name") == R"("example-name")");
  CHECK(member("Named", "displayName") == R"("Example")");
  CHECK(member("Named", "firstName") == R"("Jane")");
  CHECK(member("Named", "title") == R"("Example title")");
  CHECK(member("Named", "email") == R"("user@example.com")");
  CHECK(member("Named", "homepageUrl") == R"("https://example.com")");
  CHECK(member("Named", "href") == R"("https://example.com")");
  CHECK(member("Named", "description") == R"("A short description of this item.")");
  CHECK(member("Named", "created_at") == R"("2024-01-01T00:00:00Z")");
  CHECK(member("Named", "updatedAt") == R"("2024-01-01T00:00:00Z")");
  CHECK(member("Named", "status") == R"("active")");
  CHECK(member("Named", "phone") == R"("+1-202-555-0100")");
  CHECK(member("Named", "country") == R"("US")");
  CHECK(member("Named", "version") == R"("1.0.0")");
  // A name that says nothing keeps the type's placeholder.
  CHECK(member("Named", "kind") == R"("string")");
}

TEST_CASE("examples: names say what a number is, arrays' items go by the singular") {
  CHECK(member("Named", "port") == "8080");
  CHECK(member("Named", "page") == "1");
  CHECK(member("Named", "per_page") == "25");
  CHECK(member("Named", "total_count") == "10");
  CHECK(member("Named", "limit") == "10");  // 25 would break maximum: 10
  CHECK(member("Named", "emails") == R"(["user@example.com"])");
  CHECK(member("Named", "tags") == R"(["string"])");
}

TEST_CASE("examples: formats give their canonical values, and win over the name") {
  CHECK(member("Formats", "a") == R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")");
  CHECK(member("Formats", "b") == R"("2024-01-01")");
  CHECK(member("Formats", "c") == R"("2024-01-01T00:00:00Z")");
  CHECK(member("Formats", "d") == R"("00:00:00Z")");
  CHECK(member("Formats", "e") == R"("user@example.com")");
  CHECK(member("Formats", "f") == R"("https://example.com")");
  CHECK(member("Formats", "g") == R"("example.com")");
  CHECK(member("Formats", "h") == R"("192.0.2.1")");
  CHECK(member("Formats", "i") == R"("2001:db8::1")");
  CHECK(member("Formats", "j") == R"("ZXhhbXBsZQ==")");
  CHECK(member("Formats", "k") == R"("<binary>")");
  CHECK(member("Formats", "l") == R"("********")");
  CHECK(member("Formats", "name") == R"("user@example.com")");
}

TEST_CASE("examples: a name's value is used only when the pattern accepts it, checked by a regex engine") {
  CHECK(member("SchemaVersioned", "schemaVersion") == R"("v1")");  // this pattern refuses v1beta1
  CHECK(member("SchemaVersioned", "apiVersion") == R"("v1beta1")");
  CHECK(member("SchemaVersioned", "version") == R"("1.0.0")");
  CHECK(member("SchemaVersioned", "id") == R"("3fa85f6457174562b3fc2c963f66afa6")");
  CHECK(member("SchemaVersioned", "name") == R"("example-name")");
  CHECK(member("SchemaVersioned", "key") == R"("example")");
  // No name value fits: the pattern's sample, as before.
  CHECK(member("SchemaVersioned", "email") == R"("0")");
  // The format's value breaks maxLength: not sent.
  CHECK(member("SchemaVersioned", "short") == R"("stri")");
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(kSchemas, "t.yaml", doc, d));
  const Node* props = doc.find("components")->find("schemas")->find("SchemaVersioned")->find("properties");
  Node example = example_from_schema(doc, *doc.find("components")->find("schemas")->find("SchemaVersioned"));
  for (const Member& m : example.members) {
    const Node* pattern = props->find(m.key)->find("pattern");
    if (!pattern) continue;
    CAPTURE(m.key);
    CHECK(std::regex_search(m.value.text, std::regex(pattern->text, std::regex::ECMAScript)));
  }
}

TEST_CASE("examples: numbers stay within minimum, maximum, exclusive bounds and multipleOf") {
  CHECK(member("Numbers", "within") == "10");
  CHECK(member("Numbers", "below") == "-3");
  CHECK(member("Numbers", "port") == "1024");
  CHECK(member("Numbers", "excl") == "6");
  CHECK(member("Numbers", "excl31") == "0.5");
  CHECK(member("Numbers", "step") == "7");
  CHECK(member("Numbers", "page") == "15");
  CHECK(member("Numbers", "huge") == "1e300");
  CHECK(member("Numbers", "price") == "9.99");
  CHECK(member("Numbers", "ratio") == "0.0");
}

TEST_CASE("examples: the schema's own example, default, const and enum come before names, lengths bound names") {
  CHECK(member("Strings", "description") == R"("string")");  // the name's value is longer than maxLength
  CHECK(member("Strings", "status") == R"("stringxxxxxx")");
  CHECK(member("Strings", "title") == R"("draft")");
  CHECK(member("Strings", "name") == R"("widget")");
  CHECK(member("Strings", "email") == R"("ops@example.org")");
  CHECK(member("Strings", "url") == R"("https://meshery.io")");
}

TEST_CASE("examples: readOnly stays out of requests and writeOnly out of responses, recursion ends") {
  ExampleOptions request;
  request.direction = ExampleFor::Request;
  CHECK(member("Person", "id", request) == "(absent)");
  CHECK(member("Person", "password", request) == R"("********")");
  CHECK(member("Person", "id") == R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")");
  CHECK(member("Person", "password") == "(absent)");
  CHECK(member("Tree", "name") == R"("example-name")");
  CHECK(member("Tree", "parent") == "(absent)");
}

TEST_CASE("examples: the same schema gives the same bytes every time") {
  std::string first = example_json(kSchemas, "Named");
  for (int i = 0; i < 3; ++i) CHECK(example_json(kSchemas, "Named") == first);
}

TEST_CASE("examples: names in every case style are read as words") {
  CHECK(string_candidates("X-Request-ID", "").values[0] == "3fa85f64-5717-4562-b3fc-2c963f66afa6");
  CHECK(string_candidates("HTTPServerURL", "").values[0] == "https://example.com");
  CHECK(string_candidates("last_modified_at", "").values[0] == "2024-01-01T00:00:00Z");
  CHECK(string_candidates("VersionString", "").values[0] == "1.0.0");
  CHECK(string_candidates("", "").size == 0);
  CHECK(string_candidates("commit_id", "").values[0] == "6dcb09b5b57875f334f61aebed695e2e4193db5e");
  StringCandidates endpoint = string_candidates("externalEndpointOverride", "");
  CHECK(endpoint.size == 2);
  CHECK(endpoint.values[1] == "example.com:8080");
  CHECK(string_candidates(std::string(5000, 'A') + "_id", "").size == 5);  // a long name is cut, still read
  CHECK(*named_number("pageSize", true) == 25);
  CHECK(!named_number("kind", true));
  CHECK(singular("policies") == "policy");
  CHECK(singular("addresses") == "address");
  CHECK(singular("status") == "status");
}

TEST_CASE("examples: hostile patterns with a name to try stay fast") {
  // A backtracking engine takes exponential time on (a+)+$ against a long non-matching value;
  // the names' values are checked only with the polynomial executor (text/regex.h).
  const char* yaml = R"yaml(openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    H:
      type: object
      properties:
        description: {type: string, pattern: "^(a+)+$"}
        name: {type: string, pattern: "^(a|aa)+(b|c)*\\1$"}
        id: {type: string, pattern: "(((((x*)*)*)*)*)*y"}
)yaml";
  auto start = std::chrono::steady_clock::now();
  std::string json = example_json(yaml, "H");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(json.find("description") != std::string::npos);
}
