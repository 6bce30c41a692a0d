// What the bundle stage's tests share: the unit cases beside this file (bundle_test.cpp,
// bundle_patch_test.cpp) and their corpus twins (tests/corpus/bundle_test.cpp,
// tests/corpus/bundle_patch_test.cpp). Test code only: no source of apiref includes it.
#pragma once

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bundle/bundle.h"
#include "config/config.h"
#include "resolve/oas_context.h"
#include "text/percent.h"
#include "tree/json_pointer.h"
#include "tree/node.h"

namespace apiref_test {

// Every operation of a document, as "METHOD path".
inline std::vector<std::pair<std::string, const apiref::Node*>> operations(const apiref::Node& doc) {
  std::vector<std::pair<std::string, const apiref::Node*>> ops;
  if (const apiref::Node* paths = doc.find("paths"))
    for (const apiref::Member& p : paths->members)
      for (const apiref::Member& m : p.value.members)
        if (apiref::is_http_method(m.key)) ops.push_back({m.key + " " + p.key, &m.value});
  return ops;
}

// Every "$ref" string in the document (outside literal examples), with its pointer.
inline void collect_refs(const apiref::Node& n, const std::string& ptr, apiref::OasContext ctx,
                         std::vector<std::pair<std::string, std::string>>& out) {
  if (ctx == apiref::OasContext::Opaque) return;
  if (n.is_object()) {
    if (n.is_ref()) out.push_back({ptr, n.find("$ref")->text});
    for (const apiref::Member& m : n.members)
      collect_refs(m.value, apiref::append_pointer(ptr, m.key), apiref::child_context(ctx, m.key), out);
  }
  for (size_t i = 0; i < n.items.size(); ++i)
    collect_refs(n.items[i], ptr + "/" + std::to_string(i), apiref::item_context(ctx), out);
}

inline size_t count_refs(const apiref::Node& doc) {
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(doc, "", apiref::OasContext::Root, refs);
  return refs.size();
}

// A bundle is self-contained: every $ref is internal and lands on something.
inline void require_self_contained(const apiref::Node& doc) {
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(doc, "", apiref::OasContext::Root, refs);
  for (const auto& entry : refs) {
    const std::string& where = entry.first;  // not structured bindings: INFO captures them
    const std::string& ref = entry.second;
    INFO("$ref '" << ref << "' at #" << where);
    REQUIRE(!ref.empty());
    REQUIRE(ref[0] == '#');
    auto tokens = apiref::parse_pointer(*apiref::text::percent_decode(ref.substr(1)));
    REQUIRE(tokens.has_value());
    CHECK(apiref::resolve_pointer(doc, *tokens) != nullptr);
  }
}

// The tree without the members named in `drop`, at any depth.
inline apiref::Node without_keys(const apiref::Node& n, const std::set<std::string>& drop) {
  apiref::Node out = n;
  out.members.clear();
  out.items.clear();
  for (const apiref::Member& m : n.members)
    if (!drop.count(m.key)) out.members.push_back({m.key, m.key_pos, without_keys(m.value, drop)});
  for (const apiref::Node& i : n.items) out.items.push_back(without_keys(i, drop));
  return out;
}

// The bundles of the apiref.yaml at `config_path`.
inline apiref::BundleResult bundle_config(const std::string& config_path, const apiref::BundleOptions& options = {}) {
  apiref::ProjectConfig config;
  apiref::Diagnostics diags;
  REQUIRE(apiref::load_project_config(config_path, config, diags));
  return apiref::bundle_project(config, options);
}

// A root that refers to a second file (common.yaml, kBundleCommon) at several depths, inside
// arrays too, from a discriminator mapping, beside internal refs that stay and literal data
// holding a "$ref" key; kBundleExpected is its single-file bundle, as compact JSON.
inline const char* const kBundleRoot = R"(openapi: 3.1.0
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

inline const char* const kBundleCommon = R"(components:
  parameters:
    limit: {name: limit, in: query, schema: {type: integer}}
  schemas:
    Dog:
      type: object
      properties:
        kind: {type: string}
)";

inline const char* const kBundleExpected =
    R"({"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/pets":{"get":{"parameters":[)"
    R"({"name":"q","in":"query","schema":{"type":"string"}},{"$ref":"#/components/parameters/limit"}],)"
    R"("responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"oneOf":[)"
    R"({"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}],"discriminator":)"
    R"({"propertyName":"kind","mapping":{"cat":"#/components/schemas/Cat","dog":"#/components/schemas/Dog"}}},)"
    R"("example":{"$ref":"not a reference"}}}}}}}},"components":{"schemas":{"Cat":{"type":"object",)"
    R"("properties":{"kind":{"type":"string"},"friend":{"$ref":"#/components/schemas/Dog"}}},)"
    R"("Dog":{"type":"object","properties":{"kind":{"type":"string"}}}},"parameters":{"limit":)"
    R"({"name":"limit","in":"query","schema":{"type":"integer"}}}}})";

}  // namespace apiref_test
