// Examples and defaults: valid against their schema, and the mutually exclusive ways of
// giving one (example / examples, value / externalValue).
#include <memory>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

class ExampleRules {
 public:
  explicit ExampleRules(Walk& w)
      : w_(w), example_valid_(w.rule_on("example-valid")), default_valid_(w.rule_on("default-valid")) {}

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    switch (k) {
      case K::Parameter:
      case K::Header:
      case K::MediaType: return examples_of(n, ptr, st);
      case K::Example:
        if (n.find("value") && n.find("externalValue"))
          w_.report("example-value-or-externalValue", st.doc, ptr, n.pos, n.pos, st.chain,
                    "an Example has value or externalValue, not both");
        return;
      default: return;
    }
  }

  void schema(const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st) {
    // default and example against the schema itself.
    struct OwnValue {
      const char* keyword;
      const Node* value;
      const char* rule;
      bool rule_on;
    };
    for (const OwnValue& o : {OwnValue{"default", k.default_value, "default-valid", default_valid_},
                              OwnValue{"example", k.example, "example-valid", example_valid_}}) {
      if (!o.value || !o.rule_on) continue;
      ValidationError err;
      if (!validate_value(*o.value, *st.doc, n, w_.schema_resolver(), w_.patterns(), st.v30, err))
        w_.at_value(o.rule, st, append_pointer(ptr, o.keyword) + err.path, *o.value,
                    std::string(o.keyword) + " is not valid against its schema: " + err.message);
    }
    if (!st.v30 && example_valid_) {
      if (const Node* ex = k.examples; ex && ex->is_array()) {
        for (size_t i = 0; i < ex->items.size(); ++i) {
          ValidationError err;
          if (!validate_value(ex->items[i], *st.doc, n, w_.schema_resolver(), w_.patterns(), false, err))
            w_.at_value("example-valid", st, append_pointer(ptr, "examples") + "/" + std::to_string(i) + err.path,
                        ex->items[i], "example is not valid against its schema: " + err.message);
        }
      }
    }
  }

 private:
  void validate_against(const Node& value, const Document* schema_doc, const Node* schema,
                        const std::string& vptr, const St& st, const char* what) {
    if (!schema || !example_valid_) return;
    ValidationError err;
    if (!validate_value(value, *schema_doc, *schema, w_.schema_resolver(), w_.patterns(), st.v30, err))
      w_.at_value("example-valid", st, vptr + err.path, value, std::string(what) + " is not valid against its schema: " + err.message);
  }

  // example / examples of a Parameter, Header or Media Type against its schema.
  void examples_of(const Node& n, const std::string& ptr, const St& st) {
    const Node* example = n.find("example");
    const Node* examples = n.find("examples");
    if (example && examples)
      w_.report("example-or-examples", st.doc, append_pointer(ptr, "examples"), n.pos, n.pos, st.chain,
                "example and examples are mutually exclusive");
    const Node* schema = n.find("schema");
    if (!schema) return;
    if (example) validate_against(*example, st.doc, schema, append_pointer(ptr, "example"), st, "example");
    if (examples && examples->is_object() && example_valid_) {
      for (const Member& e : examples->members) {
        Deref d = w_.deref(st.doc, e.value, append_pointer(append_pointer(ptr, "examples"), e.key));
        if (!d.node || !d.node->is_object()) continue;
        const Node* value = d.node->find("value");
        if (!value) continue;
        St vs = st;
        vs.doc = d.doc;
        // The finding sits on the example's value (maybe in another file); the schema stays
        // the one of this media type.
        ValidationError err;
        if (!validate_value(*value, *st.doc, *schema, w_.schema_resolver(), w_.patterns(), st.v30, err))
          w_.at_value("example-valid", vs, append_pointer(d.pointer, "value") + err.path, *value,
                      "example '" + e.key + "' is not valid against its schema: " + err.message);
      }
    }
  }

  Walk& w_;
  // Whether these costly rules can be on anywhere (see Settings::rules_off).
  const bool example_valid_, default_valid_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<ExampleRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  h.schema = [r](const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st, const Node*) {
    r->schema(n, k, ptr, st);
  };
  return h;
}

}  // namespace

const RuleFamily& examples_family() {
  static const RuleFamily family{
      "examples",
      {
          {"example-valid", "examples are valid against their schema", OFF, WARN, ERR},
          {"default-valid", "defaults are valid against their schema", OFF, WARN, ERR},
          {"example-value-or-externalValue", "an Example has value or externalValue, not both", ERR, ERR, ERR},
          {"example-or-examples", "example and examples are mutually exclusive", ERR, ERR, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
