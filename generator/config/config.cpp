#include "config/config.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "load/load.h"
#include "resolve/resolve.h"
#include "text/case.h"
#include "tree/json_pointer.h"
#include "tree/write.h"

namespace apiref {

namespace fs = std::filesystem;

// Markdown text at `key`, or a config error when it is there but not text.
static std::string text_at(const Node& n, const char* key, const std::string& file, const std::string& pointer,
                           Diagnostics& out) {
  const Node* v = n.find(key);
  if (!v) return "";
  if (!v->is_string()) {
    out.push_back({Severity::Error, "config-invalid", std::string("'") + key + "' must be text", {file, pointer + "/" + key, v->pos}, {}});
    return "";
  }
  return v->text;
}

// `first_call: <operationId>` of the site or a bundle (`pointer` is its parent's).
static FirstCallConfig first_call_at(const Node& n, const std::string& file, const std::string& pointer, Diagnostics& out) {
  const Node* v = n.find("first_call");
  if (!v) return {};
  if (!v->is_string() || v->text.empty()) {
    out.push_back({Severity::Error, "config-invalid", "'first_call' must be the operationId of an operation",
                   {file, pointer + "/first_call", v->pos}, {}});
    return {};
  }
  return {v->text, {file, pointer + "/first_call", v->pos}};
}

static void warn_unknown(const Node& n, const std::set<std::string>& known, const std::string& what,
                         const std::string& file, const std::string& pointer, Diagnostics& out) {
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  for (const Member& m : n.members) {
    if (!known.count(m.key))
      out.push_back({Severity::Warning, "config-unknown-key", "unknown key '" + m.key + "' under " + what + " (known: " + list + ")",
                     {file, append_pointer(pointer, m.key), m.key_pos}, {}});
  }
}

static bool is_variable_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// `auth:` at the project's root or in a bundle (`where` is its JSON pointer).
static void read_auth(const Node& auth, AuthConfig& a, const std::string& file, const std::string& where, Diagnostics& out) {
  auto error = [&](const std::string& pointer, SourcePos pos, const std::string& msg) {
    out.push_back({Severity::Error, "config-invalid", msg, {file, where + pointer, pos}, {}});
  };
  if (!auth.is_object()) return error("", auth.pos, "'auth' must be a mapping");
  static const std::set<std::string> known = {"name", "server", "token_env", "send", "variables", "default", "obtain",
                                              "no_auth_mode", "providers", "organization", "responses", "revoke",
                                              "troubleshooting"};
  warn_unknown(auth, known, "auth", file, where, out);
  a.configured = true;
  a.name = std::string(auth.string_at("name"));
  if (a.name.empty()) a.name = "API token";
  a.server = text_at(auth, "server", file, where, out);
  a.token_env = std::string(auth.string_at("token_env"));
  if (!a.token_env.empty() && !is_variable_name(a.token_env)) {
    error("/token_env", auth.find("token_env")->pos, "'token_env' must be an environment variable name (letters, digits, _)");
    a.token_env.clear();
  }
  if (a.token_env.empty()) a.token_env = "API_TOKEN";
  if (const Node* send = auth.find("send")) {
    for (const char* kind : {"headers", "cookies"}) {
      const Node* list = send->find(kind);
      if (!list) continue;
      if (!list->is_object()) {
        error(std::string("/send/") + kind, list->pos, std::string("'") + kind + "' must map names to values");
        continue;
      }
      for (const Member& m : list->members) {
        std::string value = m.value.is_string() ? m.value.text : m.value.kind == NodeKind::Number ? m.value.text : "";
        (std::string(kind) == "headers" ? a.headers : a.cookies).push_back({m.key, value});
      }
    }
  }
  if (const Node* vars = auth.find("variables")) {
    if (!vars->is_object()) error("/variables", vars->pos, "'variables' must map variable names to what they hold");
    else
      for (const Member& m : vars->members) {
        if (!is_variable_name(m.key) || !m.value.is_string())
          error(append_pointer("/variables", m.key), m.key_pos, "a variable is NAME: text saying what it holds");
        else
          a.variables.push_back({m.key, m.value.text});
      }
  }
  std::string_view def = auth.string_at("default");
  if (def == "required") a.required_by_default = true;
  else if (!def.empty() && def != "none")
    error("/default", auth.find("default")->pos, "'default' is 'required' (operations the description leaves silent need the token) or 'none'");
  if (const Node* obtain = auth.find("obtain")) {
    if (!obtain->is_object()) {
      error("/obtain", obtain->pos, "'obtain' must be a mapping (steps, url, command, stored_in, export)");
    } else {
      warn_unknown(*obtain, {"steps", "url", "command", "stored_in", "export"}, "auth.obtain", file, where + "/obtain", out);
      if (const Node* steps = obtain->find("steps"))
        for (const Node& st : steps->items) a.obtain_steps.push_back(st.text);
      a.obtain_command = text_at(*obtain, "command", file, where + "/obtain", out);
      a.obtain_url = text_at(*obtain, "url", file, where + "/obtain", out);
      a.cli_stored_in = text_at(*obtain, "stored_in", file, where + "/obtain", out);
      a.cli_export = text_at(*obtain, "export", file, where + "/obtain", out);
    }
  }
  a.no_auth_mode = text_at(auth, "no_auth_mode", file, where, out);
  a.providers = text_at(auth, "providers", file, where, out);
  a.organization = text_at(auth, "organization", file, where, out);
  a.revoke = text_at(auth, "revoke", file, where, out);
  if (const Node* r = auth.find("responses")) {
    if (!r->is_object()) {
      error("/responses", r->pos, "'responses' must be a mapping (unauthorized, forbidden, redirect)");
    } else {
      warn_unknown(*r, {"unauthorized", "forbidden", "redirect"}, "auth.responses", file, where + "/responses", out);
      a.unauthorized = text_at(*r, "unauthorized", file, where + "/responses", out);
      a.forbidden = text_at(*r, "forbidden", file, where + "/responses", out);
      a.redirect = text_at(*r, "redirect", file, where + "/responses", out);
    }
  }
  if (const Node* t = auth.find("troubleshooting")) {
    for (size_t i = 0; i < t->items.size(); ++i) {
      const Node& it = t->items[i];
      std::string problem(it.string_at("problem")), fix(it.string_at("fix"));
      if (problem.empty() || fix.empty())
        error("/troubleshooting/" + std::to_string(i), it.pos, "a troubleshooting entry needs 'problem' and 'fix' text");
      else
        a.troubleshooting.push_back({problem, fix});
    }
    if (!t->is_array()) error("/troubleshooting", t->pos, "'troubleshooting' must be a list of {problem, fix}");
  }
}

const AuthConfig& effective_auth(const ProjectConfig& config, const BundleSpec& bundle) {
  return bundle.auth.configured ? bundle.auth : config.auth;
}

const BundleSpec* find_bundle_spec(const ProjectConfig& config, const std::string& name) {
  for (const BundleSpec& b : config.bundles)
    if (b.name == name) return &b;
  return nullptr;
}

// ---- check: -------------------------------------------------------------------------------

static int parse_rule_severity(const Node& v) {
  if (v.kind == NodeKind::Bool) return v.boolean ? 3 : -1;  // `rule: false` reads as off
  if (!v.is_string()) return -2;
  const std::string& s = v.text;
  if (s == "off") return -1;
  if (s == "hint") return 0;
  if (s == "info") return 1;
  if (s == "warning" || s == "warn") return 2;
  if (s == "error") return 3;
  return -2;
}

static void read_rule_map(const Node& rules, RuleSeverities& into, const std::string& file,
                          const std::string& pointer, Diagnostics& out) {
  if (!rules.is_object()) {
    out.push_back({Severity::Error, "config-invalid", "'rules' must map rule ids to off|hint|info|warning|error",
                   {file, pointer, rules.pos}, {}});
    return;
  }
  for (const Member& m : rules.members) {
    int sev = parse_rule_severity(m.value);
    if (sev == -2) {
      out.push_back({Severity::Error, "config-invalid",
                     "severity of rule '" + m.key + "' must be off, hint, info, warning or error",
                     {file, append_pointer(pointer, m.key), m.value.pos}, {}});
      continue;
    }
    into.push_back({m.key, sev});
  }
}

static std::vector<std::string> string_list(const Node* n, const std::string& file,
                                            const std::string& pointer, Diagnostics& out) {
  std::vector<std::string> v;
  if (!n) return v;
  if (n->is_string()) return {n->text};
  if (!n->is_array()) {
    out.push_back({Severity::Error, "config-invalid", "expected a string or a list of strings", {file, pointer, n->pos}, {}});
    return v;
  }
  for (size_t i = 0; i < n->items.size(); ++i) {
    const Node& it = n->items[i];
    if (it.is_string() || it.kind == NodeKind::Number || it.kind == NodeKind::Bool)
      v.push_back(it.kind == NodeKind::Bool ? (it.boolean ? "true" : "false") : it.text);
    else
      out.push_back({Severity::Error, "config-invalid", "expected a string", {file, pointer + "/" + std::to_string(i), it.pos}, {}});
  }
  return v;
}

static void read_check_profile(const Node& p, CheckProfileConfig& c, const std::string& file,
                               const std::string& pointer, Diagnostics& out, bool top) {
  if (!p.is_object()) {
    out.push_back({Severity::Error, "config-invalid", "a check profile must be a mapping", {file, pointer, p.pos}, {}});
    return;
  }
  static const std::set<std::string> known = {"extends", "rules", "overrides", "extensions", "naming"};
  static const std::set<std::string> known_top = {"profile", "profiles", "rules", "overrides", "extensions", "naming"};
  for (const Member& m : p.members) {
    if (!(top ? known_top : known).count(m.key))
      out.push_back({Severity::Warning, "config-unknown-key",
                     "unknown key '" + m.key + "' in check settings (known: " +
                         std::string(top ? "profile, profiles, " : "extends, ") + "rules, overrides, extensions, naming)",
                     {file, append_pointer(pointer, m.key), m.key_pos}, {}});
  }
  if (!top) c.extends = std::string(p.string_at("extends"));
  if (const Node* r = p.find("rules")) read_rule_map(*r, c.rules, file, pointer + "/rules", out);
  if (const Node* o = p.find("overrides")) {
    for (size_t i = 0; i < o->items.size(); ++i) {
      const Node& it = o->items[i];
      std::string ip = pointer + "/overrides/" + std::to_string(i);
      CheckOverride ov;
      ov.files = string_list(it.find("files"), file, ip + "/files", out);
      ov.pointers = string_list(it.find("pointers"), file, ip + "/pointers", out);
      if (const Node* r = it.find("rules")) read_rule_map(*r, ov.rules, file, ip + "/rules", out);
      else out.push_back({Severity::Error, "config-invalid", "an override needs 'rules'", {file, ip, it.pos}, {}});
      c.overrides.push_back(std::move(ov));
    }
  }
  if (const Node* e = p.find("extensions")) {
    for (size_t i = 0; i < e->items.size(); ++i) {
      const Node& it = e->items[i];
      std::string ip = pointer + "/extensions/" + std::to_string(i);
      ExtensionPolicy pol;
      pol.where = std::string(it.string_at("where"));
      pol.name = std::string(it.string_at("name"));
      static const std::set<std::string> wheres = {"operation", "path", "schema", "parameter", "tag", "root"};
      if (!wheres.count(pol.where) || pol.name.empty()) {
        out.push_back({Severity::Error, "config-invalid",
                       "an extension policy needs 'where' (operation, path, schema, parameter, tag, root) and 'name'",
                       {file, ip, it.pos}, {}});
        continue;
      }
      if (const Node* r = it.find("required")) pol.required = r->kind == NodeKind::Bool && r->boolean;
      pol.values = string_list(it.find("values"), file, ip + "/values", out);
      if (const Node* s = it.find("severity")) {
        int sev = parse_rule_severity(*s);
        if (sev < -1) out.push_back({Severity::Error, "config-invalid", "bad severity", {file, ip + "/severity", s->pos}, {}});
        else pol.severity = sev;
      }
      pol.rule = std::string(it.string_at("rule"));
      if (pol.rule.empty()) pol.rule = "extension-policy";
      c.extensions.push_back(std::move(pol));
    }
  }
  if (const Node* n = p.find("naming")) {
    static const std::set<std::string> what = {"operationId", "schema", "parameter", "property"};
    static const std::set<std::string> styles = {"camelCase", "PascalCase", "snake_case", "kebab-case", "any"};
    for (const Member& m : n->members) {
      if (!what.count(m.key) || !m.value.is_string() || !styles.count(m.value.text)) {
        out.push_back({Severity::Error, "config-invalid",
                       "naming: '" + m.key + "' must be one of operationId, schema, parameter, property, with camelCase, PascalCase, snake_case, kebab-case or any",
                       {file, append_pointer(pointer + "/naming", m.key), m.key_pos}, {}});
        continue;
      }
      c.naming.push_back({m.key, m.value.text});
    }
  }
}

void read_check_config(const Node& check, CheckConfig& c, const std::string& file, Diagnostics& out) {
  c.configured = true;
  if (!check.is_object()) {
    out.push_back({Severity::Error, "config-invalid", "'check' must be a mapping", {file, "/check", check.pos}, {}});
    return;
  }
  c.profile = std::string(check.string_at("profile"));
  read_check_profile(check, c.common, file, "/check", out, true);
  if (const Node* ps = check.find("profiles")) {
    for (const Member& m : ps->members) {
      CheckProfileConfig p;
      p.name = m.key;
      read_check_profile(m.value, p, file, append_pointer("/check/profiles", m.key), out, false);
      c.profiles.push_back(std::move(p));
    }
  }
}

bool is_layout_project(const std::string& dir) { return !layout_bundles(dir).empty(); }

std::vector<BundleSpec> layout_bundles(const std::string& dir) {
  std::vector<BundleSpec> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    std::string ext = e.path().extension().string();
    if (name.rfind("base_", 0) != 0 || (ext != ".yml" && ext != ".yaml") || !e.is_regular_file(ec)) continue;
    std::string audience = e.path().stem().string().substr(5);
    bool plain = !audience.empty() && audience[0] != '.';
    for (char c : audience)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') plain = false;
    if (!plain) continue;
    BundleSpec spec;
    spec.name = spec.audience = audience;
    spec.base = normalise_path(e.path().generic_string());
    found.push_back(std::move(spec));
  }
  std::sort(found.begin(), found.end(), [](const BundleSpec& a, const BundleSpec& b) { return a.name < b.name; });
  // base_x.yml and base_x.yaml both: the first one names the bundle.
  found.erase(std::unique(found.begin(), found.end(), [](const BundleSpec& a, const BundleSpec& b) { return a.name == b.name; }),
              found.end());
  return found;
}

// The one description of a project that names none: openapi.yaml, .yml or .json beside apiref.yaml.
static std::string description_beside(const std::string& dir) {
  std::string found;
  std::error_code ec;
  for (const char* name : {"openapi.yaml", "openapi.yml", "openapi.json"}) {
    fs::path p = fs::path(dir) / name;
    if (fs::is_regular_file(p, ec)) {
      if (!found.empty()) return "";  // two of them: the project must say which
      found = normalise_path(p.generic_string());
    }
  }
  return found;
}

bool load_project_config(const std::string& path, ProjectConfig& config, Diagnostics& out) {
  config = ProjectConfig{};
  config.file = normalise_path(path);
  config.dir = fs::path(config.file).parent_path().generic_string();
  std::error_code exists_ec;
  if (!fs::exists(config.file, exists_ec) && is_layout_project(config.dir)) {
    // A folder laid out like Meshery's schemas needs no apiref.yaml: a bundle per base file.
    config.zero_config = true;
    config.constructs_dir = normalise_path(config.dir + "/constructs");
    config.bundles = layout_bundles(config.dir);
    return true;
  }
  size_t errors_before = out.size();
  Document doc = load_document(config.file, out);
  if (!doc.ok) return false;
  const std::string& file = doc.display;
  auto error = [&](const std::string& pointer, SourcePos pos, const std::string& msg) {
    out.push_back({Severity::Error, "config-invalid", msg, {file, pointer, pos}, {}});
  };
  const Node& root = doc.root;
  if (!root.is_object()) {
    error("", root.pos, "apiref.yaml must be a mapping");
    return false;
  }
  // `root` lets the project file live apart from the description it describes (Meshery's
  // tree is read-only to us); every other path is relative to it.
  if (const Node* r = root.find("root")) {
    if (!r->is_string()) error("/root", r->pos, "'root' must be a folder name");
    else config.dir = normalise_path((fs::path(config.dir) / r->text).generic_string());
    std::error_code ec;
    if (!fs::is_directory(config.dir, ec)) {
      error("/root", r->pos, "root folder " + display_path(config.dir) + " does not exist");
      return false;
    }
  }
  auto in_project = [&](const std::string& rel) {
    return normalise_path((fs::path(config.dir) / rel).generic_string());
  };
  static const std::set<std::string> known = {"title", "root", "constructs", "exclude", "bundles", "description",
                                              "build", "changes", "site", "auth", "check", "serve"};
  for (const Member& m : root.members) {
    if (!known.count(m.key)) {
      out.push_back({Severity::Warning, "config-unknown-key",
                     "unknown key '" + m.key + "' (known: title, root, constructs, exclude, bundles, description, build, "
                     "changes, site, auth, check, serve)",
                     {file, append_pointer("", m.key), m.key_pos}, {}});
    }
  }
  config.title = std::string(root.string_at("title"));
  config.site.title = config.title;
  if (const Node* site = root.find("site")) {
    if (!site->is_object()) {
      error("/site", site->pos, "'site' must be a mapping (title, base_url, logo, favicon, primary_color, footer_links)");
    } else {
      if (!site->string_at("title").empty()) config.site.title = std::string(site->string_at("title"));
      config.site.base_url = std::string(site->string_at("base_url"));
      config.site.logo = std::string(site->string_at("logo"));
      if (const Node* icon = site->find("favicon")) {
        // Copied into the site (build/): an image a browser shows as a page icon, that exists.
        std::string ext = icon->is_string() ? fs::path(icon->text).extension().string() : "";
        std::error_code ec;
        if (ext != ".svg" && ext != ".png" && ext != ".ico")
          error("/site/favicon", icon->pos, "'favicon' must be the path of an .svg, .png or .ico file");
        else if (config.site.favicon = in_project(icon->text); !fs::is_regular_file(config.site.favicon, ec))
          error("/site/favicon", icon->pos, "favicon " + icon->text + " does not exist");
      }
      config.site.description_link_base = std::string(site->string_at("description_link_base"));
      config.site.primary_color = std::string(site->string_at("primary_color"));
      config.site.first_call = first_call_at(*site, file, "/site", out);
      // A colour lands in a <style> element: only plain colour syntax is accepted.
      for (char c : config.site.primary_color) {
        if (!isalnum(static_cast<unsigned char>(c)) && c != '#' && c != '(' && c != ')' && c != ',' && c != '.' && c != ' ' && c != '%') {
          error("/site/primary_color", site->find("primary_color")->pos, "'primary_color' must be a CSS colour such as #0b5fff");
          config.site.primary_color.clear();
          break;
        }
      }
      if (const Node* langs = site->find("snippets")) {
        static const std::set<std::string> known_langs = {"curl", "httpie", "python", "javascript", "go"};
        for (size_t i = 0; i < langs->items.size(); ++i) {
          const Node& l = langs->items[i];
          if (!known_langs.count(l.text))
            error("/site/snippets/" + std::to_string(i), l.pos, "unknown snippet language '" + l.text + "' (curl, httpie, python, javascript, go)");
          else
            config.site.snippet_languages.push_back(l.text);
        }
      }
      if (const Node* playground = site->find("playground")) {
        const Node* persist = playground->is_object() ? playground->find("persist_authorization") : nullptr;
        if (!playground->is_object())
          error("/site/playground", playground->pos, "'playground' must be a mapping (persist_authorization)");
        else if (persist && persist->kind != NodeKind::Bool)
          error("/site/playground/persist_authorization", persist->pos, "'persist_authorization' must be true or false");
        else if (persist)
          config.site.persist_authorization = persist->boolean;
      }
      if (const Node* limit = site->find("llms_full_max_bytes")) {
        // A number of bytes, at least a kilobyte: below that every twin would be a file of its own.
        bool digits = limit->kind == NodeKind::Number && !limit->text.empty() && limit->text.size() <= 12 &&
                      limit->text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoull(limit->text) < 1000)
          error("/site/llms_full_max_bytes", limit->pos, "'llms_full_max_bytes' must be a whole number of bytes, at least 1000");
        else
          config.site.llms_full_max_bytes = static_cast<size_t>(std::stoull(limit->text));
      }
      for (const char* key : {"section", "content_dir", "layout", "type"}) {
        const Node* v = site->find(key);
        if (v && !v->is_string()) error(std::string("/site/") + key, v->pos, std::string("'") + key + "' must be a string");
      }
      config.site.section = std::string(site->string_at("section"));
      config.site.content_dir = std::string(site->string_at("content_dir"));
      config.site.layout = std::string(site->string_at("layout"));
      config.site.type = std::string(site->string_at("type"));
      if (const Node* aliases = site->find("aliases")) {
        if (!aliases->is_array()) error("/site/aliases", aliases->pos, "'aliases' must be a list of URL patterns");
        for (size_t i = 0; i < aliases->items.size(); ++i) {
          const Node& a = aliases->items[i];
          if (!a.is_string() || a.text.empty() || a.text[0] != '/')
            error("/site/aliases/" + std::to_string(i), a.pos, "an alias must be a URL path starting with '/'");
          else
            config.site.aliases.push_back(a.text);
        }
      }
      if (const Node* fm = site->find("front_matter")) {
        if (!fm->is_object()) error("/site/front_matter", fm->pos, "'front_matter' must be a mapping");
        for (const Member& m : fm->members) config.site.front_matter.push_back({m.key, to_json(m.value, false)});
      }
      if (const Node* links = site->find("footer_links")) {
        for (const Node& l : links->items)
          config.site.footer_links.push_back({std::string(l.string_at("label")), std::string(l.string_at("url"))});
      }
    }
  }
  const Node* constructs = root.find("constructs");
  if (constructs && !constructs->is_string()) error("/constructs", constructs->pos, "'constructs' must be a folder name");
  config.constructs_dir = in_project(constructs && constructs->is_string() ? constructs->text : "constructs");
  if (const Node* ex = root.find("exclude")) {
    if (!ex->is_array()) error("/exclude", ex->pos, "'exclude' must be a list of folders");
    for (size_t i = 0; i < ex->items.size(); ++i) {
      if (!ex->items[i].is_string()) error("/exclude/" + std::to_string(i), ex->items[i].pos, "expected a folder name");
      else config.exclude.push_back(in_project(ex->items[i].text));
    }
  }
  if (const Node* auth = root.find("auth")) read_auth(*auth, config.auth, file, "/auth", out);
  if (const Node* check = root.find("check")) read_check_config(*check, config.check, file, out);
  if (const Node* serve = root.find("serve")) {
    const Node* allow = serve->is_object() ? serve->find("proxy_allow") : nullptr;
    if (!serve->is_object()) error("/serve", serve->pos, "'serve' must be a mapping (proxy_allow)");
    else if (allow && !allow->is_array()) error("/serve/proxy_allow", allow->pos, "'proxy_allow' must be a list of URLs");
    else if (allow) {
      for (size_t i = 0; i < allow->items.size(); ++i) {
        const Node& u = allow->items[i];
        std::string lowered = text::ascii_lower(u.is_string() ? u.text : "");
        if (lowered.rfind("http://", 0) != 0 && lowered.rfind("https://", 0) != 0)
          error("/serve/proxy_allow/" + std::to_string(i), u.pos, "expected an absolute http:// or https:// URL");
        else
          config.serve.proxy_allow.push_back(u.text);
      }
    }
  }
  if (const Node* build = root.find("build")) {
    const Node* strict = build->is_object() ? build->find("strict") : nullptr;
    if (!build->is_object()) error("/build", build->pos, "'build' must be a mapping (strict)");
    else if (strict && strict->kind != NodeKind::Bool) error("/build/strict", strict->pos, "'strict' must be true or false");
    else if (strict) config.build_strict = strict->boolean;
  }
  if (const Node* changes = root.find("changes")) {
    // A git revision, as --changes-since takes it; a bare 1.2 reads as a number: its literal.
    const Node* since = changes->is_object() ? changes->find("since") : nullptr;
    if (!changes->is_object()) error("/changes", changes->pos, "'changes' must be a mapping (since)");
    else if (!since || (!since->is_string() && since->kind != NodeKind::Number) || since->text.empty())
      error(since ? "/changes/since" : "/changes", since ? since->pos : changes->pos,
            "'changes.since' must be a git revision (a tag, branch or commit)");
    else config.changes_since = since->text;
    if (changes->is_object()) warn_unknown(*changes, {"since"}, "changes", file, "/changes", out);
  }
  const Node* bundles = root.find("bundles");
  const Node* description = root.find("description");
  if (description) {
    std::error_code ec;
    if (!description->is_string()) {
      error("/description", description->pos, "'description' must be the path of an OpenAPI file");
    } else if (config.description = in_project(description->text); !fs::is_regular_file(config.description, ec)) {
      error("/description", description->pos, "description " + description->text + " does not exist");
      return false;
    }
    if (bundles) error("/description", description->pos, "give either 'description' (one file) or 'bundles', not both");
    return !has_errors(Diagnostics(out.begin() + static_cast<long>(errors_before), out.end()));
  }
  if (!bundles) {
    // No bundles listed: the project's layout (base_<audience>.yml files) says them, or the
    // project is the one description beside apiref.yaml.
    config.bundles = layout_bundles(config.dir);
    if (config.bundles.empty()) config.description = description_beside(config.dir);
    if (config.bundles.empty() && config.description.empty()) {
      error("/bundles", root.pos,
            "apiref.yaml names no description: give 'description: openapi.yaml' (one file), 'bundles:' (name, base, "
            "audience), or put base_<audience>.yml files beside it");
      return false;
    }
    return !has_errors(Diagnostics(out.begin() + static_cast<long>(errors_before), out.end()));
  }
  if (!bundles->is_array() || bundles->items.empty()) {
    error("/bundles", bundles->pos, "'bundles' must list at least one bundle (name, base, audience)");
    return false;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < bundles->items.size(); ++i) {
    const Node& b = bundles->items[i];
    std::string ptr = "/bundles/" + std::to_string(i);
    BundleSpec spec;
    spec.name = std::string(b.string_at("name"));
    spec.audience = std::string(b.string_at("audience"));
    std::string base(b.string_at("base"));
    if (spec.name.empty() || base.empty()) {
      error(ptr, b.pos, "a bundle needs 'name' and 'base' (and 'audience', to keep only the operations whose x-internal lists it)");
      continue;
    }
    if (spec.name.find_first_of("/\\") != std::string::npos || spec.name[0] == '.') {
      error(ptr + "/name", b.find("name")->pos, "bundle name '" + spec.name + "' must be a plain file name");
      continue;
    }
    if (!names.insert(spec.name).second) {
      error(ptr + "/name", b.find("name")->pos, "bundle name '" + spec.name + "' is used twice");
      continue;
    }
    spec.base = in_project(base);
    warn_unknown(b, {"name", "base", "audience", "title", "description", "servers", "auth", "first_call"}, "a bundle", file, ptr, out);
    spec.first_call = first_call_at(b, file, ptr, out);
    spec.title = text_at(b, "title", file, ptr, out);
    spec.description = text_at(b, "description", file, ptr, out);
    if (const Node* servers = b.find("servers")) {
      if (!servers->is_array()) error(ptr + "/servers", servers->pos, "'servers' must be a list of {url, description}");
      for (size_t k = 0; k < servers->items.size(); ++k) {
        const Node& sv = servers->items[k];
        ServerConfig server{sv.is_string() ? sv.text : std::string(sv.string_at("url")), std::string(sv.string_at("description"))};
        if (server.url.empty()) error(ptr + "/servers/" + std::to_string(k), sv.pos, "a server needs a 'url'");
        else spec.servers.push_back(std::move(server));
      }
    }
    if (const Node* auth = b.find("auth")) read_auth(*auth, spec.auth, file, ptr + "/auth", out);
    std::error_code ec;
    if (!fs::is_regular_file(spec.base, ec)) {
      error(ptr + "/base", b.find("base")->pos, "base document " + base + " does not exist");
      continue;
    }
    config.bundles.push_back(spec);
  }
  return !has_errors(Diagnostics(out.begin() + static_cast<long>(errors_before), out.end()));
}

std::vector<std::string> construct_folders(const ProjectConfig& config) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::error_code ec;
  std::vector<fs::path> versions;
  for (const auto& v : fs::directory_iterator(config.constructs_dir, ec))
    if (v.is_directory()) versions.push_back(v.path());
  std::sort(versions.begin(), versions.end());
  for (const fs::path& v : versions) {
    std::vector<fs::path> names;
    for (const auto& n : fs::directory_iterator(v, ec))
      if (n.is_directory() && fs::is_regular_file(n.path() / "api.yml")) names.push_back(n.path());
    std::sort(names.begin(), names.end());
    for (const fs::path& n : names) found.push_back(normalise_path(n.generic_string()));
  }
  return found;
}

}  // namespace apiref
