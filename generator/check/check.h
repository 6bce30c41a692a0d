// Check stage: the rule engine of `apiref check`. Walks the root documents (each physical
// file once, following $refs and remembering the chain by which a node was first reached),
// validates them against the OpenAPI 3.0 / 3.1 object model, runs the correctness rules and
// applies the profile, the project's `check:` settings and inline `x-lint-ignore`.
// The report stage (generator/report) formats the result; this stage never prints.
//
// apiref.yaml:
//   check:
//     profile: team                  # default profile: spec | recommended | strict | a name below
//     rules: {component-unused: off} # for every profile: off | hint | info | warning | error
//     overrides:                     # by file glob ('**' crosses folders) and/or pointer prefix
//       - files: ["constructs/v1alpha1/**"]
//         pointers: ["/components/schemas"]
//         rules: {naming-convention: off}
//     profiles:
//       team:
//         extends: recommended
//         naming: {operationId: camelCase, schema: PascalCase}   # also parameter, property
//         extensions:                # "every operation has x-internal from {meshery, cloud}"
//           - {where: operation, name: x-internal, values: [meshery, cloud]}
// and in a description, on any object: `x-lint-ignore: [rule-id, ...]` (that object and below).
#pragma once

#include <string>
#include <vector>

#include "check/finding.h"

namespace apiref {

class DocumentCache;
struct ProjectPlan;

struct CheckOptions {
  std::vector<std::string> inputs;  // root documents; empty = the project's bundles/constructs from apiref.yaml
  std::string config_path;          // apiref.yaml ("" = look in the current folder / none)
  std::string profile;              // "spec" | "recommended" | "strict" ("" = config's or "recommended")
  bool allow_outside_root = false;
  DocumentCache* documents = nullptr;  // files already parsed (build's spec gate); others are read
  // Project mode: the project's plan (bundle/project_plan.h) when the caller already made it
  // for the bundler; null: made from the config.
  const ProjectPlan* plan = nullptr;
  // The build's gate: the spec profile's rules, at the severities the project's own profile
  // and overrides give them (`yaml-non-string-key: warning` holds in a build as in `check`). A
  // rule the spec profile leaves off stays off, and no naming or extension policy runs: a
  // build reports what breaks the standard, not the team's style.
  bool spec_rules_project_severities = false;
};

// Fills result (findings sorted by file, line, col, rule; each physical place reported once even
// when several roots share a file). Returns false with fatal_error set only when the tool cannot
// run at all (unreadable config, no inputs): a YAML error or broken $ref inside the inputs is a
// finding, not a fatal error.
bool run_check(const CheckOptions& options, CheckResult& result, std::string& fatal_error);

// Stable identity of a finding: FNV-1a 64 of rule, file, pointer and discriminator, as 16 hex
// digits. Never of the message, so rewording a message does not invalidate baselines.
std::string finding_fingerprint(const std::string& rule, const std::string& file,
                                const std::string& pointer, const std::string& discriminator);

// Every rule the engine knows, with its default severity per built-in profile
// (nullptr-free, for `--list-rules` style output and for validating apiref.yaml).
struct RuleInfo {
  const char* id;
  const char* summary;
  // Severity in the profiles spec / recommended / strict; -1 = off.
  int spec;
  int recommended;
  int strict;
};
const std::vector<RuleInfo>& check_rules();

}  // namespace apiref
