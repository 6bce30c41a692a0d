// The bundle's source map: where each part of a bundle came from (file, pointer there), with the
// line:col its nodes keep, for a project's merged constructs and a single file's referenced ones.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "bundle/bundle.h"
#include "bundle/bundle_test_fixtures.h"
#include "bundle/source_map.h"
#include "test_util.h"
#include "tree/json_pointer.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// The 1-based number of the first line of `text` that is exactly `line`, counted here without
// the parser; 0 when none is.
uint32_t line_number_of(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  std::string l;
  for (uint32_t n = 1; std::getline(in, l); ++n)
    if (l == line) return n;
  return 0;
}

const Node& node_at(const Node& doc, const std::string& pointer) {
  const Node* n = resolve_pointer(doc, *parse_pointer(pointer));
  REQUIRE(n);
  return *n;
}

bool ends_with_path(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

TEST_CASE("source map: the deepest copy at or above a pointer, the rest appended") {
  SourceMap m;
  CHECK_FALSE(m.origin_of("/paths").has_value());
  m.add("", "/p/base.yml", "");
  m.add("/paths/~1a/get", "/p/a.yml", "/paths/~1a/get");
  m.add("/components/schemas/Page_v2", "/p/b.yml", "/components/schemas/Page");
  CHECK(m.size() == 3);

  auto o = m.origin_of("/components/schemas/Page_v2/properties/id");
  REQUIRE(o);
  CHECK(o->file == "/p/b.yml");
  CHECK(o->pointer == "/components/schemas/Page/properties/id");
  o = m.origin_of("/paths/~1a/get");
  REQUIRE(o);
  CHECK(o->file == "/p/a.yml");
  CHECK(o->pointer == "/paths/~1a/get");
  // A sibling whose key only starts like a copy's is not below it.
  o = m.origin_of("/paths/~1a/getter");
  REQUIRE(o);
  CHECK(o->file == "/p/base.yml");
  CHECK(o->pointer == "/paths/~1a/getter");
  o = m.origin_of("/info/title");
  REQUIRE(o);
  CHECK(o->file == "/p/base.yml");

  // A later copy to the same place replaces the first.
  m.add("/paths/~1a/get", "/p/c.yml", "/x");
  CHECK(m.origin_of("/paths/~1a/get/responses")->pointer == "/x/responses");
  CHECK(m.origin_of("/paths/~1a/get/responses")->file == "/p/c.yml");
}

TEST_CASE("source map: a dropped copy goes with all below it, not its look-alike siblings") {
  SourceMap m;
  m.add("/components/schemas/A", "/f.yml", "/A");
  m.add("/components/schemas/A/properties/x", "/g.yml", "/X");
  m.add("/components/schemas/A-1", "/f.yml", "/A-1");
  m.add("/components/schemas/A.b", "/f.yml", "/A.b");
  m.add("/components/schemas/AB", "/f.yml", "/AB");
  m.erase_below("/components/schemas/A");
  CHECK(m.size() == 3);
  CHECK_FALSE(m.origin_of("/components/schemas/A/properties/x").has_value());
  CHECK(m.origin_of("/components/schemas/A-1")->pointer == "/A-1");
  CHECK(m.origin_of("/components/schemas/A.b")->pointer == "/A.b");
  CHECK(m.origin_of("/components/schemas/AB")->pointer == "/AB");
}

TEST_CASE("source map: a project's operations, components, security and tags name their construct file and line") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: pub, base: base.yml, audience: public}\n");
  const std::string base = "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths:\n  /health:\n    get:\n"
                           "      x-internal: [public]\n      responses: {'200': {description: ok}}\n";
  t.write("base.yml", base);
  // Two constructs define the same `jwt` (one component) and a different `Page` (two).
  auto construct = [&](const std::string& version, const std::string& path, const std::string& page_type) {
    std::string text = "openapi: 3.0.3\ninfo: {title: Key, version: '1'}\nsecurity: [{jwt: []}]\n"
                       "tags: [{name: other}, {name: keys}]\npaths:\n  " + path + ":\n    get:\n"
                       "      x-internal: [public]\n      tags: [keys]\n      responses:\n        '200':\n"
                       "          description: ok\n"
                       "          content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}\n"
                       "components:\n  securitySchemes:\n    jwt: {type: http, scheme: bearer}\n"
                       "  schemas:\n    Page:\n      type: " + page_type + "\n";
    t.write("constructs/" + version + "/key/api.yml", text);
    return text;
  };
  std::string v1 = construct("v1beta1", "/keys", "object");
  std::string v2 = construct("v1beta2", "/v2/keys", "array");
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  REQUIRE(r.ok());
  const BundleOutput& b = r.bundles.at(0);
  const Node& doc = b.root();

  // An operation of the second construct: its file, its pointer there, its line.
  auto op = b.origins.origin_of("/paths/~1v2~1keys/get/responses");
  REQUIRE(op);
  CHECK(ends_with_path(op->file, "/constructs/v1beta2/key/api.yml"));
  CHECK(op->pointer == "/paths/~1v2~1keys/get/responses");
  CHECK(node_at(doc, "/paths/~1v2~1keys/get/responses").pos.line == line_number_of(v2, "      responses:") + 1);
  CHECK(node_at(doc, "/paths/~1v2~1keys/get").pos.line == line_number_of(v2, "    get:") + 1);

  // The base's own operation stays in the base.
  auto health = b.origins.origin_of("/paths/~1health/get");
  REQUIRE(health);
  CHECK(ends_with_path(health->file, "/base.yml"));
  CHECK(node_at(doc, "/paths/~1health/get").pos.line == line_number_of(base, "    get:") + 1);

  // A component told apart by version: the file it was defined in, under its own name there.
  auto page2 = b.origins.origin_of("/components/schemas/Page_v1beta2/type");
  REQUIRE(page2);
  CHECK(ends_with_path(page2->file, "/constructs/v1beta2/key/api.yml"));
  CHECK(page2->pointer == "/components/schemas/Page/type");
  CHECK(node_at(doc, "/components/schemas/Page_v1beta2/type").pos.line == line_number_of(v2, "      type: array"));
  auto page1 = b.origins.origin_of("/components/schemas/Page");
  REQUIRE(page1);
  CHECK(ends_with_path(page1->file, "/constructs/v1beta1/key/api.yml"));

  // jwt, the same in both: one component, from the first construct (the second's copy dropped).
  auto jwt = b.origins.origin_of("/components/securitySchemes/jwt");
  REQUIRE(jwt);
  CHECK(ends_with_path(jwt->file, "/constructs/v1beta1/key/api.yml"));
  CHECK(jwt->pointer == "/components/securitySchemes/jwt");

  // The construct's default security, carried down to its operation: the construct's /security.
  auto sec = b.origins.origin_of("/paths/~1keys/get/security/0");
  REQUIRE(sec);
  CHECK(ends_with_path(sec->file, "/constructs/v1beta1/key/api.yml"));
  CHECK(sec->pointer == "/security/0");

  // The construct's tag `keys` (its second): the base has none, so it is the bundle's first.
  REQUIRE(doc.find("tags"));
  CHECK(doc.find("tags")->items.at(0).string_at("name") == "keys");
  auto tag = b.origins.origin_of("/tags/0/name");
  REQUIRE(tag);
  CHECK(ends_with_path(tag->file, "/constructs/v1beta1/key/api.yml"));
  CHECK(tag->pointer == "/tags/1/name");
  CHECK(ends_with_path(b.origins.origin_of("/info/title")->file, "/base.yml"));
}

TEST_CASE("source map: path items kept in another file, and dereferenced schemas") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: all, base: base.yml}\n");
  t.write("base.yml", "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  t.write("constructs/v1/item/api.yml",
          "openapi: 3.0.3\ninfo: {title: Item, version: '1'}\npaths:\n  /items:\n"
          "    $ref: './item_operations.yml#/paths/~1items'\n");
  const std::string ops = "paths:\n  /items:\n    parameters: [{name: q, in: query, schema: {type: string}}]\n"
                          "    post:\n      requestBody:\n        content:\n          application/json:\n"
                          "            schema: {$ref: 'schemas.yml#/Item'}\n      responses: {'201': {description: made}}\n";
  t.write("constructs/v1/item/item_operations.yml", ops);
  const std::string schemas = "Item:\n  type: object\n  properties:\n    name: {type: string}\n";
  t.write("constructs/v1/item/schemas.yml", schemas);

  for (bool dereference : {false, true}) {
    CAPTURE(dereference);
    BundleOptions options;
    options.dereference = dereference;
    BundleResult r = bundle_config((t.path() / "apiref.yaml").string(), options);
    REQUIRE(r.ok());
    const BundleOutput& b = r.bundles.at(0);
    auto post = b.origins.origin_of("/paths/~1items/post");
    REQUIRE(post);
    CHECK(ends_with_path(post->file, "/constructs/v1/item/item_operations.yml"));
    CHECK(post->pointer == "/paths/~1items/post");
    CHECK(node_at(b.root(), "/paths/~1items/post").pos.line == line_number_of(ops, "    post:") + 1);
    auto params = b.origins.origin_of("/paths/~1items/parameters/0");
    REQUIRE(params);
    CHECK(ends_with_path(params->file, "/constructs/v1/item/item_operations.yml"));
    CHECK(params->pointer == "/paths/~1items/parameters/0");

    // The request body's schema: a component (bundled) or inlined (dereferenced), either way
    // from schemas.yml at its own line.
    std::string schema = "/paths/~1items/post/requestBody/content/application~1json/schema";
    std::string name_at = dereference ? schema + "/properties/name" : "/components/schemas/schemas_Item/properties/name";
    if (!dereference) CHECK(node_at(b.root(), schema).string_at("$ref") == "#/components/schemas/schemas_Item");
    auto name = b.origins.origin_of(name_at);
    REQUIRE(name);
    CHECK(ends_with_path(name->file, "/constructs/v1/item/schemas.yml"));
    CHECK(name->pointer == "/Item/properties/name");
    CHECK(node_at(b.root(), name_at).pos.line == line_number_of(schemas, "    name: {type: string}"));
  }
}

TEST_CASE("source map: a single file's components from another file name that file") {
  TempDir t;
  std::string root = t.write("root.yaml", kBundleRoot);
  t.write("common.yaml", kBundleCommon);
  BundleResult r = bundle_file(root, {});
  REQUIRE(r.ok());
  const BundleOutput& b = r.bundles.at(0);
  auto dog = b.origins.origin_of("/components/schemas/Dog/properties/kind");
  REQUIRE(dog);
  CHECK(ends_with_path(dog->file, "/common.yaml"));
  CHECK(dog->pointer == "/components/schemas/Dog/properties/kind");
  auto cat = b.origins.origin_of("/components/schemas/Cat");
  REQUIRE(cat);
  CHECK(cat->file == root);
  CHECK(cat->pointer == "/components/schemas/Cat");
}
