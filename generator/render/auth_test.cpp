// Per-bundle auth, rebranding and the reader's token in snippets: apiref.yaml's bundles[].auth,
// title, description and servers; the model's one effective auth; variable_fill_json; brand_css.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "source_dir.h"
#include "config/config.h"
#include "model/model.h"
#include "render/brand.h"
#include "snippets/snippets.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;
using Json = nlohmann::json;

namespace {


const char* const kDescription = R"(openapi: 3.0.3
info: {title: Meshery Server, description: Meshery's API, version: '1'}
servers: [{url: 'https://playground.meshery.io'}]
paths:
  /api/declared:
    servers: [{url: 'https://path.meshery.io'}]
    get:
      operationId: declared
      security: [{jwt: []}]
      responses: {'200': {description: ok}}
  /api/optional:
    get:
      operationId: optional
      security: [{jwt: []}, {}]
      responses: {'200': {description: ok}}
  /api/open:
    get:
      operationId: open
      security: []
      responses: {'200': {description: ok}}
  /api/silent:
    get:
      operationId: silent
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    jwt: {type: http, scheme: bearer, bearerFormat: JWT}
)";

const Operation& op(const ApiModel& m, const std::string& id) {
  for (const Operation& o : m.operations)
    if (o.id == id) return o;
  FAIL("no operation " << id);
  return m.operations.front();
}

}  // namespace

TEST_CASE("config: a bundle's own auth, title, description and servers, the project's auth otherwise") {
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/examples/meshery/apiref.yaml", config, d));
  CHECK(count_diag(d, "config-unknown-key") == 0);
  const BundleSpec* meshery = find_bundle_spec(config, "meshery");
  const BundleSpec* cloud = find_bundle_spec(config, "cloud");
  REQUIRE(meshery);
  REQUIRE(cloud);
  CHECK_FALSE(meshery->auth.configured);
  CHECK(&effective_auth(config, *meshery) == &config.auth);
  CHECK(effective_auth(config, *meshery).cookies.size() == 2);
  CHECK(effective_auth(config, *meshery).cli_stored_in == "~/.meshery/auth.json");
  CHECK(effective_auth(config, *meshery).server == "Meshery Server");
  CHECK_FALSE(effective_auth(config, *meshery).redirect.empty());
  CHECK(&effective_auth(config, *cloud) == &cloud->auth);
  CHECK(cloud->auth.headers == std::vector<std::pair<std::string, std::string>>{
                                   {"Authorization", "Bearer ${token}"}, {"layer5-current-orgid", "${MESHERY_CLOUD_ORG_ID}"}});
  CHECK(cloud->auth.cookies.empty());
  CHECK(cloud->auth.variables.size() == 1);
  CHECK(cloud->auth.troubleshooting.size() == 2);

  ProjectConfig meshplay;
  REQUIRE(load_project_config(kSource + "/examples/meshplay/apiref.yaml", meshplay, d));
  const BundleSpec* b = find_bundle_spec(meshplay, "meshplay");
  REQUIRE(b);
  CHECK(b->title == "Meshplay Server");
  CHECK(b->description.find("Meshplay") != std::string::npos);
  REQUIRE(b->servers.size() == 1);
  CHECK(b->servers[0].url == "http://localhost:9081");
}

TEST_CASE("config: mistakes in a bundle's auth are reported where they are") {
  TempDir dir;
  dir.write("base.yml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
  std::string path = dir.write("apiref.yaml", R"(bundles:
  - name: b
    base: base.yml
    audience: a
    servers: [{description: no url}]
    colour: red
    auth:
      token_env: not a name
      troubleshooting: [{problem: only a problem}]
)");
  ProjectConfig config;
  Diagnostics d;
  CHECK_FALSE(load_project_config(path, config, d));
  std::string all = dump(d);
  CHECK(all.find("/bundles/0/auth/token_env") != std::string::npos);
  CHECK(all.find("/bundles/0/auth/troubleshooting/0") != std::string::npos);
  CHECK(all.find("/bundles/0/servers/0") != std::string::npos);
  CHECK(all.find("unknown key 'colour'") != std::string::npos);
}

TEST_CASE("model: the project's scheme replaces the description's, servers and title replaced") {
  Parsed doc = yaml(kDescription);
  REQUIRE(doc.ok);
  ModelOptions o;
  o.project_scheme = "project-auth";
  o.extra_schemes = {SecurityScheme{"project-auth", "project", "", "", "", "", "Meshplay token", "", {}}};
  o.default_security = {{SecurityRequirement{"project-auth", {}}}};
  o.title = "Meshplay Server";
  o.servers = {Server{"http://localhost:9081", "http://localhost:9081", "local", {}, ""}};
  ApiModel m = build_model(doc.root, o);
  CHECK(m.title == "Meshplay Server");
  CHECK(m.description == "Meshery's API");  // not overridden: the description's
  REQUIRE(m.security_schemes.size() == 1);
  CHECK(m.security_schemes[0].name == "project-auth");
  REQUIRE(m.declared_schemes.size() == 1);
  CHECK(m.declared_schemes[0].name == "jwt");
  auto schemes = [](const EffectiveSecurity& s) {
    std::vector<std::string> out;
    for (const SecurityAlternative& a : s.alternatives) out.push_back(a.empty() ? "(none)" : a[0].scheme);
    return out;
  };
  CHECK(schemes(op(m, "declared").security) == std::vector<std::string>{"project-auth"});
  CHECK(schemes(op(m, "declared").declared_security) == std::vector<std::string>{"jwt"});
  CHECK(schemes(op(m, "optional").security) == std::vector<std::string>{"project-auth", "(none)"});
  CHECK(op(m, "open").security.alternatives.empty());
  CHECK(op(m, "open").security.source == SecuritySource::Operation);  // "No authentication needed" stays
  CHECK(schemes(op(m, "silent").security) == std::vector<std::string>{"project-auth"});
  for (const Operation& x : m.operations) {
    REQUIRE(x.servers.size() == 1);
    CHECK(x.servers[0].url == "http://localhost:9081");  // path-level servers too
  }
}

TEST_CASE("variable_fill_json: each language's expressions that read a variable, as the snippet spells them") {
  Request r;
  r.method = "GET";
  r.url = literal("https://x.test/a");
  r.headers = {{"Authorization", Value{{"Bearer ", false}, {"TOK", true}}}, {"layer5-current-orgid", env("ORG")}};
  r.cookies = {{"provider", literal("Meshery")}, {"token", env("TOK")}};
  for (const std::string& lang : all_snippet_languages()) {
    CAPTURE(lang);
    std::vector<Snippet> s = snippets_for(r, {lang});
    REQUIRE(s.size() == 1);
    Json fill = Json::parse(variable_fill_json(r, lang));
    CHECK(fill.size() >= 3);
    for (const Json& entry : fill) {
      std::string code = entry[0];
      CAPTURE(code);
      CHECK(s[0].code.find(code) != std::string::npos);  // exactly as the snippet writes it
      bool reads = false;
      for (const Json& seg : entry[1]) reads = reads || seg[1] == 1;
      CHECK(reads);
    }
  }
  // curl: the cookie is one word, with its literal part and the variable.
  Json curl = Json::parse(variable_fill_json(r, "curl"));
  CHECK(curl[2] == Json::parse(R"(["'provider=Meshery; token='\"$TOK\"", [["provider=Meshery; token=", 0], ["TOK", 1]]])"));
  CHECK(variable_fill_json(Request{}, "curl").empty());
}

TEST_CASE("brand_css: the primary colour, and shades of it that read in both themes") {
  CHECK(brand_css("") == "");
  std::string css = brand_css("#00b39f");
  CHECK(css.find("--brand:#00b39f") != std::string::npos);
  auto value = [&](const std::string& name) {
    size_t at = css.find(name + ":") + name.size() + 1;
    return css.substr(at, 7);
  };
  CHECK(contrast_ratio("#00b39f", "#ffffff") < 4.5);  // the colour itself is too light on white
  CHECK(contrast_ratio(value("--brand-light"), "#ffffff") >= 4.5);
  CHECK(contrast_ratio(value("--brand-light"), "#f6f8fa") >= 4.5);
  CHECK(contrast_ratio(value("--brand-dark"), "#0f1419") >= 4.5);
  CHECK(contrast_ratio(value("--brand-dark"), "#161b22") >= 4.5);
  // A dark navy: lightened for the dark theme.
  std::string navy = brand_css("#0b1f5c");
  size_t at = navy.find("--brand-dark:") + 13;
  CHECK(contrast_ratio(navy.substr(at, 7), "#0f1419") >= 4.5);
  CHECK(brand_css("rgb(0, 179, 159)") == ":root{--brand:rgb(0, 179, 159);--brand-light:rgb(0, 179, 159);--brand-dark:rgb(0, 179, 159)}");
}
