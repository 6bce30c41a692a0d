// What changed in a bundle since an earlier version (`apiref build --changes-since REV`): the
// "What changed" page, and the badge of each operation that changed, is new, or changed in a
// way that breaks its clients. The changes are the diff stage's (diff/diff.h), as `apiref diff`
// reports them; this file only places them: under the operation they are in, or, for a part
// many operations share (a component, a path's parameters), under that part with the
// operations that use it, which take its badge too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "model/model.h"
#include "render/template_data.h"

namespace apiref {

enum class ChangeBadge : uint8_t { None, Changed, New, Breaking };

// The changes of one thing: an operation, a shared part, a removed operation or path, or the
// API as a whole (servers, security schemes).
struct ChangeGroup {
  std::string title;             // "GET /pets", "Pet", "/pets", "DELETE /pets"
  std::string kind;              // "operation", "schema", "parameter", ..., "path", "removed", "api"
  std::string anchor;            // its id on the page
  int operation = -1;            // the operation it is, or -1
  int schema = -1;               // the schema component it is, or -1
  std::vector<size_t> affected;  // the operations that use it (a shared part)
  std::vector<const Change*> changes;
};

struct ChangeMap {
  std::vector<ChangeBadge> badges;       // one per operation of the model
  std::vector<std::string> anchors;      // one per operation: its group's anchor ("" = none)
  std::vector<ChangeGroup> groups;       // operations in the model's order, then shared parts, removed, the API
  size_t breaking = 0, warnings = 0, info = 0;
};

// Places `changes` (from the model's previous version to this one) in `model`, whose bundled
// document is `document`.
ChangeMap map_changes(const Node& document, const ApiModel& model, const std::vector<Change>& changes);

// "<bundle>/changes.html".
inline std::string changes_page_path(const std::string& bundle) { return bundle + "/changes.html"; }

// {"kind", "label", "title", "href"} of an operation's badge, links relative to `root`; a
// null Data for an operation that did not change.
TemplateData change_badge_data(const ChangeMap& map, const std::string& bundle, size_t operation,
                               const std::string& since, const std::string& root);

// The page's Markdown twin (<bundle>/changes.md), for readers and agents that read Markdown:
// the same groups and changes, links relative to the bundle's folder (or, for llms-full, to
// the site's root).
std::string changes_markdown(const ChangeMap& map, const std::string& bundle, const ApiModel& model,
                             const std::string& since, bool links_from_root = false);

// The page's data ("changes": {...}, "page": {...}), links relative to `root`.
TemplateData changes_page_data(const ChangeMap& map, const std::string& bundle, const ApiModel& model,
                               const std::string& since, const std::string& root);

}  // namespace apiref
