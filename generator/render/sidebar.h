// The sidebar of a bundle's pages, as template data: its tags (grouped by x-tagGroups where the
// description has them), the open tag's operations on a tag page, links relative to the page.
#pragma once

#include <string>

#include "model/model.h"
#include "render/changes.h"
#include "render/template_data.h"

namespace apiref {

// {"bundle", "title", "href", "groups": [{"name", "tags": [...]}], "schemas_href", "changes_href"} for the pages
// whose links start from `path` ("b/operations/*": every page of a folder shares it), with the
// tag `active_tag` open (-1: none); `tag_page` when the page is that tag's own.
// With `changes` (build --changes-since), a link to the bundle's "What changed" page and the
// operations' badges.
TemplateData sidebar_data(const std::string& bundle, const ApiModel& model, const std::string& path, int active_tag,
                          bool tag_page, const ChangeMap* changes = nullptr, const std::string& since = "");

// 3.2's tag `kind` as a reader reads it: "nav" is a navigation group; other kinds (badge,
// audience, the author's own) as written.
std::string tag_kind_label(const std::string& kind);

// What a tag page says of its tag beside its name (3.2): {"tag_kind", "tag_kind_raw"} for a tag
// with a kind, {"tag_parent_name", "tag_parent_href"} for a nested one, "tag_facts" when either
// is said. Links start from `root` (the way to the site's root).
TemplateData tag_facts(const std::string& bundle, const ApiModel& model, const Tag& tag, const std::string& root);

}  // namespace apiref
