#include "bundle/project_plan.h"

#include <algorithm>
#include <filesystem>

#include "resolve/resolve.h"

namespace apiref {

bool construct_excluded(const ProjectConfig& config, const std::string& dir) {
  for (const std::string& x : config.exclude)
    if (path_is_within(dir, x)) return true;
  return false;
}

ProjectPlan plan_project(const ProjectConfig& config) {
  ProjectPlan plan;
  for (const BundleSpec& b : config.bundles)
    if (std::find(plan.bases.begin(), plan.bases.end(), b.base) == plan.bases.end()) plan.bases.push_back(b.base);
  for (const std::string& dir : construct_folders(config)) {
    if (construct_excluded(config, dir)) continue;
    PlannedConstruct c;
    c.dir = dir;
    c.file = normalise_path(dir + "/api.yml");
    c.version = std::filesystem::path(dir).parent_path().filename().string();
    plan.constructs.push_back(std::move(c));
  }
  return plan;
}

bool construct_deprecated(const Node& document) {
  const Node* info = document.find("info");
  const Node* dep = info ? info->find("x-deprecated") : nullptr;
  return dep && dep->kind == NodeKind::Bool && dep->boolean;
}

std::vector<std::string> operation_audiences(const Node& operation) {
  std::vector<std::string> a;
  const Node* x = operation.find("x-internal");
  if (!x) return a;
  if (x->is_string()) a.push_back(x->text);
  for (const Node& i : x->items)
    if (i.is_string()) a.push_back(i.text);
  return a;
}

bool in_audience(const Node& operation, const std::string& audience) {
  if (audience.empty()) return true;
  const Node* x = operation.find("x-internal");  // as operation_audiences reads it, without a copy
  if (!x) return false;
  if (x->is_string()) return x->text == audience;
  for (const Node& a : x->items)
    if (a.is_string() && a.text == audience) return true;
  return false;
}

}  // namespace apiref
