// What `apiref check` produces: findings with everything CI needs to act on them. The check
// stage (generator/check) fills them; the report stage (generator/report) writes them out in
// stylish / json / sarif / github / junit / gitlab / markdown and applies the baseline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tree/node.h"

namespace apiref {

enum class FindingSeverity : uint8_t { Hint, Info, Warning, Error };

const char* finding_severity_name(FindingSeverity s);  // "hint", "info", "warning", "error"

// One step of the $ref chain that led to a finding: the place of the `$ref`.
struct RefHop {
  std::string file;     // physical file holding the $ref (project-relative, '/'-separated)
  std::string pointer;  // JSON pointer of the $ref object in that file
  SourcePos pos;        // line:col of the $ref (1-based)
};

// Another place a finding concerns, and what it is to the finding ("was": where a change of
// `apiref diff` is in the old version).
struct RelatedPlace {
  std::string label;
  std::string file;
  std::string pointer;
  SourcePos pos;
};

struct Finding {
  std::string rule;  // rule id: "operation-operationId-unique", "spec-structure", "yaml-duplicate-key"
  FindingSeverity severity = FindingSeverity::Error;
  std::string message;
  std::string file;     // physical file (project-relative, '/'-separated)
  std::string pointer;  // JSON pointer inside that file
  SourcePos start;      // 1-based line and column of the offending key or value
  SourcePos end;        // 1-based, inclusive end of the offending key or value (start if unknown)
  std::vector<RefHop> ref_chain;  // outermost first; empty when reached directly
  std::vector<RelatedPlace> related;  // none for a check's findings
  // Stable identity for baselines and SARIF: a hash of rule, file, pointer and (when a rule
  // reports several findings at one place) a discriminator. Never of the message text.
  std::string fingerprint;
};

struct CheckResult {
  std::vector<Finding> findings;     // sorted by file, line, col, rule; each reported once
  std::vector<std::string> files;    // every file the check read (project-relative)
  std::vector<std::string> roots;    // the root documents checked
};

}  // namespace apiref
