// The small JSON-schema validator behind example-valid and default-valid. It covers what
// OpenAPI descriptions use; keywords it does not know are ignored (never a false finding).
#include <cmath>
#include <cstdlib>

#include "check/engine.h"
#include "text/regex.h"
#include "text/utf8.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

struct Validator {
  const SchemaResolver& resolve;
  text::PatternCache& patterns;
  bool oas30;
  size_t budget = 20000;  // schema nodes visited per value
  ValidationError* error;

  static bool is_integer(const Node& v) {
    if (v.kind != NodeKind::Number) return false;
    if (v.text.find_first_of(".eE") == std::string::npos) return true;
    double d = std::strtod(v.text.c_str(), nullptr);
    return std::isfinite(d) && std::floor(d) == d;
  }

  static bool type_matches(const std::string& t, const Node& v) {
    if (t == "string") return v.kind == NodeKind::String;
    if (t == "number") return v.kind == NodeKind::Number;
    if (t == "integer") return is_integer(v);
    if (t == "boolean") return v.kind == NodeKind::Bool;
    if (t == "object") return v.kind == NodeKind::Object;
    if (t == "array") return v.kind == NodeKind::Array;
    if (t == "null") return v.kind == NodeKind::Null;
    return true;  // unknown type names are the structure rules' business
  }

  static double num(const Node& n) { return std::strtod(n.text.c_str(), nullptr); }

  static bool format_ok(const std::string& f, const std::string& s) {
    auto digits = [&](size_t from, size_t count) {
      if (from + count > s.size()) return false;
      for (size_t i = from; i < from + count; ++i)
        if (!isdigit(static_cast<unsigned char>(s[i]))) return false;
      return true;
    };
    if (f == "date") return s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
    if (f == "date-time")
      return s.size() >= 20 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
             digits(8, 2) && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && digits(11, 2) &&
             s[13] == ':' && digits(14, 2) && s[16] == ':' && digits(17, 2);
    if (f == "email") {
      size_t at = s.find('@');
      return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos;
    }
    if (f == "uuid") {
      if (s.size() != 36) return false;
      for (size_t i = 0; i < 36; ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit(static_cast<unsigned char>(s[i]))) return false;
      }
      return true;
    }
    if (f == "ipv4") {
      int parts = 0;
      size_t i = 0;
      while (i <= s.size()) {
        size_t j = s.find('.', i);
        if (j == std::string::npos) j = s.size();
        if (j == i || j - i > 3 || !digits(i, j - i) || std::atoi(s.substr(i, j - i).c_str()) > 255) return false;
        ++parts;
        i = j + 1;
      }
      return parts == 4;
    }
    return true;  // uri, hostname, byte...: too many valid forms to judge cheaply
  }

  // Where in the value the validator is: built into a JSON pointer only when a message needs it
  // (a pointer string per member visited was a tenth of the check's time on GitHub's examples).
  struct Where {
    const Where* up = nullptr;
    const std::string* key = nullptr;  // nullptr: an array item (or the root, with no `up`)
    size_t index = 0;

    std::string pointer() const {
      if (!up) return "";
      std::string p = up->pointer();
      return key ? append_pointer(p, *key) : p + "/" + std::to_string(index);
    }
  };

  // The keywords validation reads, found in one pass over the schema's members (each looked
  // up in turn was two dozen scans of every schema visited). The first of a name wins, as with
  // Node::find.
  struct Keywords {
    const Node *ref = nullptr, *nullable = nullptr, *type = nullptr, *enum_values = nullptr, *const_value = nullptr,
               *min_length = nullptr, *max_length = nullptr, *pattern = nullptr, *format = nullptr,
               *exclusive_minimum = nullptr, *exclusive_maximum = nullptr, *minimum = nullptr, *maximum = nullptr,
               *multiple_of = nullptr, *min_items = nullptr, *max_items = nullptr, *unique_items = nullptr,
               *items = nullptr, *required = nullptr, *min_properties = nullptr, *max_properties = nullptr,
               *properties = nullptr, *additional_properties = nullptr, *all_of = nullptr, *any_of = nullptr,
               *one_of = nullptr;

    explicit Keywords(const Node& s) {
      find_members(s, {{"$ref", &ref}, {"nullable", &nullable}, {"type", &type}, {"enum", &enum_values},
                       {"const", &const_value}, {"minLength", &min_length}, {"maxLength", &max_length},
                       {"pattern", &pattern}, {"format", &format}, {"exclusiveMinimum", &exclusive_minimum},
                       {"exclusiveMaximum", &exclusive_maximum}, {"minimum", &minimum}, {"maximum", &maximum},
                       {"multipleOf", &multiple_of}, {"minItems", &min_items}, {"maxItems", &max_items},
                       {"uniqueItems", &unique_items}, {"items", &items}, {"required", &required},
                       {"minProperties", &min_properties}, {"maxProperties", &max_properties},
                       {"properties", &properties}, {"additionalProperties", &additional_properties},
                       {"allOf", &all_of}, {"anyOf", &any_of}, {"oneOf", &one_of}});
    }
    bool is_ref() const { return ref && ref->is_string(); }  // as Node::is_ref
    bool nullable_true() const { return nullable && nullable->kind == NodeKind::Bool && nullable->boolean; }
  };

  bool fail(const Where& where, std::string msg) {
    error->path = where.pointer();
    error->message = std::move(msg);
    return false;
  }

  bool run(const Node& v, const Document& doc, const Node& s, const Where& path, int depth) {
    if (budget == 0 || depth > 64) return true;
    --budget;
    if (s.kind == NodeKind::Bool) return s.boolean ? true : fail(path, "no value is allowed here (schema is false)");
    if (!s.is_object()) return true;
    Keywords k(s);
    if (k.is_ref()) {
      // `nullable: true` beside a 3.0 $ref is ignored by the letter of the spec but honoured
      // by most tools; ref-siblings reports it, the example is not blamed a second time.
      if (oas30 && v.kind == NodeKind::Null && k.nullable_true()) return true;
      SchemaRef r = resolve(doc, s);
      if (!r.node) return true;  // broken refs are reported by the ref rules
      if (!run(v, *r.doc, *r.node, path, depth + 1)) return false;
      if (oas30) return true;  // 3.0: siblings of $ref are ignored
    }
    // nullable (3.0) lets null through before any other keyword looks at it.
    if (v.kind == NodeKind::Null && oas30 && k.nullable_true()) return true;
    if (const Node* t = k.type) {
      bool ok = false;
      std::string names;
      if (t->is_string()) {
        ok = type_matches(t->text, v);
        names = t->text;
      } else if (t->is_array()) {
        for (const Node& i : t->items) {
          if (i.is_string() && type_matches(i.text, v)) ok = true;
          names += (names.empty() ? "" : " or ") + i.text;
        }
      } else {
        ok = true;
      }
      if (!ok) return fail(path, std::string("expected ") + names + ", got " + value_kind(v));
    }
    if (const Node* e = k.enum_values; e && e->is_array()) {
      bool found = false;
      for (const Node& i : e->items)
        if (i == v) found = true;
      if (!found) return fail(path, "value is not one of the enum values");
    }
    if (const Node* c = k.const_value; c && !(*c == v)) return fail(path, "value differs from const");
    if (v.kind == NodeKind::String) {
      size_t len = text::utf8_length(v.text);
      if (const Node* m = k.min_length; m && m->kind == NodeKind::Number && len < num(*m))
        return fail(path, "string shorter than minLength " + m->text);
      if (const Node* m = k.max_length; m && m->kind == NodeKind::Number && len > num(*m))
        return fail(path, "string longer than maxLength " + m->text);
      if (const Node* p = k.pattern; p && p->is_string() && !patterns.matches(p->text, v.text))
        return fail(path, "string does not match pattern " + p->text);
      if (const Node* f = k.format; f && f->is_string() && !format_ok(f->text, v.text))
        return fail(path, "string is not a valid " + f->text);
    }
    if (v.kind == NodeKind::Number) {
      double x = num(v);
      const Node* emin = k.exclusive_minimum;
      const Node* emax = k.exclusive_maximum;
      if (const Node* m = k.minimum; m && m->kind == NodeKind::Number) {
        bool excl = emin && emin->kind == NodeKind::Bool && emin->boolean;
        if (excl ? x <= num(*m) : x < num(*m)) return fail(path, "number below minimum " + m->text);
      }
      if (const Node* m = k.maximum; m && m->kind == NodeKind::Number) {
        bool excl = emax && emax->kind == NodeKind::Bool && emax->boolean;
        if (excl ? x >= num(*m) : x > num(*m)) return fail(path, "number above maximum " + m->text);
      }
      if (emin && emin->kind == NodeKind::Number && x <= num(*emin)) return fail(path, "number not above exclusiveMinimum " + emin->text);
      if (emax && emax->kind == NodeKind::Number && x >= num(*emax)) return fail(path, "number not below exclusiveMaximum " + emax->text);
      if (const Node* m = k.multiple_of; m && m->kind == NodeKind::Number && num(*m) > 0) {
        double q = x / num(*m);
        if (std::fabs(q - std::round(q)) > 1e-9) return fail(path, "number is not a multiple of " + m->text);
      }
    }
    if (v.is_array()) {
      if (const Node* m = k.min_items; m && m->kind == NodeKind::Number && v.items.size() < num(*m))
        return fail(path, "array has fewer than minItems " + m->text);
      if (const Node* m = k.max_items; m && m->kind == NodeKind::Number && v.items.size() > num(*m))
        return fail(path, "array has more than maxItems " + m->text);
      if (const Node* u = k.unique_items; u && u->kind == NodeKind::Bool && u->boolean && v.items.size() <= 1000) {
        for (size_t i = 0; i < v.items.size(); ++i)
          for (size_t j = i + 1; j < v.items.size(); ++j)
            if (v.items[i] == v.items[j]) return fail(Where{&path, nullptr, j}, "array items are not unique");
      }
      if (const Node* it = k.items; it && (it->is_object() || it->kind == NodeKind::Bool)) {
        for (size_t i = 0; i < v.items.size(); ++i)
          if (!run(v.items[i], doc, *it, Where{&path, nullptr, i}, depth + 1)) return false;
      }
    }
    if (v.is_object()) {
      if (const Node* r = k.required; r && r->is_array()) {
        for (const Node& name : r->items)
          if (name.is_string() && !v.find(name.text))
            return fail(path, "missing required property '" + name.text + "'");
      }
      if (const Node* m = k.min_properties; m && m->kind == NodeKind::Number && v.members.size() < num(*m))
        return fail(path, "object has fewer than minProperties " + m->text);
      if (const Node* m = k.max_properties; m && m->kind == NodeKind::Number && v.members.size() > num(*m))
        return fail(path, "object has more than maxProperties " + m->text);
      const Node* props = k.properties;
      const Node* addl = k.additional_properties;
      for (const Member& m : v.members) {
        Where mp{&path, &m.key, 0};
        const Node* ps = props && props->is_object() ? props->find(m.key) : nullptr;
        if (ps) {
          if (!run(m.value, doc, *ps, mp, depth + 1)) return false;
        } else if (addl) {
          if (addl->kind == NodeKind::Bool && !addl->boolean)
            return fail(mp, "property '" + m.key + "' is not allowed (additionalProperties: false)");
          if (addl->is_object() && !run(m.value, doc, *addl, mp, depth + 1)) return false;
        }
      }
    }
    if (const Node* all = k.all_of; all && all->is_array()) {
      for (const Node& sub : all->items)
        if (!run(v, doc, sub, path, depth + 1)) return false;
    }
    ValidationError scratch;
    if (const Node* any = k.any_of; any && any->is_array() && !any->items.empty()) {
      bool ok = false;
      for (const Node& sub : any->items) {
        ValidationError* saved = error;
        error = &scratch;
        bool r = run(v, doc, sub, path, depth + 1);
        error = saved;
        if (r) { ok = true; break; }
      }
      if (!ok) return fail(path, "value matches none of anyOf");
    }
    if (const Node* one = k.one_of; one && one->is_array() && !one->items.empty()) {
      int matches = 0;
      for (const Node& sub : one->items) {
        ValidationError* saved = error;
        error = &scratch;
        if (run(v, doc, sub, path, depth + 1)) ++matches;
        error = saved;
      }
      // More than one match is common in real descriptions (overlapping object schemas) and
      // is a schema-design question, not a wrong example: only "none" is reported.
      if (matches == 0) return fail(path, "value matches none of oneOf");
    }
    return true;
  }

  static const char* value_kind(const Node& v) {
    switch (v.kind) {
      case NodeKind::Null: return "null";
      case NodeKind::Bool: return "boolean";
      case NodeKind::Number: return is_integer(v) ? "integer" : "number";
      case NodeKind::String: return "string";
      case NodeKind::Array: return "array";
      case NodeKind::Object: return "object";
    }
    return "value";
  }
};

}  // namespace

bool validate_value(const Node& value, const Document& schema_doc, const Node& schema,
                    const SchemaResolver& resolve, text::PatternCache& patterns, bool oas30,
                    ValidationError& error) {
  Validator v{resolve, patterns, oas30, 20000, &error};
  return v.run(value, schema_doc, schema, Validator::Where{}, 0);
}

bool glob_match(const std::string& p, const std::string& s) {
  // Iterative matcher with one backtrack point per star kind; patterns are short.
  size_t pi = 0, si = 0;
  size_t star_p = std::string::npos, star_s = 0;
  bool star_any = false;
  while (si < s.size()) {
    if (pi + 1 < p.size() && p[pi] == '*' && p[pi + 1] == '*') {
      star_any = true;
      pi += 2;
      if (pi < p.size() && p[pi] == '/') ++pi;
      star_p = pi;
      star_s = si;
    } else if (pi < p.size() && p[pi] == '*') {
      star_any = false;
      star_p = ++pi;
      star_s = si;
    } else if (pi < p.size() && (p[pi] == '?' ? s[si] != '/' : p[pi] == s[si])) {
      ++pi;
      ++si;
    } else if (star_p != std::string::npos && (star_any || s[star_s] != '/')) {
      pi = star_p;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace check_internal
}  // namespace apiref
