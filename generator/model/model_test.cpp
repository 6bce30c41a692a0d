// The model stage on real descriptions: what render will see.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "source_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "model/model.h"
#include "model/model_test_fixtures.h"

using namespace apiref;
using apiref_test::find_op;

namespace {


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

TEST_CASE("model: effective servers, security, merged parameters, bodies, callbacks (embedded example)") {
  Node doc = bundle_example("internal");
  ApiModel m = build_model(doc, {});
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
  ApiModel pub = build_model(pub_doc, {});
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
  ApiModel m = build_model(doc, options);
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
