// Build stage: the pipeline as a value. From an input (an OpenAPI file, or a project: an
// apiref.yaml or a folder laid out like Meshery's schemas) to its bundles, their models and
// the site's files, with the spec gate's findings beside them. It prints nothing and exits
// nothing: `build`, `serve`, `snippets` and `check` call it and say what came of it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "bundle/project_plan.h"
#include "check/check.h"
#include "config/config.h"
#include "diag/diagnostic.h"
#include "diff/diff.h"
#include "host/host.h"
#include "model/model.h"
#include "render/site.h"
#include "report/build_log.h"
#include "resolve/resolve.h"
#include "snippets/request.h"

namespace apiref {

// --- Inputs ------------------------------------------------------------------------------------

// The apiref.yaml a command should read for `input`, or "" when the input is a spec file.
std::string project_file_for(const std::string& input);

// Whether a project file can be used: it exists, or its folder is laid out like Meshery's
// schemas (a zero-config project).
bool project_exists(const std::string& project_file);

// What bundle, build, serve and snippets start from: the bundles of a project or of a file.
struct LoadedInput {
  // False when the input could not be read at all (no such file, a broken apiref.yaml, an
  // unknown --bundle): `failure` says why in one line, or, when it is empty, the configuration's
  // diagnostics in result.diagnostics do.
  bool usable = true;
  std::string failure;
  bool project = false;
  ProjectConfig config;
  ProjectPlan plan;  // a project's constructs and exclusions, made once for the bundler and the gate
  BundleResult result;
};

// Loads and bundles `input` (a file, an apiref.yaml, a project folder, "" for ./apiref.yaml);
// `only` names the bundles wanted (all when empty).
LoadedInput load_input(const std::string& input, const BundleOptions& options, const std::vector<std::string>& only);

// Whether a bundle lost part of its input: a file that does not parse, or a root that is not
// OpenAPI, would silently drop what it holds (a construct's operations).
bool input_lost(const Diagnostics& diagnostics);

// --- Models ------------------------------------------------------------------------------------

// The auth a bundle's server takes: the bundle's own `auth:`, else the project's.
const AuthConfig& auth_of(const ProjectConfig& config, const std::string& bundle);

// Snippet settings from a project's auth section (how its server takes the token).
SnippetOptions snippet_options(const AuthConfig& auth);

// The model options a bundle's auth and branding imply: the project's credential where the
// description is silent (`default: required`) and, where the project says how its server reads
// it (`send`), in place of the description's schemes; the bundle's title, description and
// servers in place of the description's. `bundle` is null for a single description.
ModelOptions model_options_for(const AuthConfig& auth, const BundleSpec* bundle);

// The model of one bundle of `config`, its server taking `auth`.
ApiModel build_bundle_model(const ProjectConfig& config, const BundleOutput& bundle, const AuthConfig& auth);

// The model of every bundle of `in`, in order, each as its server takes credentials (auth_of).
std::vector<ApiModel> build_models(const LoadedInput& in);

// --- The spec gate ------------------------------------------------------------------------------

// Where the check's project-relative paths are relative to: the project's folder, or the
// current one when the inputs are plain files.
std::string check_base_dir(const CheckOptions& options);

// The paths a user and a CI system see: relative to the current folder (where GitHub, GitLab
// and SARIF viewers expect them: the repository root), absolute outside it.
void rebase_paths(CheckResult& result, const std::string& base_dir);

// The spec profile's findings on what `apiref build` reads, at the project's severities
// (apiref.yaml's check: rules and overrides), paths as the user sees them. `documents`: files
// the build already parsed, checked as they are instead of read again; `plan`: the project's
// plan when the build made it (null: the check plans the project itself).
CheckResult spec_gate(const std::string& input, const std::string& root, bool allow_outside_root,
                      DocumentCache* documents, const ProjectPlan* plan = nullptr);

// --- The site ------------------------------------------------------------------------------------

struct BuildRequest {
  std::string input;              // as for load_input
  std::vector<std::string> only;  // --bundle
  std::string root;               // --root ("" = the input's folder)
  bool allow_outside_root = false;
  std::string templates;          // --templates ("" = the built-in ones)
  std::string snippet_languages;  // comma-separated, "none", or "" for the project's choice
  bool strict = false;            // refuse input with errors (also apiref.yaml's build.strict)
  bool spec_gate = true;          // run the spec check beside the build (serve does not)
  std::string data_dir;           // where the built-in templates/ and site/ folders are
  std::string output;             // the output folder, as messages name it
  // "html": a site of its own; "hugo", "jekyll": pages of the host site at `output`
  // (host/host.h), in `section` ("" = apiref.yaml's site.section, else api) and, for Hugo,
  // `content_dir` ("" = site.content_dir, else content).
  std::string format = "html";
  std::string section;
  std::string content_dir;
  // What changed since an earlier version, by bundle name (the new version's), and that
  // version as the user named it (build --changes-since): a "What changed" page per bundle
  // listed here, and badges. Null: none.
  const std::map<std::string, std::vector<Change>>* changes = nullptr;
  std::string changes_since;
};

// What one build keeps for the next (apiref serve): parsed files (a save parses only the files
// it changed) and the pages' keys. `apiref build` passes a document cache too: it is freed
// with the process, not one allocation at a time.
struct BuildCaches {
  DocumentCache* documents = nullptr;  // null: one for this build
  RenderMemo* memo = nullptr;          // null: every page rendered
};

// How far a build got.
enum class BuildStatus {
  Built,       // the site is made (findings may hold errors: they did not stop it)
  Unusable,    // the input, apiref.yaml, the templates or the options cannot be used (exit 2)
  Unreadable,  // a bundle could not be made, or lost a file: nothing built (exit 1)
  Refused,     // strict, and the input has errors: nothing built (exit 1)
};

struct BuildOutcome {
  BuildStatus status = BuildStatus::Built;
  // Why nothing was built, when the status says so: one or more lines, without the last "\n".
  // Empty when the diagnostics say it all (a broken apiref.yaml).
  std::string failure;
  Diagnostics diagnostics;              // the loader's, bundler's and model's, errors and warnings
  std::vector<BuildFinding> findings;   // diagnostics and the spec gate's findings, merged (Built, Refused)
  bool strict = false;                  // the request's, or apiref.yaml's build.strict
  std::vector<SiteFile> files;          // the site (empty when streamed to a sink)
  std::shared_ptr<const void> sources;  // what the files' producers read: keep it with them
  std::vector<std::string> asset_dirs;  // copied to assets/, later ones win file by file
  bool into_host = false;               // the files are a host site's (format hugo, jekyll)
  HostOptions host;                     // where in the host site, when into_host
  std::vector<std::string> inputs;      // every file the build read
  std::string config_file;              // apiref.yaml ("" for a single description)
  std::string constructs_dir;           // where new constructs may appear ("" for none)
  std::vector<std::string> proxy_allow; // apiref.yaml's serve.proxy_allow
  size_t operations = 0, schemas = 0;
};

struct BuildHooks {
  // Called when each phase ends, with its name (for --timings and serve's timings line).
  std::function<void(const char*)> phase = [](const char*) {};
  // With a sink, files go to it as they are made (BuildOutcome::files stays empty); see render_site.
  const FileSink* sink = nullptr;
  // Called with the models once they are made (serve: the servers its proxy may reach).
  std::function<void(const std::vector<const ApiModel*>&)> models = {};
};

// Builds the site: load and bundle, models, pages (and the spec gate on its own thread beside
// them). A build renders what it can read: only a bundle that could not be made at all, or
// that lost a file, stops it; with `strict`, so do errors.
BuildOutcome build_site(const BuildRequest& request, const BuildCaches& caches, const BuildHooks& hooks = {});

}  // namespace apiref
