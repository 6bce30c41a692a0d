// A single-file bundle is made by changing the root document's own tree (moved out of the
// DocumentSet) at the places the rewrite changes, instead of by copying it: the result must
// be what a copying rewrite gives, and a document shared with a DocumentCache (serve) must
// come out of a bundle untouched.
#include <doctest/doctest.h>

#include "bundle/bundle.h"
#include "bundle/bundler.h"
#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// External refs at several depths (inside arrays too), a discriminator mapping that names an
// external file, internal refs that stay, and literal data holding a "$ref" key.
const char* kRoot = R"(openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - $ref: "common.yaml#/components/parameters/limit"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: "#/components/schemas/Cat"
                  - $ref: "common.yaml#/components/schemas/Dog"
                discriminator:
                  propertyName: kind
                  mapping:
                    cat: "#/components/schemas/Cat"
                    dog: "common.yaml#/components/schemas/Dog"
              example: {$ref: "not a reference"}
components:
  schemas:
    Cat:
      type: object
      properties:
        kind: {type: string}
        friend: {$ref: "common.yaml#/components/schemas/Dog"}
)";

const char* kCommon = R"(components:
  parameters:
    limit: {name: limit, in: query, schema: {type: integer}}
  schemas:
    Dog:
      type: object
      properties:
        kind: {type: string}
)";

const char* kExpected =
    R"({"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/pets":{"get":{"parameters":[)"
    R"({"name":"q","in":"query","schema":{"type":"string"}},{"$ref":"#/components/parameters/limit"}],)"
    R"("responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"oneOf":[)"
    R"({"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}],"discriminator":)"
    R"({"propertyName":"kind","mapping":{"cat":"#/components/schemas/Cat","dog":"#/components/schemas/Dog"}}},)"
    R"("example":{"$ref":"not a reference"}}}}}}}},"components":{"schemas":{"Cat":{"type":"object",)"
    R"("properties":{"kind":{"type":"string"},"friend":{"$ref":"#/components/schemas/Dog"}}},)"
    R"("Dog":{"type":"object","properties":{"kind":{"type":"string"}}}},"parameters":{"limit":)"
    R"({"name":"limit","in":"query","schema":{"type":"integer"}}}}})";

}  // namespace

TEST_CASE("bundle patches: external refs deep in arrays and mappings are rewritten in place") {
  TempDir t;
  std::string root = t.write("openapi.yaml", kRoot);
  t.write("common.yaml", kCommon);
  BundleResult r = bundle_file(root, {});
  REQUIRE(r.ok());
  REQUIRE(r.bundles.size() == 1);
  CHECK(to_json(r.bundles[0].document, false) == kExpected);
  // Positions survive: the untouched parts are the parsed tree itself.
  const Node* q = r.bundles[0].document.find("paths")->find("/pets")->find("get")->find("parameters");
  CHECK(lc(q->items[0].pos) == "7:11");
  CHECK(r.files.size() == 2);
}

TEST_CASE("bundle patches: the patches are exactly what a copying rewrite changes") {
  TempDir t;
  std::string root = normalise_path(t.write("openapi.yaml", kRoot));
  t.write("common.yaml", kCommon);
  auto run = [&](bool patches) {
    ResolveOptions ro;
    ro.root_dir = t.str();
    DocumentSet docs(ro);
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Bundler b(docs, false, [](const RefTarget& target, const std::string&) {
      return target.pointer.substr(target.pointer.rfind('/') + 1);
    });
    b.keep_internal_refs_of(doc);
    Node out;
    if (patches) {
      std::vector<Patch> p = b.rewrite_patches(*doc, doc->root, "", OasContext::Root);
      CHECK(p.size() == 4);  // the parameter, the oneOf item, the mapping's discriminator, friend
      out = doc->root;
      Bundler::apply_patches(out, p);
    } else {
      out = b.rewrite(*doc, doc->root, "", OasContext::Root);
    }
    Node components;
    b.append_components(components);
    return to_json(out) + to_json(components) + dump(docs.diagnostics());
  };
  std::string copied = run(false);
  CHECK(run(true) == copied);
  CHECK(copied.find("\"$ref\": \"#/components/schemas/Dog\"") != std::string::npos);
}

TEST_CASE("bundle patches: a document kept in a DocumentCache is not changed by a bundle") {
  TempDir t;
  std::string root = t.write("openapi.yaml", kRoot);
  t.write("common.yaml", kCommon);
  DocumentCache cache;
  BundleOptions options;
  options.cache = &cache;
  BundleResult first = bundle_file(root, options);
  REQUIRE(first.ok());
  CHECK(to_json(first.bundles[0].document, false) == kExpected);
  DocumentCache::Entry entry;
  REQUIRE(cache.find(normalise_path(root), entry));
  Diagnostics d;
  Document fresh = load_document(normalise_path(root), d);
  CHECK(Tree{entry.doc->root} == Tree{fresh.root});
  CHECK(to_json(entry.doc->root) == to_json(fresh.root));  // key order too
  // A second build from the cache gives the same bundle.
  BundleResult second = bundle_file(root, options);
  REQUIRE(second.ok());
  CHECK(to_json(second.bundles[0].document, false) == kExpected);
}

TEST_CASE("bundle patches: take_root moves only what nothing else holds") {
  TempDir t;
  std::string root = normalise_path(t.write("openapi.yaml", kRoot));
  Diagnostics d;
  Document fresh = load_document(root, d);
  {
    DocumentSet docs(ResolveOptions{t.str(), false, {}, nullptr});
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Node taken = docs.take_root(root);
    CHECK(Tree{taken} == Tree{fresh.root});
    CHECK(doc->root.is_null());  // moved out
    CHECK(docs.take_root(normalise_path(t.str() + "/missing.yaml")).is_null());
  }
  {
    DocumentCache cache;
    DocumentSet docs(ResolveOptions{t.str(), false, {}, &cache});
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Node taken = docs.take_root(root);
    CHECK(Tree{taken} == Tree{fresh.root});
    CHECK(Tree{doc->root} == Tree{fresh.root});  // copied: the cache still has it
  }
}
