// The model stage on real descriptions: what render will see.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "model/model.h"

using namespace apiref;

namespace {

const std::string kSource = APIREF_SOURCE_DIR;
const std::string kCorpus = APIREF_CORPUS_DIR;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

const Operation* find_op(const ApiModel& m, const std::string& id) {
  for (const Operation& o : m.operations)
    if (o.id == id) return &o;
  return nullptr;
}

Node bundle_example(const std::string& audience) {
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/schemas/apiref.yaml", config, d));
  BundleResult r = bundle_project(config, {}, {audience});
  REQUIRE(r.ok());
  REQUIRE(r.bundles.size() == 1);
  return r.bundles[0].document;
}

}  // namespace

TEST_CASE("model: GitHub's 1,223 operations and 969 schemas, unique slugs") {
  Diagnostics d;
  Document doc = load_document(kCorpus + "/github/api.github.com.json", d);
  REQUIRE(doc.ok);
  Diagnostics problems;
  ApiModel m = build_model(doc.root, {}, "github", problems);
  CHECK(problems.empty());
  CHECK(m.operations.size() == 1223);
  CHECK(m.schemas.size() == 969);
  CHECK(m.title == "GitHub's official OpenAPI spec + Octokit extension");
  std::set<std::string> slugs;
  for (const Operation& o : m.operations) {
    INFO(o.id);
    CHECK(!o.id_generated);
    CHECK(slugs.insert(lower(o.slug)).second);
    CHECK(o.slug.find('/') == std::string::npos);
    CHECK(!o.servers.empty());
    CHECK(o.servers[0].resolved_url.find('{') == std::string::npos);
    for (const Parameter& p : o.parameters) {
      CHECK(!p.name.empty());
      if (p.in == "path") CHECK(p.required);
    }
  }
  const Operation* get_repo = find_op(m, "repos/get");
  REQUIRE(get_repo);
  CHECK(get_repo->slug == "repos-get");
  CHECK(get_repo->summary == "Get a repository");
  CHECK(get_repo->method == "get");
  CHECK(get_repo->path == "/repos/{owner}/{repo}");
  REQUIRE(get_repo->parameters.size() == 2);
  CHECK(get_repo->parameters[0].name == "owner");
  CHECK(get_repo->parameters[0].schema != nullptr);  // resolved through #/components/parameters
  CHECK(!get_repo->responses.empty());
  CHECK(get_repo->responses[0].status == "200");
  // Every operation lands under at least one tag, and tags know their operations.
  size_t tagged = 0;
  for (const Tag& t : m.tags) tagged += t.operations.size();
  CHECK(tagged >= m.operations.size());
}

TEST_CASE("model: effective servers, security, merged parameters, bodies, callbacks (embedded example)") {
  Node doc = bundle_example("internal");
  Diagnostics problems;
  ApiModel m = build_model(doc, {}, "internal", problems);
  CHECK(problems.empty());
  CHECK(m.operations.size() == 41);  // callbacks live inside their operation

  // Root servers with a variable: its default fills the URL.
  bool region = false;
  for (const Server& s : m.servers) {
    if (s.url != "https://{region}.fleet.example.com") continue;
    region = true;
    CHECK(s.resolved_url == "https://eu-west.fleet.example.com");
    REQUIRE(s.variables.size() == 1);
    CHECK(s.variables[0].enum_values.size() == 3);
  }
  CHECK(region);

  // `security: []` is "no auth"; construct security carried down by the bundler is "operation".
  const Operation* version = find_op(m, "getSystemVersion");
  REQUIRE(version);
  CHECK(version->security.source == SecuritySource::Operation);
  CHECK(version->security.alternatives.empty());
  const Operation* get_device = find_op(m, "getDevice");
  REQUIRE(get_device);
  REQUIRE(get_device->security.alternatives.size() == 1);
  CHECK(get_device->security.alternatives[0][0].scheme == "bearerAuth");  // the author's name, not the construct's prefix
  bool scheme_known = false;
  for (const SecurityScheme& s : m.security_schemes)
    if (s.name == "bearerAuth") scheme_known = s.type == "http" && s.http_scheme == "bearer";
  CHECK(scheme_known);

  // The path item's deviceId parameter applies to the operation, resolved through its $ref.
  REQUIRE(!get_device->parameters.empty());
  CHECK(get_device->parameters[0].name == "deviceId");
  CHECK(get_device->parameters[0].in == "path");
  CHECK(get_device->parameters[0].required);
  CHECK(get_device->parameters[0].style == "simple");

  // Bodies by media type; callbacks with their own operations.
  bool multipart = false, callback = false;
  for (const Operation& o : m.operations) {
    for (const MediaType& mt : o.request_body.content) multipart = multipart || mt.name == "multipart/form-data";
    for (const Callback& c : o.callbacks) {
      callback = true;
      CHECK(c.name == "fleetEvent");
      CHECK(c.expression == "{$request.body#/callback_url}");
      REQUIRE(c.operations.size() == 1);
      CHECK(c.operations[0].id == "deliverFleetEvent");
      CHECK(c.operations[0].method == "post");
    }
  }
  CHECK(multipart);
  CHECK(callback);

  // The form-encoded claim and the deprecated legacy call are public-only operations.
  Node pub_doc = bundle_example("public");
  ApiModel pub = build_model(pub_doc, {}, "public", problems);
  CHECK(problems.empty());
  const Operation* claim = find_op(pub, "claimDevice");
  REQUIRE(claim);
  REQUIRE(claim->request_body.content.size() == 1);
  CHECK(claim->request_body.content[0].name == "application/x-www-form-urlencoded");
  CHECK(find_op(m, "claimDevice") == nullptr);
  const Operation* legacy = find_op(pub, "getDeviceStatusLegacy");
  REQUIRE(legacy);
  CHECK(legacy->deprecated);
}

TEST_CASE("model: project default security applies only where the description is silent") {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a: {get: {responses: {"200": {description: ok}}}}
  /b: {get: {security: [], responses: {"200": {description: ok}}}}
  /c:
    get:
      security: [{key: []}, {}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: cookie, name: token}
)", "t.yaml", doc, d));
  ModelOptions options;
  options.default_security = {{SecurityRequirement{"key", {}}}};
  ApiModel m = build_model(doc, options, "t.yaml", d);
  REQUIRE(m.operations.size() == 3);
  CHECK(m.operations[0].security.source == SecuritySource::ProjectDefault);
  CHECK(m.operations[0].security.alternatives.size() == 1);
  CHECK(m.operations[1].security.source == SecuritySource::Operation);
  CHECK(m.operations[1].security.alternatives.empty());
  CHECK(m.operations[2].security.anonymous_allowed());
  CHECK(m.operations[2].security.alternatives.size() == 2);
  // Operations without operationId get a stable, readable id and slug.
  CHECK(m.operations[0].id_generated);
  CHECK(m.operations[0].slug == "get-a");
  CHECK(m.security_schemes[0].in == "cookie");
  CHECK(m.security_schemes[0].param_name == "token");
  // Untagged operations are grouped under "default".
  REQUIRE(m.tags.size() == 1);
  CHECK(m.tags[0].name == "default");
  CHECK(m.tags[0].operations.size() == 3);
}

TEST_CASE("model: webhooks (3.1), x-tagGroups and x-displayName") {
  Diagnostics d;
  Document hooks = load_document(kCorpus + "/oas-examples/3.1/json/webhooks.json", d);
  REQUIRE(hooks.ok);
  ApiModel m = build_model(hooks.root, {}, "webhooks.json", d);
  CHECK(m.is_31);
  CHECK(std::any_of(m.operations.begin(), m.operations.end(), [](const Operation& o) { return o.is_webhook; }));

  Node doc;
  REQUIRE(parse_yaml(R"(openapi: 3.1.0
info: {title: t, version: "1"}
tags:
  - {name: pets, x-displayName: All the pets}
  - {name: stores}
x-tagGroups:
  - {name: Animals, tags: [pets]}
  - {name: Shops, tags: [stores, missing]}
paths:
  /pets: {get: {tags: [pets], operationId: listPets, responses: {"200": {description: ok}}}}
)", "t.yaml", doc, d));
  ApiModel g = build_model(doc, {}, "t.yaml", d);
  REQUIRE(g.tags.size() == 2);
  CHECK(g.tags[0].display_name == "All the pets");
  CHECK(g.tags[1].display_name == "stores");
  REQUIRE(g.tag_groups.size() == 2);
  CHECK(g.tag_groups[0].tags == std::vector<size_t>{0});
  CHECK(g.tag_groups[1].tags == std::vector<size_t>{1});
}
