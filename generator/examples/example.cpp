#include "examples/example.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/model.h"
#include "examples/example_values.h"
#include "examples/pattern_sample.h"

namespace apiref {
namespace {

// A schema's count keyword (minLength, minProperties ...) as a size, clamped: descriptions
// may hold -1, 1.5 or 1e30 there, and an example generator must not throw on them.
size_t count_keyword(const Node& s, const char* key, size_t fallback) {
  const Node* n = s.find(key);
  if (!n || n->kind != NodeKind::Number) return fallback;
  double v = std::strtod(n->text.c_str(), nullptr);
  if (!(v >= 0)) return 0;
  return v > 1e6 ? 1000000 : static_cast<size_t>(v);
}

// The keywords an example is made from, found in one pass over the schema's members: looking
// each up in turn was a dozen scans of every schema (about a quarter of making the examples of
// GitHub's 969 schema pages).
struct Keywords {
  const Node *example = nullptr, *examples = nullptr, *default_value = nullptr, *const_value = nullptr,
             *enum_values = nullptr, *all_of = nullptr, *one_of = nullptr, *any_of = nullptr, *type = nullptr,
             *properties = nullptr, *additional_properties = nullptr, *items = nullptr, *nullable = nullptr,
             *required = nullptr;

  explicit Keywords(const Node& s) {
    find_members(s, {{"example", &example}, {"examples", &examples}, {"default", &default_value},
                     {"const", &const_value}, {"enum", &enum_values}, {"allOf", &all_of}, {"oneOf", &one_of},
                     {"anyOf", &any_of}, {"type", &type}, {"properties", &properties},
                     {"additionalProperties", &additional_properties}, {"items", &items}, {"nullable", &nullable},
                     {"required", &required}});
  }
};

// True when the schema says `name: true` (readOnly, writeOnly).
bool flag(const Node& s, std::string_view name) {
  const Node* n = s.find(name);
  return n && n->kind == NodeKind::Bool && n->boolean;
}

// How many values one example may hold. The depth limit alone lets a description multiply:
// twelve properties per level that all refer to the next level, nine levels deep, are 12^9
// objects. Past the budget, objects stop taking properties and arrays items.
constexpr size_t kMaxExampleValues = 20000;

size_t count_values(const Node& n) {
  size_t count = 1;
  for (const Node& item : n.items) count += count_values(item);
  for (const Member& m : n.members) count += count_values(m.value);
  return count;
}

struct ExampleMaker {
  const Node& doc;
  const ExampleOptions& options;
  std::vector<const Node*> stack;  // schemas being expanded, to stop recursion
  size_t values_left = kMaxExampleValues;
  text::PatternCache own_regexes{64};  // when the run shares no PatternSamples

  // `name` is what the value is called where it appears (the property, the parameter, the
  // array's name for its items): names say what a value looks like when the schema does not.
  Node make(const Node& raw, int depth, std::string_view name) {
    if (values_left == 0) return Node();
    --values_left;
    const Node* s = deref_internal(doc, raw);
    if (!s || !s->is_object()) return Node();
    if (std::find(stack.begin(), stack.end(), s) != stack.end() || depth > options.max_depth) return Node();
    // A value documented beside the $ref (Meshery writes `$ref` + `default:`) is about this
    // use of the schema, and wins over the target's own.
    Keywords k(*s);
    if (&raw != s && raw.is_object()) {
      for (const char* key : {"example", "default"})
        if (const Node* beside = raw.find(key))
          if (std::optional<Node> v = as_schema_type(*beside, k)) return std::move(*v);
    }
    stack.push_back(s);
    Node out = make_resolved(*s, k, depth, name);
    stack.pop_back();
    return out;
  }

  // A documented value (example, default, enum) as the schema's type wants it, or nothing
  // when it cannot be one. `example: 1.0` unquoted under type: string is what YAML made of
  // the author's "1.0"; `example: [v1, v2]` under type: string was meant as `examples`.
  // Either way a server validating the schema would reject the value as written.
  static std::optional<Node> as_schema_type(const Node& value, const Keywords& s) {
    const Node* t = s.type;
    if (!t || !t->is_string()) return value;
    const std::string& type = t->text;
    bool nullable = s.nullable && s.nullable->boolean;
    if (value.is_null()) return nullable ? std::optional<Node>(value) : std::nullopt;
    if (type == "string") {
      if (value.is_string()) return value;
      if (value.kind == NodeKind::Number) return Node::string(value.text, value.pos);
      if (value.kind == NodeKind::Bool) return Node::string(value.boolean ? "true" : "false", value.pos);
      return std::nullopt;
    }
    if (type == "integer" || type == "number") return value.kind == NodeKind::Number ? std::optional<Node>(value) : std::nullopt;
    if (type == "boolean") return value.kind == NodeKind::Bool ? std::optional<Node>(value) : std::nullopt;
    if (type == "array") return value.is_array() ? std::optional<Node>(value) : std::nullopt;
    if (type == "object") return value.is_object() ? std::optional<Node>(value) : std::nullopt;
    return value;
  }

  // The first documented value the schema gives that fits its type.
  static std::optional<Node> documented_value(const Keywords& s) {
    if (const Node* e = s.example)
      if (std::optional<Node> v = as_schema_type(*e, s)) return v;
    if (const Node* e = s.examples; e && e->is_array() && !e->items.empty())
      if (std::optional<Node> v = as_schema_type(e->items[0], s)) return v;
    if (const Node* d = s.default_value)
      if (std::optional<Node> v = as_schema_type(*d, s)) return v;
    return std::nullopt;
  }

  Node make_resolved(const Node& s, const Keywords& k, int depth, std::string_view name) {
    if (std::optional<Node> v = documented_value(k)) return std::move(*v);
    if (const Node* c = k.const_value) return *c;
    if (const Node* e = k.enum_values; e && e->is_array() && !e->items.empty()) {
      std::optional<Node> v = as_schema_type(e->items[0], k);
      return v ? std::move(*v) : e->items[0];
    }
    if (const Node* all = k.all_of) {
      Node merged = Node::object();
      for (const Node& part : all->items) {
        Node piece = make(part, depth, name);
        // allOf over scalars (a $ref to a string schema plus a description, say) describes a
        // scalar: the parts cannot merge into an object.
        if (!piece.is_null() && !piece.is_object()) return piece;
        for (Member& m : piece.members) merged.set(std::move(m.key), std::move(m.value));
      }
      // Properties beside allOf apply too.
      Node own = object_example(s, k, depth);
      for (Member& m : own.members) merged.set(std::move(m.key), std::move(m.value));
      return merged;
    }
    for (const Node* a : {k.one_of, k.any_of})
      if (a && !a->items.empty()) return make(a->items[0], depth, name);

    std::string_view type = type_of(k);
    if (type == "object") return object_example(s, k, depth);
    if (type == "array") {
      Node arr = Node::array();
      if (const Node* items = k.items) {
        Node item = make(*items, depth + 1, singular(name));
        if (!item.is_null() || items->find("nullable")) {
          // minItems and maxItems bound the count, so the example stays valid.
          size_t count = std::max(options.max_array_items, std::min<size_t>(count_keyword(s, "minItems", 0), 16));
          count = std::min(count, count_keyword(s, "maxItems", count));
          // Copies count against the budget too: arrays of 16 nested 8 deep are 16^8 values.
          size_t size = count_values(item);
          if (count > 1) count = std::min(count, 1 + values_left / size);
          values_left -= std::min(values_left, (count > 1 ? count - 1 : 0) * size);
          for (size_t i = 0; i + 1 < count; ++i) arr.items.push_back(item);
          if (count) arr.items.push_back(std::move(item));
        }
      }
      return arr;
    }
    if (type == "integer") return Node::number(bounded_number(s, true, name));
    if (type == "number") return Node::number(bounded_number(s, false, name));
    if (type == "boolean") return Node::boolean_value(true);
    if (type == "null") return Node();
    return Node::string(string_example(s, name));
  }

  static std::string_view type_of(const Keywords& s) {
    const Node* t = s.type;
    if (t && t->is_string()) return t->text;
    if (t && t->is_array()) {
      for (const Node& x : t->items)
        if (x.text != "null") return x.text;
    }
    if (s.properties || s.additional_properties) return "object";
    if (s.items) return "array";
    return "string";
  }

  // A bound keyword (minimum, exclusiveMaximum ...) as a number, when it is one.
  static std::optional<double> bound(const Node& s, const char* key) {
    const Node* n = s.find(key);
    if (!n || n->kind != NodeKind::Number) return std::nullopt;
    double v = std::strtod(n->text.c_str(), nullptr);
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
  }

  // A number within the schema's bounds and multipleOf, near what the name suggests (page 1,
  // port 8080) or else near zero. Bounds too large to write exactly keep the keyword's own text.
  static std::string bounded_number(const Node& s, bool integer, std::string_view name) {
    std::optional<double> wanted = named_number(name, integer);
    const Node* min_node = s.find("minimum");
    const Node* max_node = s.find("maximum");
    bool exclusive_min = flag(s, "exclusiveMinimum"), exclusive_max = flag(s, "exclusiveMaximum");
    std::optional<double> multiple = bound(s, "multipleOf");
    if (multiple && !(*multiple > 0)) multiple.reset();
    if (!wanted && !multiple && !exclusive_min && !exclusive_max && !s.find("exclusiveMinimum") && !s.find("exclusiveMaximum")) {
      // Without a name's value the smallest allowed value reads best, written as the schema does.
      if (min_node && min_node->kind == NodeKind::Number) return min_node->text;
      if (max_node && max_node->kind == NodeKind::Number && max_node->text[0] == '-') return max_node->text;
      return integer ? "0" : "0.0";
    }
    double lo = -INFINITY, hi = INFINITY;
    bool lo_open = false, hi_open = false;
    if (std::optional<double> v = bound(s, "minimum")) lo = *v, lo_open = exclusive_min;
    if (std::optional<double> v = bound(s, "maximum")) hi = *v, hi_open = exclusive_max;
    // OpenAPI 3.1 (JSON Schema 2020-12) gives the exclusive bounds as numbers of their own.
    if (std::optional<double> v = bound(s, "exclusiveMinimum"); v && *v >= lo) lo = *v, lo_open = true;
    if (std::optional<double> v = bound(s, "exclusiveMaximum"); v && *v <= hi) hi = *v, hi_open = true;
    if (integer) {
      lo = lo_open ? std::floor(lo) + 1 : std::ceil(lo);
      hi = hi_open ? std::ceil(hi) - 1 : std::floor(hi);
      lo_open = hi_open = false;
    }
    double v = wanted.value_or(0);
    if (v < lo || (lo_open && v <= lo)) v = lo_open ? (std::isfinite(hi) ? lo + std::min(1.0, (hi - lo) / 2) : lo + 1) : lo;
    if (v > hi || (hi_open && v >= hi)) v = hi_open ? (std::isfinite(lo) ? hi - std::min(1.0, (hi - lo) / 2) : hi - 1) : hi;
    if (multiple) {
      double k = std::round(v / *multiple) * *multiple;
      if (k < lo || (lo_open && k <= lo)) k += *multiple;
      if (k > hi || (hi_open && k >= hi)) k -= *multiple;
      if (k >= lo && k <= hi) v = k;
    }
    if (!std::isfinite(v) || std::fabs(v) > 1e15) {
      if (min_node && min_node->kind == NodeKind::Number) return min_node->text;
      if (max_node && max_node->kind == NodeKind::Number) return max_node->text;
      return integer ? "0" : "0.0";
    }
    char buf[64];
    if (integer || v == std::floor(v)) std::snprintf(buf, sizeof buf, integer ? "%.0f" : "%.1f", v);
    else std::snprintf(buf, sizeof buf, "%.10g", v);
    std::string out = buf;
    return out == "-0" ? "0" : out == "-0.0" ? "0.0" : out;
  }

  // A string the format or the name says (the first that the pattern and length bounds
  // accept), else a pattern sample, else "string".
  std::string string_example(const Node& s, std::string_view name) {
    size_t min_length = count_keyword(s, "minLength", 0);
    size_t max_length = std::min<size_t>(256, count_keyword(s, "maxLength", 256));
    const Node* pattern = s.find("pattern");
    if (pattern && !pattern->is_string()) pattern = nullptr;
    StringCandidates candidates = string_candidates(name, s.string_at("format"));
    // A pattern's sample reads as noise ("aa0a0"); a plain word, when the pattern takes it, less so.
    if (pattern) candidates.add("example");
    for (size_t i = 0; i < candidates.size; ++i) {
      std::string_view c = candidates.values[i];
      if (c.size() < min_length || c.size() > max_length) continue;
      std::string value(c);
      if (!pattern) return value;
      bool accepted = options.pattern_samples ? options.pattern_samples->accepts(pattern->text, value)
                                              : PatternSamples::pattern_accepts(own_regexes, pattern->text, value);
      if (accepted) return value;
    }
    if (pattern)
      if (std::optional<std::string> sample = options.pattern_samples
                                                  ? options.pattern_samples->sample(pattern->text, min_length, max_length)
                                                  : pattern_sample(pattern->text, min_length, max_length))
        return *sample;
    std::string v = "string";
    while (v.size() < min_length && v.size() < 256) v += "x";
    if (v.size() > max_length) v.resize(max_length);
    return v;
  }

  // The properties' keys are distinct (the loaders refuse an object holding a key twice), so
  // members are appended without looking for an earlier one of the same key.
  Node object_example(const Node& s, const Keywords& k, int depth) {
    Node obj = Node::object();
    // Sets, not scans: an object of thousands of properties, all required, is quadratic.
    std::unordered_set<std::string_view> required, added;
    if (k.required)
      for (const Node& x : k.required->items) required.insert(x.text);
    auto is_required = [&](const std::string& key) { return required.count(key) > 0; };
    if (const Node* props = k.properties) {
      obj.members.reserve(props->members.size());
      for (const Member& p : props->members) {
        if (values_left == 0) break;
        const Node* ps = deref_internal(doc, p.value);
        if (!ps) continue;
        bool needed = is_required(p.key);
        if (options.required_only && !needed) continue;
        if (options.direction == ExampleFor::Request && flag(*ps, "readOnly")) continue;
        if (options.direction == ExampleFor::Response && flag(*ps, "writeOnly")) continue;
        bool recursive = std::find(stack.begin(), stack.end(), ps) != stack.end();
        if (recursive && !needed) continue;  // leave optional recursion out entirely
        obj.members.push_back(Member{p.key, {}, make(p.value, depth + 1, p.key)});
      }
      // Required-only examples still honour minProperties: optional properties fill the gap.
      size_t wanted = count_keyword(s, "minProperties", 0);
      if (wanted > obj.members.size())
        for (const Member& m : obj.members) added.insert(m.key);
      for (const Member& p : props->members) {
        if (obj.members.size() >= wanted || values_left == 0) break;
        if (added.count(p.key)) continue;
        const Node* ps = deref_internal(doc, p.value);
        if (!ps || (options.direction == ExampleFor::Request && flag(*ps, "readOnly"))) continue;
        obj.members.push_back(Member{p.key, {}, make(p.value, depth + 1, p.key)});
      }
    }
    return obj;
  }
};

}  // namespace

Node example_from_schema(const Node& document, const Node& schema, const ExampleOptions& options) {
  ExampleMaker maker{document, options, {}};
  return maker.make(schema, 0, options.name);
}

const Node* documented_example(const Node& document, const Node* example, const Node* examples) {
  if (example) return example;
  if (!examples || !examples->is_object() || examples->members.empty()) return nullptr;
  const Node* first = deref_internal(document, examples->members[0].value);
  return first ? first->find("value") : nullptr;
}

}  // namespace apiref
