#include "render/search_index.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

namespace apiref {

using json = nlohmann::json;

namespace {

// allOf inside allOf inside allOf: deeper than this, a composition is not what a reader
// thinks of as the schema's own fields (and a description controls the depth).
constexpr int kCompositionDepth = 3;

// The property names a reader sees at the top of a schema's page: its own, then those its
// allOf/anyOf/oneOf members bring (a GitHub schema is often an allOf of two objects).
void collect_properties(const Node& document, const Node* schema, int depth, std::vector<std::string_view>& out) {
  if (!schema || depth > kCompositionDepth) return;
  schema = deref_internal(document, *schema);
  if (!schema || !schema->is_object()) return;
  if (const Node* props = schema->find("properties"); props && props->is_object()) {
    for (const Member& m : props->members) {
      if (out.size() >= kSearchPropertiesPerSchema) return;
      if (!m.key.empty() && std::find(out.begin(), out.end(), m.key) == out.end()) out.push_back(m.key);
    }
  }
  for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
    const Node* parts = schema->find(keyword);
    if (!parts || !parts->is_array()) continue;
    for (const Node& part : parts->items) collect_properties(document, &part, depth + 1, out);
  }
}

// Parameter and property names repeat (GitHub's `owner` and `url` hundreds of times): each is
// written once in "names", most used first (so with the shortest indexes), and referred to by
// index.
class NameTable {
 public:
  void count(std::string_view name) {
    auto [it, added] = uses_.try_emplace(name, Use{0, uses_.size()});
    ++it->second.count;
  }
  // Call after every count().
  json names() {
    std::vector<std::pair<std::string_view, Use>> order(uses_.begin(), uses_.end());
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return a.second.count != b.second.count ? a.second.count > b.second.count : a.second.first < b.second.first;
    });
    json out = json::array();
    for (size_t i = 0; i < order.size(); ++i) {
      index_[order[i].first] = i;
      out.push_back(order[i].first);
    }
    return out;
  }
  json indexes(const std::vector<std::string_view>& names) const {
    json out = json::array();
    for (std::string_view n : names) out.push_back(index_.at(n));
    return out;
  }

 private:
  struct Use {
    size_t count;
    size_t first;  // order of first use: ties keep the description's order
  };
  std::map<std::string_view, Use> uses_;
  std::map<std::string_view, size_t> index_;
};

// "" when the page's slug is the one app.js makes from the name.
std::string slug_unless_derived(const std::string& slug, const std::string& name) {
  return !name.empty() && slugify(name) == slug ? std::string() : slug;
}

}  // namespace

std::string search_index_json(const std::vector<SearchBundle>& bundles) {
  // Names first, so that every row can refer to them.
  NameTable table;
  std::vector<std::vector<std::vector<std::string_view>>> params(bundles.size()), props(bundles.size());
  for (size_t b = 0; b < bundles.size(); ++b) {
    const ApiModel& m = *bundles[b].model;
    for (const Operation& o : m.operations) {
      std::vector<std::string_view> names;  // a parameter of the path item and the operation is one name
      for (const Parameter& p : o.parameters)
        if (!p.name.empty() && std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
      for (std::string_view n : names) table.count(n);
      params[b].push_back(std::move(names));
    }
    for (const SchemaComponent& s : m.schemas) {
      std::vector<std::string_view> names;
      if (m.document) collect_properties(*m.document, s.schema, 0, names);
      for (std::string_view n : names) table.count(n);
      props[b].push_back(std::move(names));
    }
  }
  json index = json::object();
  index["names"] = table.names();

  json bundle_list = json::array(), tags = json::array(), operations = json::array(), schemas = json::array();
  for (size_t b = 0; b < bundles.size(); ++b) {
    const ApiModel& m = *bundles[b].model;
    bundle_list.push_back(json::array({bundles[b].name, m.title}));
    // An operation's tags by their index in "tags", from each tag's own list (an untagged
    // operation is in the model's "default" tag, and so is found by it too).
    size_t first_tag = tags.size();
    std::vector<json> op_tags(m.operations.size(), json::array());
    for (size_t t = 0; t < m.tags.size(); ++t) {
      const Tag& tag = m.tags[t];
      tags.push_back(json::array({b, slug_unless_derived(tag.slug, tag.name), tag.name,
                                  tag.display_name == tag.name ? std::string() : tag.display_name}));
      for (size_t i : tag.operations)
        if (i < op_tags.size()) op_tags[i].push_back(first_tag + t);
    }
    for (size_t i = 0; i < m.operations.size(); ++i) {
      const Operation& o = m.operations[i];
      std::string id = o.id_generated ? std::string() : o.id;
      operations.push_back(json::array({b, slug_unless_derived(o.slug, id), o.method, o.path, o.summary, id,
                                        std::move(op_tags[i]), table.indexes(params[b][i])}));
    }
    for (size_t i = 0; i < m.schemas.size(); ++i) {
      const SchemaComponent& s = m.schemas[i];
      json entry = json::array({b, slug_unless_derived(s.slug, s.name), s.name, table.indexes(props[b][i])});
      // What readers call it, where the bundle had to tell two schemas of one name apart.
      if (s.display_name != s.name) entry.push_back(s.display_name);
      schemas.push_back(std::move(entry));
    }
  }
  index["bundles"] = std::move(bundle_list);
  index["tags"] = std::move(tags);
  index["operations"] = std::move(operations);
  index["schemas"] = std::move(schemas);
  // A description's text is UTF-8 checked on load; replace rather than throw all the same.
  return index.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace apiref
