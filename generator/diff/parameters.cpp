// An operation's parameters in two versions: matched by location and name (path variables by
// their place in the template, so that renaming one is not a new parameter), then the ones
// left over paired as moved (same name, other location) or renamed (same location and schema).
#include <algorithm>
#include <map>

#include "diff/differ.h"
#include "text/case.h"

namespace apiref::diff_internal {

namespace {

struct Param {
  Located at;
  std::string name, in;
  bool required = false, deprecated = false, explode = false;
  std::string style;
  Located schema;
};

// The variables of a path template, in order.
std::vector<std::string> template_variables(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while ((i = path.find('{', i)) != std::string::npos) {
    size_t end = path.find('}', i);
    if (end == std::string::npos) break;
    out.push_back(path.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return out;
}

// The key two versions' parameters match by: location and name (headers without case), a
// path variable by its place in the template.
std::string key_of(const Param& p, const std::vector<std::string>& variables) {
  if (p.in == "path") {
    auto it = std::find(variables.begin(), variables.end(), p.name);
    if (it != variables.end()) return "path#" + std::to_string(it - variables.begin());
  }
  return p.in + ":" + (p.in == "header" ? text::ascii_lower(p.name) : p.name);
}

std::vector<Param> parameters_of(const Differ& d, bool old, const Located& item, const Located& op) {
  std::map<std::string, size_t> by_key;
  std::vector<Param> out;
  const Node& doc = old ? d.old_doc : d.new_doc;
  for (const Located* holder : {&item, &op}) {
    if (!*holder) continue;
    const Node* list = holder->node->find("parameters");
    if (!list || !list->is_array()) continue;
    for (size_t i = 0; i < list->items.size(); ++i) {
      Located at = d.deref(doc, &list->items[i], child(child(holder->pointer, "parameters"), i));
      if (!at || !at.node->is_object()) continue;
      Param p;
      p.at = at;
      p.name = std::string(at.node->string_at("name"));
      p.in = std::string(at.node->string_at("in"));
      p.required = p.in == "path" || truthy(at.node->find("required"));
      p.deprecated = truthy(at.node->find("deprecated"));
      p.style = std::string(at.node->string_at("style"));
      if (p.style.empty()) p.style = p.in == "query" || p.in == "cookie" ? "form" : "simple";
      const Node* explode = at.node->find("explode");
      p.explode = explode ? truthy(explode) : p.style == "form";
      if (const Node* s = at.node->find("schema")) {
        p.schema = {s, child(at.pointer, "schema")};
      } else if (const Node* content = at.node->find("content"); content && !content->members.empty()) {
        const Member& m = content->members.front();
        if (const Node* media_schema = m.value.find("schema"))
          p.schema = {media_schema, child(child(child(at.pointer, "content"), m.key), "schema")};
      }
      std::string k = p.in + ":" + p.name;
      auto it = by_key.find(k);
      if (it != by_key.end()) {
        out[it->second] = p;  // the operation's replaces the path item's
      } else {
        by_key.emplace(k, out.size());
        out.push_back(p);
      }
    }
  }
  return out;
}

std::string describe(const Param& p) { return "parameter '" + p.name + "' (" + p.in + ")"; }

}  // namespace

void diff_parameters(Differ& d, const std::string& label, const Located& old_item, const Located& old_op,
                     const Located& new_item, const Located& new_op, const std::string& old_path,
                     const std::string& new_path) {
  std::vector<Param> olds = parameters_of(d, true, old_item, old_op);
  std::vector<Param> news = parameters_of(d, false, new_item, new_op);
  std::vector<std::string> old_vars = template_variables(old_path), new_vars = template_variables(new_path);
  std::map<std::string, size_t> new_by_key;
  for (size_t i = 0; i < news.size(); ++i) new_by_key.emplace(key_of(news[i], new_vars), i);
  std::vector<bool> new_matched(news.size(), false);
  std::vector<const Param*> old_left;

  for (const Param& o : olds) {
    auto it = new_by_key.find(key_of(o, old_vars));
    if (it == new_by_key.end() || new_matched[it->second]) {
      old_left.push_back(&o);
      continue;
    }
    new_matched[it->second] = true;
    const Param& n = news[it->second];
    std::string what = label + ": " + describe(n);
    if (o.in == "path" && o.name != n.name)
      d.emit("path-parameter-renamed", label + ": path variable {" + o.name + "} is now {" + n.name + "}", o.at, n.at);
    if (!o.required && n.required) d.emit("parameter-made-required", what + " is now required", o.at, n.at);
    if (o.required && !n.required) d.emit("parameter-made-optional", what + " is now optional", o.at, n.at);
    if (o.style != n.style || o.explode != n.explode)
      d.emit("parameter-style-changed",
             what + ": style " + o.style + (o.explode ? " exploded" : "") + " -> " + n.style + (n.explode ? " exploded" : ""),
             o.at, n.at);
    if (!o.deprecated && n.deprecated) d.emit("parameter-deprecated", what + " is deprecated", o.at, n.at);
    if (o.schema && n.schema) diff_schema(d, what, o.schema, n.schema, Direction::Request);
  }

  // Left over: moved (same name elsewhere), renamed (same place and schema), or gone.
  for (const Param* o : old_left) {
    const Param* moved = nullptr;
    const Param* renamed = nullptr;
    for (size_t i = 0; i < news.size(); ++i) {
      if (new_matched[i]) continue;
      if (news[i].name == o->name && news[i].in != o->in && !moved) moved = &news[i];
    }
    if (!moved) {
      std::string sig = o->schema ? schema_signature(d, true, o->schema) : "";
      for (size_t i = 0; i < news.size() && !renamed; ++i) {
        const Param& n = news[i];
        if (new_matched[i] || n.in != o->in || n.required != o->required) continue;
        if ((n.schema ? schema_signature(d, false, n.schema) : "") == sig) renamed = &n;
      }
    }
    const Param* pair = moved ? moved : renamed;
    if (pair) {
      new_matched[pair - news.data()] = true;
      if (moved)
        d.emit("parameter-moved", label + ": " + describe(*o) + " moved to " + pair->in, o->at, pair->at);
      else
        d.emit("parameter-renamed", label + ": " + describe(*o) + " renamed to '" + pair->name + "'", o->at, pair->at);
      if (pair->required && !o->required)
        d.emit("parameter-made-required", label + ": " + describe(*pair) + " is now required", o->at, pair->at);
      if (o->schema && pair->schema) diff_schema(d, label + ": " + describe(*pair), o->schema, pair->schema, Direction::Request);
      continue;
    }
    d.emit("parameter-removed", label + ": " + describe(*o) + " removed", o->at, new_op);
  }
  for (size_t i = 0; i < news.size(); ++i) {
    if (new_matched[i]) continue;
    const Param& n = news[i];
    if (n.required)
      d.emit("parameter-added-required", label + ": new required " + describe(n), old_op, n.at);
    else
      d.emit("parameter-added", label + ": new optional " + describe(n), old_op, n.at);
  }
}

}  // namespace apiref::diff_internal
