#include "render/page_keys.h"

#include <functional>
#include <map>
#include <set>
#include <string>

#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  // splitmix64-style finaliser over the running value: order-sensitive, well spread.
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  return h;
}

uint64_t mix(uint64_t h, std::string_view s) { return mix(h, std::hash<std::string_view>{}(s) ^ s.size()); }

uint64_t hash_node(const Node& n, uint64_t h = 0) {
  h = mix(h, static_cast<uint64_t>(n.kind) + (n.boolean ? 16 : 0));
  h = mix(h, n.text);
  for (const Member& m : n.members) h = hash_node(m.value, mix(h, m.key));
  for (const Node& i : n.items) h = hash_node(i, mix(h, uint64_t{7}));
  return mix(h, n.members.size() * 31 + n.items.size());
}

void local_refs(const Node& n, std::vector<std::string>& out) {
  if (n.is_object()) {
    if (const Node* r = n.find("$ref"); r && r->is_string() && r->text.rfind("#/", 0) == 0) out.push_back(r->text);
    for (const Member& m : n.members) local_refs(m.value, out);
  }
  for (const Node& i : n.items) local_refs(i, out);
}

// Hashes of the targets of local $refs, each with the refs it holds, computed once per render.
class RefClosure {
 public:
  explicit RefClosure(const Node& doc) : doc_(doc) {}

  // An order-independent combination of every target reachable from `refs`.
  uint64_t of(const std::vector<std::string>& refs) {
    std::set<std::string> seen;
    std::vector<std::string> todo = refs;
    uint64_t h = 0;
    while (!todo.empty()) {
      std::string ref = std::move(todo.back());
      todo.pop_back();
      if (!seen.insert(ref).second) continue;
      const Target& t = target(ref);
      h ^= mix(t.hash, ref);
      todo.insert(todo.end(), t.refs.begin(), t.refs.end());
    }
    return h;
  }

 private:
  struct Target {
    uint64_t hash = 0;
    std::vector<std::string> refs;
  };
  const Target& target(const std::string& ref) {
    auto it = cache_.find(ref);
    if (it != cache_.end()) return it->second;
    Target t;
    auto decoded = text::percent_decode(ref.substr(1));
    auto tokens = decoded ? parse_pointer(*decoded) : std::nullopt;
    const Node* n = tokens ? resolve_pointer(doc_, *tokens) : nullptr;
    if (n) {
      t.hash = hash_node(*n);
      local_refs(*n, t.refs);
    }
    return cache_.emplace(ref, std::move(t)).first->second;
  }
  const Node& doc_;
  std::map<std::string, Target> cache_;
};

}  // namespace

uint64_t site_key(const std::vector<SiteBundle>& bundles) {
  uint64_t h = mix(0, bundles.size());
  for (const SiteBundle& b : bundles) h = mix(mix(h, b.name), b.model->title);
  return h;
}

BundleKeys page_keys(const SiteBundle& b, uint64_t site) {
  const ApiModel& m = *b.model;
  const Node& doc = *b.document;
  RefClosure closure(doc);

  uint64_t common = mix(site, b.name);
  for (const Member& top : doc.members)
    if (top.key != "paths" && top.key != "webhooks" && top.key != "components") common = hash_node(top.value, mix(common, top.key));
  if (const Node* c = doc.find("components"))
    if (const Node* schemes = c->find("securitySchemes")) common = hash_node(*schemes, common);
  for (const Tag& t : m.tags)
    common = mix(mix(mix(common, t.name), t.slug), t.operations.size());
  for (const SchemaComponent& s : m.schemas) common = mix(mix(common, s.name), s.slug);
  common = mix(common, m.operations.size());

  BundleKeys keys;
  std::vector<int> first_tag(m.operations.size(), -1);
  for (size_t t = 0; t < m.tags.size(); ++t) {
    uint64_t h = mix(common, t);
    for (size_t oi : m.tags[t].operations) {
      const Operation& o = m.operations[oi];
      h = mix(mix(mix(mix(mix(h, o.method), o.path), o.summary), o.slug), uint64_t{o.deprecated});
      if (first_tag[oi] < 0) first_tag[oi] = static_cast<int>(t);
    }
    keys.tags.push_back(h);
  }
  for (size_t i = 0; i < m.operations.size(); ++i) {
    const Operation& o = m.operations[i];
    uint64_t h = first_tag[i] >= 0 ? keys.tags[static_cast<size_t>(first_tag[i])] : common;
    h = mix(mix(mix(h, o.id), o.slug), o.pointer);
    std::vector<std::string> refs;
    auto tokens = parse_pointer(o.pointer);
    if (tokens && !tokens->empty()) {
      if (const Node* op = resolve_pointer(doc, *tokens)) {
        h = hash_node(*op, h);
        local_refs(*op, refs);
      }
    }
    // The path item's own parameters, servers and summary apply to the operation too.
    for (const Member* mem : o.path_item_fields) {
      h = hash_node(mem->value, mix(h, mem->key));
      local_refs(mem->value, refs);
    }
    keys.operations.push_back(mix(h, closure.of(refs)));
  }
  for (const SchemaComponent& s : m.schemas) {
    std::vector<std::string> refs = {"#" + fragment_encode(append_pointer("/components/schemas", s.name))};
    keys.schemas.push_back(mix(mix(mix(common, s.name), s.slug), closure.of(refs)));
  }
  return keys;
}

}  // namespace apiref
