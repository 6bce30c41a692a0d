// The serve stage's pure parts: the proxy's URL policy and the servers it allows, and the
// incremental render serve relies on (a rebuild after an edit must equal a full build).
#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "bundle/bundle.h"
#include "config/config.h"
#include "model/model.h"
#include "render/site.h"
#include "serve/serve.h"
#include "site_fixture.h"
#include "test_util.h"
#include "text/file.h"

using namespace apiref;
using apiref_test::TempDir;

TEST_CASE("proxy policy: prefixes match on scheme, host, port and a path boundary") {
  std::vector<std::string> allowed = {"http://localhost:9081", "https://api.example.com/v1/", "http://127.0.0.1:8080/api"};
  std::string why;
  for (const char* ok : {"http://localhost:9081/api/system/version", "http://localhost:9081", "http://LOCALHOST:9081/x?y=1",
                         "https://api.example.com/v1/users", "https://api.example.com:443/v1", "http://127.0.0.1:8080/api",
                         "http://127.0.0.1:8080/api/devices?page=2#frag", "http://127.0.0.1:8080/api/a%20b"}) {
    CHECK_MESSAGE(proxy_allows(allowed, ok, why), ok << ": " << why);
  }
  for (const char* bad : {
           "http://localhost:9081.evil.com/api",     // host suffix
           "http://localhost:9081@evil.com/",        // userinfo: the host is evil.com
           "http://evil.com@localhost:9081/",        // userinfo at all
           "http://localhost:9082/",                 // other port
           "https://localhost:9081/",                // other scheme
           "http://localhost/",                      // default port 80
           "https://api.example.com/v10/users",      // path prefix without boundary
           "https://api.example.com/v1/../admin",    // dot segments
           "https://api.example.com/v1/%2e%2e/admin",
           "https://api.example.com/v1/%2E%2e/admin",
           "https://api.example.com/v1%2F..%2Fadmin",  // encoded slash
           "https://api.example.com/v1/a%zz",          // malformed escape
           "http://127.0.0.1:8080/apix",
           "http://127.0.0.1:8080/",
           "http://localhost:9081\\@evil.com/",
           "http://localhost:9081/ x",
           "http://localhost:9081/\r\nHost: evil.com",
           "http://localhost:99999/",
           "http://localhost:-1/",
           "http://localhost:+9081/",
           "ftp://localhost:9081/",
           "file:///etc/passwd",
           "//localhost:9081/",
           "localhost:9081/",
           "http:///x",
           "",
       }) {
    CHECK_MESSAGE(!proxy_allows(allowed, bad, why), bad);
    CHECK(!why.empty());
  }
  CHECK(!proxy_allows({}, "http://localhost:9081/", why));
  CHECK(why.find("proxy_allow") != std::string::npos);
}

TEST_CASE("proxy policy: parse_proxy_url splits and normalises") {
  ProxyUrl u;
  std::string error;
  REQUIRE(parse_proxy_url("HTTP://Example.COM:8443/a/b?c=d&e#f", u, error));
  CHECK(u.scheme == "http");
  CHECK(u.host == "example.com");
  CHECK(u.port == 8443);
  CHECK(u.path == "/a/b");
  CHECK(u.query == "c=d&e");
  REQUIRE(parse_proxy_url("https://[::1]/x", u, error));
  CHECK(u.host == "[::1]");
  CHECK(u.port == 443);
  CHECK(!parse_proxy_url("https://[::1/x", u, error));
}

TEST_CASE("proxy policy: declared servers with variables expand to their default and enum values") {
  ApiModel m;
  Server s;
  s.url = "https://{region}.example.com:{port}/v1";
  s.variables = {{"region", "eu", {"eu", "us"}, ""}, {"port", "443", {}, ""}};
  m.servers.push_back(s);
  Operation o;
  Server local;
  local.url = "http://localhost:9081";
  o.servers.push_back(local);
  Server relative;
  relative.url = "/api";
  o.servers.push_back(relative);
  m.operations.push_back(o);
  std::vector<std::string> urls = declared_server_urls({&m});
  CHECK(urls == std::vector<std::string>{"http://localhost:9081", "https://eu.example.com:443/v1", "https://us.example.com:443/v1"});
}

TEST_CASE("proxy policy: the embedded example's servers, from every bundle") {
  ProjectConfig cfg;
  Diagnostics d;
  REQUIRE(load_project_config(std::string(APIREF_SOURCE_DIR) + "/schemas/apiref.yaml", cfg, d));
  BundleResult r = bundle_project(cfg, {});
  REQUIRE(r.ok());
  std::vector<ApiModel> models;
  for (const BundleOutput& b : r.bundles) models.push_back(build_model(b.document, {}));
  std::vector<const ApiModel*> list;
  for (const ApiModel& m : models) list.push_back(&m);
  std::vector<std::string> urls = declared_server_urls(list);
  auto has = [&](const std::string& u) { return std::find(urls.begin(), urls.end(), u) != urls.end(); };
  CHECK(has("http://localhost:8080"));          // public bundle
  CHECK(has("https://api.fleet.example.com"));
  CHECK(has("https://eu-west.fleet.example.com"));  // internal bundle: {region} enum
}

namespace {

// Bundles, models and renders a project; with `memo`, as serve does between saves.
struct Built {
  std::map<std::string, std::string> files;
  std::vector<std::string> unchanged;
  size_t rendered = 0;
};

Built build(const std::string& project, DocumentCache* cache, RenderMemo* memo) {
  Built b;
  apiref_test::PreparedSite p;
  apiref_test::prepare_site(project, p, cache);
  b.files = apiref_test::render_files(p, memo);
  if (memo) {
    b.unchanged = memo->unchanged;
    b.rendered = memo->rendered;
  }
  return b;
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text;
  REQUIRE(text::read_file(path, text));
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("incremental render: after edits, the pages re-rendered plus those kept equal a full render") {
  TempDir tmp;
  std::filesystem::copy(std::string(APIREF_SOURCE_DIR) + "/schemas", tmp.path() / "ex", std::filesystem::copy_options::recursive);
  std::string project = (tmp.path() / "ex/apiref.yaml").generic_string();
  std::string device = normalise_path((tmp.path() / "ex/constructs/v1beta1/device/api.yml").generic_string());
  std::string core = normalise_path((tmp.path() / "ex/constructs/v1beta1/core/api.yml").generic_string());
  DocumentCache cache;
  RenderMemo memo;
  Built first = build(project, &cache, &memo);
  CHECK(first.unchanged.empty());
  std::map<std::string, std::string> site = first.files;

  struct Edit {
    const std::string* file;
    const char* from;
    const char* to;
    bool small;  // touches a few pages only
  };
  // A summary (its page, its tag's pages), a shared parameter (every operation using it), a
  // schema in another file reached through $refs, a security scheme (every page), and back.
  for (Edit e : {Edit{&device, "summary: List devices", "summary: List every device", true},
                 Edit{&device, "summary: Register a device", "summary: Register one device", true},
                 Edit{&device, "description: Identifier of the device.", "description: Identifier of one device.", false},
                 Edit{&core, "description: A universally unique identifier (RFC 4122).", "description: A UUID, edited.", false},
                 Edit{&device, "description: A JWT issued by the Harbor Fleet identity service.", "description: A JWT.", false},
                 Edit{&device, "summary: List every device", "summary: List devices", true}}) {
    CAPTURE(e.to);
    replace_in_file(*e.file, e.from, e.to);
    cache.forget(*e.file);
    Built next = build(project, &cache, &memo);
    for (const std::string& p : next.unchanged) {
      REQUIRE(site.count(p));
      next.files[p] = site[p];
    }
    Built full = build(project, nullptr, nullptr);
    CHECK(next.files.size() == full.files.size());
    size_t differ = 0;
    for (const auto& [path, content] : full.files) {
      auto it = next.files.find(path);
      if (it == next.files.end() || it->second != content) {
        ++differ;
        MESSAGE("differs from a full render: " << path);
      }
    }
    CHECK(differ == 0);
    // Proportional to the change: a handful of pages, not the site.
    if (e.small) {
      CHECK(next.rendered < first.rendered / 4);
      CHECK(next.unchanged.size() > first.rendered / 2);
    }
    site = next.files;
  }
}

TEST_CASE("document cache: a file is parsed again only after forget()") {
  TempDir tmp;
  std::string path = tmp.write("a.yaml", "openapi: 3.0.3\ninfo: {title: A, version: '1'}\npaths: {}\n");
  path = normalise_path(path);
  DocumentCache cache;
  BundleOptions o;
  o.cache = &cache;
  BundleResult first = bundle_file(path, o);
  REQUIRE(first.ok());
  CHECK(cache.size() == 1);
  tmp.write("a.yaml", "openapi: 3.0.3\ninfo: {title: B, version: '1'}\npaths: {}\n");
  CHECK(bundle_file(path, o).bundles[0].document.find("info")->string_at("title") == "A");  // cached
  cache.forget(path);
  CHECK(bundle_file(path, o).bundles[0].document.find("info")->string_at("title") == "B");
  // A parse error is cached with its diagnostics, and reported on every build until fixed.
  tmp.write("a.yaml", "openapi: [3.0.3\n");
  cache.forget(path);
  CHECK(!bundle_file(path, o).ok());
  CHECK(!bundle_file(path, o).ok());
}

TEST_CASE("playground settings under serve --proxy: the proxy and the further servers it may reach") {
  std::string built = R"({"auth": {"public": null}, "persistAuthorization": false, "proxy": null})";
  auto out = nlohmann::json::parse(proxied_playground_settings(
      built, {"http://staging.example.com/api/", "http://localhost:9081"}, {"http://localhost:9081/", "http://127.0.0.1:7000"}));
  CHECK(out["proxy"] == "/_apiref/proxy");
  CHECK(out["auth"] == nlohmann::json::parse(built)["auth"]);  // the rest is kept
  // apiref.yaml's first, then --open-allow's; no trailing '/', each URL once.
  REQUIRE(out["servers"].size() == 3);
  CHECK(out["servers"][0] == nlohmann::json({{"url", "http://staging.example.com/api"}, {"description", "allowed by serve.proxy_allow"}}));
  CHECK(out["servers"][1] == nlohmann::json({{"url", "http://localhost:9081"}, {"description", "allowed by serve.proxy_allow"}}));
  CHECK(out["servers"][2] == nlohmann::json({{"url", "http://127.0.0.1:7000"}, {"description", "allowed by --open-allow"}}));
  // Nothing further: an empty list. Not an object: left as it is.
  CHECK(nlohmann::json::parse(proxied_playground_settings(built, {}, {}))["servers"] == nlohmann::json::array());
  CHECK(proxied_playground_settings("[1]", {"http://a"}, {}) == "[1]");
}
