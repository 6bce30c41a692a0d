// Naming and extensions: the project's conventions (apiref.yaml check.naming and
// check.extensions), for operationIds, schema, parameter and property names, and the x-
// fields an operation, path, parameter, schema, tag or the root must carry.
#include <algorithm>
#include <cctype>
#include <memory>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

bool matches_style(const std::string& s, const std::string& style) {
  if (s.empty() || style == "any") return true;
  auto all = [&](auto pred) {
    for (char c : s)
      if (!pred(static_cast<unsigned char>(c))) return false;
    return true;
  };
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (style == "camelCase") return islower(first) && all([](unsigned char c) { return isalnum(c) != 0; });
  if (style == "PascalCase") return isupper(first) && all([](unsigned char c) { return isalnum(c) != 0; });
  if (style == "snake_case") return islower(first) && all([](unsigned char c) { return islower(c) || isdigit(c) || c == '_'; });
  if (style == "kebab-case") return islower(first) && all([](unsigned char c) { return islower(c) || isdigit(c) || c == '-'; });
  return true;
}

class NamingRules {
 public:
  explicit NamingRules(Walk& w) : w_(w) {}

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    switch (k) {
      case K::Root: return extension_policy("root", n, ptr, st);
      case K::PathItem:
        extension_policy("path", n, ptr, st);
        for_each_operation(n, ptr, st, [&](const Member& m, const std::string& op_ptr) {
          const Node& op = m.value;
          const Node* id = op.find("operationId");
          if (id && id->is_string() && w_.settings().naming.count("operationId")) {
            Member fake{id->text, id->pos, Node()};
            check_name("operationId", fake, append_pointer(op_ptr, "operationId"), st);
          }
          extension_policy("operation", op, op_ptr, st);
        });
        return;
      case K::Parameter: {
        std::string_view in = n.string_at("in");
        if (const Node* nm = n.find("name"); nm && nm->is_string() && w_.settings().naming.count("parameter") && in != "header") {
          Member fake{nm->text, nm->pos, Node()};
          check_name("parameter", fake, append_pointer(ptr, "name"), st);
        }
        return extension_policy("parameter", n, ptr, st);
      }
      case K::Components:
        for (const Member& section : n.members) {
          if (is_ext(section.key) || !section.value.is_object() || section.key != "schemas") continue;
          for (const Member& c : section.value.members) {
            std::string cp = append_pointer(append_pointer(ptr, section.key), c.key);
            check_name("schema", c, cp, st);
            if (c.value.is_object()) extension_policy("schema", c.value, cp, st);
          }
        }
        return;
      case K::Tag: return extension_policy("tag", n, ptr, st);
      default: return;
    }
  }

  // Property names, once the schema's keywords are walked.
  void schema(const Node& n, const std::string& ptr, const St& st) {
    for (const Member& m : n.members) {
      if (m.key != "properties" || !m.value.is_object()) continue;
      std::string mp = append_pointer(ptr, m.key);
      for (const Member& p : m.value.members) check_name("property", p, append_pointer(mp, p.key), st);
    }
  }

 private:
  void check_name(const char* what, const Member& m, const std::string& mp, const St& st) {
    auto it = w_.settings().naming.find(what);
    if (it == w_.settings().naming.end()) return;
    if (!matches_style(m.key, it->second))
      w_.at_key("naming-convention", st, mp, m, std::string(what) + " name '" + m.key + "' is not " + it->second);
  }

  void extension_policy(const char* where, const Node& n, const std::string& ptr, const St& st) {
    for (const ExtensionPolicy& p : w_.settings().extensions) {
      if (p.where != where) continue;
      const Node* x = n.find(p.name);
      if (!x) {
        if (p.required)
          w_.report(p.rule, st.doc, ptr, n.pos, n.pos, st.chain, std::string(where) + " has no '" + p.name + "'", p.name, p.severity);
        continue;
      }
      if (p.values.empty()) continue;
      std::vector<const Node*> vals;
      if (x->is_array()) for (const Node& i : x->items) vals.push_back(&i);
      else vals.push_back(x);
      if (x->is_array() && x->items.empty())
        w_.report(p.rule, st.doc, append_pointer(ptr, p.name), x->pos, x->pos, st.chain, "'" + p.name + "' is empty", p.name, p.severity);
      for (const Node* v : vals) {
        std::string s = v->kind == NodeKind::Bool ? (v->boolean ? "true" : "false") : v->text;
        if (v->is_object() || v->is_array() || std::find(p.values.begin(), p.values.end(), s) == p.values.end()) {
          std::string allowed;
          for (const std::string& a : p.values) allowed += (allowed.empty() ? "" : ", ") + a;
          w_.report(p.rule, st.doc, append_pointer(ptr, p.name), v->pos, value_end(*v), st.chain,
                    "'" + p.name + "' value '" + s + "' is not one of: " + allowed, p.name + "=" + s, p.severity);
        }
      }
    }
  }

  Walk& w_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<NamingRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  if (w.settings().naming.count("property"))
    h.schema = [r](const Node& n, const SchemaKeywords&, const std::string& ptr, const St& st, const Node*) {
      r->schema(n, ptr, st);
    };
  return h;
}

}  // namespace

const RuleFamily& naming_family() {
  static const RuleFamily family{
      "naming",
      {
          {"naming-convention", "names follow the configured case (operationId, schema, parameter, property)", OFF, OFF, INFO},
          {"extension-policy", "project extension policies (apiref.yaml check.extensions)", ERR, ERR, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
