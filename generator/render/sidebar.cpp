#include "render/sidebar.h"

#include <functional>

#include "render/page_links.h"
#include "text/case.h"

namespace apiref {

using Data = TemplateData;

// Sidebar: every tag of the bundle, `active` marking the open one (the page's tag). A tag
// page lists its operations under itself, and its `current` marks the page (aria-current).
// An operation page lists only itself under its tag (its `sidebar_operation`, see
// operation_page()): the tag's other operations come from the tag's script (tag_script()),
// one file per tag instead of the list repeated in every page of the tag. On GitHub's
// description the repeated lists were half of the operation pages' bytes (21 of 42 MB): a
// tag of 200 operations wrote its list 200 times. Links are relative to `path`.
TemplateData sidebar_data(const std::string& bundle, const ApiModel& m, const std::string& path, int active_tag, bool tag_page,
                          const ChangeMap* changes, const std::string& since) {
  auto href = [&path](const std::string& target) { return relative_href(path, target); };
  Data tags = Data::list();
  std::function<Data(size_t)> tag_entry = [&](size_t ti) {
    const Tag& t = m.tags[ti];
    bool active = static_cast<int>(ti) == active_tag;
    Data entry = fields("name", ref(t.display_name), "href", href(tag_page_path(bundle, t)), "active", active,
                        "current", active && tag_page, "count", t.operations.size());
    if (active && tag_page) {
      Data ops = Data::list();
      for (size_t oi : t.operations) {
        const Operation& o = m.operations[oi];
        ops.push(fields("method", ref(o.method), "method_upper", text::ascii_upper(o.method),
                        "label", ref(o.summary.empty() ? o.path : o.summary), "href", href(operation_page_path(bundle, o)),
                        "active", false, "deprecated", o.deprecated,
                        "change", changes ? change_badge_data(*changes, bundle, oi, since, root_of(path)) : Data()));
      }
      entry.set("operations", std::move(ops));
    }
    if (m.nested_tags) {
      // Always set, even empty: a nested entry must not see its parent's through the
      // template's context stack.
      if (!entry.find("operations")) entry.set("operations", Data::list());
      Data children = Data::list();
      for (size_t ci : t.children)
        if (m.tags[ci].total_operations > 0) children.push(tag_entry(ci));
      entry.set("has_children", !children.empty());
      entry.set("children", std::move(children));
    }
    return entry;
  };
  Data groups = Data::list();
  if (m.nested_tags) {
    // 3.2's tag tree: the top-level tags, each with its children nested under it.
    for (size_t ti = 0; ti < m.tags.size(); ++ti)
      if (m.tags[ti].parent < 0 && m.tags[ti].total_operations > 0) tags.push(tag_entry(ti));
    groups.push(fields("name", "", "tags", std::move(tags)));
  } else if (!m.tag_groups.empty()) {
    for (const TagGroup& g : m.tag_groups) {
      Data gt = Data::list();
      for (size_t ti : g.tags) gt.push(tag_entry(ti));
      groups.push(fields("name", ref(g.name), "tags", std::move(gt)));
    }
  } else {
    for (size_t ti = 0; ti < m.tags.size(); ++ti)
      if (!m.tags[ti].operations.empty()) tags.push(tag_entry(ti));
    groups.push(fields("name", "", "tags", std::move(tags)));
  }
  Data nav = fields("bundle", ref(bundle), "title", ref(m.title), "href", href(bundle_page_path(bundle)), "groups", std::move(groups),
                    "schemas_href", href(schemas_page_path(bundle)));
  if (changes) nav.set("changes_href", href(changes_page_path(bundle)));
  return nav;
}

std::string tag_kind_label(const std::string& kind) { return kind == "nav" ? "navigation" : kind; }

TemplateData tag_facts(const std::string& bundle, const ApiModel& m, const Tag& t, const std::string& root) {
  Data d = Data::object();
  bool nested = t.parent >= 0 && static_cast<size_t>(t.parent) < m.tags.size();
  if (!t.kind.empty()) {
    d.add("tag_kind", tag_kind_label(t.kind));
    d.add("tag_kind_raw", t.kind);
  }
  if (nested) {
    const Tag& parent = m.tags[static_cast<size_t>(t.parent)];
    d.add("tag_parent_name", parent.display_name);
    d.add("tag_parent_href", root + tag_page_path(bundle, parent));
    if (!t.kind.empty()) d.add("tag_facts_sep", true);
  }
  if (nested || !t.kind.empty()) d.add("tag_facts", true);
  return d;
}

}  // namespace apiref
