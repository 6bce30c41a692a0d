// The project plan: which constructs a Meshery-style project has, which of them the bundles
// merge, and which operations each bundle keeps. The bundler (bundle_project) and check's
// project mode both read it, so a build and `apiref check` agree on what a project is.
//
// The rules, in one place:
// - A construct is a <constructs>/<version>/<name>/ folder holding an api.yml.
// - `exclude:` lists folders (relative to the project root); a construct at or below a listed
//   folder is excluded: not read, not checked, not merged. `exclude: [constructs/v1alpha1]`
//   drops a whole version.
// - A construct whose info says `x-deprecated: true` is checked on its own but not merged, so
//   it cannot clash with its successor.
// - An operation belongs to the audiences its `x-internal` names (a string or a list); a
//   bundle with an audience keeps only that audience's operations, one without keeps all.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "tree/node.h"

namespace apiref {

struct PlannedConstruct {
  std::string dir;      // absolute folder
  std::string file;     // absolute api.yml
  std::string version;  // the version folder it is in: v1beta1
};

struct ProjectPlan {
  std::vector<std::string> bases;              // each bundle's base document, once, in bundle order
  std::vector<PlannedConstruct> constructs;    // not excluded, sorted by version then name
};

ProjectPlan plan_project(const ProjectConfig& config);

// Whether `dir` is at or below one of the folders apiref.yaml's `exclude:` lists.
bool construct_excluded(const ProjectConfig& config, const std::string& dir);

// info.x-deprecated: true on a construct's document (its root node).
bool construct_deprecated(const Node& document);

// The audiences an operation's x-internal names (a string or a list of strings).
std::vector<std::string> operation_audiences(const Node& operation);

// Whether a bundle for `audience` keeps the operation ("" keeps every operation).
bool in_audience(const Node& operation, const std::string& audience);

}  // namespace apiref
