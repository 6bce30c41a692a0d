#include "render/playground.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tree/json_pointer.h"

namespace apiref {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// encodeURIComponent: what Swagger UI itself applies to the tag and id of a deep link.
std::string uri_component(std::string_view s) { return percent_encode(s, "!'()*"); }

// Swagger UI's replace_special_chars_with_underscore, /\W/g -> "_", which JavaScript applies to
// UTF-16 code units: one '_' per non-ASCII character (two for one outside the BMP).
std::string word_chars(std::string_view s) {
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += isalnum(c) || c == '_' ? ch : '_';
    else if (c >= 0xF0) out += "__";
    else if (c >= 0xC0) out += '_';
    // continuation bytes (0x80-0xBF) belong to the character already counted
  }
  return out;
}

// What Swagger UI calls the operation in its deep links and "shown" keys: the description's
// operationId as written, or (when there is none) opId's method + path.
std::string swagger_operation_id(const Operation& o) {
  if (!o.id_generated) return o.id;
  return o.method + word_chars(o.path);
}

// Swagger UI 5.35.0's own files the playground needs (the *.map source maps are left out).
const char* const kSwaggerUiFiles[] = {
    "swagger-ui-bundle.js",
    "swagger-ui-bundle.js.LICENSE.txt",
    "swagger-ui-standalone-preset.js",
    "swagger-ui-standalone-preset.js.LICENSE.txt",
    "swagger-ui.css",
    "oauth2-redirect.js",
    "favicon-32x32.png",
    "LICENSE",
    "NOTICE",
};

// apiref's own: the init script, its style, the OAuth2 redirect page (index.html is a template).
const char* const kApirefFiles[] = {
    "apiref-playground.js",
    "apiref-playground.css",
    "oauth2-redirect.html",
};

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return static_cast<bool>(in) || in.eof();
}

}  // namespace

std::vector<SiteFile> playground_config_files(const std::vector<SiteBundle>& bundles, const SiteOptions& options) {
  json urls = json::array();
  for (const SiteBundle& b : bundles) urls.push_back({{"url", "../" + b.name + "/openapi.json"}, {"name", b.name}});
  json config = {
      {"urls", urls},
      // Deep links #/<tag>/<operationId>: every operation page's "Try it" opens its operation.
      {"deepLinking", true},
      // null: the description is never sent to an online validator (the default is swagger.io's).
      {"validatorUrl", nullptr},
      {"tryItOutEnabled", true},
      {"requestSnippetsEnabled", true},
      {"persistAuthorization", options.persist_authorization},
      {"displayRequestDuration", true},
      // No showExtensions or filter: not asked for, and GitHub's description (x-github on every
      // operation) loaded up to a third slower with them in bench/playground.mjs.
  };
  if (!bundles.empty()) config["urls.primaryName"] = bundles.front().name;

  json auth = nullptr;
  const AuthConfig& a = options.auth;
  if (a.configured && (!a.headers.empty() || !a.cookies.empty())) {
    json headers = json::array(), cookies = json::array();
    for (const auto& [name, value] : a.headers) headers.push_back({name, value});
    for (const auto& [name, value] : a.cookies) cookies.push_back({name, value});
    auth = {{"name", a.name}, {"headers", headers}, {"cookies", cookies}};
  }
  json settings = {{"auth", auth}, {"persistAuthorization", options.persist_authorization}, {"proxy", nullptr}};
  return {{"playground/swagger-config.json", config.dump(2) + "\n"},
          {"playground/apiref-playground.json", settings.dump(2) + "\n"}};
}

std::string playground_href(const std::string& bundle, const Operation& o) {
  if (o.is_webhook) return "";
  std::string tag = o.tags.empty() ? "default" : o.tags.front();
  return "playground/index.html?urls.primaryName=" + uri_component(bundle) + "#/" + uri_component(tag) + "/" +
         uri_component(swagger_operation_id(o));
}

bool load_playground_assets(const std::string& data_dir, std::vector<SiteFile>& out, std::string& error) {
  fs::path dist = fs::path(data_dir) / "vendor" / "swagger-ui" / "node_modules" / "swagger-ui-dist";
  fs::path own = fs::path(data_dir) / "playground";
  std::vector<SiteFile> files;
  for (const char* name : kSwaggerUiFiles) {
    std::string content;
    if (!read_file(dist / name, content)) {
      error = "the playground's Swagger UI is not installed: " + (dist / name).string() +
              " is missing. Install it with `scripts/setup-deps.sh` (or `npm ci --ignore-scripts --prefix " +
              (fs::path(data_dir) / "vendor" / "swagger-ui").string() +
              "`); it is pinned in vendor/swagger-ui/package-lock.json and never fetched by apiref itself";
      return false;
    }
    files.push_back({std::string("playground/") + name, std::move(content)});
  }
  for (const char* name : kApirefFiles) {
    std::string content;
    if (!read_file(own / name, content)) {
      error = "cannot read the playground file " + (own / name).string() + " (APIREF_DATA_DIR is " + data_dir + ")";
      return false;
    }
    files.push_back({std::string("playground/") + name, std::move(content)});
  }
  for (SiteFile& f : files) out.push_back(std::move(f));
  return true;
}

}  // namespace apiref
