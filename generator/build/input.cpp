// The build's first steps: which input a command reads, its bundles, and their models.
#include "build/build.h"

#include <algorithm>
#include <filesystem>

namespace apiref {

namespace fs = std::filesystem;

bool project_exists(const std::string& project_file) {
  std::error_code ec;
  if (fs::is_regular_file(project_file, ec)) return true;
  fs::path dir = fs::path(project_file).parent_path();
  return is_layout_project(dir.empty() ? "." : dir.string());
}

std::string project_file_for(const std::string& input) {
  std::error_code ec;
  if (input.empty()) return "apiref.yaml";
  if (fs::is_directory(input, ec)) return (fs::path(input) / "apiref.yaml").string();
  std::string name = fs::path(input).filename().string();
  if (name == "apiref.yaml" || name == "apiref.yml") return input;
  return "";
}

LoadedInput load_input(const std::string& input, const BundleOptions& options, const std::vector<std::string>& only) {
  LoadedInput in;
  std::string project_file = project_file_for(input);
  std::error_code ec;
  in.project = !project_file.empty();
  auto unusable = [&](std::string failure) {
    in.usable = false;
    in.failure = std::move(failure);
    return std::move(in);
  };
  if (in.project) {
    if (!project_exists(project_file)) {
      return unusable("apiref: " + (input.empty() ? std::string("no input given, and no apiref.yaml or base_<audience>.yml files here")
                                                  : "no such project file: " + project_file +
                                                        " (nor base_<audience>.yml files beside it)"));
    }
    Diagnostics config_diags;
    if (!load_project_config(project_file, in.config, config_diags)) {
      in.result.diagnostics = config_diags;
      return unusable("");
    }
    for (const std::string& name : only) {
      bool known = false;
      for (const BundleSpec& b : in.config.bundles) known = known || b.name == name;
      if (!known) return unusable("apiref: " + display_path(in.config.file) + " declares no bundle '" + name + "'");
    }
    if (!in.config.description.empty()) {
      // A project around one description: the project gives auth and branding.
      BundleOptions one = options;
      if (one.root_dir.empty()) one.root_dir = in.config.dir;
      in.result = bundle_file(in.config.description, one);
      if (!in.result.bundles.empty()) in.result.bundles[0].name = slugify(fs::path(in.config.description).stem().string());
    } else {
      in.plan = plan_project(in.config);
      BundleOptions planned = options;
      planned.plan = &in.plan;
      in.result = bundle_project(in.config, planned, only);
    }
    in.result.diagnostics.insert(in.result.diagnostics.begin(), config_diags.begin(), config_diags.end());
  } else {
    if (!fs::is_regular_file(input, ec)) return unusable("apiref: no such file: " + input);
    in.result = bundle_file(input, options);
    if (!in.result.bundles.empty()) in.result.bundles[0].name = slugify(fs::path(input).stem().string());
  }
  return in;
}

bool input_lost(const Diagnostics& diagnostics) {
  // The codes of a file that could not be read or parsed at all, and of a root that is not a
  // description apiref reads.
  static const char* const kLost[] = {"yaml-syntax",     "json-syntax", "yaml-too-deep",      "yaml-alias-limit",
                                      "file-unreadable", "not-openapi", "unsupported-version"};
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error &&
           std::any_of(std::begin(kLost), std::end(kLost), [&](const char* code) { return d.code == code; });
  });
}

const AuthConfig& auth_of(const ProjectConfig& config, const std::string& bundle) {
  const BundleSpec* spec = find_bundle_spec(config, bundle);
  return spec ? effective_auth(config, *spec) : config.auth;
}

SnippetOptions snippet_options(const AuthConfig& auth) {
  SnippetOptions o;
  if (!auth.configured) return o;
  o.token_env = auth.token_env;
  o.use_override = !auth.headers.empty() || !auth.cookies.empty();
  for (const auto& [name, value] : auth.headers) o.override_auth.headers.push_back({name, literal(value)});
  for (const auto& [name, value] : auth.cookies) o.override_auth.cookies.push_back({name, literal(value)});
  return o;
}

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
    for (const ServerConfig& s : bundle->servers) options.servers.push_back(Server{s.url, s.url, s.description, {}, ""});
  }
  return options;
}

ApiModel build_bundle_model(const ProjectConfig& config, const BundleOutput& bundle, const AuthConfig& auth) {
  ModelOptions options = model_options_for(auth, find_bundle_spec(config, bundle.name));
  options.display_names = bundle.display_names;
  return build_model(bundle.root(), options);
}

std::vector<ApiModel> build_models(const LoadedInput& in) {
  std::vector<ApiModel> models;
  models.reserve(in.result.bundles.size());
  for (const BundleOutput& b : in.result.bundles) models.push_back(build_bundle_model(in.config, b, auth_of(in.config, b.name)));
  return models;
}

}  // namespace apiref
