#include "render/playground.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "examples/pattern_sample.h"
#include "render/playground_oas32.h"
#include "render/playground_slice.h"
#include "text/file.h"
#include "text/percent.h"
#include "tree/write.h"

namespace apiref {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// encodeURIComponent: what Swagger UI itself applies to the tag and id of a deep link.
std::string uri_component(std::string_view s) { return text::percent_encode(s, "!'()*"); }

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

// Swagger UI 5.35.0's own files the playground needs (the *.map source maps are left out, and
// the standalone preset: its top bar is replaced by the site's header and apiref's bundle picker).
const char* const kSwaggerUiFiles[] = {
    "swagger-ui-bundle.js",
    "swagger-ui-bundle.js.LICENSE.txt",
    "swagger-ui.css",
    "oauth2-redirect.js",
    "favicon-32x32.png",
    "LICENSE",
    "NOTICE",
};

// apiref's own: the init script, the request form it shows before Swagger UI's script, its
// style, the OAuth2 redirect page (index.html is a template).
const char* const kApirefFiles[] = {
    "apiref-playground.js",
    "apiref-form.js",
    "apiref-playground.css",
    "oauth2-redirect.html",
};


}  // namespace

namespace {

// The auth the playground applies for a bundle: its project auth's name, token variable,
// what it sends and what the other variables are. null: the description's own schemes, in
// Swagger UI's Authorize dialog.
json playground_auth(const SiteBundle& b) {
  if (!b.project_auth() || !b.auth->sends()) return nullptr;
  const AuthConfig& a = *b.auth;
  json headers = json::array(), cookies = json::array(), variables = json::object();
  for (const auto& [name, value] : a.headers) headers.push_back({name, value});
  for (const auto& [name, value] : a.cookies) cookies.push_back({name, value});
  for (const auto& [name, text] : a.variables) variables[name] = text;
  return {{"name", a.name}, {"token_env", a.token_env}, {"headers", headers}, {"cookies", cookies},
          {"variables", variables}};
}

// What the project says of a bundle that its description does not: the playground loads the
// description with the bundle's title, description and servers (every level), and, where the
// project says how its server reads credentials, without the description's security schemes,
// so Swagger UI offers no Authorize field the server does not read (the token box above it
// sends the project's credential).
struct Overrides {
  bool strip_security = false, retitled = false, servers_changed = false;
  bool downgraded = false;  // 3.2 that Swagger UI needs said otherwise (render/playground_oas32.h)
  bool any() const { return strip_security || retitled || servers_changed || downgraded; }
};

Overrides overrides_of(const SiteBundle& b) {
  const ApiModel& m = *b.model;
  Overrides o;
  o.strip_security = b.project_auth() && b.auth->sends();
  const Node* info = b.document->find("info");
  o.retitled = info && (m.title != info->string_at("title") || m.description != info->string_at("description"));
  const Node* declared = b.document->find("servers");
  size_t n = declared && declared->is_array() ? declared->items.size() : 0;
  o.servers_changed = n != m.servers.size() && !(n == 0 && m.servers.size() == 1 && m.servers[0].url == "/");
  for (size_t i = 0; i < n && !o.servers_changed; ++i) o.servers_changed = declared->items[i].string_at("url") != m.servers[i].url;
  o.downgraded = playground_needs_downgrade(*b.document);
  return o;
}

// `out`: the bundle's description, or a slice of it (render/playground_slice.h).
void apply_overrides(const SiteBundle& b, const Overrides& o, Node& out) {
  const ApiModel& m = *b.model;
  if (o.downgraded) playground_downgrade(out);
  if (o.retitled) {
    Node* i = out.find("info");
    i->set("title", Node::string(m.title));
    if (!m.description.empty()) i->set("description", Node::string(m.description));
  }
  if (o.servers_changed) {
    Node list = Node::array();
    for (const Server& s : m.servers) {
      Node server = Node::object();
      server.set("url", Node::string(s.url));
      if (!s.description.empty()) server.set("description", Node::string(s.description));
      list.items.push_back(std::move(server));
    }
    out.set("servers", std::move(list));
  }
  if (o.strip_security) out.erase("security");
  if (o.strip_security)
    if (Node* components = out.find("components")) components->erase("securitySchemes");
  if (Node* paths = out.find("paths")) {
    for (Member& item : paths->members) {
      if (o.servers_changed) item.value.erase("servers");
      for (Member& op : item.value.members) {
        if (!op.value.is_object()) continue;
        if (o.servers_changed) op.value.erase("servers");
        if (o.strip_security) op.value.erase("security");
      }
    }
  }
}

bool playground_spec(const SiteBundle& b, Node& out) {
  Overrides o = overrides_of(b);
  if (!o.any()) return false;
  out = *b.document;
  apply_overrides(b, o, out);
  PatternSamples samples;
  add_request_examples(out, &samples);
  return true;
}

// The tags a sliced bundle's playground opens on: those Swagger UI lists an operation under
// (webhooks it cannot send), each with its file, relative to playground/.
std::vector<std::pair<const Tag*, std::string>> slices_of(const SiteBundle& b) {
  std::vector<std::pair<const Tag*, std::string>> out;
  if (!playground_sliced(*b.document)) return out;
  for (const Tag& t : b.model->tags)
    for (size_t i : t.operations)
      if (!b.model->operations[i].is_webhook) {
        out.emplace_back(&t, "tags/" + b.name + "/" + t.slug + ".json");
        break;
      }
  return out;
}

}  // namespace

std::vector<SiteFile> playground_config_files(const std::vector<SiteBundle>& bundles, const SiteOptions& options) {
  std::vector<SiteFile> files;
  json urls = json::array();
  json auth = json::object();
  json slices = json::object();
  for (const SiteBundle& b : bundles) {
    Node spec;
    std::string url = "../" + b.name + "/openapi.json";
    if (playground_spec(b, spec)) {
      url = b.name + ".openapi.json";
      files.push_back({"playground/" + url, to_json(spec, false)});
    }
    urls.push_back({{"url", url}, {"name", b.name}});
    auth[b.name] = playground_auth(b);
    json tags = json::object();
    for (const auto& [tag, file] : slices_of(b)) tags[tag->name] = file;
    if (!tags.empty()) slices[b.name] = std::move(tags);
  }
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
  // 3.2's other methods: Swagger UI offers "Try it out" for the methods listed here, compared
  // as the description writes them ("PURGE"); its default list ends at "query".
  std::vector<std::string> submit = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"};
  const size_t default_methods = submit.size();
  for (const SiteBundle& b : bundles)
    for (std::string& method : additional_methods(*b.document))
      if (std::find(submit.begin(), submit.end(), method) == submit.end()) submit.push_back(std::move(method));
  if (submit.size() > default_methods) config["supportedSubmitMethods"] = submit;
  // `auth`: per bundle (by name), the project's credential as its server reads it, or null.
  json settings = {{"auth", auth}, {"persistAuthorization", options.persist_authorization}, {"proxy", nullptr}};
  // `slices`: per sliced bundle, by tag name, the description the playground opens a deep link
  // to one of the tag's operations on (absent when no bundle is sliced).
  if (!slices.empty()) settings["slices"] = std::move(slices);
  files.push_back({"playground/swagger-config.json", config.dump(2) + "\n"});
  files.push_back({"playground/apiref-playground.json", settings.dump(2) + "\n"});
  return files;
}

std::vector<std::function<SiteFile()>> playground_slice_jobs(const std::vector<SiteBundle>& bundles) {
  std::vector<std::function<SiteFile()>> jobs;
  for (const SiteBundle& b : bundles)
    for (const auto& [tag, file] : slices_of(b))
      jobs.push_back([&b, tag = tag, path = "playground/" + file] {
        Node slice = slice_description(*b.document, tag->name);
        apply_overrides(b, overrides_of(b), slice);
        PatternSamples samples;
        add_request_examples(slice, &samples);
        return SiteFile{path, to_json(slice, false)};
      });
  return jobs;
}

std::string playground_href(const std::string& bundle, const Operation& o) {
  // Swagger UI has no page for webhooks (3.2's QUERY and additionalOperations it lists).
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
    if (!text::read_file((dist / name).string(), content)) {
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
    if (!text::read_file((own / name).string(), content)) {
      error = "cannot read the playground file " + (own / name).string() + " (APIREF_DATA_DIR is " + data_dir + ")";
      return false;
    }
    files.push_back({std::string("playground/") + name, std::move(content)});
  }
  for (SiteFile& f : files) out.push_back(std::move(f));
  return true;
}

}  // namespace apiref
