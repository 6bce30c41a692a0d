// The check engine's walk: one pass over the documents (each physical node walked once: root
// documents whole, other files from the places $refs reach), the object model checked as it
// goes, and the rule families' hooks called at each object, path, schema and text. Facts that
// need the whole API are the families' to collect and judge in their `finish` hooks.
#include <algorithm>
#include <cstring>

#include "bundle/project_plan.h"
#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

bool type_has(const Node* t, const char* name) {
  if (!t) return false;
  if (t->is_string()) return t->text == name;
  for (const Node& i : t->items)
    if (i.is_string() && i.text == name) return true;
  return false;
}

}  // namespace

Walk::Walk(DocumentSet& docs, const Settings& settings) : docs_(docs), settings_(settings) {
  for (const RuleFamily* family : rule_families()) {
    if (!family->start) continue;
    Hooks h = family->start(*this);
    if (h.object) object_hooks_.push_back(std::move(h.object));
    if (h.path) path_hooks_.push_back(std::move(h.path));
    if (h.schema) schema_hooks_.push_back(std::move(h.schema));
    if (h.text) text_hooks_.push_back(std::move(h.text));
    if (h.ref) ref_hooks_.push_back(std::move(h.ref));
    if (h.finish) finish_hooks_.push_back(std::move(h.finish));
  }
}

void Walk::run(const std::vector<std::string>& root_paths) {
  docs_.preload(root_paths);
  for (const std::string& p : root_paths) root_set_.insert(p);
  for (const std::string& p : root_paths) {
    RootInfo r;
    r.doc = docs_.load(p);
    collect_diagnostics(-1);
    if (r.doc) {
      const Node& n = r.doc->root;
      r.base = settings_.bases.count(p) > 0;
      // The project plan's rule: a deprecated construct is checked on its own, not merged.
      if (construct_deprecated(n)) r.in_bundle = false;
      std::string_view ver = n.string_at("openapi");
      if (!n.is_object()) {
        report("spec-structure", r.doc, "", n.pos, n.pos, -1,
               "an OpenAPI document must be an object, not " + std::string(node_kind_word(n)));
      } else if (uint8_t bit = oas::version_bit(ver)) {
        r.walkable = true;
        r.ver = bit;
        r.v30 = bit == V30;
      } else if (const Node* o = n.find("openapi")) {
        report("spec-structure", r.doc, "/openapi", o->pos, value_end(*o), -1,
               "openapi must be a 3.0.x, 3.1.x or 3.2.x version string, found " +
                   (o->is_string() ? "'" + o->text + "'" : std::string(node_kind_word(*o))));
      } else if (n.find("swagger")) {
        // A Swagger 2.0 document is converted on load; one still saying `swagger` has a
        // version the conversion refused, and said so.
      } else {
        report("spec-structure", r.doc, "", n.pos, n.pos, -1, "missing required field 'openapi'");
      }
    }
    roots_.push_back(r);
  }
  for (size_t i = 0; i < roots_.size(); ++i) {
    if (!roots_[i].walkable) continue;
    St st;
    st.doc = roots_[i].doc;
    st.root = static_cast<int>(i);
    st.v30 = roots_[i].v30;
    st.ver = roots_[i].ver;
    walk(st.doc->root, "", K::Root, st, 0);
    drain();
  }
  for (const auto& h : finish_hooks_) h();
}

// ---- reporting --------------------------------------------------------------------------

void Walk::report(const std::string& rule, const Document* doc, const std::string& pointer, SourcePos start,
                  SourcePos end, int chain, std::string message, std::string discriminator, int severity) {
  RawFinding f;
  f.rule = rule;
  f.message = std::move(message);
  f.abs_file = doc ? doc->path : "";
  f.pointer = pointer;
  f.start = start;
  f.end = end.line ? end : start;
  f.chain = chain;
  f.discriminator = std::move(discriminator);
  f.severity = severity;
  raw_.push_back(std::move(f));
}
void Walk::at_key(const std::string& rule, const St& st, const std::string& ptr, const Member& m, std::string msg,
                  std::string disc) {
  report(rule, st.doc, ptr, m.key_pos, key_end(m.key_pos, m.key), st.chain, std::move(msg), std::move(disc));
}
void Walk::at_value(const std::string& rule, const St& st, const std::string& ptr, const Node& n, std::string msg,
                    std::string disc) {
  report(rule, st.doc, ptr, n.pos, value_end(n), st.chain, std::move(msg), std::move(disc));
}

// Load/resolve diagnostics become findings (rule = the diagnostic's code).
void Walk::collect_diagnostics(int chain) {
  Diagnostics& d = docs_.diagnostics();
  for (; diag_seen_ < d.size(); ++diag_seen_) {
    const Diagnostic& x = d[diag_seen_];
    RawFinding f;
    f.rule = x.code;
    f.message = x.message;
    f.abs_file = x.where.file.empty() ? "" : normalise_path(x.where.file);
    f.pointer = x.where.pointer;
    f.start = f.end = x.where.pos;
    f.chain = chain;
    f.severity = x.severity == Severity::Error ? ERR : x.severity == Severity::Warning ? WARN : INFO;
    raw_.push_back(std::move(f));
  }
}

int Walk::extend_chain(int parent, const St& st, const std::string& ref_ptr, SourcePos pos) {
  std::vector<RefHop> c = parent >= 0 ? chains_[static_cast<size_t>(parent)] : std::vector<RefHop>{};
  c.push_back(RefHop{st.doc->path, ref_ptr, pos});
  chains_.push_back(std::move(c));
  return static_cast<int>(chains_.size()) - 1;
}

// ---- references -------------------------------------------------------------------------

RefTarget Walk::resolve(const St& st, const Node& ref_object, const std::string& ptr) {
  const Node* r = ref_object.find("$ref");
  RefTarget t = resolve_ref(docs_, *st.doc, r->text, append_pointer(ptr, "$ref"), *r);
  collect_diagnostics(st.chain);
  return t;
}

// Follows a $ref that stands for an object of kind k: records the use, checks the target
// kind and pure cycles, and queues the target for walking when nothing walks it anyway.
void Walk::follow_ref(const Node& n, const std::string& ptr, K k, const St& st) {
  const Node* r = n.find("$ref");
  std::string rp = append_pointer(ptr, "$ref");
  RefTarget t = resolve(st, n, ptr);
  if (!t) return;
  on_ref(t);
  if (auto toks = parse_pointer(t.pointer); toks && toks->size() == 3 && (*toks)[0] == "components") {
    K target_kind = kind_of_component_section((*toks)[1]);
    if (target_kind != K::Any && target_kind != k) {
      report("ref-wrong-kind", st.doc, rp, r->pos, value_end(*r), st.chain,
             std::string("$ref stands for a ") + kind_label(k) + " but points at components/" +
                 (*toks)[1] + " (" + kind_label(target_kind) + ")");
      return;
    }
  }
  // A whole OpenAPI document where a component belongs: its openapi/info/paths would be read
  // as keywords of the component (Meshery's registry pointing at relationship.yaml).
  if (t.pointer.empty() && t.node->is_object() && t.node->find("openapi") && t.node->find("info")) {
    report("ref-wrong-kind", st.doc, rp, r->pos, value_end(*r), st.chain,
           std::string("$ref stands for a ") + kind_label(k) +
               " but points at a whole OpenAPI document; add a fragment such as #/components/" +
               (component_section(k) ? component_section(k) : "schemas") + "/<name>");
    return;
  }
  // A chain of bare $refs that comes back to itself has no object at its end.
  if (t.node->is_ref()) {
    std::unordered_set<std::string> seen{t.key()};
    RefTarget cur = t;
    for (int hop = 0; hop < 64 && cur.node->is_ref(); ++hop) {
      St inner = st;
      inner.doc = cur.doc;
      const Node* cr = cur.node->find("$ref");
      RefTarget next = resolve_ref(docs_, *cur.doc, cr->text, append_pointer(cur.pointer, "$ref"), *cr);
      collect_diagnostics(st.chain);
      if (!next) break;
      if (!seen.insert(next.key()).second || next.key() == t.key()) {
        report("ref-cycle", st.doc, rp, r->pos, value_end(*r), st.chain,
               "$ref '" + r->text + "' leads to a cycle of $refs with no object at its end");
        return;
      }
      cur = next;
    }
  }
  // Root documents are walked whole, except extension content ("#/x-defs/...").
  if (root_set_.count(t.doc->path) && t.pointer.compare(0, 3, "/x-") != 0) return;
  if (!queued_.insert(t.key() + "|" + std::to_string(static_cast<int>(k))).second) return;
  Work w;
  w.st = st;
  w.st.doc = t.doc;
  w.st.chain = extend_chain(st.chain, st, rp, r->pos);
  w.pointer = t.pointer;
  w.kind = k;
  w.node = t.node;
  queue_.push_back(std::move(w));
}

void Walk::drain() {
  while (!queue_.empty()) {
    Work w = std::move(queue_.front());
    queue_.pop_front();
    walk(*w.node, w.pointer, w.kind, w.st, 0);
  }
}

// The object a (possibly $ref) node stands for, without reporting (the walk reports).
Deref Walk::deref(const Document* doc, const Node& n, const std::string& ptr) {
  Deref d{doc, &n, ptr};
  for (int i = 0; i < 16 && d.node->is_ref(); ++i) {
    const Node* r = d.node->find("$ref");
    RefTarget t = resolve_ref(docs_, *d.doc, r->text, append_pointer(d.pointer, "$ref"), *r);
    // Kept, not dropped: a file is parsed (and its errors reported) only on first use, which
    // may be here. The walk meets the same ref again; the duplicate is merged at the end.
    collect_diagnostics(-1);
    if (!t) return {};
    d = {t.doc, t.node, t.pointer};
  }
  return d.node->is_ref() ? Deref{} : d;
}

SchemaResolver Walk::schema_resolver() {
  return [this](const Document& doc, const Node& ref_object) -> SchemaRef {
    Deref d = deref(&doc, ref_object, "");
    return {d.doc, d.node};
  };
}

// ---- the walk ---------------------------------------------------------------------------

void Walk::note_ignores(const Node& n, const std::string& ptr, const St& st) {
  const Node* ig = n.find("x-lint-ignore");
  if (!ig) return;
  IgnoreEntry e{st.doc->path, ptr, {}};
  if (ig->is_string()) e.rules.push_back(ig->text);
  for (const Node& i : ig->items)
    if (i.is_string()) e.rules.push_back(i.text);
  ignores_.push_back(std::move(e));
}

void Walk::walk(const Node& n, const std::string& ptr, K k, const St& st, int depth) {
  if (depth > 1000) return;  // the parser bounds nesting; this only guards the recursion
  if (k == K::Any) return;
  if (k == K::Schema) return walk_schema(n, ptr, st, depth);
  if (refable(k) && n.is_ref()) {
    follow_ref(n, ptr, k, st);
    if (k != K::PathItem) {
      check_ref_siblings(n, ptr, st, false);
      return;
    }
  }
  if (!n.is_object()) {
    at_value("spec-structure", st, ptr, n,
             std::string("expected a ") + kind_label(k) + ", found " + node_kind_word(n));
    return;
  }
  note_ignores(n, ptr, st);
  switch (k) {
    case K::Paths: return walk_paths(n, ptr, st, depth);
    case K::Responses: return walk_responses(n, ptr, st, depth);
    case K::Callback:
      for (const Member& m : n.members) {
        if (is_ext(m.key)) continue;
        St s = st;
        s.path = m.key;  // a runtime expression, not a path template: path rules skip it
        walk(m.value, append_pointer(ptr, m.key), oas::entries_of(k), s, depth + 1);
      }
      return;
    case K::SecurityRequirement:  // scheme names as keys: the security rules read it
      for (const auto& h : object_hooks_) h(n, ptr, k, st);
      return;
    default: break;
  }
  uint8_t ver = st.ver;
  for (const Member& m : n.members) {
    if (is_ext(m.key)) {
      if (m.key == "x-lint-ignore") continue;
      std::string mp = append_pointer(ptr, m.key);
      if (k == K::Root && m.key == "x-webhooks" && m.value.is_object()) {
        // The 3.0 convention for what 3.1 calls webhooks (GitHub, Redocly): path items.
        for (const Member& w : m.value.members) {
          St s = st;
          s.path = w.key;
          walk(w.value, append_pointer(mp, w.key), K::PathItem, s, depth + 1);
        }
      } else {
        scan_extension_refs(m.value, mp, st, depth + 1);
      }
      continue;
    }
    std::string mp = append_pointer(ptr, m.key);
    const Field* f = field_of(k, m.key);
    if (!f) {
      at_key("spec-unknown-field", st, mp, m,
             "'" + m.key + "' is not a field of the " + kind_label(k) + " (extensions start with x-)");
      continue;
    }
    if (!(f->versions & ver)) {
      at_key("spec-version-keyword", st, mp, m,
             "'" + m.key + "' is only defined in OpenAPI " + oas::versions_text(f->versions));
      continue;
    }
    walk_field(m, *f, mp, st, depth);
  }
  for (const Field& f : fields_of(k)) {
    if ((f.required & ver) && !n.find(f.name))
      report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain,
             std::string(kind_label(k)) + " is missing required field '" + std::string(f.name) + "'", std::string(f.name));
  }
  for (const auto& h : object_hooks_) h(n, ptr, k, st);
}

// Extension content is not OpenAPI, but the bundler follows $refs in it: they must
// resolve, and what they point at counts as used.
void Walk::scan_extension_refs(const Node& n, const std::string& ptr, const St& st, int depth) {
  if (depth > 1000) return;
  if (n.is_ref()) {
    RefTarget t = resolve(st, n, ptr);
    if (t) on_ref(t);
    return;
  }
  if (n.is_object())
    for (const Member& m : n.members) scan_extension_refs(m.value, append_pointer(ptr, m.key), st, depth + 1);
  else if (n.is_array())
    for (size_t i = 0; i < n.items.size(); ++i) scan_extension_refs(n.items[i], ptr + "/" + std::to_string(i), st, depth + 1);
}

void Walk::walk_field(const Member& m, const Field& f, const std::string& mp, const St& st, int depth) {
  const Node& v = m.value;
  auto want = [&](bool ok, const char* what) {
    if (!ok) at_value("spec-structure", st, mp, v, "'" + m.key + "' must be " + what + ", found " + node_kind_word(v));
    return ok;
  };
  switch (f.type) {
    case T::Str:
      if (want(v.is_string(), "a string") && (m.key == "description" || m.key == "summary" || m.key == "title"))
        for (const auto& h : text_hooks_) h(v, mp, st);
      return;
    case T::Bool: want(v.kind == NodeKind::Bool, "a boolean"); return;
    case T::Num: want(v.kind == NodeKind::Number, "a number"); return;
    case T::Int:
      if (want(v.kind == NodeKind::Number, "an integer")) {
        bool neg = !v.text.empty() && v.text[0] == '-';
        if (v.text.find_first_of(".eE") != std::string::npos || neg)
          at_value("spec-structure", st, mp, v, "'" + m.key + "' must be a non-negative integer");
      }
      return;
    case T::Any:
    case T::Data: return;
    case T::Obj: walk(v, mp, f.kind, st, depth + 1); return;
    case T::Map:
      if (!want(v.is_object(), "an object")) return;
      note_ignores(v, mp, st);
      for (const Member& e : v.members) {
        // In maps keyed by user names an x- key is still an entry, except where OpenAPI
        // says the map itself is extensible (none of these are).
        if (f.kind == K::PathItem) {  // webhooks / components.pathItems: named, not templated
          St s = st;
          s.path = e.key;
          walk(e.value, append_pointer(mp, e.key), f.kind, s, depth + 1);
          continue;
        }
        walk(e.value, append_pointer(mp, e.key), f.kind, st, depth + 1);
      }
      return;
    case T::List:
      if (!want(v.is_array(), "a list")) return;
      for (size_t i = 0; i < v.items.size(); ++i)
        walk(v.items[i], mp + "/" + std::to_string(i), f.kind, st, depth + 1);
      return;
    case T::StrList:
      if (!want(v.is_array(), "a list of strings")) return;
      for (size_t i = 0; i < v.items.size(); ++i)
        if (!v.items[i].is_string())
          at_value("spec-structure", st, mp + "/" + std::to_string(i), v.items[i],
                   "'" + m.key + "' items must be strings, found " + node_kind_word(v.items[i]));
      return;
    case T::StrMap:
      if (!want(v.is_object(), "an object of strings")) return;
      for (const Member& e : v.members)
        if (!e.value.is_string())
          at_value("spec-structure", st, append_pointer(mp, e.key), e.value,
                   "'" + m.key + "' values must be strings, found " + node_kind_word(e.value));
      return;
    case T::Schema: walk_schema(v, mp, st, depth + 1); return;
    case T::Special: return;
  }
}

void Walk::check_ref_siblings(const Node& n, const std::string& ptr, const St& st, bool schema) {
  for (const Member& m : n.members) {
    if (m.key == "$ref" || is_ext(m.key)) continue;
    if (!st.v30 && (schema || m.key == "summary" || m.key == "description")) continue;
    at_key("ref-siblings", st, append_pointer(ptr, m.key), m,
           "'" + m.key + "' beside $ref is ignored" + (st.v30 ? " in OpenAPI 3.0" : ""));
  }
}

void Walk::walk_paths(const Node& n, const std::string& ptr, const St& st, int depth) {
  for (const Member& m : n.members) {
    if (is_ext(m.key)) continue;
    std::string mp = append_pointer(ptr, m.key);
    if (m.key.empty() || m.key[0] != '/') {
      at_key("spec-structure", st, mp, m, "path '" + m.key + "' must start with '/'");
      continue;
    }
    for (const auto& h : path_hooks_) h(m, mp, st);
    St s = st;
    s.path = m.key;
    walk(m.value, mp, K::PathItem, s, depth + 1);
  }
}

void Walk::walk_responses(const Node& n, const std::string& ptr, const St& st, int depth) {
  bool any = false;
  for (const Member& m : n.members) {
    if (is_ext(m.key)) continue;
    any = true;
    std::string mp = append_pointer(ptr, m.key);
    const std::string& c = m.key;
    bool ok = c == "default" ||
              (c.size() == 3 && c[0] >= '1' && c[0] <= '5' &&
               ((isdigit(static_cast<unsigned char>(c[1])) && isdigit(static_cast<unsigned char>(c[2]))) || (c[1] == 'X' && c[2] == 'X')));
    if (!ok) at_key("spec-structure", st, mp, m, "response key '" + c + "' must be an HTTP status code (200, 4XX) or 'default'");
    walk(m.value, mp, K::Response, st, depth + 1);
  }
  if (!any) report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "responses must describe at least one response");
}

// ---- schemas ----------------------------------------------------------------------------

void Walk::walk_schema(const Node& n, const std::string& ptr, const St& st, int depth) {
  if (depth > 1000) return;
  if (n.kind == NodeKind::Bool) {
    if (st.v30) at_value("spec-version-keyword", st, ptr, n, "boolean schemas are only allowed in OpenAPI 3.1");
    return;
  }
  if (!n.is_object()) {
    at_value("spec-structure", st, ptr, n, std::string("expected a Schema Object, found ") + node_kind_word(n));
    return;
  }
  if (n.is_ref()) {
    follow_ref(n, ptr, K::Schema, st);
    if (st.v30) {
      check_ref_siblings(n, ptr, st, true);
      return;
    }
  } else if (const Node* r = n.find("$ref")) {
    at_value("spec-structure", st, append_pointer(ptr, "$ref"), *r, "$ref must be a string");
  }
  note_ignores(n, ptr, st);
  uint8_t ver = st.ver;
  const Node* type = n.find("type");
  for (const Member& m : n.members) {
    if (is_ext(m.key) || m.key == "$ref") continue;
    std::string mp = append_pointer(ptr, m.key);
    const Field* f = field_of(K::Schema, m.key);
    if (!f) {
      if (st.v30)
        at_key("spec-unknown-field", st, mp, m, "'" + m.key + "' is not a keyword of the OpenAPI 3.0 Schema Object");
      else
        at_key("schema-unknown-keyword", st, mp, m, "'" + m.key + "' is not a JSON Schema 2020-12 keyword");
      continue;
    }
    if (!(f->versions & ver)) {
      // 3.1 schemas may carry unknown keywords, so `nullable` there is legal but ignored:
      // a real defect (null is refused), not a document that cannot be rendered.
      if (st.v30)
        at_key("spec-version-keyword", st, mp, m, "'" + m.key + "' is only defined in OpenAPI 3.1 (JSON Schema 2020-12)");
      else
        at_key("schema-nullable-3.1", st, mp, m, "'" + m.key + "' is OpenAPI 3.0 and ignored in 3.1; use type: [..., \"null\"]");
      continue;
    }
    if (f->type != T::Special) {
      if (m.key == "properties") {
        if (!m.value.is_object()) {
          at_value("spec-structure", st, mp, m.value, "'properties' must be an object");
          continue;
        }
        for (const Member& p : m.value.members) {
          std::string pp = append_pointer(mp, p.key);
          walk_schema(p.value, pp, st, depth + 1);
        }
        continue;
      }
      walk_field(m, *f, mp, st, depth);
      continue;
    }
    const Node& v = m.value;
    if (m.key == "type") {
      static const std::set<std::string> names30 = {"integer", "number", "string", "boolean", "object", "array"};
      auto check_name_of_type = [&](const Node& t, const std::string& tp) {
        if (!t.is_string()) {
          at_value("spec-structure", st, tp, t, "type names are strings");
        } else if (t.text == "null" && st.v30) {
          at_value("spec-version-keyword", st, tp, t, "type 'null' is OpenAPI 3.1; use nullable: true in 3.0");
        } else if (!names30.count(t.text) && t.text != "null") {
          at_value("spec-structure", st, tp, t, "unknown type '" + t.text + "'");
        }
      };
      if (v.is_array()) {
        if (st.v30) at_value("spec-version-keyword", st, mp, v, "type lists are OpenAPI 3.1; 3.0 takes one type (and nullable)");
        else for (size_t i = 0; i < v.items.size(); ++i) check_name_of_type(v.items[i], mp + "/" + std::to_string(i));
      } else {
        check_name_of_type(v, mp);
      }
    } else if (m.key == "exclusiveMinimum" || m.key == "exclusiveMaximum") {
      if (st.v30 && v.kind == NodeKind::Number)
        at_value("spec-version-keyword", st, mp, v, "a numeric " + m.key + " is OpenAPI 3.1; in 3.0 it is a boolean beside minimum/maximum");
      else if (!st.v30 && v.kind == NodeKind::Bool)
        at_value("spec-version-keyword", st, mp, v, "a boolean " + m.key + " is OpenAPI 3.0; in 3.1 it is the bound itself (a number)");
      else if (v.kind != NodeKind::Bool && v.kind != NodeKind::Number)
        at_value("spec-structure", st, mp, v, "'" + m.key + "' must be " + (st.v30 ? "a boolean" : "a number"));
    } else if (m.key == "enum") {
      if (!v.is_array()) at_value("spec-structure", st, mp, v, "'enum' must be a list");
    } else if (m.key == "allOf" || m.key == "oneOf" || m.key == "anyOf" || m.key == "prefixItems") {
      if (!v.is_array()) {
        at_value("spec-structure", st, mp, v, "'" + m.key + "' must be a list of schemas");
        continue;
      }
      if (v.items.empty()) at_value("spec-structure", st, mp, v, "'" + m.key + "' must not be empty");
      for (size_t i = 0; i < v.items.size(); ++i) walk_schema(v.items[i], mp + "/" + std::to_string(i), st, depth + 1);
    } else if (m.key == "items") {
      if (v.is_array()) at_value(st.v30 ? "spec-structure" : "spec-version-keyword", st, mp, v,
                                 st.v30 ? "'items' must be a schema, not a list" : "'items' as a list is draft-4; use prefixItems in 3.1");
      else walk_schema(v, mp, st, depth + 1);
    } else if (m.key == "additionalProperties") {
      if (v.kind != NodeKind::Bool) walk_schema(v, mp, st, depth + 1);
    } else if (m.key == "examples") {
      if (!v.is_array()) at_value("spec-structure", st, mp, v, "'examples' in a schema must be a list");
    }
  }
  SchemaKeywords k(n);
  if (st.v30 && type_has(type, "array") && !k.items && !n.is_ref())
    report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "a schema of type array must have 'items' in OpenAPI 3.0");
  for (const auto& h : schema_hooks_) h(n, k, ptr, st, type);
}

void Walk::on_ref(const RefTarget& t) {
  for (const auto& h : ref_hooks_) h(t);
}

int Walk::group_of(int root) const {
  if (!settings_.project_mode) return root;
  return roots_[static_cast<size_t>(root)].in_bundle ? -1 : root;
}

bool Walk::audiences_meet(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
  if (!settings_.project_mode) return true;
  for (const std::string& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  return false;
}

}  // namespace check_internal
}  // namespace apiref
