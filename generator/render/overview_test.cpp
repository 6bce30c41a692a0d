// The overview's first call: the operation apiref.yaml names (bundles[].first_call,
// site.first_call), else a GET a newcomer can send as it is; a name no operation has is an error
// where apiref.yaml writes it. And its auth sentence, from the same auth as the snippets.
#include <doctest/doctest.h>

#include "config/config.h"
#include "model/model.h"
#include "render/overview.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

const char* const kDescription = R"(openapi: 3.0.3
info: {title: Fleet, version: '1'}
paths:
  /fleets:
    post:
      operationId: createFleet
      responses: {'201': {description: ok}}
  /fleets/{id}:
    get:
      operationId: getFleet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /search:
    get:
      operationId: search
      parameters: [{name: q, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /old:
    get:
      operationId: old
      deprecated: true
      responses: {'200': {description: ok}}
  /health:
    get:
      operationId: health
      parameters: [{name: verbose, in: query, schema: {type: boolean}}]
      responses: {'200': {description: ok}}
)";

ApiModel model_of(const char* text) {
  Parsed doc = yaml(text);
  REQUIRE(doc.ok);
  return build_model(doc.root, ModelOptions{});
}

}  // namespace

TEST_CASE("overview: the default first call is a GET without required parameters or path parameters") {
  ApiModel m = model_of(kDescription);
  Diagnostics d;
  const Operation* o = first_call_operation(m, {}, d);
  REQUIRE(o);
  CHECK(o->id == "health");  // not createFleet (POST), getFleet (a path id), search (required q), old (deprecated)
  CHECK(d.empty());
}

TEST_CASE("overview: a GET whose path has parameters when there is no other, none without a GET") {
  ApiModel m = model_of(R"(openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a/{x}:
    parameters: [{name: x, in: path, required: true, schema: {type: string}}]
    get: {operationId: a, responses: {'200': {description: ok}}}
)");
  Diagnostics d;
  // A path parameter is a value the reader must make up: no default then.
  CHECK(first_call_operation(m, {}, d) == nullptr);
  ApiModel none = model_of("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n");
  CHECK(first_call_operation(none, {}, d) == nullptr);
  CHECK(d.empty());
}

TEST_CASE("overview: the first call apiref.yaml names wins") {
  ApiModel m = model_of(kDescription);
  Diagnostics d;
  const Operation* o = first_call_operation(m, {"createFleet", {}}, d);
  REQUIRE(o);
  CHECK(o->id == "createFleet");
  CHECK(d.empty());
}

TEST_CASE("overview: an unknown first_call is a config error at its line and column") {
  TempDir dir;
  dir.write("base.yml", kDescription);
  std::string path = dir.write("apiref.yaml", R"(site:
  first_call: nope
bundles:
  - name: b
    base: base.yml
    first_call: getFleets
)");
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(path, config, d));
  CHECK(config.site.first_call.operation_id == "nope");
  const BundleSpec* b = find_bundle_spec(config, "b");
  REQUIRE(b);
  CHECK(b->first_call.operation_id == "getFleets");
  ApiModel m = model_of(kDescription);
  Diagnostics out;
  CHECK(first_call_operation(m, b->first_call, out) == nullptr);
  REQUIRE(out.size() == 1);
  CHECK(out[0].severity == Severity::Error);
  CHECK(out[0].code == "config-invalid");
  CHECK(out[0].where.pointer == "/bundles/0/first_call");
  CHECK(out[0].where.pos.line == 6);
  CHECK(out[0].where.pos.col == 17);
  std::string shown = format_diagnostic(out[0]);
  CHECK(shown.find("apiref.yaml:6:17: error:") != std::string::npos);
  CHECK(shown.find("'getFleets'") != std::string::npos);
}

TEST_CASE("overview: first_call must be an operationId") {
  TempDir dir;
  dir.write("base.yml", kDescription);
  std::string path = dir.write("apiref.yaml", "bundles:\n  - name: b\n    base: base.yml\n    first_call: [a]\n");
  ProjectConfig config;
  Diagnostics d;
  CHECK_FALSE(load_project_config(path, config, d));
  CHECK(dump(d).find("/bundles/0/first_call") != std::string::npos);
}

TEST_CASE("overview: the auth sentence names where the project's server reads the token") {
  ApiModel m = model_of(kDescription);
  Parsed doc = yaml(kDescription);
  AuthConfig a;
  a.configured = true;
  a.name = "Meshery token";
  a.token_env = "MESHERY_TOKEN";
  a.cookies = {{"meshery-provider", "Meshery"}, {"token", "${token}"}};
  std::vector<SiteBundle> bundles = {{"meshery", &doc.root, &m, {}, &a, {}}};
  TemplateData ways = overview_auth(bundles, bundles[0]);
  REQUIRE(ways.size() == 1);
  CHECK(ways.item(0).find("sentence_html")->text() ==
        "Send your Meshery token as the <code>token</code> cookie, with the <code>meshery-provider</code> cookie.");
  REQUIRE(ways.item(0).find("lines")->size() == 1);
  CHECK(ways.item(0).find("lines")->item(0).text() == "Cookie: meshery-provider=Meshery; token=$MESHERY_TOKEN");
  CHECK(ways.item(0).find("href")->text() == "authentication/index.html#auth-meshery");
}
