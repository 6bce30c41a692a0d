// The OpenAPI object model: required fields, field types, fields of the other version and
// unknown fields are checked by the walk itself (walk.cpp, from the tables in model.cpp);
// this family declares those rules and adds what the tables cannot say: a 3.0 document needs
// paths, a 3.1 one paths, components or webhooks, a parameter's `in`, component names.
#include <cctype>
#include <memory>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

class StructureRules {
 public:
  explicit StructureRules(Walk& w) : w_(w) {}

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    switch (k) {
      case K::Root:
        if (st.v30 && !n.find("paths") && !w_.root(st.root).base)
          w_.report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "OpenAPI Object is missing required field 'paths'", "paths");
        if (!st.v30 && !n.find("paths") && !n.find("components") && !n.find("webhooks"))
          w_.report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "an OpenAPI 3.1 document needs paths, components or webhooks");
        return;
      case K::Parameter: {
        std::string_view in = n.string_at("in");
        const Node* inn = n.find("in");
        if (inn && in == "querystring" && st.ver != oas::V32)
          w_.at_value("spec-version-keyword", st, append_pointer(ptr, "in"), *inn, "'in: querystring' is only defined in OpenAPI 3.2");
        else if (inn && inn->is_string() && in != "query" && in != "header" && in != "path" && in != "cookie" && in != "querystring")
          w_.at_value("spec-structure", st, append_pointer(ptr, "in"), *inn,
                      st.ver == oas::V32 ? "parameter 'in' must be query, querystring, header, path or cookie"
                                         : "parameter 'in' must be query, header, path or cookie");
        return;
      }
      case K::Components:
        for (const Member& section : n.members) {
          if (is_ext(section.key) || !section.value.is_object()) continue;
          for (const Member& c : section.value.members) {
            bool ok = !c.key.empty();
            for (char ch : c.key)
              if (!isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ok = false;
            if (!ok)
              w_.at_key("spec-component-name", st, append_pointer(append_pointer(ptr, section.key), c.key), c,
                        "component name '" + c.key + "' must match ^[a-zA-Z0-9.\\-_]+$");
          }
        }
        return;
      default: return;
    }
  }

 private:
  Walk& w_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<StructureRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  return h;
}

}  // namespace

const RuleFamily& structure_family() {
  static const RuleFamily family{
      "structure",
      {
          {"spec-structure", "required fields, field types and values of the OpenAPI object model", ERR, ERR, ERR},
          {"spec-unknown-field", "a field the OpenAPI object does not have (x- is allowed)", ERR, ERR, ERR},
          {"spec-version-keyword", "a keyword of the other OpenAPI version (nullable, const, type arrays...)", ERR, ERR, ERR},
          {"spec-component-name", "component names must match ^[a-zA-Z0-9.\\-_]+$", ERR, ERR, ERR},
          {"schema-nullable-3.1", "nullable in a 3.1 schema (ignored there: null is refused)", OFF, WARN, ERR},
          {"schema-unknown-keyword", "a keyword JSON Schema 2020-12 does not define (3.1)", OFF, WARN, WARN},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
