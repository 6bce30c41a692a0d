#include "bundle/bundler.h"

#include <algorithm>

#include "swagger2/swagger2.h"
#include "tree/json_pointer.h"

namespace apiref {

std::string sanitise_component_name(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

Bundler::Bundler(DocumentSet& docs, bool dereference, ComponentNamer namer, ComponentQualifier qualifier)
    : docs_(docs), dereference_(dereference), namer_(std::move(namer)), qualifier_(std::move(qualifier)) {}

void Bundler::register_existing(const RefTarget& target, const std::string& kind,
                                const std::string& name) {
  names_[target.key()] = {kind, name};
  holder_[kind + "/" + name] = target.doc->path;
  taken_.insert(kind + "/" + name);
}

// Where the walk is below the rewritten node: the pointer (built only where a message or a
// reference needs it) and the index path a patch is recorded at.
struct Bundler::Walk {
  const std::string& base;  // pointer of the rewritten node
  const std::string& out_base;  // the pointer its copy has in the output
  struct Step {
    const std::string* key;  // nullptr for an array item
    uint32_t index;
  };
  std::vector<Step> steps;
  std::vector<Patch> patches;

  std::string pointer() const { return below(base); }
  std::string out_pointer() const { return below(out_base); }
  std::string below(const std::string& from) const {
    std::string p = from;
    for (const Step& s : steps) {
      p += '/';
      p += s.key ? pointer_escape(*s.key) : std::to_string(s.index);
    }
    return p;
  }
  void patch(Node value) {
    Patch p;
    p.path.reserve(steps.size());
    for (const Step& s : steps) p.path.push_back(s.index);
    p.value = std::move(value);
    patches.push_back(std::move(p));
  }
};

void Bundler::collect(const Document& doc, const Node& n, OasContext ctx, Walk& walk) {
  if (ctx == OasContext::Opaque) return;
  if (n.is_object()) {
    if (n.is_ref()) {
      // The root document's internal refs stay as written once they are known to resolve:
      // GitHub's description is 58,000 of them, and building each one's pointer for messages
      // that cannot come was most of its bundle.
      const std::string& ref = n.find("$ref")->text;
      RefTarget known;
      if (&doc == keep_internal_of_ && !dereference_ && !ref.empty() && ref[0] == '#' &&
          docs_.known_target(doc.path, ref, known))
        return;
      // Only an inlined target is a copy of its own, whose place in the output the map needs.
      bool inlined = dereference_ || !component_kind(ctx);
      std::string at = inlined && origins_ ? walk.out_pointer() : std::string();
      if (std::optional<Node> r = rewrite_ref(doc, n, walk.pointer(), ctx, at)) walk.patch(std::move(*r));
      return;
    }
    for (size_t i = 0; i < n.members.size(); ++i) {
      const Member& m = n.members[i];
      if (!m.value.is_object() && !m.value.is_array()) continue;  // a scalar holds no $ref
      walk.steps.push_back({&m.key, static_cast<uint32_t>(i)});
      if (ctx == OasContext::Schema && m.key == "discriminator" && m.value.is_object()) {
        if (std::optional<Node> d = rewrite_discriminator(doc, m.value, walk.pointer())) walk.patch(std::move(*d));
      } else {
        collect(doc, m.value, child_context(ctx, m.key), walk);
      }
      walk.steps.pop_back();
    }
    return;
  }
  if (n.is_array()) {
    OasContext item = item_context(ctx);
    for (size_t i = 0; i < n.items.size(); ++i) {
      if (!n.items[i].is_object() && !n.items[i].is_array()) continue;
      walk.steps.push_back({nullptr, static_cast<uint32_t>(i)});
      collect(doc, n.items[i], item, walk);
      walk.steps.pop_back();
    }
  }
}

std::vector<Patch> Bundler::rewrite_patches(const Document& doc, const Node& n, const std::string& pointer,
                                            OasContext ctx, const std::string& at) {
  if (origins_) origins_->add(at, doc.path, pointer);
  Walk walk{pointer, at, {}, {}};
  collect(doc, n, ctx, walk);
  return std::move(walk.patches);
}

void Bundler::apply_patches(Node& n, std::vector<Patch>& patches) {
  for (Patch& p : patches) {
    Node* at = &n;
    for (uint32_t i : p.path) at = at->is_object() ? &at->members[i].value : &at->items[i];
    *at = std::move(p.value);
  }
}

Node Bundler::rewrite(const Document& doc, const Node& n, const std::string& pointer,
                      OasContext ctx, const std::string& at) {
  if (ctx != OasContext::Opaque && n.is_ref()) {
    if (origins_) origins_->add(at, doc.path, pointer);
    std::optional<Node> r = rewrite_ref(doc, n, pointer, ctx, at);
    return r ? std::move(*r) : n;
  }
  std::vector<Patch> patches = rewrite_patches(doc, n, pointer, ctx, at);
  Node out = n;
  apply_patches(out, patches);
  return out;
}

// discriminator.mapping values are references written as plain strings (a schema name, or a
// ref like "#/components/schemas/Cat" or "pets.yaml#/Cat"): they must follow the schemas
// they name into the output, or the mapping points at components that no longer exist.
std::optional<Node> Bundler::rewrite_discriminator(const Document& doc, const Node& n,
                                                   const std::string& pointer) {
  Node out = n;
  Node* mapping = nullptr;
  for (Member& m : out.members)
    if (m.key == "mapping" && m.value.is_object()) mapping = &m.value;
  if (!mapping) return std::nullopt;
  bool changed = false;
  for (Member& entry : mapping->members) {
    if (!entry.value.is_string()) continue;
    const std::string& value = entry.value.text;
    // A bare name means a schema of the same document's components (OpenAPI 3.x).
    bool is_name = value.find('#') == std::string::npos && value.find('/') == std::string::npos &&
                   value.find(".yaml") == std::string::npos && value.find(".yml") == std::string::npos &&
                   value.find(".json") == std::string::npos;
    std::string ref = is_name ? "#/components/schemas/" + value : value;
    if (ref[0] == '#' && &doc == keep_internal_of_ && !dereference_) {
      if (is_name) continue;  // still valid as written in the root document
    }
    std::string entry_pointer = append_pointer(append_pointer(pointer, "mapping"), entry.key);
    RefTarget target = resolve_ref(docs_, doc, ref, entry_pointer, entry.value);
    if (!target) continue;  // reported by resolve_ref
    if (ref[0] == '#' && &doc == keep_internal_of_ && !dereference_) continue;
    entry.value = Node::string(component_ref(target, "schemas"), entry.value.pos);
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out;
}

// Follows {$ref} objects that point at other {$ref} objects; a loop of them defines nothing
// (an alias of an alias of itself), which is an error, not something to inline forever.
static bool is_pure_ref_cycle(DocumentSet& docs, const RefTarget& start, std::vector<Location>& chain) {
  std::vector<std::string> seen;
  RefTarget cur = start;
  while (cur && cur.node->is_ref()) {
    if (std::find(seen.begin(), seen.end(), cur.key()) != seen.end()) return true;
    seen.push_back(cur.key());
    chain.push_back(as_written(*cur.doc, {cur.doc->display, cur.pointer, cur.node->pos}));
    // Resolution errors further down the chain are reported where that ref is rewritten.
    size_t before = docs.diagnostics().size();
    cur = resolve_ref(docs, *cur.doc, cur.node->find("$ref")->text,
                      append_pointer(cur.pointer, "$ref"), *cur.node->find("$ref"));
    docs.diagnostics().resize(before);
  }
  return false;
}

std::optional<Node> Bundler::rewrite_ref(const Document& doc, const Node& n, const std::string& pointer,
                                         OasContext ctx, const std::string& at) {
  const Node& ref_node = *n.find("$ref");
  const std::string& ref = ref_node.text;
  std::string ref_pointer = append_pointer(pointer, "$ref");
  bool internal = !ref.empty() && ref[0] == '#';
  RefTarget target = resolve_ref(docs_, doc, ref, ref_pointer, ref_node);
  // The root document's own internal refs stay as the author wrote them; they still had to
  // resolve (reported above if not), and lead to an object: a bundle of a.{$ref: b},
  // b.{$ref: a} was written without a word while build and check refused it.
  bool kept = internal && &doc == keep_internal_of_ && !dereference_;
  if (!target) return std::nullopt;  // reported by resolve_ref; keep it visible in the output

  std::vector<Location> chain;
  if (is_pure_ref_cycle(docs_, target, chain)) {
    docs_.diagnostics().push_back({Severity::Error, "ref-cycle",
                                   "$ref '" + ref + "' starts a cycle of references that never "
                                   "reaches an object",
                                   as_written(doc, {doc.display, ref_pointer, ref_node.pos}), chain});
    if (kept) return std::nullopt;
    return Node::object(n.pos);
  }
  if (kept) return std::nullopt;

  const char* kind = component_kind(ctx);
  if (dereference_ || !kind) return inline_target(target, n, ctx, at);
  Node out = Node::object(n.pos);
  out.set("$ref", Node::string(component_ref(target, kind), ref_node.pos), n.members[0].key_pos);
  // Siblings of $ref (summary and description in 3.1) are kept beside it.
  for (const Member& m : n.members)
    if (m.key != "$ref") out.members.push_back(m);
  return out;
}

Node Bundler::inline_target(const RefTarget& t, const Node& ref_object, OasContext ctx, const std::string& at) {
  std::string key = t.key();
  if (std::find(inlining_.begin(), inlining_.end(), key) != inlining_.end()) {
    // Recursion: inlining again would never end. Point at a component instead.
    const char* kind = component_kind(ctx);
    if (!kind) {
      const Node& ref_node = *ref_object.find("$ref");
      docs_.diagnostics().push_back(
          {Severity::Error, "ref-cycle-inline",
           "$ref '" + ref_node.text + "' is recursive in a place that cannot hold a reference to "
           "a component",
           {t.doc->display, t.pointer, ref_node.pos}, {}});
      return Node::object(ref_object.pos);
    }
    Node out = Node::object(ref_object.pos);
    out.set("$ref", Node::string(component_ref(t, kind)));
    return out;
  }
  inlining_.push_back(key);
  Node out = rewrite(*t.doc, *t.node, t.pointer, ctx, at);
  inlining_.pop_back();
  // Siblings of the $ref apply together with the target (3.1 summary/description, and the
  // x- extensions Meshery puts beside its refs): merged in depth, the sibling winning where
  // both give a value.
  if (out.is_object()) {
    for (const Member& m : ref_object.members)
      if (m.key != "$ref") merge_into(out, m);
  }
  return out;
}

void Bundler::merge_into(Node& target, const Member& m) {
  Node* existing = target.find(m.key);
  if (existing && existing->is_object() && m.value.is_object()) {
    for (const Member& inner : m.value.members) merge_into(*existing, inner);
    return;
  }
  target.set(m.key, m.value, m.key_pos);
}

std::optional<std::string> Bundler::same_content(const std::string& kind, const std::string& base,
                                                  const Node& content) const {
  auto names = by_base_name_.find(kind + "/" + base);
  auto list = created_.find(kind);
  if (names == by_base_name_.end() || list == created_.end()) return std::nullopt;
  for (const std::string& name : names->second)
    for (const Member& m : list->second)
      if (m.key == name && m.value == content) return name;
  return std::nullopt;
}

std::string Bundler::component_name(const RefTarget& target, const std::string& kind) {
  std::string key = target.key();
  auto it = names_.find(key);
  if (it != names_.end()) {
    if (std::find(inlining_.begin(), inlining_.end(), key) != inlining_.end()) referenced_while_made_.insert(key);
    return it->second.name;
  }
  std::string base = sanitise_component_name(namer_(target, kind));
  std::string name = base;
  std::string qualifier;
  bool numbered = false;
  // Told apart by what the reader knows it by (the construct's version, then its title, each
  // asked against the object that holds the name so far), a number last.
  for (int tries = 0; taken_.count(kind + "/" + name) && qualifier_ && tries < 4; ++tries) {
    std::string q = qualifier_(target, holder_[kind + "/" + name]);
    std::string candidate = base + "_" + sanitise_component_name(q);
    if (q.empty() || candidate == name) break;
    qualifier = q;
    name = candidate;
  }
  if (taken_.count(kind + "/" + name)) {
    // Each base resumes at its last number: thousands of one name stay linear.
    std::string told_apart = name;
    int& next = next_number_[kind + "/" + told_apart];
    for (int i = std::max(next, 2); taken_.count(kind + "/" + name); ++i) {
      name = told_apart + "_" + std::to_string(i);
      next = i + 1;
    }
    numbered = true;
  }
  taken_.insert(kind + "/" + name);
  holder_[kind + "/" + name] = target.doc->path;
  names_[key] = {kind, name};
  // Reserve the slot before filling it: the content may refer back to this very component.
  std::vector<Member>& list = created_[kind];
  list.push_back(Member{name, {}, Node()});
  size_t index = list.size() - 1;
  inlining_.push_back(key);
  std::string at = origins_ ? append_pointer(append_pointer("/components", kind), name) : std::string();
  Node content = rewrite(*target.doc, *target.node, target.pointer, context_of_component_kind(kind), at);
  inlining_.pop_back();
  if (name != base && !referenced_while_made_.count(key)) {
    // The same object written twice (Meshery's constructs each define the same `jwt` scheme):
    // one component. Slots reserved after this one belong to finished calls; none holds an index
    // past it, so it can go.
    if (std::optional<std::string> same = same_content(kind, base, content)) {
      created_[kind].erase(created_[kind].begin() + static_cast<long>(index));
      if (origins_) origins_->erase_below(at);
      taken_.erase(kind + "/" + name);
      names_[key] = {kind, *same};
      return *same;
    }
  }
  created_[kind][index].value = std::move(content);
  by_base_name_[kind + "/" + base].push_back(name);
  if (name != base) {
    std::string shown = base;
    if (!qualifier.empty()) shown += " (" + qualifier + ")";
    if (numbered) shown += " " + name.substr(name.rfind('_') + 1);
    display_names_[kind + "/" + name] = shown;
  }
  return name;
}

std::string Bundler::component_ref(const RefTarget& target, const std::string& kind) {
  std::string name = component_name(target, kind);
  const std::string& stored_kind = names_[target.key()].kind;
  return "#" + fragment_encode(append_pointer(append_pointer("/components", stored_kind), name));
}

bool Bundler::created_any() const {
  for (const auto& [kind, members] : created_)
    if (!members.empty()) return true;
  return false;
}

void Bundler::append_components(Node& components) const {
  static const char* order[] = {"schemas",  "responses", "parameters", "examples",
                                "requestBodies", "headers", "securitySchemes", "links",
                                "callbacks"};
  for (const char* kind : order) {
    auto it = created_.find(kind);
    if (it == created_.end() || it->second.empty()) continue;
    if (!components.is_object()) components = Node::object();
    Node* section = components.find(kind);
    if (!section || !section->is_object()) section = &components.set(kind, Node::object());
    for (const Member& m : it->second) section->members.push_back(m);
  }
}

}  // namespace apiref
