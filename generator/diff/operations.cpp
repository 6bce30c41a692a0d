// Paths and operations added or removed; for each operation in both versions, its identity,
// deprecation, audiences and security, then its parameters, body and responses; the root's
// servers and the security schemes.
#include <algorithm>
#include <map>
#include <set>

#include "diff/differ.h"
#include "tree/json_pointer.h"

namespace apiref::diff_internal {

namespace {

// What one side holds: operations by key, and the path template keys.
struct Index {
  std::map<std::string, const Operation*> operations;
  std::map<std::string, const Operation*> paths;  // template key -> the first operation on it
};

std::string path_key(const Operation& op) {
  std::string key = operation_key(op);
  return key.substr(key.find(' ', op.is_webhook ? 8 : 0) + 1);
}

Index index_of(const ApiModel& m) {
  Index ix;
  for (const Operation& op : m.operations) {
    ix.operations.emplace(operation_key(op), &op);
    ix.paths.emplace((op.is_webhook ? "webhook " : "") + path_key(op), &op);
  }
  return ix;
}

std::string label_of(const Operation& op) {
  std::string method = op.method;
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
  return method + " " + (op.is_webhook ? "webhook " : "") + op.path;
}

// The path item of an operation (through its $ref) and the operation in it.
Located path_item_of(const Differ& d, bool old, const Operation& op) {
  const Node& doc = old ? d.old_doc : d.new_doc;
  std::string pointer = append_pointer(op.is_webhook ? "/webhooks" : "/paths", op.path);
  auto tokens = parse_pointer(pointer);
  const Node* raw = tokens ? resolve_pointer(doc, *tokens) : nullptr;
  return d.deref(doc, raw, pointer);
}

Located operation_in(const Located& item, const Operation& op) {
  if (!item) return {};
  const Node* n = item.node->find(op.method);
  return n ? Located{n, child(item.pointer, op.method)} : Located{};
}

Located root_of(const Node& doc, const char* key) {
  const Node* n = doc.find(key);
  return n ? Located{n, std::string("/") + key} : Located{&doc, ""};
}

std::set<std::string> audiences(const Located& op) {
  std::set<std::string> out;
  const Node* x = op ? op.node->find("x-internal") : nullptr;
  if (!x) return out;
  if (x->is_array()) {
    for (const Node& a : x->items) out.insert(scalar_text(&a));
  } else {
    out.insert(scalar_text(x));
  }
  return out;
}

std::string listed_or_none(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "none" : out;
}

// --- security ----------------------------------------------------------------------------------

using Requirement = std::map<std::string, std::set<std::string>>;  // scheme -> scopes

Requirement requirement_of(const SecurityAlternative& a) {
  Requirement r;
  for (const SecurityRequirement& s : a) r[s.scheme].insert(s.scopes.begin(), s.scopes.end());
  return r;
}

bool open(const EffectiveSecurity& s) { return s.alternatives.empty() || s.anonymous_allowed(); }

// Whether a client that authenticates with `old` can still call: some new alternative asks
// for no scheme `old` does not give, nor a scope it does not have.
bool still_accepted(const Requirement& old, const std::vector<Requirement>& now, bool* scopes_only) {
  for (const Requirement& n : now) {
    bool schemes = true, scopes = true;
    for (const auto& [scheme, wanted] : n) {
      auto it = old.find(scheme);
      if (it == old.end()) {
        schemes = false;
        break;
      }
      for (const std::string& s : wanted) scopes = scopes && it->second.count(s);
    }
    if (schemes && scopes) return true;
    if (schemes) *scopes_only = true;
  }
  return false;
}

std::string names_of(const Requirement& r) {
  std::string out;
  for (const auto& [scheme, scopes] : r) {
    out += (out.empty() ? "" : " + ") + scheme;
    if (!scopes.empty()) {
      std::string list;
      for (const std::string& s : scopes) list += (list.empty() ? "" : ", ") + s;
      out += " [" + list + "]";
    }
  }
  return out;
}

void diff_security(Differ& d, const std::string& label, const Operation& o, const Operation& n, const Located& old_op,
                   const Located& new_op) {
  Located old_at = old_op.node->find("security") ? Located{old_op.node->find("security"), child(old_op.pointer, "security")} : old_op;
  Located new_at = new_op.node->find("security") ? Located{new_op.node->find("security"), child(new_op.pointer, "security")} : new_op;
  bool was_open = open(o.security), is_open = open(n.security);
  if (was_open && !is_open) {
    d.emit("security-added-to-open-operation", label + ": now requires credentials; it took none before", old_at, new_at);
    return;
  }
  if (!was_open && is_open) {
    d.emit("security-removed", label + ": no longer requires credentials", old_at, new_at);
    return;
  }
  if (was_open) return;
  std::vector<Requirement> olds, news;
  for (const SecurityAlternative& a : o.security.alternatives) olds.push_back(requirement_of(a));
  for (const SecurityAlternative& a : n.security.alternatives) news.push_back(requirement_of(a));
  for (const Requirement& r : olds) {
    bool scopes_only = false;
    if (still_accepted(r, news, &scopes_only)) continue;
    if (scopes_only)
      d.emit("security-scope-added", label + ": credentials for " + names_of(r) + " now need further scopes", old_at, new_at);
    else
      d.emit("security-requirement-changed", label + ": credentials for " + names_of(r) + " are no longer accepted", old_at,
             new_at);
  }
  // A new way to authenticate: schemes no old alternative used together (new scopes on the
  // same schemes are a change of that alternative, reported above).
  auto schemes = [](const Requirement& r) {
    std::set<std::string> out;
    for (const auto& entry : r) out.insert(entry.first);
    return out;
  };
  for (const Requirement& r : news) {
    bool known = false;
    for (const Requirement& old : olds) known = known || schemes(old) == schemes(r);
    if (!known) d.emit("security-alternative-added", label + ": also accepts " + names_of(r), old_at, new_at);
  }
}

void diff_schemes(Differ& d) {
  const ApiModel& om = *d.old_side.model;
  const ApiModel& nm = *d.new_side.model;
  Located old_root = root_of(d.old_doc, "components"), new_root = root_of(d.new_doc, "components");
  auto where = [](const Node& doc, const Located& fallback, const std::string& name) {
    std::string pointer = append_pointer("/components/securitySchemes", name);
    auto tokens = parse_pointer(pointer);
    const Node* n = tokens ? resolve_pointer(doc, *tokens) : nullptr;
    return n ? Located{n, pointer} : fallback;
  };
  for (const SecurityScheme& o : om.security_schemes) {
    auto it = std::find_if(nm.security_schemes.begin(), nm.security_schemes.end(),
                           [&](const SecurityScheme& s) { return s.name == o.name; });
    Located at_old = where(d.old_doc, old_root, o.name);
    if (it == nm.security_schemes.end()) {
      d.emit("security-scheme-removed", "security scheme '" + o.name + "' removed", at_old, new_root);
      continue;
    }
    const SecurityScheme& n = *it;
    std::string what;
    if (o.type != n.type) what = "type " + o.type + " -> " + n.type;
    else if (o.in != n.in) what = "in " + o.in + " -> " + n.in;
    else if (o.param_name != n.param_name) what = "name " + o.param_name + " -> " + n.param_name;
    else if (o.http_scheme != n.http_scheme) what = "scheme " + o.http_scheme + " -> " + n.http_scheme;
    if (!what.empty())
      d.emit("security-scheme-changed", "security scheme '" + o.name + "': " + what, at_old, where(d.new_doc, new_root, n.name));
  }
}

// --- servers -----------------------------------------------------------------------------------

void diff_servers(Differ& d) {
  auto urls = [](const Node& doc) {
    std::vector<std::pair<std::string, Located>> out;
    const Node* list = doc.find("servers");
    if (!list || !list->is_array()) return out;
    for (size_t i = 0; i < list->items.size(); ++i)
      out.push_back({std::string(list->items[i].string_at("url")), Located{&list->items[i], child("/servers", i)}});
    return out;
  };
  // The model's servers: a bundle's own (apiref.yaml) replace the description's.
  auto model_urls = [&](const ApiModel& m, const Node& doc) {
    std::vector<std::pair<std::string, Located>> out = urls(doc);
    std::vector<std::pair<std::string, Located>> kept;
    for (const Server& s : m.servers) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& u) { return u.first == s.url; });
      kept.push_back({s.url, it != out.end() ? it->second : root_of(doc, "servers")});
    }
    return kept;
  };
  auto olds = model_urls(*d.old_side.model, d.old_doc), news = model_urls(*d.new_side.model, d.new_doc);
  auto has = [](const auto& list, const std::string& url) {
    return std::any_of(list.begin(), list.end(), [&](const auto& u) { return u.first == url; });
  };
  for (const auto& [url, at] : olds)
    if (!has(news, url)) d.emit("server-removed", "server " + url + " removed", at, root_of(d.new_doc, "servers"));
  for (const auto& [url, at] : news)
    if (!has(olds, url)) d.emit("server-added", "server " + url + " added", root_of(d.old_doc, "servers"), at);
}

}  // namespace

void diff_operations(Differ& d) {
  Index olds = index_of(*d.old_side.model), news = index_of(*d.new_side.model);
  Located old_paths = root_of(d.old_doc, "paths"), new_paths = root_of(d.new_doc, "paths");

  for (const auto& [key, op] : olds.paths)
    if (!news.paths.count(key))
      d.emit("path-removed", "path " + op->path + " removed", path_item_of(d, true, *op), new_paths);
  for (const auto& [key, op] : news.paths)
    if (!olds.paths.count(key)) d.emit("path-added", "path " + op->path + " added", old_paths, path_item_of(d, false, *op));

  for (const auto& [key, o] : olds.operations) {
    std::string pk = (o->is_webhook ? "webhook " : "") + path_key(*o);
    auto it = news.operations.find(key);
    if (it == news.operations.end()) {
      if (news.paths.count(pk)) {
        Located old_item = path_item_of(d, true, *o);
        d.emit("operation-removed", label_of(*o) + " removed", operation_in(old_item, *o),
               path_item_of(d, false, *news.paths.at(pk)));
      }
      continue;
    }
    const Operation& n = *it->second;
    std::string label = label_of(n);
    Located old_item = path_item_of(d, true, *o), new_item = path_item_of(d, false, n);
    Located old_op = operation_in(old_item, *o), new_op = operation_in(new_item, n);
    if (!old_op || !new_op) continue;
    if (!o->id_generated && !n.id_generated && o->id != n.id)
      d.emit("operation-id-changed", label + ": operationId " + o->id + " -> " + n.id, old_op, new_op);
    if (!o->deprecated && n.deprecated) d.emit("operation-deprecated", label + " is deprecated", old_op, new_op);
    if (o->deprecated && !n.deprecated) d.emit("operation-undeprecated", label + " is no longer deprecated", old_op, new_op);
    std::set<std::string> oa = audiences(old_op), na = audiences(new_op);
    if (oa != na)
      d.emit("operation-audience-changed", label + ": x-internal " + listed_or_none(oa) + " -> " + listed_or_none(na), old_op, new_op);
    diff_security(d, label, *o, n, old_op, new_op);
    diff_parameters(d, label, old_item, old_op, new_item, new_op, o->path, n.path);
    diff_request_body(d, label, old_op, new_op);
    diff_responses(d, label, old_op, new_op);
  }
  for (const auto& [key, n] : news.operations) {
    if (olds.operations.count(key)) continue;
    std::string pk = (n->is_webhook ? "webhook " : "") + path_key(*n);
    if (!olds.paths.count(pk)) continue;  // the path's addition says it
    d.emit("operation-added", label_of(*n) + " added", path_item_of(d, true, *olds.paths.at(pk)),
           operation_in(path_item_of(d, false, *n), *n));
  }
  diff_servers(d);
  diff_schemes(d);
}

}  // namespace apiref::diff_internal
