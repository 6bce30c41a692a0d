// The apiref command line: parses arguments, runs the pipeline stages, reports, exits with
// the documented codes (0 ok, 1 input has errors, 2 usage/config/IO).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include <chrono>
#include <future>
#include <functional>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <sstream>

#include "bundle/bundle.h"
#include "check/check.h"
#include "report/report.h"
#include "model/model.h"
#include "resolve/oas_context.h"
#include "render/mustache.h"
#include "render/playground.h"
#include "render/site.h"
#include "report/build_log.h"
#include "serve/serve.h"
#include "snippets/snippets.h"
#include "write/output.h"
#include "config/config.h"
#include "tree/json_pointer.h"
#include "tree/write.h"

namespace fs = std::filesystem;
using namespace apiref;

namespace {

constexpr int kOk = 0;
constexpr int kInputErrors = 1;
constexpr int kUsage = 2;

void print_diagnostics(const Diagnostics& diags, bool quiet, std::ostream& log = std::cerr) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diags) {
    (d.severity == Severity::Error ? errors : warnings)++;
    if (quiet && d.severity != Severity::Error) continue;
    log << format_diagnostic(d) << "\n";
  }
  if (errors || warnings) {
    log << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning\n" : " warnings\n");
  }
}

// Writes through a temporary file in the same folder and renames it into place, so a reader
// (or a failed run) never sees half a file.
bool write_atomically(const std::string& path, const std::string& contents) {
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << contents;
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_data_file_name(const std::string& s) {
  return ends_with(s, ".yaml") || ends_with(s, ".yml") || ends_with(s, ".json");
}

// Whether a project file can be used: it exists, or its folder is laid out like Meshery's
// schemas (a zero-config project).
bool project_exists(const std::string& project_file) {
  std::error_code ec;
  if (fs::is_regular_file(project_file, ec)) return true;
  fs::path dir = fs::path(project_file).parent_path();
  return is_layout_project(dir.empty() ? "." : dir.string());
}

// The apiref.yaml a command should read, or "" when the input is a spec file.
std::string project_file_for(const std::string& input) {
  std::error_code ec;
  if (input.empty()) return "apiref.yaml";
  if (fs::is_directory(input, ec)) return (fs::path(input) / "apiref.yaml").string();
  std::string name = fs::path(input).filename().string();
  if (name == "apiref.yaml" || name == "apiref.yml") return input;
  return "";
}

size_t count_operations(const Node& doc) {
  size_t n = 0;
  if (const Node* paths = doc.find("paths"))
    for (const Member& p : paths->members)
      for (const Member& m : p.value.members)
        n += is_http_method(m.key);
  return n;
}

struct BundleArgs {
  std::string input;
  std::string output;
  std::string format;
  std::vector<std::string> only;
  std::string root;
  bool dereference = false;
  bool allow_outside_root = false;
  bool quiet = false;
};

// What bundle and build both start from: the bundles of a project or of a single file.
struct LoadedInput {
  int exit_code = kOk;  // kUsage when the input could not even be read
  bool project = false;
  ProjectConfig config;
  BundleResult result;
};

LoadedInput load_input(const std::string& input, const BundleOptions& options,
                       const std::vector<std::string>& only, std::ostream& log = std::cerr) {
  LoadedInput in;
  std::string project_file = project_file_for(input);
  std::error_code ec;
  in.project = !project_file.empty();
  if (in.project) {
    if (!project_exists(project_file)) {
      log << "apiref: " << (input.empty() ? "no input given, and no apiref.yaml or base_<audience>.yml files here"
                                          : "no such project file: " + project_file +
                                                " (nor base_<audience>.yml files beside it)")
          << "\n";
      in.exit_code = kUsage;
      return in;
    }
    Diagnostics config_diags;
    if (!load_project_config(project_file, in.config, config_diags)) {
      print_diagnostics(config_diags, false, log);
      in.result.diagnostics = config_diags;
      in.exit_code = kUsage;
      return in;
    }
    for (const std::string& name : only) {
      bool known = false;
      for (const BundleSpec& b : in.config.bundles) known = known || b.name == name;
      if (!known) {
        log << "apiref: " << display_path(in.config.file) << " declares no bundle '" << name << "'\n";
        in.exit_code = kUsage;
        return in;
      }
    }
    if (!in.config.description.empty()) {
      // A project around one description: the project gives auth and branding.
      BundleOptions one = options;
      if (one.root_dir.empty()) one.root_dir = in.config.dir;
      in.result = bundle_file(in.config.description, one);
      if (!in.result.bundles.empty()) in.result.bundles[0].name = slugify(fs::path(in.config.description).stem().string());
    } else {
      in.result = bundle_project(in.config, options, only);
    }
    in.result.diagnostics.insert(in.result.diagnostics.begin(), config_diags.begin(), config_diags.end());
  } else {
    if (!fs::is_regular_file(input, ec)) {
      log << "apiref: no such file: " << input << "\n";
      in.exit_code = kUsage;
      return in;
    }
    in.result = bundle_file(input, options);
    if (!in.result.bundles.empty()) in.result.bundles[0].name = slugify(fs::path(input).stem().string());
  }
  return in;
}

// Ends the process once its work is done, without running destructors: the parsed tree, the
// model and the render caches are hundreds of thousands of allocations, and freeing them one by
// one only to exit took ~10 ms of a 0.37 s build of GitHub's description, and 4% of checking
// it (the kernel takes the whole address space back at once). Sanitizer builds return
// normally instead, so that LeakSanitizer still checks these paths.
int exit_without_teardown(int code) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  _exit(code);
#endif
}

int run_bundle(const BundleArgs& a) {
  BundleOptions options;
  options.dereference = a.dereference;
  options.allow_outside_root = a.allow_outside_root;
  options.root_dir = a.root;
  LoadedInput in = load_input(a.input, options, a.only);
  if (in.exit_code != kOk) return in.exit_code;
  BundleResult& result = in.result;
  bool project = in.project;
  print_diagnostics(result.diagnostics, a.quiet);
  if (!result.ok()) {
    std::cerr << "apiref: not writing a bundle from input with errors\n";
    return kInputErrors;
  }

  std::string format = a.format;
  if (format.empty()) format = ends_with(a.output, ".json") ? "json" : "yaml";
  auto serialise = [&](const Node& doc) { return format == "json" ? to_json(doc) : to_yaml(doc); };

  bool single_output = !project || (result.bundles.size() == 1 && is_data_file_name(a.output));
  if (single_output) {
    if (result.bundles.size() != 1) return kInputErrors;
    const BundleOutput& b = result.bundles.front();
    std::string text = serialise(b.document);
    if (a.output.empty() || a.output == "-") {
      std::cout << text;
      std::cout.flush();
      return exit_without_teardown(std::cout ? kOk : kUsage);
    }
    if (!write_atomically(a.output, text)) {
      std::cerr << "apiref: cannot write " << a.output << "\n";
      return kUsage;
    }
    std::cerr << "wrote " << a.output << " (" << count_operations(b.document) << " operations)\n";
    return exit_without_teardown(kOk);
  }
  if (is_data_file_name(a.output)) {
    std::cerr << "apiref: the project has " << result.bundles.size()
              << " bundles; give -o a folder, or pick one with --bundle\n";
    return kUsage;
  }
  std::string dir = a.output.empty() ? "_bundles" : a.output;
  for (const BundleOutput& b : result.bundles) {
    std::string path = (fs::path(dir) / (b.name + ".openapi." + format)).string();
    if (!write_atomically(path, serialise(b.document))) {
      std::cerr << "apiref: cannot write " << path << "\n";
      return kUsage;
    }
    std::cerr << "wrote " << path << " (audience " << b.audience << ", "
              << count_operations(b.document) << " operations)\n";
  }
  return exit_without_teardown(kOk);
}

// Snippet settings from the project's auth section (how its server takes the token).
SnippetOptions snippet_options(const AuthConfig& auth) {
  SnippetOptions o;
  if (!auth.configured) return o;
  o.token_env = auth.token_env;
  o.use_override = !auth.headers.empty() || !auth.cookies.empty();
  for (const auto& [name, value] : auth.headers) o.override_auth.headers.push_back({name, literal(value)});
  for (const auto& [name, value] : auth.cookies) o.override_auth.cookies.push_back({name, literal(value)});
  return o;
}

// The model options a bundle's auth and branding imply: the project's credential where the
// description is silent (`default: required`) and, where the project says how its server reads
// it (`send`), in place of the description's schemes; the bundle's title, description and
// servers in place of the description's. `bundle` is null for a single description.
ModelOptions model_options_for(const AuthConfig& auth, const BundleSpec* bundle) {
  ModelOptions options;
  if (auth.configured && (auth.required_by_default || auth.sends())) {
    SecurityScheme project;
    project.name = kProjectScheme;
    project.type = "project";
    project.description = auth.name;
    options.extra_schemes.push_back(project);
    if (auth.required_by_default) options.default_security = {{SecurityRequirement{kProjectScheme, {}}}};
    if (auth.sends()) options.project_scheme = kProjectScheme;
  }
  if (bundle) {
    options.title = bundle->title;
    options.description = bundle->description;
    for (const ServerConfig& s : bundle->servers) options.servers.push_back(Server{s.url, s.url, s.description, {}});
  }
  return options;
}

struct BuildArgs {
  std::string input;
  std::string output = "_site";
  std::string templates;
  std::vector<std::string> only;
  std::string root;
  bool allow_outside_root = false;
  bool quiet = false;
  bool verbose = false;
  bool timings = false;
  bool strict = false;  // refuse input with errors (also apiref.yaml's build.strict)
  std::string snippet_languages;  // comma-separated, "none", or "" for the project's choice
};

// Where the built-in templates/ and site/ folders are: beside the source tree this binary
// was built from, unless APIREF_DATA_DIR says otherwise.
std::string data_dir() {
  if (const char* env = std::getenv("APIREF_DATA_DIR")) return env;
  return APIREF_DATA_DIR;
}

// The spec profile's findings on the build's input, at the project's severities, paths as the
// user sees them. `documents`: files the build already parsed, checked as they are instead of
// read again.
CheckResult spec_gate(const std::string& input, const std::string& root, bool allow_outside_root,
                      DocumentCache* documents = nullptr);

// What `build` and `serve` share: from the input to the site's files, in memory.
struct SiteResult {
  int exit_code = kOk;
  std::vector<SiteFile> files;
  std::vector<std::string> asset_dirs;  // copied to assets/, later ones win file by file
  std::vector<std::string> inputs;      // every file the build read
  std::string config_file;              // apiref.yaml ("" for a single description)
  std::string constructs_dir;           // where new constructs may appear ("" for none)
  std::vector<std::string> servers;     // every server URL the descriptions declare, expanded
  std::vector<std::string> proxy_allow; // apiref.yaml's serve.proxy_allow
  Diagnostics diagnostics;              // everything reported, errors and warnings
  std::string failure;                  // why nothing was built, when exit_code != kOk
  bool strict = false;                  // apiref.yaml's build.strict
  size_t operations = 0, schemas = 0;
};

// Phases are reported to `phase` (name, when the previous one ended) for --timings and serve.
// With `sink`, files go to it as they are made (r.files stays empty); see render_site.
// `root_parsed`: see BundleOptions (a single description only).
SiteResult build_site(const BuildArgs& a, std::ostream& log, DocumentCache* cache, RenderMemo* memo,
                      const std::function<void(const char*)>& phase, const FileSink* sink = nullptr,
                      std::function<void()> root_parsed = nullptr) {
  SiteResult r;
  auto fail = [&](int code, const std::string& message) {
    if (!message.empty()) log << message << "\n";
    r.exit_code = code;
    r.failure = message;
    return r;
  };
  BundleOptions options;
  options.allow_outside_root = a.allow_outside_root;
  options.root_dir = a.root;
  options.cache = cache;
  options.share_unchanged_root = true;  // the pages only read the tree
  options.root_parsed = std::move(root_parsed);
  LoadedInput in = load_input(a.input, options, a.only, log);
  r.inputs = in.result.files;
  r.config_file = in.project ? in.config.file : "";
  r.constructs_dir = in.project ? in.config.constructs_dir : "";
  r.proxy_allow = in.config.serve.proxy_allow;
  r.strict = in.config.build_strict;
  r.diagnostics = in.result.diagnostics;
  if (in.exit_code != kOk) return fail(in.exit_code, "");
  phase("load and bundle");
  // A build renders what it can read: only a bundle that could not be made at all (a root that
  // does not parse, a document that is not OpenAPI) stops it. Everything else is reported.
  size_t wanted = !in.project || !in.config.description.empty() ? 1 : a.only.empty() ? in.config.bundles.size() : a.only.size();
  // A file that does not parse, or a root that is not OpenAPI, would silently lose what it
  // holds (a construct's operations): that is refused, not rendered without it.
  static const char* unreadable[] = {"yaml-syntax", "json-syntax", "yaml-too-deep", "yaml-alias-limit", "file-unreadable",
                                     "not-openapi", "unsupported-version"};
  bool lost = std::any_of(in.result.diagnostics.begin(), in.result.diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error && std::any_of(std::begin(unreadable), std::end(unreadable),
                                                        [&](const char* code) { return d.code == code; });
  });
  if (in.result.bundles.size() < wanted || lost) {
    print_diagnostics(in.result.diagnostics, a.quiet, log);
    return fail(kInputErrors, "apiref: nothing to build from input that cannot be read; " + a.output + " is unchanged");
  }
  std::vector<const Node*> roots;
  for (const BundleOutput& b : in.result.bundles) roots.push_back(&b.root());

  std::vector<MustacheError> template_errors;
  TemplateSet templates;
  if (!templates.load(data_dir() + "/templates", a.templates, template_errors)) {
    std::string text;
    for (const MustacheError& e : template_errors) text += (text.empty() ? "" : "\n") + format_mustache_error(e);
    return fail(kUsage, text);
  }

  std::vector<ApiModel> models(in.result.bundles.size());
  Diagnostics model_diags;
  std::vector<SiteBundle> bundles;
  std::vector<const ApiModel*> model_list;
  for (size_t i = 0; i < in.result.bundles.size(); ++i) {
    const BundleSpec* spec = find_bundle_spec(in.config, in.result.bundles[i].name);
    const AuthConfig& auth = spec ? effective_auth(in.config, *spec) : in.config.auth;
    ModelOptions model_options = model_options_for(auth, spec);
    model_options.display_names = in.result.bundles[i].display_names;
    models[i] = build_model(*roots[i], model_options, in.result.bundles[i].name, model_diags);
    bundles.push_back({in.result.bundles[i].name, roots[i], &models[i], in.result.bundles[i].json_source,
                       in.result.bundles[i].json_source_stamp, &auth, snippet_options(auth)});
    model_list.push_back(&models[i]);
  }
  r.servers = declared_server_urls(model_list);

  SiteOptions site;
  site.title = in.config.site.title;
  site.base_url = in.config.site.base_url;
  site.logo = in.config.site.logo;
  site.primary_color = in.config.site.primary_color;
  site.footer_links = in.config.site.footer_links;
  site.description_link_base = in.config.site.description_link_base;
  site.persist_authorization = in.config.site.persist_authorization;
  if (!in.config.site.snippet_languages.empty()) site.snippet_languages = in.config.site.snippet_languages;
  if (!a.snippet_languages.empty()) {
    site.snippet_languages.clear();
    std::stringstream list(a.snippet_languages);
    for (std::string lang; std::getline(list, lang, ',');) {
      if (lang == "none" || lang.empty()) continue;
      const auto& all = all_snippet_languages();
      if (std::find(all.begin(), all.end(), lang) == all.end())
        return fail(kUsage, "apiref: unknown snippet language '" + lang + "' (curl, httpie, python, javascript, go, none)");
      site.snippet_languages.push_back(lang);
    }
  }
  // The playground is part of every site: without Swagger UI's files every "Try it" link
  // would be broken, so a build stops and says how to install them (before rendering).
  std::vector<SiteFile> playground;
  std::string playground_error;
  if (!load_playground_assets(data_dir(), playground, playground_error)) return fail(kUsage, "apiref: " + playground_error);
  phase("templates and model");
  r.files = render_site(bundles, templates, site, model_diags, memo, sink);
  for (SiteFile& f : playground) {
    if (!sink) r.files.push_back(std::move(f));
    else if (!(*sink)(std::move(f))) break;  // the writer keeps the error
  }
  phase("render");
  r.diagnostics.insert(r.diagnostics.end(), model_diags.begin(), model_diags.end());
  r.asset_dirs = {data_dir() + "/site"};
  if (!a.templates.empty()) r.asset_dirs.push_back((fs::path(a.templates) / "assets").string());
  for (const ApiModel& m : models) {
    r.operations += m.operations.size();
    r.schemas += m.schemas.size();
  }
  return r;
}

int run_build(const BuildArgs& a) {
  auto started = std::chrono::steady_clock::now();
  auto phase_start = started;
  auto phase = [&](const char* name) {
    auto now = std::chrono::steady_clock::now();
    if (a.timings)
      std::cerr << "  " << name << ": " << std::fixed << std::setprecision(3)
                << std::chrono::duration<double>(now - phase_start).count() << " s\n";
    phase_start = now;
  };
  // The spec profile's findings are reported with the loader's and bundler's, and stop only a
  // strict build. The check runs on its own thread beside the build:
  // - a project: it reads the files itself, beside the loader and bundler (single-threaded);
  // - a single file: it starts as soon as the file is parsed, on that parse (kept in `parsed`,
  //   which the bundle shares when it leaves the file unchanged), beside the bundling and the
  //   pages. Parsing GitHub's 13 MB again cost 0.17 s of CPU and 43 MB of memory, and
  //   waiting for the bundling left a core idle. Other files it reads itself.
  // `parsed` is declared before `gate_run`, whose destructor waits for the check: it outlives
  // it on every path out of this function.
  DocumentCache parsed;
  std::future<CheckResult> gate_run;
  auto start_gate = [&](DocumentCache* documents) {
    gate_run = std::async(std::launch::async, [&a, documents] {
      return spec_gate(a.input, a.root, a.allow_outside_root, documents);
    });
  };
  bool project = !project_file_for(a.input).empty();
  if (project) start_gate(nullptr);
  // Pages are written into a staging folder as they are rendered; the site replaces the
  // output folder only once everything succeeded (`staged` removes itself otherwise).
  StagedSite staged;
  std::string error;
  if (!begin_site(a.output, staged, error)) {
    if (gate_run.valid()) gate_run.wait();
    std::cerr << "apiref: " << error << "\n";
    return kUsage;
  }
  // One thread writes, the others render (see SiteWriter).
  SiteWriter writer(staged);
  FileSink sink = [&](SiteFile&& f) { return writer.add(std::move(f)); };
  SiteResult site = project ? build_site(a, std::cerr, nullptr, nullptr, phase, &sink)
                            : build_site(a, std::cerr, &parsed, nullptr, phase, &sink, [&] { start_gate(&parsed); });
  writer.finish();  // a failed write is in staged.failure, reported by commit_site
  if (site.exit_code != kOk) {
    if (gate_run.valid()) gate_run.wait();
    return site.exit_code;
  }
  if (!gate_run.valid()) start_gate(nullptr);  // the build stopped before the file was parsed
  CheckResult gate = gate_run.get();
  std::vector<BuildFinding> findings = merge_build_findings(site.diagnostics, gate);
  BuildLogOptions log_options;
  log_options.strict = a.strict || site.strict;
  log_options.quiet = a.quiet;
  log_options.verbose = a.verbose;
  write_build_log(std::cerr, findings, log_options);
  if (log_options.strict && count_build_errors(findings)) {
    std::cerr << "apiref: not building a site from input with errors (strict); " << a.output << " is unchanged\n";
    return kInputErrors;
  }
  phase("spec check");
  if (!commit_site(staged, site.asset_dirs, error)) {
    std::cerr << "apiref: " << error << "; " << a.output << " is unchanged\n";
    return kUsage;
  }
  phase("write");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "built " << a.output << ": " << writer.written() << " files, " << site.operations << " operations, "
            << site.schemas << " schemas in " << std::fixed << std::setprecision(2) << seconds << " s\n";
  return exit_without_teardown(kOk);
}

struct ServeArgs {
  BuildArgs build;
  std::string host = "127.0.0.1";
  int port = 8080;
  bool proxy = false;
  std::vector<std::string> open_allow;
};

#ifdef APIREF_SERVER
// The site in memory, served and rebuilt on every save. Parsed files are kept between
// builds, so a save parses only the files it changed.
int run_serve(const ServeArgs& s) {
  DocumentCache cache;
  RenderMemo memo;
  const BuildArgs& a = s.build;
  std::string config_file, templates_dir = a.templates.empty() ? "" : normalise_path(a.templates);
  SiteBuilder builder = [&](const std::vector<std::string>& changed) {
    for (const std::string& f : changed) {
      cache.forget(f);
      // Page keys cover the descriptions; the project file and the templates touch every page.
      if (f == config_file || (!templates_dir.empty() && path_is_within(f, templates_dir))) memo.clear();
    }
    std::ostringstream log, timings;
    auto phase_start = std::chrono::steady_clock::now();
    auto phase = [&](const char* name) {
      auto now = std::chrono::steady_clock::now();
      timings << (timings.tellp() > 0 ? ", " : "") << name << " " << std::fixed << std::setprecision(0)
              << std::chrono::duration<double, std::milli>(now - phase_start).count() << " ms";
      phase_start = now;
    };
    SiteResult r = build_site(a, log, &cache, &memo, phase);
    config_file = r.config_file;
    SiteSnapshot snap;
    snap.ok = r.exit_code == kOk;
    if (snap.ok) {
      // serve does not run the spec check (it would reread every file on each save): what it
      // reports is what the loader, bundler and model found.
      std::vector<BuildFinding> findings = merge_build_findings(r.diagnostics, {});
      BuildLogOptions log_options;
      log_options.strict = a.strict || r.strict;
      log_options.quiet = a.quiet;
      log_options.verbose = a.verbose;
      write_build_log(log, findings, log_options);
      if (log_options.strict && count_build_errors(findings)) {
        snap.ok = false;
        r.failure = "apiref: input with errors (strict)";
      }
    }
    if (snap.ok) {
      timings << ", " << memo.rendered << " pages rendered, " << memo.unchanged.size() << " unchanged";
      snap.unchanged = memo.unchanged;
    } else {
      memo.clear();  // serve keeps the last good site, which this memo no longer describes
    }
    snap.log = log.str();
    if (!snap.ok)
      for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Severity::Error) snap.errors += format_diagnostic(d) + "\n";
    // The failure line speaks of an output folder; serve has none, so only when it is all there is.
    if (!snap.ok && snap.errors.empty() && !r.failure.empty()) snap.errors = r.failure + "\n";
    if (!snap.ok && snap.errors.empty()) snap.errors = snap.log;
    snap.files = std::move(r.files);
    snap.asset_dirs = r.asset_dirs;
    snap.watch = r.inputs;
    if (!r.config_file.empty()) snap.watch.push_back(r.config_file);
    if (!r.constructs_dir.empty()) snap.watch.push_back(r.constructs_dir);
    if (!a.templates.empty()) snap.watch.push_back(normalise_path(a.templates));
    snap.proxy_allow = r.servers;
    snap.proxy_allow.insert(snap.proxy_allow.end(), r.proxy_allow.begin(), r.proxy_allow.end());
    snap.timings = timings.str();
    return snap;
  };
  ServeOptions options;
  options.host = s.host;
  options.port = s.port;
  options.proxy = s.proxy;
  options.open_allow = s.open_allow;
  return serve(options, builder);
}
#else
// `apiref serve` runs apiref-serve, the same program built with the HTTP server, from the
// folder this binary is in. The server's libraries (cpp-httplib, and through it OpenSSL, zlib
// and brotli) cost every run of every command 5 to 15 ms of CPU and 7 to 35 ms of wall time to
// load and start (`apiref --version`: 15.8 -> 8.6 ms on an idle machine, 54 -> 18 ms on a busy
// one), a few percent of a GitHub build and most of a small `apiref check`. Only serve needs them.
int run_serve_binary(char** argv) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  fs::path server = (ec ? fs::path(argv[0]) : self).parent_path() / "apiref-serve";
  std::string path = server.string();
  argv[0] = path.data();
  ::execv(path.c_str(), argv);
  std::cerr << "apiref: serve runs " << path << ", which could not be started: " << std::strerror(errno)
            << " (it is built beside apiref: cmake --build build)\n";
  return kUsage;
}
#endif

struct SnippetsArgs {
  std::string input;
  std::vector<std::string> only;
  std::vector<std::string> languages;
  std::string server;
  bool optional_parameters = false;
  bool description_auth = false;
};

// Every operation's snippets as JSON lines, for scripts and for tests that run them.
int run_snippets(const SnippetsArgs& a) {
  LoadedInput in = load_input(a.input, {}, a.only);
  if (in.exit_code != kOk) return in.exit_code;
  print_diagnostics(in.result.diagnostics, true);
  if (!in.result.ok()) return kInputErrors;
  // --description-auth: credentials exactly as the description declares them (what a mock
  // server such as Prism enforces), not as the project says its real server reads them.
  std::vector<std::string> languages = a.languages.empty() ? all_snippet_languages() : a.languages;
  Diagnostics d;
  for (const BundleOutput& b : in.result.bundles) {
    const BundleSpec* spec = find_bundle_spec(in.config, b.name);
    AuthConfig auth = a.description_auth ? AuthConfig{} : spec ? effective_auth(in.config, *spec) : in.config.auth;
    SnippetOptions options = snippet_options(auth);
    options.server = a.server;
    options.optional_parameters = a.optional_parameters;
    ModelOptions model_options = model_options_for(auth, spec);
    model_options.display_names = b.display_names;
    ApiModel m = build_model(b.document, model_options, b.name, d);
    for (const Operation& o : m.operations) {
      if (o.is_webhook) continue;
      Request r = build_request(b.document, m, o, options);
      for (const Snippet& s : snippets_for(r, languages)) {
        nlohmann::json line = {{"bundle", b.name}, {"operationId", o.id}, {"method", o.method},
                               {"path", o.path}, {"language", s.language}, {"code", s.code}};
        std::cout << line.dump() << "\n";
      }
    }
  }
  return kOk;
}

// --- apiref check ------------------------------------------------------------------------------

struct CheckArgs {
  std::vector<std::string> inputs;
  std::string config;
  std::string profile;
  std::vector<std::string> formats;  // "F" or "F=path"
  std::string fail_on = "error";
  std::string baseline;
  bool update_baseline = false;
  bool baseline_strict = false;
  bool allow_outside_root = false;
  bool quiet = false;
};

// Where the check's project-relative paths are relative to: the project's folder, or the
// current one when the inputs are plain files.
std::string check_base_dir(const CheckOptions& o) {
  std::error_code ec;
  std::string config = o.config_path;
  if (config.empty() && o.inputs.empty() && fs::is_regular_file("apiref.yaml", ec)) config = "apiref.yaml";
  if (config.empty()) return fs::current_path(ec).lexically_normal().generic_string();
  // The project root: apiref.yaml's folder, or the folder its `root:` names.
  ProjectConfig project;
  Diagnostics ignored;
  load_project_config(config, project, ignored);
  fs::path base = project.dir.empty() ? fs::absolute(config, ec).parent_path() : fs::absolute(project.dir, ec);
  return base.lexically_normal().generic_string();
}

// The paths a user and a CI system see: relative to the current folder (where GitHub, GitLab
// and SARIF viewers expect them: the repository root), absolute outside it.
void rebase_paths(CheckResult& r, const std::string& base_dir) {
  auto rebase = [&](std::string& file) {
    if (file.empty() || file[0] == '/') return;
    file = display_path((fs::path(base_dir) / file).lexically_normal().generic_string());
  };
  for (Finding& f : r.findings) {
    rebase(f.file);
    for (RefHop& h : f.ref_chain) rebase(h.file);
  }
  for (std::string& f : r.files) rebase(f);
  for (std::string& f : r.roots) rebase(f);
}

std::string file_uri(const std::string& dir) {
  std::string out = "file://" + percent_encode(dir, "/");
  if (out.back() != '/') out += '/';
  return out;
}

std::optional<FindingSeverity> parse_fail_on(const std::string& s) {
  if (s == "error") return FindingSeverity::Error;
  if (s == "warning") return FindingSeverity::Warning;
  if (s == "info") return FindingSeverity::Info;
  return FindingSeverity::Hint;  // "hint"; "none" is handled by the caller
}

// The spec profile's findings on what `apiref build` reads, at the project's severities
// (apiref.yaml's check: rules and overrides), paths relative to the current folder.
CheckResult spec_gate(const std::string& input, const std::string& root, bool allow_outside_root,
                      DocumentCache* documents) {
  CheckOptions o;
  o.profile = "spec";
  o.spec_rules_project_severities = true;
  o.documents = documents;
  // --root widens what the bundler accepts; the check only knows allow_outside_root, so with a
  // --root the bundler stays the judge of where $refs may go.
  o.allow_outside_root = allow_outside_root || !root.empty();
  std::string project = project_file_for(input);
  if (project.empty())
    o.inputs.push_back(input);
  else
    o.config_path = project;
  CheckResult result;
  std::string fatal;
  if (!run_check(o, result, fatal)) return {};  // the loader reports what is unreadable
  rebase_paths(result, check_base_dir(o));
  return result;
}

int run_check_command(const CheckArgs& a) {
  CheckOptions o;
  o.profile = a.profile;
  o.config_path = a.config;
  o.allow_outside_root = a.allow_outside_root;
  std::error_code ec;
  for (const std::string& input : a.inputs) {
    std::string project = project_file_for(input);
    if (project.empty()) {
      o.inputs.push_back(input);
      continue;
    }
    // A project folder or apiref.yaml: check its bundles and constructs.
    if (a.inputs.size() > 1 || !a.config.empty()) {
      std::cerr << "apiref: give either a project (" << input << ") or files with --config, not both\n";
      return kUsage;
    }
    if (!project_exists(project)) {
      std::cerr << "apiref: no apiref.yaml (nor base_<audience>.yml files) in " << input << "\n";
      return kUsage;
    }
    o.config_path = project;
  }

  std::optional<FindingSeverity> fail_on;
  if (a.fail_on != "none") fail_on = parse_fail_on(a.fail_on);

  struct Output {
    std::string format, path;  // path "" = standard output
  };
  std::vector<Output> outputs;
  size_t to_stdout = 0;
  for (const std::string& spec : a.formats) {
    size_t eq = spec.find('=');
    Output out{spec.substr(0, eq), eq == std::string::npos ? "" : spec.substr(eq + 1)};
    const auto& known = report_formats();
    if (std::find(known.begin(), known.end(), out.format) == known.end()) {
      std::cerr << "apiref: unknown format '" << out.format << "' (stylish, json, sarif, github, junit, gitlab, markdown)\n";
      return kUsage;
    }
    if (out.path == "-") out.path.clear();
    to_stdout += out.path.empty();
    outputs.push_back(out);
  }
  if (outputs.empty()) outputs.push_back({"stylish", ""}), to_stdout = 1;
  if (to_stdout > 1) {
    std::cerr << "apiref: only one --format may write to standard output; give the others a file (F=path)\n";
    return kUsage;
  }
  if (a.update_baseline && a.baseline.empty()) {
    std::cerr << "apiref: --update-baseline needs --baseline FILE\n";
    return kUsage;
  }

  std::vector<BaselineEntry> baseline;
  bool have_baseline = false;
  if (!a.baseline.empty() && fs::exists(a.baseline, ec)) {
    std::ifstream in(a.baseline, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    if (!in || !parse_baseline(text.str(), baseline, error)) {
      std::cerr << "apiref: " << a.baseline << ": not a baseline file: " << error << "\n";
      return kUsage;
    }
    have_baseline = true;
  } else if (!a.baseline.empty() && !a.update_baseline) {
    std::cerr << "apiref: no such baseline file: " << a.baseline << " (create it with --update-baseline)\n";
    return kUsage;
  }

  // The parsed files are kept here, not freed by run_check: the process ends without freeing
  // them (exit_without_teardown).
  DocumentCache parsed;
  o.documents = &parsed;
  CheckResult result;
  std::string fatal;
  if (!run_check(o, result, fatal)) {
    std::cerr << "apiref: " << fatal << "\n";
    return kUsage;
  }
  std::string base = check_base_dir(o);

  ReportContext ctx;
  ctx.fail_on = fail_on;
  ctx.quiet = a.quiet;
  ctx.baseline_file = a.baseline;
  for (const RuleInfo& r : check_rules()) ctx.rule_summaries[r.id] = r.summary;
  // Baselines hold project-relative paths (the same whatever folder CI runs in), so they are
  // applied before the paths are rebased for display.
  if (a.update_baseline) {
    baseline = updated_baseline(result, baseline);
    std::string text = baseline_to_json(baseline);
    if (!write_atomically(a.baseline, text)) {
      std::cerr << "apiref: cannot write " << a.baseline << "\n";
      return kUsage;
    }
    std::cerr << "wrote " << a.baseline << " (" << baseline.size() << (baseline.size() == 1 ? " entry" : " entries")
              << ")\n";
    have_baseline = true;
  }
  if (have_baseline) {
    BaselineOutcome outcome = apply_baseline(result, baseline, [&](const std::string& file) {
      std::error_code e;
      return !fs::exists(fs::path(base) / file, e);
    });
    ctx.suppressed = outcome.suppressed;
    ctx.stale = outcome.stale;
  }
  rebase_paths(result, base);
  ctx.source_root_uri = file_uri(fs::current_path(ec).generic_string());

  for (const Output& out : outputs) {
    if (out.path.empty()) {
      ReportContext c = ctx;
      c.color = out.format == "stylish" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
      write_report(out.format, std::cout, result, c);
      std::cout.flush();
      if (!std::cout) return kUsage;
    } else {
      std::ostringstream text;
      write_report(out.format, text, result, ctx);
      if (!write_atomically(out.path, text.str())) {
        std::cerr << "apiref: cannot write " << out.path << "\n";
        return kUsage;
      }
    }
    // GitHub Actions: the annotations go to the log, a markdown summary to the job's page.
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (out.format == "github" && summary && *summary) {
      std::ofstream s(summary, std::ios::app | std::ios::binary);
      write_github_summary(s, result, ctx);
      if (!s) std::cerr << "apiref: cannot append to GITHUB_STEP_SUMMARY " << summary << "\n";
    }
  }
  bool failing = count_failing(result, fail_on) > 0;
  bool stale_fails = a.baseline_strict && !ctx.stale.empty();
  return exit_without_teardown(failing || stale_fails ? kInputErrors : kOk);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"apiref: OpenAPI bundles, checks and static API references"};
  app.set_version_flag("--version", std::string("apiref 0.1.0"));
  app.require_subcommand(1);

  BundleArgs bundle;
  CLI::App* cmd = app.add_subcommand(
      "bundle",
      "Resolve $refs across files and write one self-contained document per bundle.\n"
      "INPUT is an OpenAPI file, or a project (apiref.yaml, or a folder holding one;\n"
      "the default is ./apiref.yaml).");
  cmd->add_option("input", bundle.input, "OpenAPI file, apiref.yaml or project folder");
  cmd->add_option("-o,--output", bundle.output,
                  "output file (single document; default: standard output) or folder "
                  "(project; default: _bundles)");
  cmd->add_option("--format", bundle.format, "yaml or json (default: from -o, else yaml)")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_option("--bundle", bundle.only, "only this bundle of the project (repeatable)");
  cmd->add_flag("--dereference", bundle.dereference,
                "inline every $ref (recursive schemas stay references to components)");
  cmd->add_option("--root", bundle.root,
                  "project root that $refs may not leave (default: the input's folder)");
  cmd->add_flag("--allow-outside-root", bundle.allow_outside_root,
                "allow $refs to files outside the project root");
  cmd->add_flag("-q,--quiet", bundle.quiet, "print errors only, no warnings");

  BuildArgs build;
  CLI::App* build_cmd = app.add_subcommand(
      "build",
      "Build the static API reference site: a page per operation, tag and schema, search,\n"
      "the bundled descriptions. INPUT as for bundle.");
  build_cmd->add_option("input", build.input, "OpenAPI file, apiref.yaml or project folder");
  build_cmd->add_option("-o,--output", build.output, "output folder (default: _site); replaced atomically");
  build_cmd->add_option("--templates", build.templates,
                        "folder whose templates (and assets/) replace the built-in ones, file by file");
  build_cmd->add_option("--bundle", build.only, "only this bundle of the project (repeatable)");
  build_cmd->add_option("--root", build.root, "project root that $refs may not leave");
  build_cmd->add_flag("--allow-outside-root", build.allow_outside_root, "allow $refs outside the project root");
  build_cmd->add_flag("-q,--quiet", build.quiet, "print only errors and the summary line");
  build_cmd->add_flag("-v,--verbose", build.verbose, "list every finding, not the first 20");
  build_cmd->add_flag("--strict", build.strict,
                      "refuse input with errors (spec profile, at the project's severities); for CI");
  build_cmd->add_flag("--timings", build.timings, "print how long each stage took");
  // Before builds rendered what they could read, this flag was needed to build past spec
  // errors; it is now what every build does, and kept so that scripts using it still run.
  build_cmd->add_flag("--ignore-spec-errors")->group("");
  build_cmd->add_option("--snippets", build.snippet_languages,
                        "snippet languages, comma-separated (curl,httpie,python,javascript,go) or none");

  ServeArgs serve_args;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve",
      "Build the site in memory and serve it on 127.0.0.1; rebuild on every save and reload open\n"
      "pages. INPUT as for build.");
  serve_cmd->add_option("input", serve_args.build.input, "OpenAPI file, apiref.yaml or project folder");
  serve_cmd->add_option("--port", serve_args.port, "port to listen on (default: 8080)")->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--host", serve_args.host,
                        "address to listen on (default: 127.0.0.1; anything else exposes the site, with a warning)");
  serve_cmd->add_flag("--proxy", serve_args.proxy,
                      "forward the playground's requests to the description's servers through /_apiref/proxy");
  serve_cmd->add_option("--open-allow", serve_args.open_allow,
                        "a further URL prefix the proxy may forward to (repeatable)");
  serve_cmd->add_option("--templates", serve_args.build.templates,
                        "folder whose templates (and assets/) replace the built-in ones, file by file");
  serve_cmd->add_option("--bundle", serve_args.build.only, "only this bundle of the project (repeatable)");
  serve_cmd->add_option("--root", serve_args.build.root, "project root that $refs may not leave");
  serve_cmd->add_flag("--allow-outside-root", serve_args.build.allow_outside_root, "allow $refs outside the project root");
  serve_cmd->add_flag("-q,--quiet", serve_args.build.quiet, "print only errors and the summary line");
  serve_cmd->add_flag("--strict", serve_args.build.strict, "serve nothing new from input with errors");
  serve_cmd->add_option("--snippets", serve_args.build.snippet_languages,
                        "snippet languages, comma-separated (curl,httpie,python,javascript,go) or none");

  SnippetsArgs snippets;
  CLI::App* snippets_cmd = app.add_subcommand(
      "snippets", "Print every operation's request snippets as JSON lines (bundle, operationId, language, code).");
  snippets_cmd->add_option("input", snippets.input, "OpenAPI file, apiref.yaml or project folder");
  snippets_cmd->add_option("--bundle", snippets.only, "only this bundle of the project (repeatable)");
  snippets_cmd->add_option("--language", snippets.languages, "curl, httpie, python, javascript, go (repeatable)")
      ->check(CLI::IsMember(all_snippet_languages()));
  snippets_cmd->add_option("--server", snippets.server, "send requests here instead of the description's server");
  snippets_cmd->add_flag("--optional-parameters", snippets.optional_parameters, "include optional parameters");
  snippets_cmd->add_flag("--description-auth", snippets.description_auth,
                         "send credentials as the description declares them, ignoring apiref.yaml's auth");

  CheckArgs check;
  CLI::App* check_cmd = app.add_subcommand(
      "check",
      "Check OpenAPI descriptions: structure against the OpenAPI 3.0/3.1 object model, and\n"
      "correctness rules. INPUTS are files, or a project (apiref.yaml or a folder holding one;\n"
      "the default is ./apiref.yaml). Exit 0: nothing at or above --fail-on; 1: findings at or\n"
      "above it (or stale baseline entries with --baseline-strict); 2: could not run.");
  check_cmd->add_option("inputs", check.inputs, "OpenAPI files, or one apiref.yaml or project folder");
  check_cmd->add_option("--config", check.config, "apiref.yaml with the check: settings (for file inputs)");
  check_cmd->add_option("--profile", check.profile, "spec, recommended or strict (default: the config's, else recommended)");
  check_cmd->add_option("--format", check.formats,
                        "stylish (default), json, sarif, github, junit, gitlab, markdown; F=path writes to a "
                        "file (repeatable)");
  check_cmd->add_option("--fail-on", check.fail_on, "lowest severity that fails the run (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "hint", "none"}));
  check_cmd->add_option("--baseline", check.baseline, "JSON file of accepted findings to suppress");
  check_cmd->add_flag("--update-baseline", check.update_baseline, "write this run's findings to --baseline");
  check_cmd->add_flag("--baseline-strict", check.baseline_strict, "fail when baseline entries are stale");
  check_cmd->add_flag("--allow-outside-root", check.allow_outside_root, "allow $refs outside the project root");
  check_cmd->add_flag("-q,--quiet", check.quiet, "stylish: only findings at or above --fail-on");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (cmd->parsed()) return run_bundle(bundle);
  if (build_cmd->parsed()) return run_build(build);
#ifdef APIREF_SERVER
  if (serve_cmd->parsed()) return run_serve(serve_args);
#else
  if (serve_cmd->parsed()) return run_serve_binary(argv);
#endif
  if (snippets_cmd->parsed()) return run_snippets(snippets);
  if (check_cmd->parsed()) return run_check_command(check);
  return kUsage;
}
