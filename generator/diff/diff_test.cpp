// The diff stage on pairs of tiny descriptions: each rule with the exact changes it must give
// (rule, level, the pointer in each version), and equivalent pairs that must give none.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>

#include "diff/diff.h"
#include "load/load.h"
#include "model/model.h"
#include "model_version.h"

using namespace apiref;

namespace {

DiffResult diff_of(const std::string& old_yaml, const std::string& new_yaml, const DiffLimits& limits = {}) {
  auto o = version_of(old_yaml);
  auto n = version_of(new_yaml);
  DiffResult r = diff_models({&o->model, "old.yaml", true}, {&n->model, "new.yaml", true}, limits);
  // The versions go with this scope: only the changes' text is kept.
  return r;
}

// "rule level old-pointer new-pointer", sorted.
std::vector<std::string> lines(const DiffResult& r) {
  std::vector<std::string> out;
  for (const Change& c : r.changes)
    out.push_back(c.rule + " " + change_level_name(c.level) + " " + c.old_place.pointer + " " + c.new_place.pointer);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> changes(const std::string& old_yaml, const std::string& new_yaml) {
  return lines(diff_of(old_yaml, new_yaml));
}

// A description: `paths` and `components` are YAML blocks indented by two spaces.
std::string api(const std::string& paths, const std::string& components = "", const std::string& top = "") {
  return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n" + top + "paths:\n" + paths +
         (components.empty() ? "" : "components:\n" + components);
}

const std::string kPets = R"(  /pets:
    get:
      operationId: listPets
      responses:
        '200': {description: ok}
    post:
      operationId: addPet
      responses:
        '201': {description: ok}
)";

using V = std::vector<std::string>;

}  // namespace

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (const std::string& x : v) s += "\n  " + x;
    return (s + "}").c_str();
  }
};
}  // namespace doctest

TEST_CASE("diff: operations and paths added and removed") {
  std::string only_get = R"(  /pets:
    get:
      operationId: listPets
      responses:
        '200': {description: ok}
)";
  CHECK(changes(api(kPets), api(only_get)) == V{"operation-removed breaking /paths/~1pets/post /paths/~1pets"});
  CHECK(changes(api(only_get), api(kPets)) == V{"operation-added info /paths/~1pets /paths/~1pets/post"});
  std::string moved = kPets;
  moved.replace(moved.find("/pets"), 5, "/animals");
  CHECK(changes(api(kPets), api(moved)) ==
        V{"path-added info /paths /paths/~1animals", "path-removed breaking /paths/~1pets /paths"});
  // The same path with its variable renamed is the same path.
  CHECK(changes(api("  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
                    "      responses: {'200': {description: ok}}\n"),
                api("  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]\n"
                    "      responses: {'200': {description: ok}}\n")) ==
        V{"path-parameter-renamed info /paths/~1pets~1{id}/get/parameters/0 /paths/~1pets~1{petId}/get/parameters/0"});
}

TEST_CASE("diff: operation identity, deprecation and audience") {
  std::string changed = R"(  /pets:
    get:
      operationId: getPets
      deprecated: true
      x-internal: [cloud]
      responses:
        '200': {description: ok}
    post:
      operationId: addPet
      responses:
        '201': {description: ok}
)";
  CHECK(changes(api(kPets), api(changed)) == V{"operation-audience-changed warning /paths/~1pets/get /paths/~1pets/get",
                                                "operation-deprecated info /paths/~1pets/get /paths/~1pets/get",
                                                "operation-id-changed warning /paths/~1pets/get /paths/~1pets/get"});
}

namespace {

std::string with_params(const std::string& params) {
  return api("  /pets:\n    get:\n      parameters:\n" + params + "      responses: {'200': {description: ok}}\n");
}

}  // namespace

TEST_CASE("diff: parameters added, removed, made required, moved, renamed") {
  std::string none = api("  /pets:\n    get:\n      responses: {'200': {description: ok}}\n");
  std::string limit = with_params("        - {name: limit, in: query, schema: {type: integer}}\n");
  std::string limit_required = with_params("        - {name: limit, in: query, required: true, schema: {type: integer}}\n");
  const std::string p0 = "/paths/~1pets/get/parameters/0";
  CHECK(changes(none, limit_required) == V{"parameter-added-required breaking /paths/~1pets/get " + p0});
  CHECK(changes(none, limit) == V{"parameter-added info /paths/~1pets/get " + p0});
  CHECK(changes(limit, none) == V{"parameter-removed warning " + p0 + " /paths/~1pets/get"});
  CHECK(changes(limit, limit_required) == V{"parameter-made-required breaking " + p0 + " " + p0});
  CHECK(changes(limit_required, limit) == V{"parameter-made-optional info " + p0 + " " + p0});
  CHECK(changes(limit, with_params("        - {name: limit, in: header, schema: {type: integer}}\n")) ==
        V{"parameter-moved breaking " + p0 + " " + p0});
  CHECK(changes(limit, with_params("        - {name: max, in: query, schema: {type: integer}}\n")) ==
        V{"parameter-renamed breaking " + p0 + " " + p0});
  CHECK(changes(limit, with_params("        - {name: limit, in: query, style: spaceDelimited, schema: {type: integer}}\n")) ==
        V{"parameter-style-changed breaking " + p0 + " " + p0});
  CHECK(changes(limit, with_params("        - {name: limit, in: query, deprecated: true, schema: {type: integer}}\n")) ==
        V{"parameter-deprecated info " + p0 + " " + p0});
  // A path-level parameter the operation overrides is one parameter.
  std::string overridden = api(
      "  /pets:\n    parameters: [{name: limit, in: query, schema: {type: string}}]\n    get:\n      parameters:\n"
      "        - {name: limit, in: query, schema: {type: integer}}\n      responses: {'200': {description: ok}}\n");
  CHECK(changes(limit, overridden).empty());
}

TEST_CASE("diff: a parameter's type, format, enum, bounds and pattern") {
  const std::string s = "/paths/~1pets/get/parameters/0/schema";
  auto param = [](const std::string& schema) {
    return with_params("        - {name: q, in: query, schema: " + schema + "}\n");
  };
  CHECK(changes(param("{type: number}"), param("{type: integer}")) == V{"request-type-narrowed breaking " + s + "/type " + s + "/type"});
  CHECK(changes(param("{type: integer}"), param("{type: number}")) == V{"request-type-widened info " + s + "/type " + s + "/type"});
  CHECK(changes(param("{type: integer}"), param("{type: string}")) == V{"request-type-changed breaking " + s + "/type " + s + "/type"});
  CHECK(changes(param("{type: string}"), param("{type: string, format: uuid}")) ==
        V{"request-format-changed breaking " + s + " " + s + "/format"});
  CHECK(changes(param("{type: string, enum: [a, b]}"), param("{type: string, enum: [a]}")) ==
        V{"request-enum-value-removed breaking " + s + "/enum " + s + "/enum"});
  CHECK(changes(param("{type: string, enum: [a]}"), param("{type: string, enum: [b, a]}")) ==
        V{"request-enum-value-added info " + s + "/enum " + s + "/enum"});
  CHECK(changes(param("{type: string}"), param("{type: string, enum: [a]}")) ==
        V{"request-enum-added breaking " + s + " " + s + "/enum"});
  CHECK(changes(param("{type: integer, maximum: 100}"), param("{type: integer, maximum: 50}")) ==
        V{"request-bounds-narrowed breaking " + s + "/maximum " + s + "/maximum"});
  CHECK(changes(param("{type: integer, minimum: 5}"), param("{type: integer}")) ==
        V{"request-bounds-widened info " + s + "/minimum " + s});
  CHECK(changes(param("{type: string}"), param("{type: string, pattern: '^a'}")) ==
        V{"request-pattern-changed warning " + s + " " + s + "/pattern"});
}

namespace {

std::string with_body(const std::string& body) {
  return api("  /pets:\n    post:\n" + body + "      responses: {'201': {description: ok}}\n");
}

const std::string kBody = "/paths/~1pets/post/requestBody";
const std::string kJson = kBody + "/content/application~1json/schema";

std::string body_schema(const std::string& schema, bool required = true) {
  return with_body(std::string("      requestBody:\n        required: ") + (required ? "true" : "false") +
                   "\n        content:\n          application/json:\n            schema: " + schema + "\n");
}

}  // namespace

TEST_CASE("diff: request bodies and their media types") {
  std::string none = with_body("");
  CHECK(changes(none, body_schema("{type: object}")) == V{"request-body-added-required breaking /paths/~1pets/post " + kBody});
  CHECK(changes(none, body_schema("{type: object}", false)) == V{"request-body-added info /paths/~1pets/post " + kBody});
  CHECK(changes(body_schema("{type: object}"), none) == V{"request-body-removed warning " + kBody + " /paths/~1pets/post"});
  CHECK(changes(body_schema("{type: object}", false), body_schema("{type: object}")) ==
        V{"request-body-made-required breaking " + kBody + " " + kBody});
  std::string two = with_body(
      "      requestBody:\n        required: true\n        content:\n          application/json: {schema: {type: object}}\n"
      "          application/xml: {schema: {type: object}}\n");
  CHECK(changes(two, body_schema("{type: object}")) ==
        V{"request-media-type-removed breaking " + kBody + "/content/application~1xml " + kBody + "/content"});
  CHECK(changes(body_schema("{type: object}"), two) ==
        V{"request-media-type-added info " + kBody + "/content " + kBody + "/content/application~1xml"});
}

TEST_CASE("diff: request properties, direction-aware") {
  std::string base = "{type: object, required: [name], properties: {name: {type: string}, tag: {type: string}}}";
  CHECK(changes(body_schema(base),
                body_schema("{type: object, required: [name, age], properties: {name: {type: string}, tag: {type: string}, "
                            "age: {type: integer}}}")) ==
        V{"request-property-added-required breaking " + kJson + "/properties " + kJson + "/properties/age"});
  CHECK(changes(body_schema(base), body_schema("{type: object, required: [name, tag], properties: {name: {type: string}, "
                                               "tag: {type: string}}}")) ==
        V{"request-property-made-required breaking " + kJson + "/properties/tag " + kJson + "/properties/tag"});
  CHECK(changes(body_schema(base), body_schema("{type: object, required: [name], properties: {name: {type: string}}}")) ==
        V{"request-property-removed warning " + kJson + "/properties/tag " + kJson + "/properties"});
  // A new required property the client never sends (readOnly) does not break it.
  CHECK(changes(body_schema(base),
                body_schema("{type: object, required: [name, id], properties: {name: {type: string}, tag: {type: string}, "
                            "id: {type: string, readOnly: true}}}"))
            .empty());
  CHECK(changes(body_schema(base), body_schema("{type: object, required: [name], properties: {name: {type: string}, "
                                               "tag: {type: string, readOnly: true}}}")) ==
        V{"request-property-became-read-only warning " + kJson + "/properties/tag " + kJson + "/properties/tag"});
}

namespace {

std::string with_response(const std::string& responses) {
  return api("  /pets:\n    get:\n      responses:\n" + responses);
}

std::string response_schema(const std::string& schema) {
  return with_response("        '200':\n          description: ok\n          content:\n            application/json:\n"
                       "              schema: " +
                       schema + "\n");
}

const std::string kResp = "/paths/~1pets/get/responses/200/content/application~1json/schema";

}  // namespace

TEST_CASE("diff: responses, their media types and properties, direction-aware") {
  std::string two = with_response("        '200': {description: ok}\n        '404': {description: gone}\n");
  std::string ok = with_response("        '200': {description: ok}\n");
  std::string created = with_response("        '201': {description: ok}\n");
  CHECK(changes(two, ok) == V{"response-status-removed warning /paths/~1pets/get/responses/404 /paths/~1pets/get/responses"});
  CHECK(changes(ok, two) == V{"response-status-added info /paths/~1pets/get/responses /paths/~1pets/get/responses/404"});
  CHECK(changes(ok, created) ==
        V{"response-status-added info /paths/~1pets/get/responses /paths/~1pets/get/responses/201",
          "response-success-status-removed breaking /paths/~1pets/get/responses/200 /paths/~1pets/get/responses"});
  CHECK(changes(response_schema("{type: object}"), ok) ==
        V{"response-media-type-removed breaking /paths/~1pets/get/responses/200/content/application~1json "
          "/paths/~1pets/get/responses/200"});

  std::string base = "{type: object, required: [id], properties: {id: {type: integer}, name: {type: string}}}";
  CHECK(changes(response_schema(base), response_schema("{type: object, required: [id], properties: {id: {type: integer}}}")) ==
        V{"response-property-removed breaking " + kResp + "/properties/name " + kResp + "/properties"});
  CHECK(changes(response_schema(base), response_schema("{type: object, properties: {id: {type: integer}, name: {type: string}}}")) ==
        V{"response-property-made-optional breaking " + kResp + "/properties/id " + kResp + "/properties/id"});
  CHECK(changes(response_schema(base),
                response_schema("{type: object, required: [id], properties: {id: {type: integer, nullable: true}, name: {type: string}}}")) ==
        V{"response-type-widened breaking " + kResp + "/properties/id/type " + kResp + "/properties/id/type"});
  CHECK(changes(response_schema(base),
                response_schema("{type: object, required: [id], properties: {id: {type: integer}, name: {type: string, writeOnly: true}}}")) ==
        V{"response-property-became-write-only breaking " + kResp + "/properties/name " + kResp + "/properties/name"});
  CHECK(changes(response_schema("{type: string, enum: [a]}"), response_schema("{type: string, enum: [a, b]}")) ==
        V{"response-enum-value-added warning " + kResp + "/enum " + kResp + "/enum"});
  CHECK(changes(response_schema("{type: string, enum: [a, b]}"), response_schema("{type: string, enum: [a]}")) ==
        V{"response-enum-value-removed info " + kResp + "/enum " + kResp + "/enum"});
  CHECK(changes(response_schema("{oneOf: [{type: string}, {type: integer}]}"),
                response_schema("{oneOf: [{type: string}, {type: integer}, {type: boolean}]}")) ==
        V{"response-variant-added warning " + kResp + "/oneOf " + kResp + "/oneOf/2"});
}

TEST_CASE("diff: additionalProperties and defaults, direction-aware") {
  const std::string open = "{type: object, properties: {a: {type: string}}}";
  const std::string closed = "{type: object, additionalProperties: false, properties: {a: {type: string}}}";
  CHECK(changes(body_schema(open), body_schema(closed)) ==
        V{"request-additional-properties-closed breaking " + kJson + " " + kJson + "/additionalProperties"});
  CHECK(changes(body_schema(closed), body_schema(open)) ==
        V{"request-additional-properties-opened info " + kJson + "/additionalProperties " + kJson});
  CHECK(changes(response_schema(closed), response_schema(open)) ==
        V{"response-additional-properties-opened warning " + kResp + "/additionalProperties " + kResp});
  CHECK(changes(response_schema(open), response_schema(closed)) ==
        V{"response-additional-properties-closed info " + kResp + " " + kResp + "/additionalProperties"});
  // true, absent and a schema all leave the object open.
  CHECK(changes(body_schema(open), body_schema("{type: object, additionalProperties: true, properties: {a: {type: string}}}")).empty());
  CHECK(changes(body_schema(open), body_schema("{type: object, additionalProperties: {type: string}, properties: {a: {type: string}}}"))
            .empty());

  const std::string s = "/paths/~1pets/get/parameters/0/schema";
  auto param = [](const std::string& schema) {
    return with_params("        - {name: q, in: query, schema: " + schema + "}\n");
  };
  CHECK(changes(param("{type: integer, default: 10}"), param("{type: integer, default: 20}")) ==
        V{"request-default-changed warning " + s + "/default " + s + "/default"});
  CHECK(changes(param("{type: integer}"), param("{type: integer, default: 20}")) ==
        V{"request-default-changed warning " + s + " " + s + "/default"});
  CHECK(changes(param("{type: integer, default: 10}"), param("{default: 10, type: integer}")).empty());
  CHECK(changes(response_schema("{type: string, default: a}"), response_schema("{type: string, default: b}")) ==
        V{"response-default-changed info " + kResp + "/default " + kResp + "/default"});
}

TEST_CASE("diff: security and servers") {
  std::string schemes = "  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n";
  std::string open = api(kPets, schemes);
  std::string closed = api(kPets, schemes, "security: [{key: []}]\n");
  CHECK(changes(open, closed) == V{"security-added-to-open-operation breaking /paths/~1pets/get /paths/~1pets/get",
                                   "security-added-to-open-operation breaking /paths/~1pets/post /paths/~1pets/post"});
  CHECK(changes(closed, open) == V{"security-removed info /paths/~1pets/get /paths/~1pets/get",
                                   "security-removed info /paths/~1pets/post /paths/~1pets/post"});
  std::string moved_key = api(kPets, "  securitySchemes:\n    key: {type: apiKey, in: query, name: key}\n", "security: [{key: []}]\n");
  CHECK(changes(closed, moved_key) ==
        V{"security-scheme-changed breaking /components/securitySchemes/key /components/securitySchemes/key"});
  std::string oauth = "  securitySchemes:\n    o: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://a', scopes: {r: r, w: w}}}}\n";
  std::string get_scoped = R"(  /pets:
    get:
      security: [{o: [r, w]}]
      responses: {'200': {description: ok}}
)";
  std::string get_read = R"(  /pets:
    get:
      security: [{o: [r]}]
      responses: {'200': {description: ok}}
)";
  CHECK(changes(api(get_read, oauth), api(get_scoped, oauth)) ==
        V{"security-scope-added breaking /paths/~1pets/get/security /paths/~1pets/get/security"});

  std::string two_servers = api(kPets, "", "servers: [{url: 'https://a.example'}, {url: 'https://b.example'}]\n");
  std::string one_server = api(kPets, "", "servers: [{url: 'https://a.example'}]\n");
  CHECK(changes(two_servers, one_server) == V{"server-removed breaking /servers/1 /servers"});
}

TEST_CASE("diff: equivalent forms are no change") {
  std::string inline_schema = response_schema("{type: object, required: [id], properties: {id: {type: integer}, name: {type: string}}}");
  std::string referenced = response_schema("{$ref: '#/components/schemas/Pet'}") +
                           "components:\n  schemas:\n    Pet:\n      properties: {name: {type: string}, id: {type: integer}}\n"
                           "      required: [id]\n      type: object\n";
  std::string renamed = response_schema("{$ref: '#/components/schemas/Animal'}") +
                        "components:\n  schemas:\n    Animal: {type: object, required: [id], properties: {id: {type: integer}, "
                        "name: {type: string}}}\n";
  std::string all_of_one = response_schema("{allOf: [{$ref: '#/components/schemas/Pet'}], description: a pet}") +
                           "components:\n  schemas:\n    Pet: {type: object, required: [id], properties: {id: {type: integer}, "
                           "name: {type: string}}}\n";
  std::string all_of_two = response_schema("{allOf: [{$ref: '#/components/schemas/Id'}, {properties: {name: {type: string}}}]}") +
                           "components:\n  schemas:\n    Id: {type: object, required: [id], properties: {id: {type: integer}}}\n";
  for (const std::string* a : {&inline_schema, &referenced, &renamed, &all_of_one, &all_of_two})
    for (const std::string* b : {&inline_schema, &referenced, &renamed, &all_of_one, &all_of_two}) {
      CAPTURE(*a);
      CAPTURE(*b);
      CHECK(changes(*a, *b).empty());
    }
}

TEST_CASE("diff: cyclic schemas end, and an edit deep in a cycle is found once") {
  std::string tree = response_schema("{$ref: '#/components/schemas/Node'}") +
                     "components:\n  schemas:\n    Node:\n      type: object\n      required: [name]\n      properties:\n"
                     "        name: {type: string}\n        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
                     "        parent: {$ref: '#/components/schemas/Node'}\n";
  std::string renamed = response_schema("{$ref: '#/components/schemas/TreeNode'}") +
                        "components:\n  schemas:\n    TreeNode:\n      type: object\n      required: [name]\n      properties:\n"
                        "        parent: {$ref: '#/components/schemas/TreeNode'}\n        name: {type: string}\n"
                        "        children: {type: array, items: {$ref: '#/components/schemas/TreeNode'}}\n";
  CHECK(changes(tree, renamed).empty());
  std::string edited = renamed;
  edited.replace(edited.find("required: [name]"), 16, "required: []");
  CHECK(changes(tree, edited) == V{"response-property-made-optional breaking /components/schemas/Node/properties/name "
                                   "/components/schemas/TreeNode/properties/name"});
  // A bound on the pairs compared ends the walk and says so.
  DiffLimits tiny;
  tiny.max_schema_pairs = 1;
  CHECK(diff_of(tree, edited, tiny).truncated);
}

TEST_CASE("diff: every rule has a distinct id and a summary, and changes carry places and lines") {
  std::set<std::string> ids;
  for (const DiffRuleInfo& r : diff_rules()) {
    CHECK(ids.insert(r.id).second);
    CHECK(std::string(r.summary).size() > 5);
  }
  DiffResult r = diff_of(api(kPets), api("  /pets:\n    get:\n      operationId: listPets\n      responses:\n"
                                          "        '200': {description: ok}\n"));
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0].old_place.file == "old.yaml");
  CHECK(r.changes[0].old_place.pos.line == 10);  // the operation's first line
  CHECK(r.changes[0].new_place.file == "new.yaml");
  CHECK(r.changes[0].new_place.pos.line == 5);
  CheckResult findings = diff_findings(r.changes, {"old.yaml", "new.yaml"});
  REQUIRE(findings.findings.size() == 1);
  CHECK(findings.findings[0].severity == FindingSeverity::Error);
  CHECK(findings.findings[0].related.at(0).pointer == "/paths/~1pets/post");
}
