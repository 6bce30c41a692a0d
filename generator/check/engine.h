// Internal to the check stage: a finding before severities apply, and the
// small JSON-schema validator the example/default rules use.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "check/finding.h"
#include "config/config.h"
#include "resolve/resolve.h"

namespace apiref {
namespace text {
class PatternCache;
}
namespace check_internal {

// A finding before profiles, overrides and suppressions apply.
struct RawFinding {
  std::string rule;
  std::string message;
  std::string abs_file;  // absolute path ("" when only a display path is known)
  std::string display;   // display path when abs_file is unknown
  std::string pointer;
  SourcePos start, end;
  int chain = -1;  // index into the walker's chains
  std::string discriminator;
  int severity = -2;  // -2: the rule's own severity; otherwise fixed (extension policies)
};

// Validates literal data against a schema (the subset of JSON Schema descriptions use:
// type, enum, const, required, properties, additionalProperties, items, min/max, lengths,
// pattern, format basics, allOf/oneOf/anyOf, nullable). Schema $refs go through `resolve`.
struct SchemaRef {
  const Document* doc = nullptr;
  const Node* node = nullptr;
};
using SchemaResolver = std::function<SchemaRef(const Document& doc, const Node& ref_object)>;

struct ValidationError {
  std::string path;     // JSON pointer inside the value
  std::string message;
};

// Returns false and fills `error` with the first problem. `oas30` enables `nullable` and
// boolean exclusive bounds. Budget-limited: a pathological schema stops the check early
// (and counts as valid) rather than hanging. `pattern` keywords are compiled through `patterns`,
// the check run's cache (text/regex.h has the policy).
bool validate_value(const Node& value, const Document& schema_doc, const Node& schema,
                    const SchemaResolver& resolve, text::PatternCache& patterns, bool oas30,
                    ValidationError& error);

// '*' (no '/'), '**' (anything), '?' (one char).
bool glob_match(const std::string& pattern, const std::string& path);

}  // namespace check_internal
}  // namespace apiref
