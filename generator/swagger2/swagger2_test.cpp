#include <doctest/doctest.h>

#include <cstring>
#include <map>

#include "resolve/resolve.h"
#include "swagger2/swagger2.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// A 2.0 document (and the other files it refers to, by absolute path under /mem) converted.
struct Converted {
  Document doc;
  std::map<std::string, std::shared_ptr<Swagger2File>> others;
  Diagnostics diags;
};

std::shared_ptr<Document> parse_doc(const std::string& path, const std::string& text) {
  auto d = std::make_shared<Document>();
  d->path = path;
  d->display = path.substr(5);  // "/mem/api.yaml" -> "api.yaml"
  Diagnostics ignored;
  d->ok = parse_yaml(text, d->display, d->root, ignored);
  REQUIRE_MESSAGE(d->ok, dump(ignored));
  return d;
}

Converted convert(const std::string& text, const std::map<std::string, std::string>& files = {}) {
  Converted c;
  c.doc = *parse_doc("/mem/api.yaml", text);
  Swagger2Loader load = [&](const std::string& path) -> std::shared_ptr<Swagger2File> {
    auto it = files.find(path.substr(5));
    if (it == files.end()) return nullptr;
    auto f = std::make_shared<Swagger2File>();
    f->doc = parse_doc(path, it->second);
    return f;
  };
  for (auto& f : convert_swagger2(c.doc, load, c.diags)) c.others[f->doc->display] = f;
  return c;
}

// The subtree at `pointer` equals the JSON `expected`.
void expect(const Node& root, const std::string& pointer, const std::string& expected) {
  const Node* n = at(root, pointer);
  REQUIRE_MESSAGE(n, "nothing at " << pointer);
  Parsed want = json(expected);
  REQUIRE(want.ok);
  CHECK_MESSAGE(Tree{*n} == Tree{want.root}, pointer << ": " << Tree{*n});
}

const char* kHead = "swagger: '2.0'\ninfo: {title: t, version: '1'}\n";

}  // namespace

TEST_CASE("swagger2: the version line becomes openapi 3.0.3 and 2.0-only root fields go") {
  Converted c = convert(std::string(kHead) + "consumes: [application/json]\nproduces: [application/json]\npaths: {}\nx-team: core\n");
  CHECK(c.diags.empty());
  CHECK(c.doc.root.string_at("openapi") == "3.0.3");
  CHECK(!c.doc.root.find("swagger"));
  CHECK(!c.doc.root.find("consumes"));
  CHECK(!c.doc.root.find("produces"));
  CHECK(c.doc.root.members.front().key == "openapi");
  expect(c.doc.root, "/x-team", R"("core")");
  CHECK(is_swagger2(parse_doc("/mem/x.yaml", kHead)->root));
  CHECK(!is_swagger2(parse_doc("/mem/x.yaml", "openapi: 3.0.3\n")->root));
}

TEST_CASE("swagger2: host, basePath and schemes become servers") {
  Converted c = convert(std::string(kHead) + "host: api.example.com\nbasePath: /v2/\nschemes: [https, http]\npaths: {}\n");
  expect(c.doc.root, "/servers", R"([{"url": "https://api.example.com/v2"}, {"url": "http://api.example.com/v2"}])");
  CHECK(c.doc.root.members[2].key == "servers");  // right after info
  Converted no_scheme = convert(std::string(kHead) + "host: h.example\npaths: {}\n");
  expect(no_scheme.doc.root, "/servers", R"([{"url": "//h.example"}])");
  Converted base_only = convert(std::string(kHead) + "basePath: /api\npaths: {}\n");
  expect(base_only.doc.root, "/servers", R"([{"url": "/api"}])");
  Converted none = convert(std::string(kHead) + "paths: {}\n");
  CHECK(!none.doc.root.find("servers"));
}

TEST_CASE("swagger2: an operation's own schemes become its servers") {
  Converted c = convert(std::string(kHead) +
                        "host: api.example.com\nbasePath: /v2\nschemes: [https]\npaths:\n"
                        "  /a:\n    get:\n      schemes: [http, wss]\n      responses: {'200': {description: ok}}\n"
                        "  /b:\n    get:\n      schemes: [https]\n      responses: {'200': {description: ok}}\n");
  expect(c.doc.root, "/paths/~1a/get/servers", R"([{"url": "http://api.example.com/v2"}, {"url": "wss://api.example.com/v2"}])");
  CHECK(!c.doc.root.find("paths")->find("/a")->find("get")->find("schemes"));
  // The root's schemes again: nothing to override.
  CHECK(!c.doc.root.find("paths")->find("/b")->find("get")->find("servers"));
  expect(c.doc.root, "/servers", R"([{"url": "https://api.example.com/v2"}])");
}

TEST_CASE("swagger2: a body parameter becomes the request body, one entry per consumes") {
  Converted c = convert(std::string(kHead) + R"(consumes: [application/json]
paths:
  /pets:
    post:
      consumes: [application/json, application/xml]
      parameters:
        - {name: pet, in: body, description: the pet, required: true, x-kind: new, schema: {$ref: '#/definitions/Pet'}}
      responses: {'201': {description: created}}
    put:
      parameters:
        - {name: pet, in: body, schema: {type: object}}
      responses: {'200': {description: ok}}
definitions:
  Pet: {type: object}
)");
  CHECK(c.diags.empty());
  expect(c.doc.root, "/paths/~1pets/post/requestBody", R"({"description": "the pet", "required": true, "x-kind": "new",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}}}})");
  CHECK(!at(c.doc.root, "/paths/~1pets/post/parameters"));
  CHECK(!at(c.doc.root, "/paths/~1pets/post/consumes"));
  expect(c.doc.root, "/paths/~1pets/put/requestBody", R"({"content": {"application/json": {"schema": {"type": "object"}}}})");
  // Nothing said anywhere: application/json.
  Converted bare = convert(std::string(kHead) + "paths: {/a: {post: {parameters: [{name: b, in: body, schema: {}}], responses: {}}}}\n");
  expect(bare.doc.root, "/paths/~1a/post/requestBody/content", R"({"application/json": {"schema": {}}})");
}

TEST_CASE("swagger2: formData parameters become one form request body, files in multipart") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /form:
    post:
      parameters:
        - {name: name, in: formData, type: string, required: true, description: who}
        - {name: tags, in: formData, type: array, items: {type: string}}
      responses: {'200': {description: ok}}
  /upload:
    post:
      parameters:
        - {name: id, in: query, type: integer}
        - {name: file, in: formData, type: file, x-max: 10MB}
      responses: {'200': {description: ok}}
)");
  CHECK(c.diags.empty());
  expect(c.doc.root, "/paths/~1form/post/requestBody", R"({"content": {"application/x-www-form-urlencoded": {"schema": {
    "type": "object", "properties": {"name": {"type": "string", "description": "who"},
                                     "tags": {"type": "array", "items": {"type": "string"}}},
    "required": ["name"]}}}, "required": true})");
  expect(c.doc.root, "/paths/~1upload/post/requestBody/content", R"({"multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary", "x-max": "10MB"}}}}})");
  expect(c.doc.root, "/paths/~1upload/post/parameters/0/name", R"("id")");
  CHECK(at(c.doc.root, "/paths/~1upload/post/parameters")->items.size() == 1);
}

TEST_CASE("swagger2: collectionFormat becomes style and explode, csv by default") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /p/{ids}:
    get:
      parameters:
        - {name: ids, in: path, required: true, type: array, items: {type: integer}}
        - {name: a, in: query, type: array, items: {type: string}}
        - {name: b, in: query, type: array, collectionFormat: multi, items: {type: string}}
        - {name: c, in: query, type: array, collectionFormat: pipes, items: {type: string}}
        - {name: d, in: query, type: array, collectionFormat: ssv, items: {type: string}}
        - {name: e, in: query, type: array, collectionFormat: tsv, items: {type: string}}
        - {name: f, in: header, type: array, collectionFormat: csv, items: {type: string}}
      responses: {'200': {description: ok}}
)");
  CHECK(c.diags.empty());
  const std::string ps = "/paths/~1p~1{ids}/get/parameters/";
  expect(c.doc.root, ps + "0", R"({"name": "ids", "in": "path", "required": true,
    "schema": {"type": "array", "items": {"type": "integer"}}, "style": "simple"})");
  expect(c.doc.root, ps + "1/style", R"("form")");
  expect(c.doc.root, ps + "1/explode", "false");
  expect(c.doc.root, ps + "2/style", R"("form")");
  expect(c.doc.root, ps + "2/explode", "true");
  expect(c.doc.root, ps + "3/style", R"("pipeDelimited")");
  expect(c.doc.root, ps + "4/style", R"("spaceDelimited")");
  expect(c.doc.root, ps + "5/x-collectionFormat", R"("tsv")");
  CHECK(!at(c.doc.root, ps + "5/style"));
  expect(c.doc.root, ps + "6/style", R"("simple")");
  for (int i = 0; i < 7; ++i) CHECK(!at(c.doc.root, ps + std::to_string(i) + "/collectionFormat"));
}

TEST_CASE("swagger2: a parameter's type, format, items, enum, default and bounds move into its schema") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /q:
    get:
      parameters:
        - name: limit
          in: query
          description: how many
          type: integer
          format: int32
          minimum: 1
          maximum: 100
          exclusiveMaximum: true
          default: 20
          x-example: 5
        - {name: sort, in: query, type: string, enum: [asc, desc], pattern: '^a', maxLength: 4, minLength: 3, x-nullable: true}
        - {name: m, in: query, type: array, minItems: 1, maxItems: 3, uniqueItems: true, items: {type: array, collectionFormat: pipes, items: {type: number, multipleOf: 2}}}
      responses: {'200': {description: ok}}
)");
  CHECK(c.diags.empty());
  expect(c.doc.root, "/paths/~1q/get/parameters/0", R"({"name": "limit", "in": "query",
    "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100, "exclusiveMaximum": true, "default": 20},
    "description": "how many", "example": 5, "x-example": 5})");
  expect(c.doc.root, "/paths/~1q/get/parameters/1/schema", R"({"type": "string", "enum": ["asc", "desc"], "pattern": "^a",
    "maxLength": 4, "minLength": 3, "nullable": true})");
  expect(c.doc.root, "/paths/~1q/get/parameters/2/schema", R"({"type": "array", "minItems": 1, "maxItems": 3, "uniqueItems": true,
    "items": {"type": "array", "items": {"type": "number", "multipleOf": 2}}})");
}

TEST_CASE("swagger2: definitions become components/schemas, $refs follow, x-nullable becomes nullable") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /pets:
    get:
      responses:
        '200': {description: ok, schema: {type: array, items: {$ref: '#/definitions/Pet'}}}
definitions:
  Pet:
    type: object
    discriminator: kind
    required: [kind]
    properties:
      kind: {type: string}
      owner: {$ref: '#/definitions/Owner', x-nullable: true}
      photo: {type: file}
      tags: {type: array, items: {type: string, x-nullable: true}}
    x-go-name: PetModel
  Owner:
    allOf: [{$ref: '#/definitions/Pet/properties/kind'}]
)");
  CHECK(c.diags.empty());
  CHECK(!c.doc.root.find("definitions"));
  expect(c.doc.root, "/components/schemas/Pet/discriminator", R"({"propertyName": "kind"})");
  expect(c.doc.root, "/components/schemas/Pet/properties/owner/$ref", R"("#/components/schemas/Owner")");
  expect(c.doc.root, "/components/schemas/Pet/properties/photo", R"({"type": "string", "format": "binary"})");
  expect(c.doc.root, "/components/schemas/Pet/properties/tags/items", R"({"type": "string", "nullable": true})");
  expect(c.doc.root, "/components/schemas/Pet/x-go-name", R"("PetModel")");
  expect(c.doc.root, "/components/schemas/Owner/allOf/0/$ref", R"("#/components/schemas/Pet/properties/kind")");
  expect(c.doc.root, "/paths/~1pets/get/responses/200/content/*~1*/schema/items/$ref", R"("#/components/schemas/Pet")");
}

TEST_CASE("swagger2: shared parameters and responses become components, body ones request bodies") {
  Converted c = convert(std::string(kHead) + R"(produces: [application/json]
paths:
  /pets/{id}:
    parameters: [{$ref: '#/parameters/id'}]
    put:
      parameters: [{$ref: '#/parameters/pet'}]
      responses:
        '200': {$ref: '#/responses/Pet'}
        default: {$ref: '#/responses/Error'}
parameters:
  id: {name: id, in: path, required: true, type: string}
  pet: {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
responses:
  Pet:
    description: a pet
    schema: {$ref: '#/definitions/Pet'}
    headers:
      X-Rate: {type: integer, description: left}
    examples:
      application/json: {name: Rex}
      text/plain: Rex
  Error: {description: failed}
definitions:
  Pet: {type: object}
)");
  CHECK(c.diags.empty());
  expect(c.doc.root, "/paths/~1pets~1{id}/parameters/0/$ref", R"("#/components/parameters/id")");
  expect(c.doc.root, "/paths/~1pets~1{id}/put/requestBody", R"({"$ref": "#/components/requestBodies/pet"})");
  expect(c.doc.root, "/paths/~1pets~1{id}/put/responses/200/$ref", R"("#/components/responses/Pet")");
  expect(c.doc.root, "/components/parameters/id", R"({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})");
  expect(c.doc.root, "/components/requestBodies/pet", R"({"required": true,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}})");
  expect(c.doc.root, "/components/responses/Pet", R"({"description": "a pet",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}, "example": {"name": "Rex"}},
                "text/plain": {"example": "Rex"}},
    "headers": {"X-Rate": {"description": "left", "schema": {"type": "integer"}}}})");
}

TEST_CASE("swagger2: a path-level body parameter applies to every operation under it") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /a:
    parameters:
      - {name: b, in: body, schema: {type: string}}
      - {name: q, in: query, type: string}
    post: {responses: {'200': {description: ok}}}
    put: {responses: {'200': {description: ok}}}
)");
  CHECK(c.diags.empty());
  expect(c.doc.root, "/paths/~1a/post/requestBody/content/application~1json/schema", R"({"type": "string"})");
  expect(c.doc.root, "/paths/~1a/put/requestBody/content/application~1json/schema", R"({"type": "string"})");
  expect(c.doc.root, "/paths/~1a/parameters", R"([{"name": "q", "in": "query", "schema": {"type": "string"}}])");
}

TEST_CASE("swagger2: securityDefinitions become securitySchemes, OAuth2 flows renamed") {
  Converted c = convert(std::string(kHead) + R"(paths: {}
securityDefinitions:
  basic: {type: basic, description: user and password}
  key: {type: apiKey, name: X-Key, in: header}
  implicit: {type: oauth2, flow: implicit, authorizationUrl: 'https://a/auth', scopes: {read: reads}}
  password: {type: oauth2, flow: password, tokenUrl: 'https://a/token', scopes: {}}
  app: {type: oauth2, flow: application, tokenUrl: 'https://a/token', scopes: {}, x-kind: m2m}
  code: {type: oauth2, flow: accessCode, authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token', scopes: {}}
security: [{basic: []}]
)");
  CHECK(c.diags.empty());
  const std::string s = "/components/securitySchemes/";
  expect(c.doc.root, s + "basic", R"({"type": "http", "scheme": "basic", "description": "user and password"})");
  expect(c.doc.root, s + "key", R"({"type": "apiKey", "name": "X-Key", "in": "header"})");
  expect(c.doc.root, s + "implicit", R"({"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a/auth", "scopes": {"read": "reads"}}}})");
  expect(c.doc.root, s + "password/flows", R"({"password": {"tokenUrl": "https://a/token", "scopes": {}}})");
  expect(c.doc.root, s + "app", R"({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://a/token", "scopes": {}}}, "x-kind": "m2m"})");
  expect(c.doc.root, s + "code/flows", R"({"authorizationCode": {"authorizationUrl": "https://a/auth", "tokenUrl": "https://a/token", "scopes": {}}})");
  expect(c.doc.root, "/security", R"([{"basic": []}])");
}

TEST_CASE("swagger2: converted nodes keep the line and column of the 2.0 nodes") {
  Converted c = convert(std::string(kHead) + R"(paths:
  /pets:
    post:
      parameters:
        - name: pet
          in: body
          schema: {$ref: '#/definitions/Pet'}
      responses:
        '200': {description: ok}
definitions:
  Pet:
    type: object
)");
  const Member* pet = member_at(c.doc.root, "/components/schemas/Pet");
  REQUIRE(pet);
  CHECK(lc(pet->key_pos) == "13:3");
  CHECK(lc(at(c.doc.root, "/components/schemas/Pet/type")->pos) == "14:11");
  CHECK(lc(at(c.doc.root, "/paths/~1pets/post/requestBody")->pos) == "7:11");
  CHECK(lc(at(c.doc.root, "/paths/~1pets/post/requestBody/content/application~1json/schema/$ref")->pos) == "9:26");
  CHECK(lc(at(c.doc.root, "/openapi")->pos) == "1:10");
}

TEST_CASE("swagger2: a multi-file document converts as one, each file by the role of its $refs") {
  Converted c = convert(std::string(kHead) + R"(produces: [application/json]
paths:
  /pets:
    $ref: 'paths.yaml#/paths/pets'
  /owners:
    get:
      produces: [application/xml]
      parameters: [{$ref: 'common.yaml#/parameters/limit'}, {$ref: 'common.yaml#/parameters/body'}]
      responses:
        '200': {$ref: 'common.yaml#/responses/Owners'}
        '404': {$ref: 'plain.yaml#/NotFound'}
)",
                        {{"paths.yaml", R"(paths:
  pets:
    get:
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Pet'}}
definitions:
  Pet: {$ref: 'pet.yaml'}
)"},
                         {"pet.yaml", "type: object\nproperties: {name: {type: string, x-nullable: true}}\n"},
                         {"common.yaml", R"(parameters:
  limit: {name: limit, in: query, type: integer}
  body: {name: owner, in: body, schema: {type: object}}
responses:
  Owners: {description: owners, schema: {type: array, items: {type: string}}}
)"},
                         {"plain.yaml", "NotFound: {description: gone, schema: {type: string}}\n"}});
  CHECK_MESSAGE(c.diags.empty(), dump(c.diags));
  REQUIRE(c.others.size() == 4);
  expect(c.doc.root, "/paths/~1pets/$ref", R"("paths.yaml#/paths/pets")");
  expect(c.doc.root, "/paths/~1owners/get/parameters/0/$ref", R"("common.yaml#/components/parameters/limit")");
  expect(c.doc.root, "/paths/~1owners/get/requestBody/$ref", R"("common.yaml#/components/requestBodies/body")");
  expect(c.doc.root, "/paths/~1owners/get/responses/200/$ref", R"("common.yaml#/components/responses/Owners")");
  const Node& paths = c.others.at("paths.yaml")->doc->root;
  expect(paths, "/paths/pets/get/responses/200/content/application~1json/schema/$ref", R"("#/components/schemas/Pet")");
  expect(paths, "/components/schemas/Pet", R"({"$ref": "pet.yaml"})");
  expect(c.others.at("pet.yaml")->doc->root, "/properties/name", R"({"type": "string", "nullable": true})");
  const Node& common = c.others.at("common.yaml")->doc->root;
  expect(common, "/components/parameters/limit/schema", R"({"type": "integer"})");
  expect(common, "/components/responses/Owners/content/application~1json/schema/type", R"("array")");
  // A response outside the sections takes the media types of the operation that uses it.
  expect(c.others.at("plain.yaml")->doc->root, "/NotFound/content", R"({"application/xml": {"schema": {"type": "string"}}})");
}

TEST_CASE("swagger2: the document set converts a 2.0 root and the files it reaches on load") {
  TempDir dir;
  std::string root = dir.write("api.json", R"({"swagger": "2.0", "info": {"title": "t", "version": "1"},
    "paths": {"/a": {"$ref": "more.yaml#/paths/a"}}})");
  dir.write("more.yaml", "paths:\n  a:\n    get:\n      responses: {'200': {description: ok, schema: {$ref: '#/definitions/A'}}}\n"
                         "definitions:\n  A: {type: string, x-nullable: true}\n");
  ResolveOptions o;
  o.root_dir = dir.str();
  DocumentSet docs(o);
  const Document* d = docs.load(normalise_path(root));
  REQUIRE(d);
  CHECK(d->root.string_at("openapi") == "3.0.3");
  CHECK(!d->plain_json);  // its bytes are the 2.0 text: never to be copied out as the bundle
  const Document* more = docs.load(normalise_path(dir.str() + "/more.yaml"));
  REQUIRE(more);
  expect(more->root, "/components/schemas/A", R"({"type": "string", "nullable": true})");
  expect(more->root, "/paths/a/get/responses/200/content/*~1*/schema/$ref", R"("#/components/schemas/A")");
  CHECK_MESSAGE(docs.diagnostics().empty(), dump(docs.diagnostics()));
}

TEST_CASE("swagger2: broken documents get errors with file, pointer and line:col") {
  auto only = [](const Converted& c, const char* code, const char* pointer, const char* pos) {
    REQUIRE_MESSAGE(c.diags.size() == 1, dump(c.diags));
    const Diagnostic& d = c.diags[0];
    CHECK(d.code == code);
    CHECK(d.severity == Severity::Error);
    CHECK(d.where.file == "api.yaml");
    CHECK(d.where.pointer == pointer);
    CHECK(lc(d.where.pos) == pos);
  };
  only(convert("swagger: '1.2'\npaths: {}\n"), "unsupported-version", "/swagger", "1:10");
  std::string op = std::string(kHead) + "paths:\n  /a:\n    post:\n      parameters:\n";
  only(convert(op + "        - {name: b, in: body}\n      responses: {}\n"), "swagger2-body-schema",
       "/paths/~1a/post/parameters/0", "7:11");
  only(convert(op + "        - {name: b, in: cookie, type: string}\n      responses: {}\n"), "swagger2-parameter-in",
       "/paths/~1a/post/parameters/0/in", "7:25");
  only(convert(op + "        - {name: q, in: query}\n      responses: {}\n"), "swagger2-parameter-type",
       "/paths/~1a/post/parameters/0", "7:11");
  only(convert(op + "        - {name: a, in: body, schema: {}}\n        - {name: b, in: body, schema: {}}\n      responses: {}\n"),
       "swagger2-two-bodies", "/paths/~1a/post/parameters/1", "8:11");
  only(convert(op + "        - {name: a, in: body, schema: {}}\n        - {name: f, in: formData, type: string}\n      responses: {}\n"),
       "swagger2-body-and-form", "/paths/~1a/post", "6:7");
  only(convert(std::string(kHead) + "paths: {}\nsecurityDefinitions:\n  o: {type: oauth2, flow: magic, scopes: {}}\n"),
       "swagger2-oauth2-flow", "/securityDefinitions/o/flow", "5:27");
  only(convert(std::string(kHead) + "paths: [a]\n"), "swagger2-paths", "/paths", "3:8");
  only(convert(op + "        - {name: q, in: query, type: file}\n      responses: {}\n"), "swagger2-file-not-form",
       "/paths/~1a/post/parameters/0/type", "7:38");
}

TEST_CASE("swagger2: formData parameters under a consumes without a form type are a warning") {
  std::string op = std::string(kHead) + "paths:\n  /a:\n    post:\n      parameters:\n";
  auto warning = [](const Converted& c, const char* pointer, const char* pos) {
    REQUIRE_MESSAGE(c.diags.size() == 1, dump(c.diags));
    CHECK(c.diags[0].code == "swagger2-form-consumes");
    CHECK(c.diags[0].severity == Severity::Warning);
    CHECK(c.diags[0].where.pointer == pointer);
    CHECK(lc(c.diags[0].where.pos) == pos);
  };
  warning(convert(op + "        - {name: f, in: formData, type: string}\n      consumes: [application/json]\n      responses: {}\n"),
          "/paths/~1a/post/consumes", "8:17");
  // The document's consumes, when the operation has none: the finding is on the operation.
  warning(convert(std::string(kHead) + "consumes: [application/json]\n" + op.substr(std::strlen(kHead)) +
                  "        - {name: f, in: formData, type: string}\n      responses: {}\n"),
          "/paths/~1a/post", "7:7");
  // A wildcard covers the form types.
  CHECK(convert(op + "        - {name: f, in: formData, type: string}\n      consumes: ['*/*']\n      responses: {}\n")
            .diags.empty());
}

TEST_CASE("swagger2: with a shared cache, a changed file of a 2.0 document converts it again") {
  TempDir dir;
  std::string root = normalise_path(dir.write("api.yaml", std::string(kHead) +
                                              "paths:\n  /a: {get: {responses: {'200': {$ref: 'r.yaml#/responses/ok'}}}}\n"));
  std::string other = normalise_path(dir.write("r.yaml", "responses:\n  ok: {description: ok, schema: {type: string}}\n"));
  ResolveOptions o;
  o.root_dir = dir.str();
  DocumentCache cache;
  o.cache = &cache;
  {
    DocumentSet docs(o);
    REQUIRE(docs.load(root));
  }
  cache.forget(other);  // what `serve` does when r.yaml changes on disk
  DocumentSet docs(o);
  REQUIRE(docs.load(root));
  const Document* r = docs.load(other);
  REQUIRE(r);
  expect(r->root, "/components/responses/ok/content/*~1*/schema", R"({"type": "string"})");
  CHECK(!r->root.find("responses"));
}

TEST_CASE("swagger2: places in the converted tree are named by their 2.0 pointers") {
  Converted c = convert(std::string(kHead) + R"(produces: [application/json]
paths:
  /pets/{id}:
    post:
      consumes: [application/json]
      parameters:
        - name: limit
          in: query
          type: integer
        - name: pet
          in: body
          schema:
            $ref: '#/definitions/Pet'
        - {name: tags, in: query, type: array, items: {type: string}}
      responses:
        '200':
          description: ok
          schema:
            type: array
            items: {$ref: '#/definitions/Pet'}
definitions:
  Pet:
    type: object
    properties:
      name:
        type: string
parameters:
  Id: {name: id, in: path, required: true, type: string}
responses:
  Gone: {description: gone, schema: {type: string}}
securityDefinitions:
  oauth:
    type: oauth2
    flow: implicit
    authorizationUrl: https://example.com/auth
    scopes: {}
)");
  REQUIRE_MESSAGE(c.diags.empty(), dump(c.diags));
  // The 2.0 pointer of the node the converted tree has at `pointer` (a finding about it).
  auto written = [&](const std::string& pointer) {
    const Node* n = at(c.doc.root, pointer);
    REQUIRE_MESSAGE(n, "nothing at " << pointer);
    return as_written(c.doc, pointer, n->pos);
  };
  const std::string op = "/paths/~1pets~1{id}/post";
  CHECK(written("/components/schemas/Pet") == "/definitions/Pet");
  CHECK(written("/components/schemas/Pet/properties/name") == "/definitions/Pet/properties/name");
  CHECK(written("/components/schemas/Pet/properties/name/type") == "/definitions/Pet/properties/name/type");
  // A key's position (a finding on the name of a property) names the member too.
  const Member* name = member_at(c.doc.root, "/components/schemas/Pet/properties/name");
  REQUIRE(name);
  CHECK(as_written(c.doc, "/components/schemas/Pet/properties/name", name->key_pos) ==
        "/definitions/Pet/properties/name");
  // The body parameter is the request body; the parameters after it move up one.
  CHECK(written(op + "/requestBody") == op + "/parameters/1");
  // A finding on the request body's key (placed where `parameters` was) names the parameter too.
  const Member* body = member_at(c.doc.root, op + "/requestBody");
  REQUIRE(body);
  CHECK(as_written(c.doc, op + "/requestBody", body->key_pos) == op + "/parameters/1");
  CHECK(written(op + "/requestBody/content/application~1json/schema") == op + "/parameters/1/schema");
  CHECK(written(op + "/parameters/0/schema/type") == op + "/parameters/0/type");
  CHECK(written(op + "/parameters/1") == op + "/parameters/2");
  CHECK(written(op + "/parameters/1/schema/items/type") == op + "/parameters/2/items/type");
  CHECK(written(op + "/responses/200/content/application~1json/schema/items") == op + "/responses/200/schema/items");
  CHECK(written("/components/parameters/Id/schema/type") == "/parameters/Id/type");
  CHECK(written("/components/responses/Gone/content/application~1json/schema") == "/responses/Gone/schema");
  CHECK(written("/components/securitySchemes/oauth/flows/implicit/authorizationUrl") ==
        "/securityDefinitions/oauth/authorizationUrl");
  CHECK(written("/openapi") == "/swagger");
  // No position: the section as 2.0 names it.
  CHECK(as_written(c.doc, "/components/schemas/Pet/x", {}) == "/definitions/Pet/x");
  // The $ref as written, before the conversion rewrote it.
  CHECK(written_string(c.doc, at(c.doc.root, op + "/requestBody/content/application~1json/schema/$ref")->pos) ==
        "#/definitions/Pet");
  // A 3.0 document's pointers are its own.
  Document plain = *parse_doc("/mem/plain.yaml", "openapi: 3.0.3\ncomponents: {schemas: {A: {type: string}}}\n");
  CHECK(as_written(plain, "/components/schemas/A", at(plain.root, "/components/schemas/A")->pos) == "/components/schemas/A");
}

TEST_CASE("swagger2: a broken $ref of a 2.0 document is reported as the file wrote it") {
  TempDir dir;
  std::string root = dir.write("api.yaml", std::string(kHead) + R"(produces: [application/json]
paths:
  /a:
    get:
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Missing'}}
definitions:
  A: {type: string}
)");
  ResolveOptions o;
  o.root_dir = dir.str();
  DocumentSet docs(o);
  const Document* d = docs.load(normalise_path(root));
  REQUIRE(d);
  const Node* ref = at(d->root, "/paths/~1a/get/responses/200/content/application~1json/schema/$ref");
  REQUIRE(ref);
  RefTarget t = resolve_ref(docs, *d, ref->text, "/paths/~1a/get/responses/200/content/application~1json/schema/$ref", *ref);
  CHECK(!t);
  REQUIRE(docs.diagnostics().size() == 1);
  const Diagnostic& diag = docs.diagnostics()[0];
  CHECK(diag.code == "ref-not-found");
  CHECK(diag.where.pointer == "/paths/~1a/get/responses/200/schema/$ref");
  CHECK(lc(diag.where.pos) == "8:49");
  CHECK_MESSAGE(diag.message.find("$ref '#/definitions/Missing'") == 0, diag.message);
  CHECK_MESSAGE(diag.message.find("has no #/definitions/Missing") != std::string::npos, diag.message);
}
