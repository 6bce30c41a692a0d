// Diff stage: what changed between two versions of an API, and whether it breaks its clients.
// Both sides are resolved models (model/model.h) of bundled documents; the comparison looks
// through $refs, flattens allOf and matches by name, never by position or key order, so that
// equivalent forms (a schema moved into components, an allOf of one element, reordered keys, a
// renamed component with the same content) are no change. Schemas are compared once per pair
// of nodes and direction (a visited set: cyclic schemas end, and a component shared by a
// hundred operations is reported once, at the component), within a bounded number of pairs.
//
// Every change has a stable rule id, a level and its place in both versions. The report stage
// writes them as findings (diff_findings) in the formats `apiref check` writes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bundle/source_map.h"
#include "check/finding.h"
#include "model/model.h"
#include "tree/node.h"

namespace apiref {

enum class ChangeLevel : uint8_t { Info, Warning, Breaking };

const char* change_level_name(ChangeLevel level);  // "info", "warning", "breaking"

// A place in one version: the file the node is in (as the user names it: a project's construct
// file, not its bundle), the line:col of the node there (0 when not known), and two pointers:
// in the bundled document (what the model and the reference's pages know it by) and in `file`.
struct ChangePlace {
  std::string file;
  std::string pointer;  // in the bundled document
  SourcePos pos;
  std::string file_pointer = {};  // in `file`; the same as `pointer` where the bundle is the file
  // The pointer to show with `file`.
  const std::string& shown_pointer() const { return file_pointer.empty() ? pointer : file_pointer; }
};

struct Change {
  std::string rule;  // stable id: "operation-removed", "request-property-made-required", ...
  ChangeLevel level = ChangeLevel::Info;
  std::string message;
  // Where the change is in each version. What exists on one side only is located, on the
  // other, at the nearest thing that holds it (a removed operation: its path, or the paths).
  ChangePlace old_place, new_place;
};

// One version of one bundle. `file` names the document in locations; `positions`: whether the
// nodes' line:col are in that file. With `origins` (the bundle's source map), a node is located
// in the file it was copied from, named by `file_name` (given its absolute path).
struct DiffSide {
  const ApiModel* model = nullptr;
  std::string file;
  bool positions = true;
  const SourceMap* origins = nullptr;
  std::function<std::string(const std::string&)> file_name = nullptr;
};

struct DiffLimits {
  size_t max_schema_pairs = 2'000'000;  // schema pairs compared, over the whole diff
  size_t max_depth = 100;               // nesting of schemas followed
};

struct DiffResult {
  std::vector<Change> changes;  // sorted by level (breaking first), rule, new place
  bool truncated = false;       // a limit was reached: some schemas were not compared
  size_t schema_pairs = 0;
};

// The changes from `old_side` to `new_side`.
DiffResult diff_models(const DiffSide& old_side, const DiffSide& new_side, const DiffLimits& limits = {});

// A bundle (a project's audience) one version has and the other has not.
Change bundle_change(const std::string& bundle, bool removed, const ChangePlace& old_place, const ChangePlace& new_place);

// Every rule with its level and what it means.
struct DiffRuleInfo {
  const char* id;
  ChangeLevel level;
  const char* summary;
};
const std::vector<DiffRuleInfo>& diff_rules();

// The changes as findings for the report stage: breaking as errors, warnings as warnings, info
// as info; the new version's place as the finding's, the old one's as a related place.
CheckResult diff_findings(const std::vector<Change>& changes, const std::vector<std::string>& files);

}  // namespace apiref
