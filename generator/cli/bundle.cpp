// apiref bundle: one self-contained document per bundle, to a file, a folder or stdout.
#include <filesystem>

#include "cli/cli.h"
#include "model/model.h"
#include "resolve/oas_context.h"
#include "tree/write.h"

namespace apiref::cli {

namespace fs = std::filesystem;

namespace {

bool is_data_file_name(const std::string& s) {
  return ends_with(s, ".yaml") || ends_with(s, ".yml") || ends_with(s, ".json");
}

size_t count_operations(const Node& doc) {
  size_t n = 0;
  if (const Node* paths = doc.find("paths"))
    for (const Member& p : paths->members)
      for (const Member& m : p.value.members) {
        n += is_http_method(m.key);
        if (m.key == "additionalOperations") n += m.value.members.size();  // 3.2's other methods
      }
  return n;
}

}  // namespace

int run_bundle(const BundleArgs& a) {
  StageClock phase(a.timings);
  BundleOptions options;
  options.dereference = a.dereference;
  options.allow_outside_root = a.allow_outside_root;
  options.root_dir = a.root;
  LoadedInput in = load_input(a.input, options, a.only);
  if (!in.usable) {
    if (!in.failure.empty()) std::cerr << in.failure << "\n";
    else print_diagnostics(in.result.diagnostics, false);
    return kUsage;
  }
  phase("load and bundle");
  BundleResult& result = in.result;
  bool project = in.project;
  print_diagnostics(result.diagnostics, a.quiet);
  if (!result.ok()) {
    std::cerr << "apiref: not writing a bundle from input with errors\n";
    return kInputErrors;
  }

  // Swagger 2.0 is converted to 3.0 on load (generator/swagger2); 3.1 is never taken down.
  if (!a.to.empty()) {
    for (const BundleOutput& b : result.bundles) {
      std::string_view version = b.root().string_at("openapi");
      if (version.substr(0, a.to.size() + 1) != a.to + ".") {
        std::cerr << "apiref: --to " << a.to << ": the input is OpenAPI " << version
                  << ", which apiref does not convert to " << a.to << "\n";
        return kUsage;
      }
    }
  }

  std::string format = a.format;
  if (format.empty()) format = ends_with(a.output, ".json") ? "json" : "yaml";
  auto serialise = [&](const Node& doc) { return format == "json" ? to_json(doc) : to_yaml(doc); };

  bool single_output = !project || (result.bundles.size() == 1 && is_data_file_name(a.output));
  if (single_output) {
    if (result.bundles.size() != 1) return kInputErrors;
    const BundleOutput& b = result.bundles.front();
    std::string text = serialise(b.document);
    phase("serialise");
    if (a.output.empty() || a.output == "-") {
      std::cout << text;
      std::cout.flush();
      phase("write");
      return exit_without_teardown(std::cout ? kOk : kUsage);
    }
    std::string why;
    if (!write_atomically(a.output, text, &why)) {
      std::cerr << "apiref: cannot write " << a.output << ": " << why << "; it is unchanged\n";
      return kUsage;
    }
    phase("write");
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
    std::string why;
    if (!write_atomically(path, serialise(b.document), &why)) {
      std::cerr << "apiref: cannot write " << path << ": " << why << "; it is unchanged\n";
      return kUsage;
    }
    std::cerr << "wrote " << path << " (audience " << b.audience << ", "
              << count_operations(b.document) << " operations)\n";
  }
  phase("serialise and write");
  return exit_without_teardown(kOk);
}

}  // namespace apiref::cli
