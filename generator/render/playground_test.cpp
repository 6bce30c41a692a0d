// The playground's generated files and deep links (render/playground.h), and its config key.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "source_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "model/model.h"
#include "render/playground.h"
#include "render/playground_slice.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;
using Json = nlohmann::json;

namespace {


Operation op(std::string id, std::string method, std::string path, std::vector<std::string> tags) {
  Operation o;
  o.id_generated = id.empty();
  o.id = id.empty() ? method + "-" + path : id;
  o.method = std::move(method);
  o.path = std::move(path);
  o.tags = std::move(tags);
  return o;
}

const SiteFile& file(const std::vector<SiteFile>& files, const std::string& path) {
  for (const SiteFile& f : files)
    if (f.path == path) return f;
  FAIL("no file " << path);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("playground_href: Swagger UI's own tag and id, each encodeURIComponent'd") {
  // The description's operationId as written; a '/' (GitHub: repos/get) is encoded.
  CHECK(playground_href("api.github.com", op("repos/get", "get", "/repos/{owner}/{repo}", {"repos"})) ==
        "playground/index.html?urls.primaryName=api.github.com#/repos/repos%2Fget");
  // No operationId: Swagger UI's opId, method + path with every non-word character made '_'.
  CHECK(playground_href("public", op("", "get", "/devices/{id}/status-v2", {"Device"})) ==
        "playground/index.html?urls.primaryName=public#/Device/get_devices__id__status_v2");
  // No tag: Swagger UI lists the operation under "default".
  CHECK(playground_href("b", op("ping", "head", "/ping", {})) == "playground/index.html?urls.primaryName=b#/default/ping");
  // Spaces, reserved and non-ASCII characters in the tag, the bundle and the id.
  CHECK(playground_href("my bundle", op("do it&now", "post", "/x", {"Device groups/É"})) ==
        "playground/index.html?urls.primaryName=my%20bundle#/Device%20groups%2F%C3%89/do%20it%26now");
  // JavaScript's \W works on UTF-16 code units: one '_' per BMP character, two outside it.
  CHECK(playground_href("b", op("", "get", "/caf\xC3\xA9/\xF0\x9F\x98\x80", {"t"})) ==
        "playground/index.html?urls.primaryName=b#/t/get_caf____");
  // The first tag when there are several (Swagger UI shows it under each; any one opens it).
  CHECK(playground_href("b", op("x", "get", "/x", {"first", "second"})) == "playground/index.html?urls.primaryName=b#/first/x");
  // Characters encodeURIComponent leaves alone stay as they are.
  CHECK(playground_href("b", op("a-b_c.d!e~f*g'h(i)", "get", "/x", {"t"})) ==
        "playground/index.html?urls.primaryName=b#/t/a-b_c.d!e~f*g'h(i)");
  // Webhooks cannot be sent from Swagger UI: no link.
  Operation hook = op("onEvent", "post", "deviceEvent", {"Webhooks"});
  hook.is_webhook = true;
  CHECK(playground_href("b", hook).empty());
}

TEST_CASE("playground_config_files: the example's bundles, no auth, nothing persisted, no proxy") {
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/schemas/apiref.yaml", config, d));
  BundleResult r = bundle_project(config, {});
  REQUIRE(r.ok());
  std::vector<ApiModel> models(r.bundles.size());
  std::vector<SiteBundle> bundles;
  for (size_t i = 0; i < r.bundles.size(); ++i) {
    models[i] = build_model(r.bundles[i].document, {});
    bundles.push_back({r.bundles[i].name, &r.bundles[i].document, &models[i]});
  }
  SiteOptions options;
  std::vector<SiteFile> files = playground_config_files(bundles, options);
  REQUIRE(files.size() == 2);  // nothing rebranded, no project auth: the bundles' own openapi.json
  Json config_json = Json::parse(file(files, "playground/swagger-config.json").content);
  CHECK(config_json["urls"] == Json::parse(R"([{"url": "../public/openapi.json", "name": "public"},
                                                {"url": "../internal/openapi.json", "name": "internal"}])"));
  CHECK(config_json["urls.primaryName"] == "public");
  CHECK(config_json["validatorUrl"].is_null());
  CHECK(config_json["deepLinking"] == true);
  CHECK(config_json["tryItOutEnabled"] == true);
  CHECK(config_json["requestSnippetsEnabled"] == true);
  CHECK(config_json["persistAuthorization"] == false);
  CHECK(Json::parse(file(files, "playground/apiref-playground.json").content) ==
        Json::parse(R"({"auth": {"public": null, "internal": null}, "persistAuthorization": false, "proxy": null})"));
}

TEST_CASE("playground_config_files: each bundle's auth as its server takes it, and no Authorize field it does not read") {
  // examples/meshery: Meshery Server reads cookies; its `cloud` bundle a bearer token and an
  // organisation header. Both descriptions declare a `jwt` bearer scheme.
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/examples/meshery/apiref.yaml", config, d));
  Parsed doc = yaml(R"(openapi: 3.0.3
info: {title: Meshery Server, description: Meshery's API, version: '1'}
servers: [{url: 'https://playground.meshery.io'}]
security: [{jwt: []}]
paths:
  /api/x:
    servers: [{url: 'https://other.meshery.io'}]
    get:
      security: [{jwt: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    jwt: {type: http, scheme: bearer}
)" + std::string("x-filler: ") + std::string(kPlaygroundSliceMinBytes, 'a') + "\n");  // large enough to be sliced
  REQUIRE(doc.ok);
  std::vector<ApiModel> models;
  std::vector<SiteBundle> bundles;
  models.reserve(2);
  for (const char* name : {"meshery", "cloud"}) {
    const BundleSpec* spec = find_bundle_spec(config, name);
    REQUIRE(spec);
    ModelOptions o;
    o.project_scheme = "project-auth";
    o.extra_schemes = {SecurityScheme{"project-auth", "project", "", "", "", "", effective_auth(config, *spec).name, "", {}}};
    if (std::string(name) == "cloud") o.servers = {Server{"https://cloud.example", "https://cloud.example", "", {}, ""}};
    models.push_back(build_model(doc.root, o));
    bundles.push_back({name, &doc.root, &models.back(), {}, &effective_auth(config, *spec), {}});
  }
  SiteOptions options;
  options.persist_authorization = true;
  std::vector<SiteFile> files = playground_config_files(bundles, options);
  Json settings = Json::parse(file(files, "playground/apiref-playground.json").content);
  CHECK(settings["auth"]["meshery"] == Json::parse(R"({"name": "Meshery token", "token_env": "MESHERY_TOKEN", "headers": [],
      "cookies": [["meshery-provider", "Meshery"], ["token", "${token}"]], "variables": {}})"));
  CHECK(settings["auth"]["cloud"]["headers"] ==
        Json::parse(R"([["Authorization", "Bearer ${token}"], ["layer5-current-orgid", "${MESHERY_CLOUD_ORG_ID}"]])"));
  CHECK(settings["auth"]["cloud"]["cookies"] == Json::array());
  CHECK(settings["auth"]["cloud"]["token_env"] == "MESHERY_CLOUD_TOKEN");
  CHECK(settings["persistAuthorization"] == true);
  CHECK(settings["proxy"].is_null());
  Json config_json = Json::parse(file(files, "playground/swagger-config.json").content);
  CHECK(config_json["persistAuthorization"] == true);
  // Each bundle loads its own copy: no security scheme (Swagger UI's Authorize dialog would offer
  // a bearer token the server does not read), no security requirement, the bundle's servers.
  CHECK(config_json["urls"] == Json::parse(R"([{"url": "meshery.openapi.json", "name": "meshery"},
                                                {"url": "cloud.openapi.json", "name": "cloud"}])"));
  for (const char* name : {"meshery", "cloud"}) {
    CAPTURE(name);
    Json spec = Json::parse(file(files, std::string("playground/") + name + ".openapi.json").content);
    CHECK_FALSE(spec["components"].contains("securitySchemes"));
    CHECK_FALSE(spec.contains("security"));
    CHECK_FALSE(spec["paths"]["/api/x"]["get"].contains("security"));
    if (std::string(name) == "cloud") {
      CHECK(spec["servers"] == Json::parse(R"([{"url": "https://cloud.example"}])"));
      CHECK_FALSE(spec["paths"]["/api/x"].contains("servers"));
    } else {
      CHECK(spec["paths"]["/api/x"]["servers"][0]["url"] == "https://other.meshery.io");
    }
  }
  // Sliced (the filler makes it large): the untagged operation's tag, "default", has its own
  // description with the same replacements, and the settings name it.
  CHECK(settings["slices"] == Json::parse(R"({"meshery": {"default": "tags/meshery/default.json"},
                                              "cloud": {"default": "tags/cloud/default.json"}})"));
  std::vector<SiteFile> slices;
  for (auto& job : playground_slice_jobs(bundles)) slices.push_back(job());
  REQUIRE(slices.size() == 2);
  Json cloud = Json::parse(file(slices, "playground/tags/cloud/default.json").content);
  CHECK(cloud["paths"]["/api/x"].contains("get"));
  CHECK_FALSE(cloud.contains("x-filler"));
  CHECK_FALSE(cloud.contains("security"));
  CHECK_FALSE(cloud["components"].contains("securitySchemes"));
  CHECK_FALSE(cloud["paths"]["/api/x"]["get"].contains("security"));
  CHECK(cloud["servers"] == Json::parse(R"([{"url": "https://cloud.example"}])"));
  CHECK_FALSE(cloud["paths"]["/api/x"].contains("servers"));
  CHECK(file(slices, "playground/tags/cloud/default.json").content.find('\n') == std::string::npos);  // compact
}

TEST_CASE("config: site.playground.persist_authorization") {
  TempDir dir;
  dir.write("base.yml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
  auto load = [&](const std::string& site, ProjectConfig& config, Diagnostics& d) {
    std::string path = dir.write("apiref.yaml", "bundles:\n  - {name: b, base: base.yml, audience: a}\nsite:\n" + site);
    return load_project_config(path, config, d);
  };
  {
    ProjectConfig c;
    Diagnostics d;
    REQUIRE(load("  title: x\n", c, d));
    CHECK_FALSE(c.site.persist_authorization);
  }
  {
    ProjectConfig c;
    Diagnostics d;
    REQUIRE(load("  playground:\n    persist_authorization: true\n", c, d));
    CHECK(c.site.persist_authorization);
    CHECK(d.empty());
  }
  {
    ProjectConfig c;
    Diagnostics d;
    CHECK_FALSE(load("  playground:\n    persist_authorization: \"yes\"\n", c, d));
    const Diagnostic* e = find_diag(d, "config-invalid");
    REQUIRE(e);
    CHECK(e->where.pointer == "/site/playground/persist_authorization");
    CHECK(lc(e->where.pos) == "5:28");
    CHECK_FALSE(c.site.persist_authorization);
  }
  {
    ProjectConfig c;
    Diagnostics d;
    CHECK_FALSE(load("  playground: [persist_authorization]\n", c, d));
    const Diagnostic* e = find_diag(d, "config-invalid");
    REQUIRE(e);
    CHECK(e->where.pointer == "/site/playground");
  }
}

TEST_CASE("load_playground_assets: Swagger UI and apiref's files, or an error saying how to install them") {
  std::vector<SiteFile> files;
  std::string error;
  REQUIRE_MESSAGE(load_playground_assets(kSource, files, error), error);
  CHECK(error.empty());
  std::vector<std::string> paths;
  for (const SiteFile& f : files) paths.push_back(f.path);
  for (const char* name : {"playground/swagger-ui-bundle.js", "playground/swagger-ui.css", "playground/oauth2-redirect.js", "playground/oauth2-redirect.html",
                           "playground/apiref-playground.js", "playground/apiref-form.js", "playground/LICENSE"}) {
    CAPTURE(name);
    CHECK(std::find(paths.begin(), paths.end(), name) != paths.end());
  }
  CHECK(file(files, "playground/swagger-ui-bundle.js").content.size() > 1000000);
  // Nothing of swagger-ui-dist's default initializer, which loads the petstore from the network.
  CHECK(std::find(paths.begin(), paths.end(), "playground/swagger-initializer.js") == paths.end());
  // Nor its standalone preset: the site's header replaces Swagger UI's top bar.
  CHECK(std::find(paths.begin(), paths.end(), "playground/swagger-ui-standalone-preset.js") == paths.end());

  TempDir empty;
  std::vector<SiteFile> none;
  CHECK_FALSE(load_playground_assets(empty.str(), none, error));
  CHECK(none.empty());
  CHECK(error.find("swagger-ui-bundle.js is missing") != std::string::npos);
  CHECK(error.find("scripts/setup-deps.sh") != std::string::npos);
}
