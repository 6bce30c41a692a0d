// The project file, apiref.yaml: which bundles to build from which base documents and
// constructs. Later stages (auth, branding) add their sections here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "tree/node.h"

namespace apiref {

// A server a bundle is published at, as apiref.yaml gives it (bundles[].servers).
struct ServerConfig {
  std::string url;
  std::string description;
};

// The operation the overview offers as the first call to make (bundles[].first_call,
// site.first_call): its operationId, and where apiref.yaml names it, for the error when the
// bundle has no operation of that id.
struct FirstCallConfig {
  std::string operation_id;  // "" = none named: the overview picks one (render/overview.h)
  Location where;
};

// Branding and publishing settings for `apiref build` (the `site:` section).
struct SiteConfig {
  std::string title;
  std::string base_url;
  std::string logo;
  std::string favicon;  // absolute path of the project's page icon (.svg, .png, .ico); "" = apiref's
  std::string primary_color;
  std::string description_link_base;  // where relative links in descriptions point
  std::vector<std::pair<std::string, std::string>> footer_links;  // label, URL
  std::vector<std::string> snippet_languages;  // empty: all of them
  FirstCallConfig first_call;  // for every bundle that names none of its own
  bool persist_authorization = false;  // site.playground.persist_authorization: keep playground auth across reloads
  size_t llms_full_max_bytes = 2000000;  // llms-full.txt's limit, over which it is split (render/llms_txt.h)
  // Inside a Hugo or Jekyll site (build --format hugo|jekyll: host/host.h).
  std::string section;      // the reference's folder and URL below the host's ("" = api)
  std::string content_dir;  // Hugo's content folder ("" = content)
  std::string layout;       // front matter `layout` of every page
  std::string type;         // Hugo front matter `type` of every page
  std::vector<std::string> aliases;  // URL patterns operation pages also answer at
  std::vector<std::pair<std::string, std::string>> front_matter;  // key, value as JSON
};

// How the project's server really takes credentials (the `auth:` section). The description
// may say "bearer" while the server reads a cookie (Meshery Server); what is here wins in
// snippets, the playground and the authentication guide.
struct AuthConfig {
  bool configured = false;
  std::string name;            // what readers call the credential: "Meshery token"
  std::string token_env;       // variable snippets read it from: MESHERY_TOKEN
  std::vector<std::pair<std::string, std::string>> headers;  // name, template with ${token}
  std::vector<std::pair<std::string, std::string>> cookies;  // name, template with ${token}
  bool required_by_default = false;  // operations whose description is silent need it
  std::vector<std::string> obtain_steps;  // Markdown, one per step
  std::string obtain_command;  // e.g. mesheryctl system login
  std::string obtain_url;      // a page where a token is issued
  std::string no_auth_mode;    // Markdown: when the server runs without authentication
  // What the authentication guide says, each only where the project gives it (Markdown).
  std::string server;          // what sentences call the server: "Meshery Server" ("" = "the server")
  std::vector<std::pair<std::string, std::string>> variables;  // other ${VAR}s: name, what it is
  std::string cli_stored_in;   // obtain.stored_in: where the CLI keeps the token (~/.meshery/auth.json)
  std::string cli_export;      // obtain.export: a shell line that puts it into token_env
  std::string providers;       // what providers are and which one to pick
  std::string organization;    // the organisation ID remote providers need
  std::string unauthorized;    // responses.unauthorized: what a 401 means here
  std::string forbidden;       // responses.forbidden: what a 403 means here
  std::string redirect;        // responses.redirect: what a redirect (302 to a login page) means here
  std::string revoke;          // how to rotate and revoke a token
  std::vector<std::pair<std::string, std::string>> troubleshooting;  // problem, fix

  bool sends() const { return !headers.empty() || !cookies.empty(); }
};

struct BundleSpec {
  std::string name;      // output name, e.g. "meshery" -> meshery.openapi.yaml
  std::string base;      // absolute path of the base document
  std::string audience;  // operations whose x-internal lists this value
  // Rebranding: what replaces the description's info.title, info.description and servers
  // (every level) on every page, snippet and in the playground. Empty: the description's.
  std::string title;
  std::string description;
  std::vector<ServerConfig> servers;
  AuthConfig auth;  // bundles[].auth; not configured: the project's (effective_auth)
  FirstCallConfig first_call;  // bundles[].first_call; none: site.first_call
};

// One rule's severity as apiref.yaml sets it: -1 off, else a FindingSeverity value
// (0 hint, 1 info, 2 warning, 3 error).
using RuleSeverities = std::vector<std::pair<std::string, int>>;

// Severities that apply only to some files (glob, '**' crosses folders) and/or some JSON
// pointer prefixes; an empty list matches everything.
struct CheckOverride {
  std::vector<std::string> files;
  std::vector<std::string> pointers;
  RuleSeverities rules;
};

// A declarative extension policy: "every <where> has <name>, with values from <values>".
struct ExtensionPolicy {
  std::string where;  // operation | path | schema | parameter | tag | root
  std::string name;   // x-internal
  bool required = true;
  std::vector<std::string> values;  // allowed values (string, or each item of a list); empty: any
  int severity = 3;
  std::string rule;   // rule id findings carry: "extension-policy" unless set
};

// One profile of the `check:` section: rules, overrides, extension policies and naming
// conventions (what: operationId | schema | parameter | property -> camelCase | PascalCase |
// snake_case | kebab-case).
struct CheckProfileConfig {
  std::string name;
  std::string extends;  // spec | recommended | strict | another profile ("" = recommended)
  RuleSeverities rules;
  std::vector<CheckOverride> overrides;
  std::vector<ExtensionPolicy> extensions;
  std::vector<std::pair<std::string, std::string>> naming;
};

// The `check:` section. Its top-level rules/overrides/extensions/naming apply to every
// profile; `profiles:` adds named ones (selected by `profile:` or `--profile`).
struct CheckConfig {
  bool configured = false;
  std::string profile;  // default profile name
  CheckProfileConfig common;
  std::vector<CheckProfileConfig> profiles;
};

// `apiref serve` settings (the `serve:` section).
struct ServeConfig {
  std::vector<std::string> proxy_allow;  // URL prefixes --proxy may forward to, beyond the servers
};

struct ProjectConfig {
  std::string file;            // absolute path of apiref.yaml (for a zero-config project: where it would be)
  bool zero_config = false;    // no apiref.yaml: the bundles come from the folder's layout
  std::string dir;             // the project root: apiref.yaml's folder, or its `root:`
  std::string title;
  std::string constructs_dir;  // absolute; constructs are <constructs_dir>/<version>/<name>/api.yml
  std::vector<std::string> exclude;  // absolute construct folders to skip
  std::vector<BundleSpec> bundles;
  // A project around one description (apiref.yaml's `description:`, or the only
  // openapi.{yaml,yml,json} beside it): absolute path; bundles is then empty.
  std::string description;
  bool build_strict = false;   // build.strict: builds refuse input with errors, as --strict
  // changes.since: the git revision builds show the changes since (a "What changed" page per
  // bundle), as --changes-since, which overrides it; "" = none.
  std::string changes_since;
  SiteConfig site;
  AuthConfig auth;
  CheckConfig check;
  ServeConfig serve;
};

// The auth that applies to a bundle: its own `auth:`, else the project's.
const AuthConfig& effective_auth(const ProjectConfig& config, const BundleSpec& bundle);
// The bundle spec named `name`, or nullptr (a single description has none).
const BundleSpec* find_bundle_spec(const ProjectConfig& config, const std::string& name);

// Reads a `check:` section (also usable on its own, e.g. from a file holding only `check:`).
void read_check_config(const Node& check, CheckConfig& c, const std::string& file, Diagnostics& out);

// Every construct of the project: <constructs_dir>/<version>/<name>/ folders holding an api.yml,
// as normalised absolute folder paths, sorted by version then name. Exclusion is the caller's.
std::vector<std::string> construct_folders(const ProjectConfig& config);

// Reads and checks apiref.yaml. Returns false (with errors) when it cannot be used.
// Without `bundles:`, the bundles come from the project's layout (below); without those, the
// project is the one description its `description:` names or that lies beside it.
// A path to an apiref.yaml that does not exist, in a folder laid out like Meshery's schemas,
// is a zero-config project.
bool load_project_config(const std::string& path, ProjectConfig& config, Diagnostics& out);

// Whether `dir` is laid out like Meshery's schemas: base_<audience>.yml files (each a bundle
// named after its audience) beside a constructs/ folder, or at least the base files.
bool is_layout_project(const std::string& dir);
// One bundle per base_<audience>.yml (or .yaml) in `dir`, sorted by name.
std::vector<BundleSpec> layout_bundles(const std::string& dir);

}  // namespace apiref
