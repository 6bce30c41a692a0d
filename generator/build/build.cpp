// build_site: the whole pipeline, and the spec gate's thread beside it.
#include "build/build.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <sstream>

#include "render/mustache.h"
#include "render/overview.h"
#include "render/playground.h"
#include "text/file.h"
#include "snippets/snippets.h"

namespace apiref {

namespace fs = std::filesystem;

namespace {

// The spec check on its own thread beside the build. It starts once, as early as its input is
// there (start() again does nothing); result() starts it if nothing did. The future's
// destructor waits for the thread: declared after what the check reads, it never outlives it.
class GateThread {
 public:
  explicit GateThread(const BuildRequest& request) : request_(request) {}
  // `plan`: the project's plan the bundler used, copied, since the build may return (and
  // drop its own) while the check still runs.
  void start(DocumentCache* documents, const ProjectPlan* plan = nullptr) {
    if (run_.valid()) return;
    const BuildRequest& r = request_;
    std::optional<ProjectPlan> own;
    if (plan) own = *plan;
    run_ = std::async(std::launch::async, [&r, documents, own = std::move(own)] {
      return spec_gate(r.input, r.root, r.allow_outside_root, documents, own ? &*own : nullptr);
    });
  }
  CheckResult result() {
    start(nullptr);
    return run_.get();
  }

 private:
  const BuildRequest& request_;
  std::future<CheckResult> run_;
};

// The request's --snippets list in place of the project's; false with `failure` set for an
// unknown language.
bool pick_snippet_languages(const std::string& list_text, SiteOptions& site, std::string& failure) {
  if (list_text.empty()) return true;
  site.snippet_languages.clear();
  std::stringstream list(list_text);
  for (std::string lang; std::getline(list, lang, ',');) {
    if (lang == "none" || lang.empty()) continue;
    const auto& all = all_snippet_languages();
    if (std::find(all.begin(), all.end(), lang) == all.end()) {
      failure = "apiref: unknown snippet language '" + lang + "' (curl, httpie, python, javascript, go, none)";
      return false;
    }
    site.snippet_languages.push_back(lang);
  }
  return true;
}

// The request's host format and places, over apiref.yaml's; "" when they can be used, else why not.
std::string host_options(const BuildRequest& a, const SiteConfig& config, HostOptions& host) {
  host.format = a.format == "jekyll" ? HostFormat::Jekyll : HostFormat::Hugo;
  host.section = !a.section.empty() ? a.section : !config.section.empty() ? config.section : "api";
  host.content_dir = !a.content_dir.empty() ? a.content_dir : !config.content_dir.empty() ? config.content_dir : "content";
  host.layout = config.layout;
  host.type = config.type;
  host.aliases = config.aliases;
  host.front_matter = config.front_matter;
  std::string problem = section_problem(host.section);
  if (problem.empty() && host.format == HostFormat::Hugo) {
    problem = section_problem(host.content_dir, "content folder");
  }
  return problem;
}

// Every file below each of `dirs` as assets/<its path>, later folders winning file by file;
// style.css scoped to the reference's element (a host's own styles stay as they are).
bool host_asset_files(const std::vector<std::string>& dirs, std::vector<SiteFile>& out, std::string& failure) {
  std::map<std::string, std::string> files;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string rel = it->path().lexically_relative(dir).generic_string(), text;
      if (!text::read_file(it->path().string(), text)) {
        failure = "apiref: cannot read " + it->path().string();
        return false;
      }
      files[rel] = rel == "style.css" ? host_stylesheet(text) : std::move(text);
    }
    if (ec) {
      failure = "apiref: cannot list " + dir + ": " + ec.message();
      return false;
    }
  }
  for (auto& [path, text] : files) out.push_back({"assets/" + path, std::move(text)});
  return true;
}

SiteOptions site_options(const ProjectConfig& config) {
  SiteOptions site;
  site.title = config.site.title;
  site.base_url = config.site.base_url;
  site.logo = config.site.logo;
  site.primary_color = config.site.primary_color;
  site.footer_links = config.site.footer_links;
  site.description_link_base = config.site.description_link_base;
  site.persist_authorization = config.site.persist_authorization;
  site.llms_full_max_bytes = config.site.llms_full_max_bytes;
  if (!config.site.snippet_languages.empty()) site.snippet_languages = config.site.snippet_languages;
  return site;
}

}  // namespace

BuildOutcome build_site(const BuildRequest& a, const BuildCaches& caches, const BuildHooks& hooks) {
  BuildOutcome r;
  auto fail = [&](BuildStatus status, std::string failure) {
    r.status = status;
    r.failure = std::move(failure);
    return std::move(r);
  };
  // The spec profile's findings are reported with the loader's and bundler's, and stop only a
  // strict build. The check runs on its own thread beside the build, on the files the bundler
  // parsed (kept in the document cache): each file is parsed once per build.
  // - a single file: it starts as soon as the file is parsed, beside the bundling and the
  //   pages (the bundle shares the parse when it leaves the file unchanged). Parsing GitHub's
  //   13 MB again cost 0.17 s of CPU and 43 MB of memory, and waiting for the bundling left a
  //   core idle. Other files it reads itself.
  // - a project: it starts once everything is bundled, beside the models and the pages. The
  //   bundler parses every construct on all cores; the check reading them again beside it was
  //   twice the parsing for no gain in time.
  DocumentCache own_documents;
  DocumentCache* documents = caches.documents ? caches.documents : &own_documents;
  bool project = !project_file_for(a.input).empty();
  GateThread gate(a);
  BundleOptions options;
  options.allow_outside_root = a.allow_outside_root;
  options.root_dir = a.root;
  options.cache = documents;
  options.share_unchanged_root = true;  // the pages only read the tree
  if (a.spec_gate && !project) options.root_parsed = [&gate, documents] { gate.start(documents); };
  LoadedInput in = load_input(a.input, options, a.only);
  if (a.spec_gate && project && in.usable) gate.start(documents, in.config.description.empty() ? &in.plan : nullptr);
  r.inputs = in.result.files;
  r.config_file = in.project ? in.config.file : "";
  r.constructs_dir = in.project ? in.config.constructs_dir : "";
  r.proxy_allow = in.config.serve.proxy_allow;
  r.strict = a.strict || in.config.build_strict;
  r.diagnostics = in.result.diagnostics;
  if (!in.usable) return fail(BuildStatus::Unusable, in.failure);
  hooks.phase("load and bundle");
  // A build renders what it can read: only a bundle that could not be made at all (a root that
  // does not parse, a document that is not OpenAPI), or one that lost a file, stops it.
  size_t wanted = !in.project || !in.config.description.empty() ? 1 : a.only.empty() ? in.config.bundles.size() : a.only.size();
  if (in.result.bundles.size() < wanted || input_lost(in.result.diagnostics)) {
    r.findings = merge_build_findings(r.diagnostics, {});
    return fail(BuildStatus::Unreadable,
                "apiref: nothing to build from input that cannot be read; " + a.output + " is unchanged");
  }

  std::vector<MustacheError> template_errors;
  TemplateSet templates;
  if (!templates.load(a.data_dir + "/templates", a.templates, template_errors)) {
    std::string text;
    for (const MustacheError& e : template_errors) text += (text.empty() ? "" : "\n") + format_mustache_error(e);
    return fail(BuildStatus::Unusable, text);
  }

  std::vector<ApiModel> models = build_models(in);
  bool into_host = a.format == "hugo" || a.format == "jekyll";
  if (into_host)
    for (ApiModel& m : models) lower_case_section_names(m);
  std::vector<SiteBundle> bundles;
  std::vector<const ApiModel*> model_list;
  // A first call apiref.yaml names must exist: a misspelt one stops the build where it is written.
  Diagnostics first_call_errors;
  bool site_first_call_found = in.config.site.first_call.operation_id.empty();
  for (size_t i = 0; i < in.result.bundles.size(); ++i) {
    const BundleOutput& b = in.result.bundles[i];
    const AuthConfig& auth = auth_of(in.config, b.name);
    InputFile json_source{b.json_source, b.json_source_stamp.size, b.json_source_stamp.mtime_ns};
    bundles.push_back({into_host ? host_bundle_name(b.name) : b.name, &b.root(), &models[i], std::move(json_source), &auth,
                       snippet_options(auth)});
    // The bundle's own first_call, else the site's where this bundle has that operation.
    const BundleSpec* spec = find_bundle_spec(in.config, b.name);
    if (spec && !spec->first_call.operation_id.empty()) {
      bundles.back().first_call = first_call_operation(models[i], spec->first_call, first_call_errors);
    } else {
      Diagnostics absent;
      bundles.back().first_call = first_call_operation(models[i], in.config.site.first_call, absent);
      site_first_call_found = site_first_call_found || absent.empty();
      if (!absent.empty()) bundles.back().first_call = first_call_operation(models[i], {}, absent);
    }
    if (a.changes) {
      // A single description is compared whatever its bundle is called.
      auto c = a.changes->find(b.name);
      if (c == a.changes->end() && in.result.bundles.size() == 1 && a.changes->size() == 1) c = a.changes->begin();
      if (c != a.changes->end()) bundles.back().changes = &c->second;
    }
    model_list.push_back(&models[i]);
  }
  if (!site_first_call_found && !models.empty()) first_call_operation(models[0], in.config.site.first_call, first_call_errors);
  if (!first_call_errors.empty()) {
    r.diagnostics.insert(r.diagnostics.end(), first_call_errors.begin(), first_call_errors.end());
    return fail(BuildStatus::Unusable, format_diagnostic(first_call_errors[0]));
  }
  if (hooks.models) hooks.models(model_list);

  SiteOptions site = site_options(in.config);
  site.changes_since = a.changes_since;
  std::string failure;
  r.into_host = into_host;
  if (r.into_host) {
    std::string problem = host_options(a, in.config.site, r.host);
    if (!problem.empty()) return fail(BuildStatus::Unusable, "apiref: " + problem);
    site.host_pages = true;
  } else if (a.format != "html") {
    return fail(BuildStatus::Unusable, "apiref: unknown format '" + a.format + "' (html, hugo, jekyll)");
  }
  if (!pick_snippet_languages(a.snippet_languages, site, failure)) return fail(BuildStatus::Unusable, failure);
  // The project's page icon, at the site's root (favicon.ico there also answers browsers that
  // ask for it unprompted). A host site's pages take the host's icon: nothing to copy.
  std::vector<SiteFile> icon;
  if (!in.config.site.favicon.empty() && !into_host) {
    SiteFile f{"favicon" + fs::path(in.config.site.favicon).extension().string(), ""};
    if (!text::read_file(in.config.site.favicon, f.content))
      return fail(BuildStatus::Unusable, "apiref: cannot read the favicon " + in.config.site.favicon);
    site.favicon = f.path;
    icon.push_back(std::move(f));
  }
  // The playground is part of every site: without Swagger UI's files every "Try it" link
  // would be broken, so a build stops and says how to install them (before rendering).
  std::vector<SiteFile> playground;
  if (!load_playground_assets(a.data_dir, playground, failure)) return fail(BuildStatus::Unusable, "apiref: " + failure);
  hooks.phase("templates and model");
  // Into a host site, every file goes where the host wants it (host/host.h) on its way out.
  const FileSink* sink = hooks.sink;
  FileSink to_host;
  if (r.into_host && sink) {
    to_host = [&r, sink](SiteFile&& f) { return (*sink)(place_in_host(std::move(f), r.host)); };
    sink = &to_host;
  }
  Diagnostics render_diags;
  r.files = render_site(bundles, templates, site, render_diags, caches.memo, sink);
  bool written = true;
  for (std::vector<SiteFile>* files : {&playground, &icon}) {
    for (SiteFile& f : *files) {
      if (!sink) r.files.push_back(std::move(f));
      else if (!written || !(*sink)(std::move(f))) written = false;  // the writer keeps the error
    }
  }
  r.asset_dirs = {a.data_dir + "/site"};
  if (!a.templates.empty()) r.asset_dirs.push_back((fs::path(a.templates) / "assets").string());
  if (r.into_host) {
    std::vector<SiteFile> assets;
    if (!host_asset_files(r.asset_dirs, assets, failure)) return fail(BuildStatus::Unusable, failure);
    for (SiteFile& f : assets) {
      if (!sink) r.files.push_back(std::move(f));
      else if (!(*sink)(std::move(f))) break;
    }
    if (!sink)
      for (SiteFile& f : r.files) f = place_in_host(std::move(f), r.host);
    r.asset_dirs.clear();
  }
  hooks.phase("render");
  r.diagnostics.insert(r.diagnostics.end(), render_diags.begin(), render_diags.end());
  for (const ApiModel& m : models) {
    r.operations += m.operations.size();
    r.schemas += m.schemas.size();
  }
  if (a.spec_gate) {
    r.findings = merge_build_findings(r.diagnostics, gate.result());
    hooks.phase("spec check");
  } else {
    r.findings = merge_build_findings(r.diagnostics, {});
  }
  if (r.strict && count_build_errors(r.findings)) r.status = BuildStatus::Refused;
  r.sources = std::make_shared<LoadedInput>(std::move(in));  // the bundled documents
  return r;
}

}  // namespace apiref
