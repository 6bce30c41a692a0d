// The apiref command line: parses arguments, runs the pipeline stages, reports, exits with
// the documented codes (0 ok, 1 input has errors, 2 usage/config/IO).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "bundle/bundle.h"
#include "config/config.h"
#include "tree/write.h"

namespace fs = std::filesystem;
using namespace apiref;

namespace {

constexpr int kOk = 0;
constexpr int kInputErrors = 1;
constexpr int kUsage = 2;

void print_diagnostics(const Diagnostics& diags, bool quiet) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diags) {
    (d.severity == Severity::Error ? errors : warnings)++;
    if (quiet && d.severity != Severity::Error) continue;
    std::cerr << format_diagnostic(d) << "\n";
  }
  if (errors || warnings) {
    std::cerr << errors << (errors == 1 ? " error, " : " errors, ") << warnings
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
        n += (m.key == "get" || m.key == "put" || m.key == "post" || m.key == "delete" ||
              m.key == "options" || m.key == "head" || m.key == "patch" || m.key == "trace");
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

int run_bundle(const BundleArgs& a) {
  BundleOptions options;
  options.dereference = a.dereference;
  options.allow_outside_root = a.allow_outside_root;
  options.root_dir = a.root;

  std::string project_file = project_file_for(a.input);
  std::error_code ec;
  BundleResult result;
  bool project = !project_file.empty();
  if (project) {
    if (!fs::is_regular_file(project_file, ec)) {
      std::cerr << "apiref: " << (a.input.empty() ? "no input given and no apiref.yaml here"
                                                  : "no such project file: " + project_file)
                << "\n";
      return kUsage;
    }
    ProjectConfig config;
    Diagnostics config_diags;
    if (!load_project_config(project_file, config, config_diags)) {
      print_diagnostics(config_diags, false);
      return kUsage;
    }
    for (const std::string& name : a.only) {
      bool known = false;
      for (const BundleSpec& b : config.bundles) known = known || b.name == name;
      if (!known) {
        std::cerr << "apiref: " << display_path(config.file) << " declares no bundle '" << name << "'\n";
        return kUsage;
      }
    }
    result = bundle_project(config, options, a.only);
    result.diagnostics.insert(result.diagnostics.begin(), config_diags.begin(), config_diags.end());
  } else {
    if (!fs::is_regular_file(a.input, ec)) {
      std::cerr << "apiref: no such file: " << a.input << "\n";
      return kUsage;
    }
    result = bundle_file(a.input, options);
  }
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
      return std::cout ? kOk : kUsage;
    }
    if (!write_atomically(a.output, text)) {
      std::cerr << "apiref: cannot write " << a.output << "\n";
      return kUsage;
    }
    std::cerr << "wrote " << a.output << " (" << count_operations(b.document) << " operations)\n";
    return kOk;
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
  return kOk;
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  if (cmd->parsed()) return run_bundle(bundle);
  return kUsage;
}
