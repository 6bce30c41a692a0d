// Schemas: patterns that compile, enums and keywords that fit the declared type, bounds in
// order, required properties that exist.
#include <cstdlib>
#include <cstring>
#include <memory>

#include "check/rule.h"
#include "text/regex.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

// The type a keyword only applies to ("string", "number", "array" or "object"), or nullptr.
const char* type_of_keyword(const std::string& k) {
  if (k.empty()) return nullptr;
  switch (k[0]) {
    case 'a': return k == "additionalProperties" ? "object" : nullptr;
    case 'i': return k == "items" ? "array" : nullptr;
    case 'm':
      if (k == "minLength" || k == "maxLength") return "string";
      if (k == "minimum" || k == "maximum" || k == "multipleOf") return "number";
      if (k == "minItems" || k == "maxItems") return "array";
      if (k == "minProperties" || k == "maxProperties") return "object";
      return nullptr;
    case 'p':
      if (k == "pattern") return "string";
      if (k == "properties") return "object";
      return nullptr;
    case 'u': return k == "uniqueItems" ? "array" : nullptr;
    default: return nullptr;
  }
}

class SchemaRules {
 public:
  explicit SchemaRules(Walk& w)
      : w_(w),
        enum_consistent_(w.rule_on("enum-consistent")),
        type_consistent_(w.rule_on("type-consistent")),
        required_defined_(w.rule_on("required-properties-defined")),
        pattern_invalid_(w.rule_on("schema-pattern-invalid")) {}

  void schema(const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st, const Node* type) {
    // Pattern compiles.
    if (const Node* p = k.pattern; p && p->is_string() && pattern_invalid_) {
      // std::regex lacks lookbehind and \p{...}; those are left alone rather than misjudged.
      if (!text::beyond_std_regex(p->text) && !w_.patterns().compiles(p->text))
        w_.at_value("schema-pattern-invalid", st, append_pointer(ptr, "pattern"), *p, "pattern is not a valid regular expression");
    }
    bool nullable = false;
    if (const Node* nb = k.nullable) nullable = nb->kind == NodeKind::Bool && nb->boolean;
    auto type_allows = [&](const Node& v) {
      if (!type) return true;
      auto one = [&](const std::string& t) {
        if (v.kind == NodeKind::Null) return t == "null";
        if (t == "integer") return v.kind == NodeKind::Number && v.text.find_first_of(".eE") == std::string::npos;
        if (t == "number") return v.kind == NodeKind::Number;
        if (t == "string") return v.kind == NodeKind::String;
        if (t == "boolean") return v.kind == NodeKind::Bool;
        if (t == "object") return v.kind == NodeKind::Object;
        if (t == "array") return v.kind == NodeKind::Array;
        return true;
      };
      if (v.kind == NodeKind::Null && nullable) return true;
      if (type->is_string()) return one(type->text);
      for (const Node& t : type->items)
        if (t.is_string() && one(t.text)) return true;
      return !type->is_array();
    };
    // Enum consistency.
    if (const Node* e = k.enum_values; e && e->is_array() && enum_consistent_) {
      std::string ep = append_pointer(ptr, "enum");
      if (e->items.empty()) w_.at_value("enum-consistent", st, ep, *e, "enum is empty: no value is valid");
      for (size_t i = 0; i < e->items.size() && i < 10000; ++i) {
        const Node& v = e->items[i];
        if (!type_allows(v))
          w_.at_value("enum-consistent", st, ep + "/" + std::to_string(i), v,
                      std::string("enum value is ") + node_kind_word(v) + ", not of the schema's type");
        if (e->items.size() <= 500)
          for (size_t j = 0; j < i; ++j)
            if (e->items[j] == v) {
              w_.at_value("enum-consistent", st, ep + "/" + std::to_string(i), v, "enum value repeats item " + std::to_string(j));
              break;
            }
      }
    }
    // Type consistency: keywords of another type, and inverted bounds.
    if (type && type->is_string() && type_consistent_) {
      const std::string& t = type->text;
      for (const Member& m : n.members) {
        const char* applies_to = type_of_keyword(m.key);
        if (!applies_to) continue;
        bool same = t == applies_to || (t == "integer" && std::strcmp(applies_to, "number") == 0);
        if (!same)
          w_.at_key("type-consistent", st, append_pointer(ptr, m.key), m,
                    "'" + m.key + "' applies to " + applies_to + " values, but the type is " + t);
      }
    }
    auto inverted = [&](const Node* a, const char* lo, const Node* b, const char* hi) {
      if (a && b && a->kind == NodeKind::Number && b->kind == NodeKind::Number &&
          std::strtod(a->text.c_str(), nullptr) > std::strtod(b->text.c_str(), nullptr))
        w_.at_value("type-consistent", st, append_pointer(ptr, lo), *a, std::string(lo) + " is greater than " + hi);
    };
    if (type_consistent_) {
      inverted(k.minimum, "minimum", k.maximum, "maximum");
      inverted(k.min_length, "minLength", k.max_length, "maxLength");
      inverted(k.min_items, "minItems", k.max_items, "maxItems");
      inverted(k.min_properties, "minProperties", k.max_properties, "maxProperties");
    }
    // Required properties that are not among the properties (typos, renamed fields).
    const Node* props = k.properties;
    const Node* req = k.required;
    if (required_defined_ && props && props->is_object() && req && req->is_array() && !k.all_of && !k.any_of && !k.one_of) {
      for (size_t i = 0; i < req->items.size(); ++i) {
        const Node& r = req->items[i];
        if (r.is_string() && !props->find(r.text))
          w_.at_value("required-properties-defined", st, append_pointer(ptr, "required") + "/" + std::to_string(i), r,
                      "required property '" + r.text + "' is not defined in properties", r.text);
      }
    }
    }

 private:
  Walk& w_;
  // Whether these costly rules can be on anywhere (see Settings::rules_off).
  const bool enum_consistent_, type_consistent_, required_defined_, pattern_invalid_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<SchemaRules>(w);
  Hooks h;
  h.schema = [r](const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st, const Node* type) {
    r->schema(n, k, ptr, st, type);
  };
  return h;
}

}  // namespace

const RuleFamily& schemas_family() {
  static const RuleFamily family{
      "schemas",
      {
          {"schema-pattern-invalid", "a pattern that is not a valid regular expression", OFF, ERR, ERR},
          {"enum-consistent", "enum values match the type and are unique", OFF, WARN, ERR},
          {"type-consistent", "keywords fit the declared type; min <= max", OFF, WARN, ERR},
          {"required-properties-defined", "required properties are listed in properties", OFF, WARN, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
