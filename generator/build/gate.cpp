// The spec gate: the check's spec profile on what a build reads, and the paths of check
// findings as a user sees them (shared with `apiref check`).
#include "build/build.h"

#include <filesystem>

namespace apiref {

namespace fs = std::filesystem;

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

CheckResult spec_gate(const std::string& input, const std::string& root, bool allow_outside_root,
                      DocumentCache* documents, const ProjectPlan* plan) {
  CheckOptions o;
  o.plan = plan;
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

}  // namespace apiref
