// OpenAPI 3.2's own rules: the querystring parameter, additionalOperations, the tag tree and
// discriminators' defaultMapping. (Its new fields are in the object model, oas/oas.cpp, and
// the walk flags them in 3.0 and 3.1 documents.)
#include <map>
#include <memory>
#include <set>

#include "check/rule.h"
#include "text/case.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

class Oas32Rules {
 public:
  explicit Oas32Rules(Walk& w) : w_(w) {}

  struct Param {
    std::string in;
    std::string ptr;
    SourcePos pos;
  };

  std::vector<Param> params(const Node* list, const std::string& lp, const St& st) {
    std::vector<Param> out;
    if (!list || !list->is_array()) return out;
    for (size_t i = 0; i < list->items.size(); ++i) {
      std::string ip = lp + "/" + std::to_string(i);
      Deref d = w_.deref(st.doc, list->items[i], ip);
      if (d.node && d.node->is_object()) out.push_back({std::string(d.node->string_at("in")), ip, list->items[i].pos});
    }
    return out;
  }

  // The whole query string is one parameter: one per operation, and no `in: query` beside it.
  void querystring(const std::vector<Param>& all, const St& st) {
    size_t strings = 0, queries = 0;
    for (const Param& p : all) {
      strings += p.in == "querystring";
      queries += p.in == "query";
    }
    if (strings == 0) return;
    bool first = true;
    for (const Param& p : all) {
      if (p.in != "querystring") continue;
      if (strings > 1 && !first)
        w_.report("querystring-parameter", st.doc, p.ptr, p.pos, p.pos, st.chain,
                  "an operation has at most one 'in: querystring' parameter: it is the whole query string");
      else if (queries > 0 && first)
        w_.report("querystring-parameter", st.doc, p.ptr, p.pos, p.pos, st.chain,
                  "'in: querystring' and 'in: query' parameters cannot be used together");
      first = false;
    }
  }

  void path_item(const Node& item, const std::string& ptr, const St& st) {
    std::vector<Param> shared = params(item.find("parameters"), append_pointer(ptr, "parameters"), st);
    auto each = [&](const Node& op, const std::string& op_ptr) {
      std::vector<Param> all = shared;
      for (Param& p : params(op.find("parameters"), append_pointer(op_ptr, "parameters"), st)) all.push_back(std::move(p));
      querystring(all, st);
    };
    std::set<const Node*> misplaced;  // additionalOperations entries named like a fixed method
    const Node* more = item.find("additionalOperations");
    if (more && more->is_object())
      for (const Member& m : more->members) {
        if (is_ext(m.key) || !m.value.is_object() || !is_http_method(text::ascii_lower(m.key))) continue;
        misplaced.insert(&m.value);
        w_.at_key("additional-operations-method", st, append_pointer(append_pointer(ptr, "additionalOperations"), m.key), m,
                  "'" + m.key + "' is a fixed field of the Path Item; additionalOperations is for other methods");
      }
    for_each_operation(item, ptr, st, [&](const Member& m, const std::string& op_ptr) {
      if (!misplaced.count(&m.value)) each(m.value, op_ptr);
    });
  }

  // A querystring parameter is serialised by its media type: content, with one entry.
  void parameter(const Node& n, const std::string& ptr, const St& st) {
    if (n.string_at("in") != "querystring") return;
    const Node* content = n.find("content");
    if (!content || !content->is_object() || content->members.size() != 1)
      w_.report("querystring-parameter", st.doc, ptr, n.pos, n.pos, st.chain,
                "an 'in: querystring' parameter needs 'content' with exactly one media type");
  }

  void tags(const Node& root, const St& st) {
    const Node* list = root.find("tags");
    if (!list || !list->is_array()) return;
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < list->items.size(); ++i) index.emplace(std::string(list->items[i].string_at("name")), i);
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Node* parent = list->items[i].find("parent");
      if (!parent || !parent->is_string()) continue;
      std::string pp = "/tags/" + std::to_string(i) + "/parent";
      auto it = index.find(parent->text);
      if (it == index.end()) {
        w_.at_value("tag-parent", st, pp, *parent, "parent tag '" + parent->text + "' is not declared in tags", parent->text);
        continue;
      }
      // Up the chain of parents: coming back here is a cycle.
      std::set<size_t> seen{i};
      for (size_t at = it->second;;) {
        if (!seen.insert(at).second) {
          if (at == i)
            w_.at_value("tag-parent", st, pp, *parent, "tag parents form a cycle through '" + parent->text + "'", parent->text);
          break;
        }
        auto next = index.find(std::string(list->items[at].string_at("parent")));
        if (next == index.end()) break;
        at = next->second;
      }
    }
  }

  // defaultMapping names the schema for values the mapping does not: a component name or a
  // reference that must lead somewhere.
  void discriminator(const Node& n, const std::string& ptr, const St& st) {
    const Node* d = n.find("defaultMapping");
    if (!d || !d->is_string()) return;
    std::string dp = append_pointer(ptr, "defaultMapping");
    bool found = false;
    if (d->text.find('/') == std::string::npos && d->text.find('#') == std::string::npos) {
      const Node* comps = st.doc->root.find("components");
      const Node* schemas = comps ? comps->find("schemas") : nullptr;
      found = schemas && schemas->find(d->text);
    } else {
      Node ref = Node::object(d->pos);
      ref.set("$ref", Node::string(d->text, d->pos), d->pos);
      found = w_.deref(st.doc, ref, dp).node != nullptr;
    }
    if (!found)
      w_.at_value("discriminator-default-mapping", st, dp, *d,
                  "defaultMapping '" + d->text + "' names no schema", d->text);
  }

 private:
  Walk& w_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<Oas32Rules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) {
    if (k == K::PathItem) r->path_item(n, ptr, st);
    else if (k == K::Parameter) r->parameter(n, ptr, st);
    else if (k == K::Root) r->tags(n, st);
  };
  h.schema = [r](const Node& n, const SchemaKeywords&, const std::string& ptr, const St& st, const Node*) {
    if (const Node* d = n.find("discriminator"); d && d->is_object())
      r->discriminator(*d, append_pointer(ptr, "discriminator"), st);
  };
  return h;
}

}  // namespace

const RuleFamily& oas32_family() {
  static const RuleFamily family{
      "oas32",
      {
          {"querystring-parameter", "one in: querystring parameter, alone, with one media type", ERR, ERR, ERR},
          {"additional-operations-method", "additionalOperations does not redefine a fixed method", ERR, ERR, ERR},
          {"tag-parent", "a tag's parent is a declared tag, and parents form no cycle", ERR, ERR, ERR},
          {"discriminator-default-mapping", "a discriminator's defaultMapping names a schema", ERR, ERR, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
