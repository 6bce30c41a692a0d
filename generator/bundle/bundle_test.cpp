// The bundle stage on the embedded example and on hostile multi-file inputs. (Meshery's tree
// against its own reference bundles, GitHub's description, oas-examples:
// tests/corpus/bundle_test.cpp.)
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <unistd.h>

#include "source_dir.h"
#include "bundle/bundle.h"
#include "bundle/bundle_test_fixtures.h"
#include "config/config.h"
#include "load/load.h"
#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;
namespace fs = std::filesystem;

namespace {


}  // namespace

TEST_CASE("embedded example: two audiences, no diagnostics, self-contained, deterministic") {
  BundleResult r = bundle_config(kSource + "/schemas/apiref.yaml");
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.bundles.size() == 2);
  const BundleOutput& pub = r.bundles[0];
  const BundleOutput& internal = r.bundles[1];
  CHECK(pub.name == "public");
  CHECK(internal.name == "internal");
  CHECK(operations(pub.document).size() == 32);
  CHECK(operations(internal.document).size() == 41);
  for (const BundleOutput* b : {&pub, &internal}) {
    require_self_contained(b->document);
    std::set<std::string> ids;
    for (const auto& entry : operations(b->document)) {
      // Named, not bound: doctest's messages capture them in a lambda, which C++17 forbids for bindings.
      const auto& name = entry.first;
      const auto& op = entry.second;
      INFO(name);
      // Audience filter: every operation lists the bundle's audience.
      bool listed = false;
      for (const Node& a : op->find("x-internal")->items) listed = listed || a.text == b->audience;
      CHECK(listed);
      CHECK(ids.insert(std::string(op->string_at("operationId"))).second);
      // Construct-level security is carried down to operations that do not set their own.
      CHECK(op->find("security") != nullptr);
      // Tags are the author's names, declared once.
      for (const Node& t : op->find("tags")->items) {
        bool declared = false;
        for (const Node& decl : b->document.find("tags")->items) declared = declared || decl.string_at("name") == t.text;
        CHECK(declared);
      }
    }
  }
  // The deprecated construct (Beacon) is left out; the path item kept in another file is in.
  std::string yaml = to_yaml(internal.document);
  CHECK(yaml.find("Beacon") == std::string::npos);
  CHECK(pub.document.find("paths")->find("/api/devices/{deviceId}/telemetry") != nullptr);
  // Components keep the names their authors gave them; no construct title is glued on.
  const Node* schemas = pub.document.find("components")->find("schemas");
  REQUIRE(schemas);
  for (const Member& m : schemas->members) CHECK(m.key.rfind("Core_Schema_Elements_", 0) != 0);
  for (const BundleOutput* b : {&pub, &internal}) {
    std::set<std::string> tag_names;
    for (const Node& t : b->document.find("tags")->items) CHECK(tag_names.insert(std::string(t.string_at("name"))).second);
  }

  // Dereferenced, the recursive schemas (DeviceGroup's children) stay references to components.
  BundleOptions deref;
  deref.dereference = true;
  BundleResult flat = bundle_config(kSource + "/schemas/apiref.yaml", deref);
  REQUIRE(flat.ok());
  for (const BundleOutput& b : flat.bundles) {
    require_self_contained(b.document);
    std::vector<std::pair<std::string, std::string>> refs;
    collect_refs(b.document, "", OasContext::Root, refs);
    CHECK(!refs.empty());
    for (const auto& ref : refs) CHECK(ref.second.rfind("#/components/schemas/", 0) == 0);
  }

  // Same input, same bytes; and the YAML reads back as the same tree.
  BundleResult again = bundle_config(kSource + "/schemas/apiref.yaml");
  CHECK(to_yaml(again.bundles[0].document) == to_yaml(pub.document));
  CHECK(to_json(again.bundles[1].document) == to_json(internal.document));
  Node reread;
  Diagnostics d;
  REQUIRE(parse_yaml(to_yaml(internal.document), "x", reread, d));
  CHECK(reread == internal.document);
  CHECK(d.empty());
}

TEST_CASE("external refs are internalised under readable, collision-free names") {
  TempDir t;
  std::string root = t.write("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - $ref: "./common/params.yaml#/components/parameters/limit"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "./models/pet.yaml"}
  /b:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "./other/pet.yaml"}
components:
  schemas:
    pet: {type: string, description: the root's own pet keeps its name}
)");
  t.write("common/params.yaml", R"(components:
  parameters:
    limit: {name: limit, in: query, schema: {$ref: "../models/pet.yaml#/properties/id"}}
)");
  t.write("models/pet.yaml", "type: object\nproperties:\n  id: {type: integer}\n");
  t.write("other/pet.yaml", "type: object\nproperties:\n  name: {type: string}\n");
  BundleResult r = bundle_file(root, {});
  REQUIRE(r.ok());
  const Node& doc = r.bundles[0].document;
  require_self_contained(doc);
  const Node& schemas = *doc.find("components")->find("schemas");
  // The root's `pet` keeps its name; the two files called pet.yaml get pet_2 and pet_3.
  CHECK(schemas.find("pet")->string_at("description") == "the root's own pet keeps its name");
  CHECK(schemas.find("pet_2") != nullptr);
  CHECK(schemas.find("pet_3") != nullptr);
  CHECK(schemas.find("pet_id") != nullptr);  // a ref into the middle of a file: stem + token
  CHECK(doc.find("components")->find("parameters")->find("limit") != nullptr);
  CHECK(doc.find("paths")->find("/a")->find("get")->find("parameters")->items[0].string_at("$ref") ==
        "#/components/parameters/limit");
  // Every file read is listed (for serve's watcher), each once.
  CHECK(r.files.size() == 4);
}

TEST_CASE("recursion across files: kept as refs, dereferenced without end") {
  TempDir t;
  std::string root = t.write("api.yaml", R"(openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /tree:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "node.yaml"}
)");
  t.write("node.yaml", R"(type: object
properties:
  children: {type: array, items: {$ref: "node.yaml"}}
  owner: {$ref: "person.yaml"}
)");
  t.write("person.yaml", R"(type: object
properties:
  favourite: {$ref: "node.yaml"}
)");
  BundleResult keep = bundle_file(root, {});
  REQUIRE(keep.ok());
  require_self_contained(keep.bundles[0].document);
  const Node& schemas = *keep.bundles[0].document.find("components")->find("schemas");
  CHECK(schemas.find("node")->find("properties")->find("children")->find("items")->string_at("$ref") ==
        "#/components/schemas/node");
  CHECK(schemas.find("person")->find("properties")->find("favourite")->string_at("$ref") ==
        "#/components/schemas/node");

  BundleOptions o;
  o.dereference = true;
  BundleResult flat = bundle_file(root, o);
  REQUIRE(flat.ok());
  require_self_contained(flat.bundles[0].document);
  const Node& schema = *flat.bundles[0].document.find("paths")->find("/tree")->find("get")->find(
      "responses")->find("200")->find("content")->find("application/json")->find("schema");
  // Inlined once, then the cycle points at a component.
  CHECK(schema.find("properties")->find("children")->find("items")->string_at("$ref") ==
        "#/components/schemas/node");
}

TEST_CASE("a cycle of pure $refs is an error naming the chain, not a hang") {
  TempDir t;
  std::string root = t.write("api.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {$ref: "loop.yaml#/a"}
)");
  t.write("loop.yaml", "a: {$ref: '#/b'}\nb: {$ref: '#/a'}\n");
  for (bool dereference : {false, true}) {
    BundleOptions o;
    o.dereference = dereference;
    BundleResult r = bundle_file(root, o);
    const Diagnostic* d = find_diag(r.diagnostics, "ref-cycle");
    REQUIRE(d);
    CHECK(d->where.file.find("api.yaml") != std::string::npos);
    CHECK(d->where.pointer == "/paths/~1x/get/responses/200/$ref");
    CHECK(d->where.pos.line == 7);
    CHECK(d->related.size() == 2);
  }
}

TEST_CASE("literal data is not a reference: examples, defaults and enums are copied as is") {
  TempDir t;
  std::string root = t.write("api.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              default: {$ref: "not-a-file.yaml"}
            example: {$ref: "also-not-a-file.yaml"}
      responses:
        "204": {description: none}
)");
  BundleResult r = bundle_file(root, {});
  CHECK(r.diagnostics.empty());
  REQUIRE(r.ok());
  std::string json = to_json(r.bundles[0].document);
  CHECK(json.find("not-a-file.yaml") != std::string::npos);
  CHECK(json.find("also-not-a-file.yaml") != std::string::npos);
}

TEST_CASE("refs that leave the project root are refused unless allowed") {
  TempDir t;
  std::string root = t.write("project/api.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    a: {$ref: "../outside.yaml"}
)");
  t.write("outside.yaml", "type: string\n");
  BundleResult r = bundle_file(root, {});
  const Diagnostic* d = find_diag(r.diagnostics, "ref-outside-root");
  REQUIRE(d);
  CHECK(d->where.pointer == "/components/schemas/a/$ref");
  CHECK(d->where.pos.line == 6);
  BundleOptions allow;
  allow.allow_outside_root = true;
  CHECK(bundle_file(root, allow).ok());
}

TEST_CASE("projects: duplicate operations across constructs name both files") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: all, base: base.yml, audience: all}\n");
  t.write("base.yml", "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  std::string op = R"(
paths:
  /thing:
    get:
      x-internal: [all]
      operationId: OPID
      tags: [things]
      responses: {"200": {description: ok}}
)";
  t.write("constructs/v1/a/api.yml", "openapi: 3.0.3\ninfo: {title: A, version: '1'}" + op);
  t.write("constructs/v2/b/api.yml", "openapi: 3.0.3\ninfo: {title: B, version: '1'}" + op);
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  const Diagnostic* d = find_diag(r.diagnostics, "duplicate-operation");
  REQUIRE(d);
  CHECK(d->where.file.find("v2/b/api.yml") != std::string::npos);
  CHECK(d->where.pointer == "/paths/~1thing/get");
  CHECK(d->where.pos.line == 5);
  REQUIRE(d->related.size() == 1);
  CHECK(d->related[0].file.find("v1/a/api.yml") != std::string::npos);
  CHECK(d->related[0].pos.line == 5);
}

TEST_CASE("projects: the author's names, deprecated, excluded and foreign-audience operations left out") {
  TempDir t;
  t.write("apiref.yaml", R"(bundles:
  - {name: pub, base: base.yml, audience: public}
exclude: [constructs/v1/skipped]
)");
  t.write("base.yml", "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  t.write("constructs/v1/user/api.yml", R"(openapi: 3.0.3
info: {title: User Accounts, version: '1'}
security: [{jwt: []}]
tags: [{name: users}, {name: unused}]
paths:
  /users:
    get:
      x-internal: [public]
      tags: [users]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}
    delete:
      x-internal: [admin]
      responses: {"204": {description: gone}}
  /users/me:
    get:
      x-internal: [public]
      security: []
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    jwt: {type: http, scheme: bearer}
  schemas:
    User: {type: object, properties: {id: {$ref: "../../v1/core/api.yml#/components/schemas/id"}}}
    Unused: {type: string}
)");
  t.write("constructs/v1/core/api.yml", R"(openapi: 3.0.3
info: {title: Core, version: '1'}
paths: {}
components:
  schemas:
    id: {type: string, format: uuid}
)");
  t.write("constructs/v1/old/api.yml", R"(openapi: 3.0.3
info: {title: Old, version: '1', x-deprecated: true}
paths:
  /old: {get: {x-internal: [public], responses: {"200": {description: ok}}}}
)");
  t.write("constructs/v1/skipped/api.yml", R"(openapi: 3.0.3
info: {title: Skipped, version: '1'}
paths:
  /skipped: {get: {x-internal: [public], responses: {"200": {description: ok}}}}
)");
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  const Node& doc = r.bundles[0].document;
  require_self_contained(doc);
  const Node& paths = *doc.find("paths");
  CHECK(paths.members.size() == 2);
  CHECK(paths.find("/old") == nullptr);
  CHECK(paths.find("/skipped") == nullptr);
  CHECK(paths.find("/users")->find("delete") == nullptr);
  const Node& get = *paths.find("/users")->find("get");
  CHECK(get.find("tags")->items[0].text == "users");
  CHECK(get.find("security")->items[0].members[0].key == "jwt");
  // An explicit `security: []` (no auth) is kept as is.
  CHECK(paths.find("/users/me")->find("get")->find("security")->items.empty());
  const Node& components = *doc.find("components");
  CHECK(components.find("securitySchemes")->find("jwt") != nullptr);
  CHECK(components.find("schemas")->find("User") != nullptr);
  CHECK(components.find("schemas")->find("id") != nullptr);
  CHECK(r.bundles[0].display_names.empty());
  // Components and tags no operation of this audience uses are not published.
  CHECK(components.find("schemas")->find("Unused") == nullptr);
  REQUIRE(doc.find("tags"));
  CHECK(doc.find("tags")->items.size() == 1);
}

TEST_CASE("discriminator mappings follow the schemas they name into the bundle") {
  TempDir t;
  std::string root = t.write("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "./models/pet.yaml#/components/schemas/Pet"}
)");
  t.write("models/pet.yaml", R"(components:
  schemas:
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "./dog.yaml"}]
      discriminator:
        propertyName: kind
        mapping:
          cat: Cat
          dog: "./dog.yaml"
          lizard: "#/components/schemas/Missing"
    Cat: {type: object, properties: {kind: {type: string}}}
)");
  t.write("models/dog.yaml", "type: object\nproperties:\n  kind: {type: string}\n");
  for (bool dereference : {false, true}) {
    CAPTURE(dereference);
    BundleOptions o;
    o.dereference = dereference;
    BundleResult r = bundle_file(root, o);
    // The broken mapping entry is an error naming the file, pointer and line.
    const Diagnostic* missing = find_diag(r.diagnostics, "ref-not-found");
    REQUIRE(missing != nullptr);
    CHECK(missing->where.pointer == "/components/schemas/Pet/discriminator/mapping/lizard");
    CHECK(missing->where.pos.line == 10);
    const Node& doc = r.bundles[0].document;
    const Node* schemas = doc.find("components")->find("schemas");
    REQUIRE(schemas != nullptr);
    const Node* pet = dereference ? doc.find("paths")->find("/pets")->find("get")->find("responses")->find("200")
                                         ->find("content")->find("application/json")->find("schema")
                                   : schemas->find("Pet");
    REQUIRE(pet != nullptr);
    const Node& mapping = *pet->find("discriminator")->find("mapping");
    // Each rewritten value lands on a schema of the bundle.
    for (const char* key : {"cat", "dog"}) {
      CAPTURE(key);
      std::string ref(mapping.string_at(key));
      REQUIRE(ref.rfind("#/components/schemas/", 0) == 0);
      CHECK(schemas->find(ref.substr(21)) != nullptr);
    }
    CHECK(mapping.string_at("dog") != "./dog.yaml");
  }
}

TEST_CASE("json_source: only a JSON file that bundling leaves as it is, without a byte order mark") {
  TempDir t;
  const char* doc = R"({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}})";
  std::string same = t.write("same.json", doc);
  std::string bom = t.write("bom.json", std::string("\xEF\xBB\xBF") + doc);
  std::string yaml = t.write("same.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
  std::string ext = t.write("ext.json", R"({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
    "components": {"schemas": {"A": {"$ref": "other.json#/B"}}}})");
  t.write("other.json", R"({"B": {"type": "string"}})");
  std::string dup = t.write("dup.json", R"({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "paths": {}})");
  BundleResult r = bundle_file(same, {});
  REQUIRE(r.ok());
  CHECK(r.bundles[0].json_source == normalise_path(same));
  CHECK(r.bundles[0].json_source_stamp.size == static_cast<int64_t>(std::string(doc).size()));
  for (const std::string& f : {bom, yaml, ext, dup}) {
    CAPTURE(f);
    BundleResult o = bundle_file(f, {});
    REQUIRE(!o.bundles.empty());
    CHECK(o.bundles[0].json_source.empty());
  }
}

TEST_CASE("read_file_if_unchanged: a file edited since it was stamped is not read") {
  TempDir t;
  std::string f = t.write("a.json", "{}");
  FileStamp before = stamp_of(f);
  CHECK(before.size == 2);
  std::string text;
  CHECK(read_file_if_unchanged(f, before, text));
  CHECK(text == "{}");
  t.write("a.json", "[1]");  // another size
  CHECK_FALSE(read_file_if_unchanged(f, before, text));
  FileStamp now = stamp_of(f);
  t.write("a.json", "[2]");  // same size, later time (the stamp keeps nanoseconds)
  struct timespec later[2] = {{0, UTIME_OMIT}, {now.mtime_ns / 1000000000 + 1, 0}};
  REQUIRE(::utimensat(AT_FDCWD, f.c_str(), later, 0) == 0);
  CHECK_FALSE(read_file_if_unchanged(f, now, text));
  CHECK(stamp_of(t.write("b.json", "")).size == 0);
  CHECK(stamp_of(f + ".missing").size == -1);
  CHECK_FALSE(read_file_if_unchanged(f + ".missing", stamp_of(f + ".missing"), text));
}

TEST_CASE("projects: the same component written in two constructs is one, different ones are told apart readably") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: pub, base: base.yml, audience: public}\n");
  t.write("base.yml", "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  // Two constructs of one version, one of another: each defines `jwt` the same way and a tag
  // `users`; `Page` differs between versions, `id` between the two of one version.
  auto construct = [&](const std::string& version, const std::string& name, const std::string& title,
                       const std::string& path, const std::string& page_type, const std::string& id_format) {
    t.write("constructs/" + version + "/" + name + "/api.yml", "openapi: 3.0.3\ninfo: {title: " + title +
            ", version: '1'}\nsecurity: [{jwt: []}]\ntags: [{name: users, description: " + title + " users}]\npaths:\n  " + path +
            ":\n    get:\n      x-internal: [public]\n      tags: [users]\n      responses:\n        '200':\n"
            "          description: ok\n          content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}\n"
            "      parameters: [{name: x, in: query, schema: {$ref: '#/components/schemas/id'}}]\n"
            "components:\n  securitySchemes:\n    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n"
            "  schemas:\n    Page: {type: " + page_type + "}\n    id: {type: string, format: " + id_format + "}\n");
  };
  construct("v1beta1", "key", "Key", "/keys", "object", "uuid");
  construct("v1beta1", "user", "User", "/users", "object", "email");
  construct("v1beta2", "user", "User", "/v2/users", "array", "uuid");
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  const BundleOutput& b = r.bundles[0];
  const Node& components = *b.document.find("components");
  // Three identical jwt schemes: one.
  REQUIRE(components.find("securitySchemes")->members.size() == 1);
  CHECK(components.find("securitySchemes")->members[0].key == "jwt");
  // One tag `users`, declared once (the first construct's description).
  REQUIRE(b.document.find("tags")->items.size() == 1);
  CHECK(b.document.find("tags")->items[0].string_at("name") == "users");
  // Page: the same in both v1beta1 constructs (one), another in v1beta2 (told apart by version).
  const Node& schemas = *components.find("schemas");
  std::set<std::string> keys;
  for (const Member& m : schemas.members) keys.insert(m.key);
  CHECK(keys == std::set<std::string>{"Page", "Page_v1beta2", "id", "id_User"});
  CHECK(b.display_names.at("schemas/Page_v1beta2") == "Page (v1beta2)");
  // id: uuid in Key v1beta1, email in User v1beta1 (same version: told apart by title), uuid
  // again in v1beta2 (the same as Key's: one).
  CHECK(b.display_names.at("schemas/id_User") == "id (User)");
  CHECK(b.display_names.size() == 2);
  const Node& v2 = *b.document.find("paths")->find("/v2/users")->find("get");
  CHECK(v2.find("parameters")->items[0].find("schema")->string_at("$ref") == "#/components/schemas/id");
  for (const Member& m : schemas.members) CHECK(m.key.find("_2") == std::string::npos);
}

TEST_CASE("projects: 3.2 additionalOperations are kept by audience like the fixed methods") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: pub, base: base.yml, audience: public}\n");
  t.write("base.yml", "openapi: 3.2.0\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  t.write("constructs/v1/cache/api.yml", R"(openapi: 3.2.0
info: {title: Cache, version: '1'}
security: [{jwt: []}]
tags: [{name: cache}, {name: locks}]
paths:
  /cakes:
    summary: Cakes
    get:
      x-internal: [public]
      responses: {"200": {description: ok}}
    additionalOperations:
      PURGE:
        x-internal: [public]
        tags: [cache]
        responses:
          "200":
            description: purged
            content: {application/json: {schema: {$ref: "#/components/schemas/Purged"}}}
      LOCK:
        x-internal: [admin]
        tags: [locks]
        responses:
          "200":
            description: locked
            content: {application/json: {schema: {$ref: "#/components/schemas/Lock"}}}
  /ovens:
    additionalOperations:
      PURGE:
        x-internal: [public]
        responses: {"204": {description: purged}}
  /locks:
    additionalOperations:
      LOCK:
        x-internal: [admin]
        responses: {"204": {description: locked}}
components:
  securitySchemes:
    jwt: {type: http, scheme: bearer}
  schemas:
    Purged: {type: object}
    Lock: {type: object}
)");
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  const Node& doc = r.bundles[0].document;
  require_self_contained(doc);
  const Node& paths = *doc.find("paths");
  // A path whose only operation is another audience's is left out, as with fixed methods;
  // one whose only operation is an additional one of this audience stays.
  CHECK(paths.find("/locks") == nullptr);
  REQUIRE(paths.find("/ovens"));
  CHECK(paths.find("/ovens")->find("additionalOperations")->find("PURGE") != nullptr);
  const Node& cakes = *paths.find("/cakes");
  const Node& more = *cakes.find("additionalOperations");
  REQUIRE(more.members.size() == 1);
  CHECK(more.members[0].key == "PURGE");
  // The construct's root security is carried down to it, its tag is declared.
  CHECK(more.members[0].value.find("security")->items[0].members[0].key == "jwt");
  // Path-level fields first, then the fixed methods, then additionalOperations.
  std::vector<std::string> order;
  for (const Member& m : cakes.members) order.push_back(m.key);
  CHECK(order == std::vector<std::string>{"summary", "get", "additionalOperations"});
  const Node& schemas = *doc.find("components")->find("schemas");
  CHECK(schemas.find("Purged") != nullptr);
  CHECK(schemas.find("Lock") == nullptr);
  std::set<std::string> tags;
  for (const Node& tg : doc.find("tags")->items) tags.insert(std::string(tg.string_at("name")));
  CHECK(tags == std::set<std::string>{"cache"});
}

TEST_CASE("projects: the same additional operation in two constructs is a duplicate") {
  TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: all, base: base.yml}\n");
  t.write("base.yml", "openapi: 3.2.0\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  std::string op = R"(
paths:
  /thing:
    additionalOperations:
      PURGE:
        responses: {"204": {description: ok}}
)";
  t.write("constructs/v1/a/api.yml", "openapi: 3.2.0\ninfo: {title: A, version: '1'}" + op);
  t.write("constructs/v2/b/api.yml", "openapi: 3.2.0\ninfo: {title: B, version: '1'}" + op);
  BundleResult r = bundle_config((t.path() / "apiref.yaml").string());
  const Diagnostic* d = find_diag(r.diagnostics, "duplicate-operation");
  REQUIRE(d);
  CHECK(d->where.file.find("v2/b/api.yml") != std::string::npos);
  CHECK(d->where.pointer == "/paths/~1thing/additionalOperations/PURGE");
  CHECK(d->where.pos.line == 6);
}
