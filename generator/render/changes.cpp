#include "render/changes.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "render/page_links.h"
#include "text/case.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace {

using Data = TemplateData;

std::vector<std::string> tokens_of(const std::string& pointer) {
  auto t = parse_pointer(pointer);
  return t ? *t : std::vector<std::string>{};
}

std::string prefix(const std::vector<std::string>& tokens, size_t n) {
  std::string p;
  for (size_t i = 0; i < n && i < tokens.size(); ++i) p = append_pointer(p, tokens[i]);
  return p;
}

// "schemas" -> "schema", "securitySchemes" -> "security scheme": what a component is called.
std::string component_kind(const std::string& section) {
  if (section == "securitySchemes") return "security scheme";
  if (section == "requestBodies") return "request body";
  std::string s = section;
  if (!s.empty() && s.back() == 's') s.pop_back();
  return s;
}

// The component a $ref points at ("/components/schemas/Pet"), or "" for any other target.
std::string component_of_ref(const std::string& ref) {
  if (ref.rfind("#/components/", 0) != 0) return "";
  auto decoded = text::percent_decode(std::string_view(ref).substr(1));
  std::vector<std::string> t = tokens_of(decoded ? *decoded : ref.substr(1));
  return t.size() >= 3 ? prefix(t, 3) : "";
}

// The components a node refers to, directly.
void collect_refs(const Node& n, std::set<std::string>& out) {
  if (n.is_object()) {
    for (const Member& m : n.members) {
      if (m.key == "$ref" && m.value.is_string()) {
        std::string c = component_of_ref(m.value.text);
        if (!c.empty()) out.insert(c);
      } else {
        collect_refs(m.value, out);
      }
    }
  } else if (n.is_array()) {
    for (const Node& i : n.items) collect_refs(i, out);
  }
}

// Which operations use each of `wanted` (components), through any chain of components.
std::map<std::string, std::vector<size_t>> users_of(const Node& doc, const ApiModel& model,
                                                    const std::set<std::string>& wanted) {
  std::map<std::string, std::vector<size_t>> users;
  if (wanted.empty()) return users;
  std::unordered_map<std::string, std::set<std::string>> direct;  // a component's own refs, once each
  auto refs_of = [&](const std::string& component) -> const std::set<std::string>& {
    auto it = direct.find(component);
    if (it != direct.end()) return it->second;
    std::set<std::string> found;
    std::vector<std::string> t = tokens_of(component);
    if (const Node* n = resolve_pointer(doc, t)) collect_refs(*n, found);
    return direct.emplace(component, std::move(found)).first->second;
  };
  for (size_t i = 0; i < model.operations.size(); ++i) {
    const Operation& o = model.operations[i];
    std::set<std::string> seen;
    std::vector<std::string> todo;
    std::set<std::string> start;
    if (const Node* n = resolve_pointer(doc, tokens_of(o.pointer))) collect_refs(*n, start);
    for (const Member* m : o.path_item_fields) collect_refs(m->value, start);
    todo.assign(start.begin(), start.end());
    while (!todo.empty()) {
      std::string c = std::move(todo.back());
      todo.pop_back();
      if (!seen.insert(c).second) continue;
      for (const std::string& next : refs_of(c))
        if (!seen.count(next)) todo.push_back(next);
    }
    for (const std::string& c : wanted)
      if (seen.count(c)) users[c].push_back(i);
  }
  return users;
}

std::string operation_title(const Operation& o) { return text::ascii_upper(o.method) + " " + o.path; }

// An anchor from a group's title: letters, digits and hyphens.
std::string anchor_of(const std::string& kind, const std::string& title) {
  std::string a = kind + "-";
  for (char c : title) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) a += static_cast<char>(std::tolower(u));
    else if (a.back() != '-') a += '-';
  }
  while (a.back() == '-') a.pop_back();
  return a;
}

ChangeBadge stronger(ChangeBadge a, ChangeBadge b) { return static_cast<uint8_t>(a) > static_cast<uint8_t>(b) ? a : b; }

const char* badge_kind(ChangeBadge b) {
  switch (b) {
    case ChangeBadge::Breaking: return "breaking";
    case ChangeBadge::New: return "new";
    case ChangeBadge::Changed: return "changed";
    default: return "";
  }
}

const char* badge_label(ChangeBadge b) {
  switch (b) {
    case ChangeBadge::Breaking: return "Breaking";
    case ChangeBadge::New: return "New";
    case ChangeBadge::Changed: return "Changed";
    default: return "";
  }
}

const char* level_label(ChangeLevel l) {
  switch (l) {
    case ChangeLevel::Breaking: return "Breaking";
    case ChangeLevel::Warning: return "Warning";
    default: return "Info";
  }
}

// The message without the "GET /pets: " its group's title already says.
std::string message_in(const ChangeGroup& g, const Change& c) {
  const std::string& m = c.message;
  if (m.size() > g.title.size() + 2 && m.compare(0, g.title.size(), g.title) == 0 && m.compare(g.title.size(), 2, ": ") == 0)
    return m.substr(g.title.size() + 2);
  return m;
}

}  // namespace

ChangeMap map_changes(const Node& doc, const ApiModel& model, const std::vector<Change>& changes) {
  ChangeMap map;
  map.badges.assign(model.operations.size(), ChangeBadge::None);
  map.anchors.assign(model.operations.size(), "");
  std::unordered_map<std::string, size_t> op_at;  // an operation's pointer -> its index
  for (size_t i = 0; i < model.operations.size(); ++i) op_at.emplace(model.operations[i].pointer, i);
  std::unordered_map<std::string, size_t> schema_at;
  for (size_t i = 0; i < model.schemas.size(); ++i)
    schema_at.emplace(append_pointer("/components/schemas", model.schemas[i].name), i);

  // Each change's group, by key: an operation's index, or a shared part's pointer.
  std::map<size_t, ChangeGroup> by_operation;
  std::map<std::string, ChangeGroup> shared, removed, api;
  std::set<std::string> components;
  for (const Change& c : changes) {
    (c.level == ChangeLevel::Breaking ? map.breaking : c.level == ChangeLevel::Warning ? map.warnings : map.info)++;
    if (c.rule == "operation-removed" || c.rule == "path-removed") {
      std::vector<std::string> t = tokens_of(c.old_place.pointer);
      std::string title = t.size() >= 3 ? text::ascii_upper(t[2]) + " " + t[1] : t.size() >= 2 ? t[1] : c.old_place.pointer;
      ChangeGroup& g = removed[c.old_place.pointer];
      g.title = title;
      g.kind = "removed";
      g.changes.push_back(&c);
      continue;
    }
    const std::string& pointer = c.new_place.pointer.empty() ? c.old_place.pointer : c.new_place.pointer;
    std::vector<std::string> t = tokens_of(pointer);
    auto op = t.size() >= 3 ? op_at.find(prefix(t, 3)) : op_at.end();
    if (op != op_at.end()) {
      ChangeGroup& g = by_operation[op->second];
      g.operation = static_cast<int>(op->second);
      g.kind = "operation";
      g.title = operation_title(model.operations[op->second]);
      g.changes.push_back(&c);
    } else if (t.size() >= 2 && (t[0] == "paths" || t[0] == "webhooks")) {
      ChangeGroup& g = shared[prefix(t, 2)];
      g.title = t[1];
      g.kind = "path";
      g.changes.push_back(&c);
    } else if (t.size() >= 3 && t[0] == "components") {
      std::string key = prefix(t, 3);
      ChangeGroup& g = shared[key];
      g.title = t[2];
      g.kind = component_kind(t[1]);
      if (auto s = schema_at.find(key); s != schema_at.end()) g.schema = static_cast<int>(s->second);
      g.changes.push_back(&c);
      components.insert(key);
    } else {
      ChangeGroup& g = api[""];
      g.title = "The API as a whole";
      g.kind = "api";
      g.changes.push_back(&c);
    }
  }

  // Badges: an operation's own changes, then those of the parts it uses.
  auto mark = [&](size_t op, const Change& c) {
    ChangeBadge b = c.level == ChangeLevel::Breaking ? ChangeBadge::Breaking
                    : c.rule == "operation-added" || c.rule == "path-added" ? ChangeBadge::New
                                                                             : ChangeBadge::Changed;
    map.badges[op] = stronger(map.badges[op], b);
  };
  for (auto& [op, g] : by_operation)
    for (const Change* c : g.changes) mark(op, *c);
  std::map<std::string, std::vector<size_t>> users = users_of(doc, model, components);
  for (auto& [key, g] : shared) {
    if (g.kind == "path") {
      for (size_t i = 0; i < model.operations.size(); ++i)
        if (model.operations[i].pointer.rfind(key + "/", 0) == 0) g.affected.push_back(i);
    } else if (auto u = users.find(key); u != users.end()) {
      g.affected = u->second;
    }
    for (size_t op : g.affected)
      for (const Change* c : g.changes) mark(op, *c);
  }

  for (auto& [op, g] : by_operation) map.groups.push_back(std::move(g));
  for (auto* part : {&shared, &removed, &api})
    for (auto& [key, g] : *part) map.groups.push_back(std::move(g));
  std::set<std::string> used;
  for (ChangeGroup& g : map.groups) {
    std::string a = anchor_of(g.kind, g.title);
    for (int n = 2; !used.insert(a).second; ++n) a = anchor_of(g.kind, g.title) + "-" + std::to_string(n);
    g.anchor = a;
    if (g.operation >= 0) map.anchors[static_cast<size_t>(g.operation)] = a;
  }
  // An operation changed only through a part it uses links to the first such part.
  for (const ChangeGroup& g : map.groups)
    for (size_t op : g.affected)
      if (map.anchors[op].empty()) map.anchors[op] = g.anchor;
  return map;
}

TemplateData change_badge_data(const ChangeMap& map, const std::string& bundle, size_t operation,
                               const std::string& since, const std::string& root) {
  if (operation >= map.badges.size() || map.badges[operation] == ChangeBadge::None) return {};
  ChangeBadge b = map.badges[operation];
  std::string title = b == ChangeBadge::New        ? "New since " + since
                      : b == ChangeBadge::Breaking ? "Changed since " + since + " in a way that breaks clients"
                                                   : "Changed since " + since;
  return fields("kind", badge_kind(b), "label", badge_label(b), "title", std::move(title),
                "href", root + changes_page_path(bundle) + "#" + map.anchors[operation]);
}

std::string changes_markdown(const ChangeMap& map, const std::string& bundle, const ApiModel& model,
                             const std::string& since, bool links_from_root) {
  std::string md = "# What changed since " + since + " · " + model.title + "\n\n";
  size_t total = map.breaking + map.warnings + map.info;
  if (!total) return md + "Nothing changed since " + since + ".\n";
  md += std::to_string(total) + " changes: " + std::to_string(map.breaking) + " breaking, " + std::to_string(map.warnings) +
        " warnings, " + std::to_string(map.info) + " info.\n";
  for (const ChangeGroup& g : map.groups) {
    md += "\n## ";
    if (g.operation >= 0) {
      const Operation& o = model.operations[static_cast<size_t>(g.operation)];
      std::string href = operation_page_path(bundle, o).substr(links_from_root ? 0 : bundle.size() + 1);
      md += "[" + g.title + "](" + href.substr(0, href.size() - 5) + ".md)";
      if (map.badges[static_cast<size_t>(g.operation)] != ChangeBadge::None)
        md += std::string(" (") + badge_label(map.badges[static_cast<size_t>(g.operation)]) + ")";
    } else {
      md += (g.kind == "removed" ? "Removed: " : "") + g.title + (g.kind == "removed" || g.kind == "api" ? "" : " (" + g.kind + ")");
    }
    md += "\n\n";
    for (const Change* c : g.changes)
      md += std::string("- **") + level_label(c->level) + "** " + message_in(g, *c) + " (`" + c->rule + "`)\n";
    if (!g.affected.empty()) {
      md += "\nUsed by:";
      for (size_t op : g.affected) md += " " + operation_title(model.operations[op]) + ",";
      md.back() = '\n';
    }
  }
  return md;
}

TemplateData changes_page_data(const ChangeMap& map, const std::string& bundle, const ApiModel& model,
                               const std::string& since, const std::string& root) {
  constexpr size_t kUsersShown = 25;  // a schema every operation uses would list them all
  Data groups = Data::list();
  for (const ChangeGroup& g : map.groups) {
    Data list = Data::list();
    for (const Change* c : g.changes) {
      list.push(fields("level", change_level_name(c->level), "level_label", level_label(c->level), "rule", c->rule,
                       "message", message_in(g, *c)));
    }
    Data affected = Data::list();
    for (size_t i = 0; i < g.affected.size() && i < kUsersShown; ++i) {
      const Operation& o = model.operations[g.affected[i]];
      affected.push(fields("method", o.method, "method_upper", text::ascii_upper(o.method), "path", o.path,
                           "href", root + operation_page_path(bundle, o)));
    }
    Data e = fields("title", g.title, "kind", g.kind, "anchor", g.anchor, "changes", std::move(list),
                    "count", g.changes.size(), "removed", g.kind == "removed", "path_group", g.kind == "path");
    if (g.operation >= 0) {
      const Operation& o = model.operations[static_cast<size_t>(g.operation)];
      e.set("href", root + operation_page_path(bundle, o));
      e.set("method", o.method);
      e.set("method_upper", text::ascii_upper(o.method));
      e.set("path", o.path);
      e.set("summary", o.summary);
      e.set("badge", change_badge_data(map, bundle, static_cast<size_t>(g.operation), since, root));
    } else if (g.schema >= 0) {
      e.set("href", root + schema_page_path(bundle, model.schemas[static_cast<size_t>(g.schema)]));
    }
    if (!g.affected.empty()) {
      e.set("affected", std::move(affected));
      e.set("affected_count", g.affected.size());
      if (g.affected.size() > kUsersShown) e.set("affected_more", g.affected.size() - kUsersShown);
    }
    groups.push(std::move(e));
  }
  size_t total = map.breaking + map.warnings + map.info;
  size_t changed_ops = 0;
  for (ChangeBadge b : map.badges) changed_ops += b != ChangeBadge::None;
  Data changes = fields("since", since, "groups", std::move(groups), "total", total, "none", total == 0,
                        "breaking", map.breaking, "warnings", map.warnings, "info", map.info,
                        "operations_marked", changed_ops);
  return fields("changes", std::move(changes),
                "page", fields("title", "What changed since " + since + " · " + model.title,
                               "description", "The changes to " + model.title + " since " + since, "markdown", "changes.md"));
}

}  // namespace apiref
