// Two schemas in a direction (what a client sends, or what it receives): types, formats,
// enums, bounds, patterns, properties and their required-ness and access, items, variants.
// What breaks depends on the direction: a request may not accept less than before, a
// response may not give more (or less of what was promised).
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "diff/differ.h"
#include "tree/write.h"

namespace apiref::diff_internal {

const Node* SchemaView::keyword(std::string_view name) const {
  for (const Located& p : parts)
    if (const Node* n = p.node->find(name)) return n;
  return nullptr;
}

Located SchemaView::keyword_at(std::string_view name) const {
  for (const Located& p : parts)
    if (const Node* n = p.node->find(name)) return {n, child(p.pointer, name)};
  return self;
}

namespace {

constexpr size_t kMaxAllOfDepth = 16;

void flatten(const Differ& d, const Node& doc, const Located& at, size_t depth, std::set<const Node*>& seen,
             std::vector<Located>& parts) {
  if (!at || !at.node->is_object() || depth > kMaxAllOfDepth || !seen.insert(at.node).second) return;
  parts.push_back(at);
  const Node* all = at.node->find("allOf");
  if (!all || !all->is_array()) return;
  for (size_t i = 0; i < all->items.size(); ++i)
    flatten(d, doc, d.deref(doc, &all->items[i], child(child(at.pointer, "allOf"), i)), depth + 1, seen, parts);
}

std::set<std::string> types_of(const SchemaView& v) {
  std::set<std::string> out;
  const Node* t = v.keyword("type");
  if (!t) return out;
  if (t->is_array()) {
    for (const Node& x : t->items) out.insert(x.text);
  } else {
    out.insert(t->text);
  }
  if (truthy(v.keyword("nullable"))) out.insert("null");
  return out;
}

bool covers(const std::set<std::string>& types, const std::string& t) {
  return types.count(t) || (t == "integer" && types.count("number"));
}

std::string joined(const std::set<std::string>& s, const char* sep = "|") {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : sep) + x;
  return out;
}

// An enum value as a comparable text: its kind and its literal.
std::string value_key(const Node& n) {
  if (n.kind == NodeKind::String) return "\"" + n.text + "\"";
  if (n.kind == NodeKind::Object || n.kind == NodeKind::Array) return "{" + std::to_string(n.subtree_size()) + "}";
  return scalar_text(&n);
}

std::set<std::string> enum_of(const SchemaView& v) {
  std::set<std::string> out;
  if (const Node* e = v.keyword("enum"); e && e->is_array())
    for (const Node& x : e->items) out.insert(value_key(x));
  if (const Node* c = v.keyword("const")) out.insert(value_key(*c));
  return out;
}

struct Bound {
  const char* keyword;
  bool upper;  // a maximum: a lower value is tighter
};
constexpr Bound kBounds[] = {{"maximum", true},   {"exclusiveMaximum", true}, {"maxLength", true}, {"maxItems", true},
                             {"maxProperties", true}, {"minimum", false}, {"exclusiveMinimum", false},
                             {"minLength", false}, {"minItems", false}, {"minProperties", false}};

// -1: the new bound is tighter, 1: looser, 0: the same.
int compare_bound(const Node* o, const Node* n, bool upper) {
  if (!o && !n) return 0;
  if (!o) return n->kind == NodeKind::Bool && !n->boolean ? 0 : -1;
  if (!n) return o->kind == NodeKind::Bool && !o->boolean ? 0 : 1;
  if (o->kind == NodeKind::Bool || n->kind == NodeKind::Bool) {  // 3.0's exclusive flags
    if (truthy(o) == truthy(n)) return 0;
    return truthy(n) ? -1 : 1;
  }
  double a = std::strtod(o->text.c_str(), nullptr), b = std::strtod(n->text.c_str(), nullptr);
  if (a == b) return 0;
  return (b < a) == upper ? -1 : 1;
}

std::map<std::string, Located> properties_of(const SchemaView& v) {
  std::map<std::string, Located> out;
  for (const Located& p : v.parts) {
    const Node* props = p.node->find("properties");
    if (!props || !props->is_object()) continue;
    for (const Member& m : props->members) out.emplace(m.key, Located{&m.value, child(child(p.pointer, "properties"), m.key)});
  }
  return out;
}

std::set<std::string> required_of(const SchemaView& v) {
  std::set<std::string> out;
  for (const Located& p : v.parts)
    if (const Node* r = p.node->find("required"); r && r->is_array())
      for (const Node& x : r->items) out.insert(x.text);
  return out;
}

struct Walk {
  Differ& d;
  std::string base;
  Direction dir;

  bool request() const { return dir == Direction::Request; }
  const char* rule(const char* request_rule, const char* response_rule) const {
    return request() ? request_rule : response_rule;
  }
  std::string subject(const std::string& path) const {
    return base + (path.empty() ? "" : " property '" + path + "'");
  }

  void compare(const std::string& path, const Located& old_raw, const Located& new_raw, size_t depth) {
    SchemaView o = view_of(d, true, old_raw), n = view_of(d, false, new_raw);
    if (!o.self || !n.self) return;
    if (!d.visited.emplace(o.self.node, n.self.node, dir).second) return;
    if (++d.out.schema_pairs > d.limits.max_schema_pairs || depth > d.limits.max_depth) {
      d.out.truncated = true;
      return;
    }
    std::string what = subject(path);
    bool type_changed = types(what, o, n);
    if (!type_changed) formats(what, o, n);
    enums(what, o, n);
    bounds(what, o, n);
    if (const Node* np = n.keyword("pattern"); np && np->is_string()) {
      const Node* op = o.keyword("pattern");
      if (!op || op->text != np->text)
        d.emit(rule("request-pattern-changed", "response-pattern-changed"),
               what + ": pattern " + (op ? scalar_text(op) : "(none)") + " -> " + np->text, o.keyword_at("pattern"),
               n.keyword_at("pattern"));
    }
    if (!truthy(o.keyword("deprecated")) && truthy(n.keyword("deprecated")))
      d.emit("schema-deprecated", what + " is deprecated", o.self, n.self);
    additional_properties(what, o, n);
    defaults(what, o, n);
    properties(path, o, n, depth);
    for (const char* key : {"items", "additionalProperties"}) {
      const Node* oi = o.keyword(key);
      const Node* ni = n.keyword(key);
      if (oi && ni && oi->is_object() && ni->is_object())
        compare(path + (key[0] == 'i' ? "[]" : "{}"), o.keyword_at(key), n.keyword_at(key), depth + 1);
    }
    for (const char* key : {"oneOf", "anyOf"}) variants(path, key, o, n, depth);
  }

  // additionalProperties: false closes an object to what it does not list; absent, true or a
  // schema leave it open. Closing breaks a request (clients that send more are refused);
  // opening may surprise a response's strict readers.
  void additional_properties(const std::string& what, const SchemaView& o, const SchemaView& n) {
    auto closed = [](const Node* a) { return a && a->kind == NodeKind::Bool && !a->boolean; };
    bool was = closed(o.keyword("additionalProperties")), is = closed(n.keyword("additionalProperties"));
    if (was == is) return;
    Located oat = o.keyword("additionalProperties") ? o.keyword_at("additionalProperties") : o.self;
    Located nat = n.keyword("additionalProperties") ? n.keyword_at("additionalProperties") : n.self;
    if (is)
      d.emit(rule("request-additional-properties-closed", "response-additional-properties-closed"),
             what + ": additionalProperties is now false", oat, nat);
    else
      d.emit(rule("request-additional-properties-opened", "response-additional-properties-opened"),
             what + ": additionalProperties is no longer false", oat, nat);
  }

  void defaults(const std::string& what, const SchemaView& o, const SchemaView& n) {
    const Node* od = o.keyword("default");
    const Node* nd = n.keyword("default");
    if (!od && !nd) return;
    // Object and array defaults compare as their JSON text (keys in the order written).
    auto text = [](const Node* v) {
      if (!v) return std::string("(none)");
      return v->is_object() || v->is_array() ? to_json(*v, false) : value_key(*v);
    };
    if (text(od) == text(nd)) return;
    d.emit(rule("request-default-changed", "response-default-changed"), what + ": default " + text(od) + " -> " + text(nd),
           od ? o.keyword_at("default") : o.self, nd ? n.keyword_at("default") : n.self);
  }

  // Returns whether the types changed.
  bool types(const std::string& what, const SchemaView& o, const SchemaView& n) {
    std::set<std::string> ot = types_of(o), nt = types_of(n);
    if (ot.empty() || nt.empty()) return false;
    bool narrowed = false, widened = false;
    for (const std::string& t : ot) narrowed = narrowed || !covers(nt, t);
    for (const std::string& t : nt) widened = widened || !covers(ot, t);
    if (!narrowed && !widened) return false;
    const char* r = narrowed && widened ? rule("request-type-changed", "response-type-changed")
                    : narrowed          ? rule("request-type-narrowed", "response-type-narrowed")
                                        : rule("request-type-widened", "response-type-widened");
    d.emit(r, what + ": type " + joined(ot) + " -> " + joined(nt), o.keyword_at("type"), n.keyword_at("type"));
    return true;
  }

  void formats(const std::string& what, const SchemaView& o, const SchemaView& n) {
    std::string of = scalar_text(o.keyword("format")), nf = scalar_text(n.keyword("format"));
    if (of == nf) return;
    d.emit(rule("request-format-changed", "response-format-changed"),
           what + ": format " + (of.empty() ? "(none)" : of) + " -> " + (nf.empty() ? "(none)" : nf), o.keyword_at("format"),
           n.keyword_at("format"));
  }

  void enums(const std::string& what, const SchemaView& o, const SchemaView& n) {
    std::set<std::string> oe = enum_of(o), ne = enum_of(n);
    if (ne.empty()) return;  // no enum now: whatever was allowed still is
    Located oat = o.keyword_at(o.keyword("enum") ? "enum" : "const"), nat = n.keyword_at(n.keyword("enum") ? "enum" : "const");
    if (oe.empty()) {
      if (request()) d.emit("request-enum-added", what + ": now restricted to " + joined(ne, ", "), oat, nat);
      return;
    }
    std::set<std::string> removed, added;
    for (const std::string& v : oe)
      if (!ne.count(v)) removed.insert(v);
    for (const std::string& v : ne)
      if (!oe.count(v)) added.insert(v);
    if (!removed.empty())
      d.emit(rule("request-enum-value-removed", "response-enum-value-removed"),
             what + ": enum value" + (removed.size() > 1 ? "s " : " ") + joined(removed, ", ") + " removed", oat, nat);
    if (!added.empty())
      d.emit(rule("request-enum-value-added", "response-enum-value-added"),
             what + ": enum value" + (added.size() > 1 ? "s " : " ") + joined(added, ", ") + " added", oat, nat);
  }

  void bounds(const std::string& what, const SchemaView& o, const SchemaView& n) {
    std::string tighter, looser;
    Located ot = o.self, nt = n.self, ol = o.self, nl = n.self;
    for (const Bound& b : kBounds) {
      const Node* ob = o.keyword(b.keyword);
      const Node* nb = n.keyword(b.keyword);
      int c = compare_bound(ob, nb, b.upper);
      if (!c) continue;
      std::string text = std::string(b.keyword) + " " + (ob ? scalar_text(ob) : "(none)") + " -> " + (nb ? scalar_text(nb) : "(none)");
      std::string& list = c < 0 ? tighter : looser;
      if (list.empty()) (c < 0 ? ot : ol) = o.keyword_at(b.keyword), (c < 0 ? nt : nl) = n.keyword_at(b.keyword);
      list += (list.empty() ? "" : ", ") + text;
    }
    if (!tighter.empty())
      d.emit(rule("request-bounds-narrowed", "response-bounds-narrowed"), what + ": " + tighter, ot, nt);
    if (!looser.empty()) d.emit(rule("request-bounds-widened", "response-bounds-widened"), what + ": " + looser, ol, nl);
  }

  void properties(const std::string& path, const SchemaView& o, const SchemaView& n, size_t depth) {
    std::map<std::string, Located> op = properties_of(o), np = properties_of(n);
    if (op.empty() && np.empty()) return;
    std::set<std::string> oreq = required_of(o), nreq = required_of(n);
    auto flag = [&](bool old, const Located& raw, const char* key) {
      SchemaView v = view_of(d, old, raw);
      return v.self && truthy(v.keyword(key));
    };
    // A property a direction never carries: readOnly ones are not sent, writeOnly ones not returned.
    const char* absent_key = request() ? "readOnly" : "writeOnly";
    Located new_props = n.keyword_at("properties"), old_props = o.keyword_at("properties");
    for (const auto& [name, oat] : op) {
      std::string sub = path.empty() ? name : path + "." + name;
      std::string what = subject(sub);
      auto it = np.find(name);
      bool old_absent = flag(true, oat, absent_key);
      if (it == np.end()) {
        if (!old_absent)
          d.emit(rule("request-property-removed", "response-property-removed"), what + " removed", oat, new_props);
        continue;
      }
      const Located& nat = it->second;
      bool new_absent = flag(false, nat, absent_key);
      bool was = oreq.count(name), is = nreq.count(name);
      if (request() && !was && is && !new_absent)
        d.emit("request-property-made-required", what + " is now required", oat, nat);
      if (request() && was && !is) d.emit("request-property-made-optional", what + " is now optional", oat, nat);
      if (!request() && was && !is && !old_absent)
        d.emit("response-property-made-optional", what + " is no longer required", oat, nat);
      if (!request() && !was && is) d.emit("response-property-made-required", what + " is now required", oat, nat);
      access(what, oat, nat);
      compare(sub, oat, nat, depth + 1);
    }
    for (const auto& [name, nat] : np) {
      if (op.count(name)) continue;
      std::string what = subject(path.empty() ? name : path + "." + name);
      if (flag(false, nat, absent_key)) continue;
      if (request() && nreq.count(name))
        d.emit("request-property-added-required", what + " added, required", old_props, nat);
      else
        d.emit(rule("request-property-added", "response-property-added"), what + " added", old_props, nat);
    }
  }

  void access(const std::string& what, const Located& oat, const Located& nat) {
    SchemaView ov = view_of(d, true, oat), nv = view_of(d, false, nat);
    bool oro = truthy(ov.keyword("readOnly")), nro = truthy(nv.keyword("readOnly"));
    bool owo = truthy(ov.keyword("writeOnly")), nwo = truthy(nv.keyword("writeOnly"));
    if (oro == nro && owo == nwo) return;
    if (request() && !oro && nro) {
      d.emit("request-property-became-read-only", what + " is now readOnly", oat, nat);
    } else if (!request() && !owo && nwo) {
      d.emit("response-property-became-write-only", what + " is now writeOnly", oat, nat);
    } else {
      d.emit("property-access-changed", what + ": readOnly " + (oro ? "true" : "false") + " -> " + (nro ? "true" : "false") +
                                            ", writeOnly " + (owo ? "true" : "false") + " -> " + (nwo ? "true" : "false"),
             oat, nat);
    }
  }

  void variants(const std::string& path, const char* key, const SchemaView& o, const SchemaView& n, size_t depth) {
    Located ol = o.keyword_at(key), nl = n.keyword_at(key);
    if (!o.keyword(key) || !n.keyword(key) || !ol.node->is_array() || !nl.node->is_array()) return;
    std::vector<Located> ov, nv;
    for (size_t i = 0; i < ol.node->items.size(); ++i) ov.push_back({&ol.node->items[i], child(ol.pointer, i)});
    for (size_t i = 0; i < nl.node->items.size(); ++i) nv.push_back({&nl.node->items[i], child(nl.pointer, i)});
    std::vector<std::string> osig, nsig;
    for (const Located& v : ov) osig.push_back(schema_signature(d, true, v));
    for (const Located& v : nv) nsig.push_back(schema_signature(d, false, v));
    std::vector<int> pair(ov.size(), -1);
    std::vector<bool> taken(nv.size(), false);
    for (size_t i = 0; i < ov.size(); ++i)
      for (size_t j = 0; j < nv.size(); ++j)
        if (!taken[j] && osig[i] == nsig[j]) {
          pair[i] = static_cast<int>(j), taken[j] = true;
          break;
        }
    // What is left pairs in order when both sides have the same number left: a variant edited.
    std::vector<size_t> ol_left, nl_left;
    for (size_t i = 0; i < ov.size(); ++i)
      if (pair[i] < 0) ol_left.push_back(i);
    for (size_t j = 0; j < nv.size(); ++j)
      if (!taken[j]) nl_left.push_back(j);
    if (ol_left.size() == nl_left.size()) {
      for (size_t k = 0; k < ol_left.size(); ++k) pair[ol_left[k]] = static_cast<int>(nl_left[k]), taken[nl_left[k]] = true;
    }
    std::string what = subject(path);
    for (size_t i = 0; i < ov.size(); ++i) {
      if (pair[i] >= 0) {
        compare(path, ov[i], nv[pair[i]], depth + 1);
      } else {
        d.emit(rule("request-variant-removed", "response-variant-removed"),
               what + ": " + key + " alternative " + std::to_string(i) + " removed", ov[i], nl);
      }
    }
    for (size_t j = 0; j < nv.size(); ++j)
      if (!taken[j])
        d.emit(rule("request-variant-added", "response-variant-added"),
               what + ": " + key + " alternative " + std::to_string(j) + " added", ol, nv[j]);
  }
};

}  // namespace

SchemaView view_of(const Differ& d, bool old, const Located& schema) {
  const Node& doc = old ? d.old_doc : d.new_doc;
  SchemaView v;
  v.self = d.deref(doc, schema.node, schema.pointer);
  if (!v.self || !v.self.node->is_object()) {
    v.self = {};
    return v;
  }
  std::set<const Node*> seen;
  flatten(d, doc, v.self, 0, seen, v.parts);
  // allOf of one element, with nothing beside it but words: that element is the schema.
  if (v.parts.size() == 2 && v.self.node->find("allOf")) {
    bool only_words = true;
    for (const Member& m : v.self.node->members)
      only_words = only_words && (m.key == "allOf" || m.key == "description" || m.key == "title" || m.key == "example" ||
                                  m.key.rfind("x-", 0) == 0);
    if (only_words) {
      v.self = v.parts[1];
      v.parts.erase(v.parts.begin());
    }
  }
  return v;
}

std::string schema_signature(const Differ& d, bool old, const Located& schema) {
  SchemaView v = view_of(d, old, schema);
  if (!v.self) return "?";
  std::string sig = joined(types_of(v)) + "/" + scalar_text(v.keyword("format")) + "/";
  for (const auto& [name, at] : properties_of(v)) sig += name + ",";
  sig += "/" + joined(enum_of(v), ",");
  if (const Node* items = v.keyword("items"); items && items->is_object())
    sig += "/[" + joined(types_of(view_of(d, old, v.keyword_at("items")))) + "]";
  return sig;
}

void diff_schema(Differ& d, const std::string& subject, const Located& old_schema, const Located& new_schema,
                 Direction dir, size_t depth) {
  Walk w{d, subject, dir};
  w.compare("", old_schema, new_schema, depth);
}

}  // namespace apiref::diff_internal
