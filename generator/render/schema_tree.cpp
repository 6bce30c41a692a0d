#include "render/schema_tree.h"

#include <algorithm>
#include <vector>

#include "markdown/markdown.h"
#include "render/mustache.h"
#include "render/description.h"
#include "model/model.h"
#include "text/percent.h"
#include "tree/json_pointer.h"
#include "tree/write.h"

namespace apiref {
namespace {

const char kSchemaPrefix[] = "#/components/schemas/";

// The component name a {$ref} points at, or "".
std::string ref_component(const Node& n) {
  std::string_view ref = n.string_at("$ref");
  if (ref.rfind(kSchemaPrefix, 0) != 0) return "";
  // The common case, a plain name: nothing to decode (no %, no ~ escapes, one token).
  std::string_view tail = ref.substr(sizeof(kSchemaPrefix) - 1);
  if (tail.find_first_of("%~/") == std::string_view::npos) return std::string(tail);
  auto decoded = text::percent_decode(ref.substr(sizeof(kSchemaPrefix) - 1));
  if (!decoded) return "";
  auto tokens = parse_pointer("/" + *decoded);
  return tokens && tokens->size() == 1 ? (*tokens)[0] : "";
}

constexpr int kMaxUnnamedDepth = 32;
constexpr size_t kMaxUnnamedNodes = 20000;

// A section shows a list item by item and an object once, as it would a list of that object
// alone: the one part of a type line, or the one badge of a row, is given as itself (a list
// fewer to build for most rows).
TemplateData one_or_list(TemplateData* items, size_t n) {
  if (n == 1) return std::move(items[0]);
  TemplateData list = TemplateData::list();
  for (size_t i = 0; i < n; ++i) list.push(std::move(items[i]));
  return list;
}

bool is_true(const Node* n) { return n && n->kind == NodeKind::Bool && n->boolean; }

std::string scalar_text(const Node& n) {
  // An empty string shown as nothing would read as a missing value.
  if (n.is_string()) return n.text.empty() ? "\"\"" : n.text;
  if (n.kind == NodeKind::Number) return n.text;
  if (n.kind == NodeKind::Bool) return n.boolean ? "true" : "false";
  if (n.is_null()) return "null";
  return to_json(n, false);
}

std::vector<std::string> types_of(const Node& s) {
  std::vector<std::string> types;
  const Node* t = s.find("type");
  if (t && t->is_string()) types.push_back(t->text);
  if (t && t->is_array())
    for (const Node& x : t->items) types.push_back(x.text);
  if (types.empty()) {
    if (s.find("properties") || s.find("additionalProperties")) types.push_back("object");
    else if (s.find("items")) types.push_back("array");
  }
  // `nullable` widens a declared type; alone (no type, e.g. beside oneOf) it says nothing
  // about the type, so the label must not become "null": the nullable badge says it.
  if (!types.empty() && is_true(s.find("nullable")) && std::find(types.begin(), types.end(), "null") == types.end())
    types.push_back("null");
  return types;
}

// The JSON type of a value, as a schema type name.
const char* value_type(const Node& v) {
  switch (v.kind) {
    case NodeKind::String: return "string";
    case NodeKind::Number: return "number";
    case NodeKind::Bool: return "boolean";
    case NodeKind::Null: return "null";
    case NodeKind::Array: return "array";
    default: return "object";
  }
}

// A schema without a type that still says what its values are: `const: official`, or an enum
// of strings, is a string. "any" otherwise.
std::string implied_type(const Node& s) {
  if (const Node* c = s.find("const")) return value_type(*c);
  if (const Node* e = s.find("enum"); e && e->is_array() && !e->items.empty()) {
    const char* t = value_type(e->items[0]);
    for (const Node& v : e->items)
      if (std::string_view(value_type(v)) != t) return "any";
    return t;
  }
  return "any";
}

// types_of() has "null" in it, without making the list (asked of every schema row shown).
bool is_nullable(const Node& s) {
  if (is_true(s.find("nullable"))) return true;
  const Node* t = s.find("type");
  if (t && t->is_string()) return t->text == "null";
  if (t && t->is_array())
    for (const Node& x : t->items)
      if (x.text == "null") return true;
  return false;
}

// The keywords a schema's badges and constraints show, found in one pass over its members:
// each looked up in turn was some twenty scans of every schema shown (GitHub's trees show
// ~200,000). The first of a name wins, as with Node::find.
struct ShownKeywords {
  const Node *minimum = nullptr, *maximum = nullptr, *exclusive_minimum = nullptr, *exclusive_maximum = nullptr,
             *multiple_of = nullptr, *min_length = nullptr, *max_length = nullptr, *min_items = nullptr,
             *max_items = nullptr, *min_properties = nullptr, *max_properties = nullptr, *unique_items = nullptr,
             *pattern = nullptr, *enum_values = nullptr, *const_value = nullptr, *default_value = nullptr,
             *example = nullptr, *read_only = nullptr, *write_only = nullptr, *deprecated = nullptr,
             *content_media_type = nullptr, *content_encoding = nullptr;

  explicit ShownKeywords(const Node& s) {
    find_members(s, {{"minimum", &minimum}, {"maximum", &maximum}, {"exclusiveMinimum", &exclusive_minimum},
                     {"exclusiveMaximum", &exclusive_maximum}, {"multipleOf", &multiple_of},
                     {"minLength", &min_length}, {"maxLength", &max_length}, {"minItems", &min_items},
                     {"maxItems", &max_items}, {"minProperties", &min_properties},
                     {"maxProperties", &max_properties}, {"uniqueItems", &unique_items}, {"pattern", &pattern},
                     {"enum", &enum_values}, {"const", &const_value}, {"default", &default_value},
                     {"example", &example}, {"readOnly", &read_only}, {"writeOnly", &write_only},
                     {"deprecated", &deprecated}, {"contentMediaType", &content_media_type},
                     {"contentEncoding", &content_encoding}});
  }
};

// Bounds, lengths, counts and uniqueness as one line of text: "≥ 1, max length 64".
std::string bounds_text(const ShownKeywords& k) {
  std::string parts;
  auto add = [&](std::string_view part) {
    if (!parts.empty()) parts += ", ";
    parts += part;
  };
  auto num = [&](const Node* v, const char* label) {
    if (v && v->kind == NodeKind::Number) add(std::string(label) + v->text);
  };
  bool excl_min = is_true(k.exclusive_minimum), excl_max = is_true(k.exclusive_maximum);
  if (const Node* v = k.minimum; v && v->kind == NodeKind::Number) add((excl_min ? "> " : "≥ ") + v->text);
  if (const Node* v = k.maximum; v && v->kind == NodeKind::Number) add((excl_max ? "< " : "≤ ") + v->text);
  // 3.1 (JSON Schema 2020-12): exclusive bounds are numbers.
  num(k.exclusive_minimum, "> ");
  num(k.exclusive_maximum, "< ");
  num(k.multiple_of, "multiple of ");
  num(k.min_length, "min length ");
  num(k.max_length, "max length ");
  num(k.min_items, "min items ");
  num(k.max_items, "max items ");
  num(k.min_properties, "min properties ");
  num(k.max_properties, "max properties ");
  if (is_true(k.unique_items)) add("unique items");
  return parts;
}

// The schema partials a tree is written with, found once per tree; the ones they include are
// found here first, by a few comparisons rather than the set's map.
struct TreePartials {
  const MustacheTemplate *tree = nullptr, *root = nullptr, *variant = nullptr, *link = nullptr,
                         *properties = nullptr, *property = nullptr, *items = nullptr,
                         *composition = nullptr, *broken = nullptr, *content = nullptr;
  std::vector<std::pair<std::string, const MustacheTemplate*>> all;
  // Partials found so far, by the address of the name in the including template (which lives
  // as long as the set): a pointer comparison each, where names share a 16-byte prefix.
  std::vector<std::pair<const std::string*, const MustacheTemplate*>> seen;
  PartialLookup lookup;

  explicit TreePartials(const TemplateSet* set) {
    for (const char* name : {"partials/schema-tree", "partials/schema-root", "partials/schema-variant",
                             "partials/schema-link", "partials/schema-properties", "partials/schema-property",
                             "partials/schema-items", "partials/schema-composition", "partials/schema-broken",
                             "partials/schema-type-line", "partials/schema-badges", "partials/schema-description",
                             "partials/schema-constraints", "partials/schema-discriminator",
                             "partials/schema-content"})
      all.emplace_back(name, set ? set->find(name) : nullptr);
    tree = all[0].second, root = all[1].second, variant = all[2].second, link = all[3].second;
    properties = all[4].second, property = all[5].second, items = all[6].second;
    composition = all[7].second, broken = all[8].second, content = all[14].second;
    lookup = [this, set](const std::string& name) -> const MustacheTemplate* {
      for (const auto& [n, t] : seen)
        if (n == &name) return t;
      const MustacheTemplate* found = nullptr;
      auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.first == name; });
      if (it != all.end()) found = it->second;
      else if (set) found = set->find(name);
      seen.emplace_back(&name, found);
      return found;
    };
  }
};

class TreeWriter {
 public:
  TreeWriter(const Node& doc, const SchemaTreeOptions& o, const SchemaHref& href)
      : doc_(doc), o_(o), href_(href) {}

  std::string run(const Node& schema) {
    TreePartials partials(o_.templates);
    p_ = &partials;
    if (!o_.root_component.empty()) stack_.push_back(o_.root_component);
    // Which properties the tree leaves out, for app.js: a folded schema it unfolds here comes
    // from that schema's page, which shows every property, and is filtered the same way.
    TemplateData d = TemplateData::object();
    if (!o_.all_directions) d.add("for", Data::borrow(o_.direction == ExampleFor::Request ? "request" : "response"));
    auto body = writer([&] { node_body(schema, 0, true); });
    d.add("body", Data::writer(body));
    std::string html;
    html.reserve(4096);
    out_ = &html;
    write(p_->tree, d);
    return html;
  }

  std::string type_label(const Node& raw) {
    std::string name = ref_component(raw);
    const Node* s = deref_internal(doc_, raw);
    if (!s) return "unknown";
    std::vector<std::string> types = types_of(*s);
    std::string label;
    for (const std::string& t : types) {
      if (!label.empty()) label += " | ";
      if (t == "array") {
        const Node* items = s->find("items");
        label += "array of " + (items ? type_label(*items) : std::string("anything"));
      } else {
        label += t;
      }
    }
    if (label.empty()) {
      if (s->find("oneOf")) label = "one of";
      else if (s->find("anyOf")) label = "any of";
      else if (s->find("allOf")) label = "all of";
      else label = implied_type(*s);
    }
    if (!name.empty() && (label == "object" || label == "one of" || label == "any of" || label == "all of"))
      return name;
    std::string_view format = s->string_at("format");
    if (!format.empty()) label += " (" + std::string(format) + ")";
    return label;
  }

 private:
  using Data = TemplateData;

  void write(const MustacheTemplate* t, const Data& d) {
    if (t) render_mustache_one_to(*out_, *t, d, p_->lookup);
  }

  // A block's children (rows, items, variants) are written by `f` where the block's partial
  // shows them, into the page being written (so they are not copied up level by level):
  // whether there are any is known beforehand (writes_children), as it decides the block.
  template <class F>
  struct Writer final : TemplateWriter {
    TreeWriter* w;
    F f;
    Writer(TreeWriter* tw, F fn) : w(tw), f(std::move(fn)) {}
    void write(std::string& out) const override {
      std::string* saved = w->out_;
      w->out_ = &out;
      f();
      w->out_ = saved;
    }
  };
  template <class F>
  Writer<F> writer(F f) { return Writer<F>(this, std::move(f)); }

  // What the reader calls a component schema: its key, unless the bundle had to tell it apart.
  const std::string& shown(const std::string& name) const {
    if (!o_.display_names) return name;
    auto it = o_.display_names->find(name);
    return it == o_.display_names->end() ? name : it->second;
  }

  // The type line (schema-type-line): type, link to a named schema, title. `lead`: the line
  // starts here, so its first part needs no space before it. Returns whether it has a part.
  bool type_line(Data& d, const Node& raw, const Node& s, bool lead = false) {
    std::string name = ref_component(raw);
    std::string label = type_label(raw);
    std::string url = name.empty() ? "" : href_(name);
    Data parts[3];
    size_t n = 0;
    auto part = [&](const char* key, Data value) {
      Data p = Data::object();
      p.reserve(3);
      if (!lead || n) p.add("sep", true);
      p.add(key, std::move(value));
      return p;
    };
    // A named object is labelled by its name; with a page to link to, the link is the label.
    // A bare composition is labelled by its block below ("all of ..."), not twice.
    bool composition = label == "one of" || label == "any of" || label == "all of";
    if ((url.empty() || label != name) && !composition) parts[n++] = part("type", std::move(label));
    if (!url.empty()) {
      Data p = part("ref_href", std::move(url));
      p.add("ref_name", shown(name));
      parts[n++] = std::move(p);
    }
    std::string_view title = s.string_at("title");
    if (!title.empty() && title != name) parts[n++] = part("title", Data::borrow(title));
    if (!n) return false;
    d.add("type_line", one_or_list(parts, n));
    return true;
  }

  // The badges (schema-badges); `recursive` adds the one for a schema that contains itself.
  // Returns whether there is one. `k`: s's keywords, found once for its badges and constraints.
  bool badges(Data& d, const Node& s, const ShownKeywords& k, bool required, bool recursive = false) {
    Data list[6];
    size_t n = 0;
    auto badge = [&](std::string_view cls, std::string_view label) {
      list[n++] = template_fields("badge", Data::borrow(cls), "label", Data::borrow(label));
    };
    if (required) badge("required", "required");
    if (is_nullable(s)) badge("nullable", "nullable");
    if (is_true(k.read_only)) badge("readonly", "read-only");
    if (is_true(k.write_only)) badge("writeonly", "write-only");
    if (is_true(k.deprecated)) badge("deprecated", "deprecated");
    if (recursive) badge("recursive", "recursive");
    if (!n) return false;
    d.add("badges", one_or_list(list, n));
    return true;
  }

  // The constraints (schema-constraints). Returns whether there is one to show.
  bool constraints(Data& d, const ShownKeywords& k) {
    bool any = false;
    std::string parts = bounds_text(k);
    if (!parts.empty()) {
      d.add("constraints", std::move(parts));
      any = true;
    }
    if (k.pattern && k.pattern->is_string() && !k.pattern->text.empty()) {
      d.add("pattern", Data::borrow(k.pattern->text));
      any = true;
    }
    // A string that carries another document (JSON in a server-sent event's data, a base64
    // image): what it holds and how it is encoded; contentSchema is shown below it.
    const Node* media = k.content_media_type && k.content_media_type->is_string() && !k.content_media_type->text.empty()
                            ? k.content_media_type : nullptr;
    const Node* encoding = k.content_encoding && k.content_encoding->is_string() && !k.content_encoding->text.empty()
                               ? k.content_encoding : nullptr;
    if (media || encoding) {
      Data c = Data::object();
      if (media) c.add("media_type", Data::borrow(media->text));
      if (encoding) c.add("encoding", Data::borrow(encoding->text));
      d.add("holds", std::move(c));
      any = true;
    }
    if (const Node* e = k.enum_values; e && e->is_array()) {
      Data values = Data::list();
      for (size_t i = 0; i < e->items.size(); ++i) values.push(i ? template_fields("sep", true, "value", scalar_text(e->items[i])) : template_fields("value", scalar_text(e->items[i])));
      d.add("enum_shown", true);
      d.add("enum", std::move(values));
      any = true;
    }
    if (const Node* c = k.const_value) {
      d.add("const", scalar_text(*c));
      any = true;
    }
    if (const Node* v = k.default_value) {
      d.add("default", scalar_text(*v));
      any = true;
    }
    if (const Node* ex = k.example; ex && !ex->is_object() && !ex->is_array()) {
      d.add("example", scalar_text(*ex));
      any = true;
    }
    return any;
  }

  // The description (schema-description). Returns whether there is one.
  bool description(Data& d, const Node& s) {
    std::string_view text = s.string_at("description");
    if (text.empty()) return false;
    DescriptionStyle style = schema_description_style(o_.description_link_base);
    d.add("described", true);
    if (o_.descriptions) d.add("description", Data::borrow(o_.descriptions->html(text, style, o_.description_stats)));
    else d.add("description", description_html(text, style, o_.description_stats));
    return true;
  }

  bool hidden(const Node& s) const {
    if (o_.all_directions) return false;
    if (o_.direction == ExampleFor::Request) return is_true(s.find("readOnly"));
    return is_true(s.find("writeOnly"));
  }

  // Whether a referenced component (`target`, what `name` refers to) should be expanded here,
  // or only linked. One with no structure of its own (a string, an enum) takes a line or two,
  // and is always shown, description and constraints included: a link would hide them.
  bool expand_ref(const std::string& name, int depth, const Node& target) const {
    // Inline schemas and $refs into a component's inside (Azure's
    // #/components/schemas/X/properties/y) have no name to see a cycle by: depth and size
    // bound them, far beyond what any description nests by hand.
    if (name.empty()) return depth < kMaxUnnamedDepth && nodes_ < kMaxUnnamedNodes;
    if (std::find(stack_.begin(), stack_.end(), name) != stack_.end()) return false;
    if (!has_children(target)) return true;
    return depth < o_.inline_ref_depth && nodes_ < o_.max_nodes;
  }

  // Whether a schema reached through a link (not expanded) has structure worth a link.
  bool has_children(const Node& s) const {
    const Node* items = s.find("items");
    return s.find("properties") || s.find("additionalProperties") || s.find("oneOf") ||
           s.find("anyOf") || s.find("allOf") || (items && items->is_object()) || s.find("contentSchema");
  }

  // Whether children() writes anything for `s`, found without writing it, in the state it
  // would be written in: the block around the children is chosen by it. It follows children()
  // up to the first block written (the state changes only once one is).
  bool writes_children(const Node& s, int depth) {
    if (const Node* props = s.find("properties"); props && props->is_object())
      for (const Member& p : props->members) {
        const Node* ps = deref_internal(doc_, p.value);
        if (!ps || !hidden(*ps)) return true;
      }
    if (const Node* ap = s.find("additionalProperties"); ap && ap->is_object() && !ap->members.empty())
      if (deref_internal(doc_, *ap)) return true;
    if (const Node* items = s.find("items"); items && items->is_object()) {
      const Node* is = deref_internal(doc_, *items);
      std::string name = ref_component(*items);
      if (is && !expand_ref(name, depth + 1, *is)) {
        if (has_children(*is)) return true;
      } else if (is) {
        Data said = Data::object();
        if (!is->string_at("description").empty() || constraints(said, ShownKeywords(*is))) return true;
        if (!name.empty()) stack_.push_back(name);
        ++nodes_;
        bool written = writes_children(*is, depth + 1);
        --nodes_;
        if (!name.empty()) stack_.pop_back();
        if (written) return true;
      }
    }
    for (const char* kw : {"allOf", "oneOf", "anyOf"})
      if (const Node* list = s.find(kw); list && list->is_array())
        for (const Node& v : list->items)
          if (deref_internal(doc_, v)) return true;
    if (const Node* cs = s.find("contentSchema"); cs && cs->is_object() && deref_internal(doc_, *cs)) return true;
    return false;
  }

  // Children of a schema: properties, array items, additional properties, compositions.
  // Written where they are shown, each block through its partial; no empty block.
  void children(const Node& s, int depth) {
    if (const Node* props = s.find("properties"); props && props->is_object()) {
      bool any = false;
      for (const Member& p : props->members) {
        const Node* ps = deref_internal(doc_, p.value);
        if ((any = !ps || !hidden(*ps))) break;
      }
      // `properties: {}`, or all of them hidden in this direction: no list.
      if (any) {
        std::vector<std::string> required;
        if (const Node* r = s.find("required"))
          for (const Node& x : r->items) required.push_back(x.text);
        auto rows = writer([&] {
          for (const Member& p : props->members) {
            const Node* ps = deref_internal(doc_, p.value);
            if (!ps) {
              // Shown, not dropped: the reader sees the field exists and that its schema is missing.
              Data d = template_fields("name", Data::borrow(p.key), "unresolved", true);
              std::string_view ref = p.value.string_at("$ref");
              if (!ref.empty()) d.add("ref", Data::borrow(ref));
              write(p_->property, d);
              continue;
            }
            if (hidden(*ps)) continue;
            bool req = std::find(required.begin(), required.end(), p.key) != required.end();
            property(p.key, p.value, *ps, req, depth + 1);
          }
        });
        write(p_->properties, template_fields("properties", Data::writer(rows)));
      }
    }
    if (const Node* ap = s.find("additionalProperties")) {
      if (ap->is_object() && !ap->members.empty()) {
        const Node* aps = deref_internal(doc_, *ap);
        if (aps) {
          auto row = writer([&] { property("{any key}", *ap, *aps, false, depth + 1); });
          write(p_->properties, template_fields("properties", Data::writer(row)));
        }
      }
    }
    if (const Node* items = s.find("items"); items && items->is_object()) {
      const Node* is = deref_internal(doc_, *items);
      std::string name = ref_component(*items);
      if (is && !expand_ref(name, depth + 1, *is)) {
        if (has_children(*is)) {
          auto link = writer([&] { ref_or_body(*items, *is, depth + 1); });
          write(p_->items, template_fields("children", Data::writer(link)));
        }
      } else if (is) {
        // The item type is in the array's label ("array of string"); what else the item
        // schema says (description, enum, constraints, structure) is shown here, and the
        // block is left out when that is nothing.
        if (!name.empty()) stack_.push_back(name);
        ++nodes_;  // counted as a node only when written (below)
        Data d = Data::object();
        bool said = description(d, *is);
        said = constraints(d, ShownKeywords(*is)) || said;
        bool written = said || writes_children(*is, depth + 1);
        auto structure = writer([&] { children(*is, depth + 1); });
        if (written) {
          d.add("children", Data::writer(structure));
          write(p_->items, d);
        }
        if (!name.empty()) stack_.pop_back();
        if (!written) --nodes_;
      }
    }
    for (const char* kw : {"allOf", "oneOf", "anyOf"}) {
      const Node* list = s.find(kw);
      if (!list || !list->is_array()) continue;
      bool any = false;
      for (const Node& v : list->items) any = any || deref_internal(doc_, v);
      if (!any) continue;  // `oneOf: []`: nothing to choose from, no block
      std::string_view k = kw;
      Data d = template_fields("label", Data::borrow(k == "allOf" ? "all of" : k == "oneOf" ? "one of" : "any of"));
      discriminator(d, s);
      auto shown = [this, depth](const Node* raw, const Node* vs) {
        return writer([this, raw, vs, depth] { variant(*raw, *vs, depth + 1); });
      };
      std::vector<decltype(shown(nullptr, nullptr))> writers;
      writers.reserve(list->items.size());  // the items point at them
      Data variants = Data::list();
      for (const Node& v : list->items) {
        const Node* vs = deref_internal(doc_, v);
        if (!vs) continue;
        writers.push_back(shown(&v, vs));
        variants.push(template_fields("html", Data::writer(writers.back())));
      }
      d.add("variants", std::move(variants));
      write(p_->composition, d);
    }
    // The schema of what a string holds once decoded (contentMediaType/contentEncoding):
    // shown like a variant, its own type line first, or a link when too deep.
    if (const Node* cs = s.find("contentSchema"); cs && cs->is_object()) {
      if (const Node* css = deref_internal(doc_, *cs)) {
        auto inner = writer([&] { variant(*cs, *css, depth + 1); });
        write(p_->content, template_fields("children", Data::writer(inner)));
      }
    }
  }

  void discriminator(Data& d, const Node& s) {
    const Node* disc = s.find("discriminator");
    if (!disc) return;
    d.add("discriminator", true);
    d.add("property", Data::borrow(disc->string_at("propertyName")));
    if (const Node* mapping = disc->find("mapping"); mapping && !mapping->members.empty()) {
      Data list = Data::list();
      for (const Member& m : mapping->members) {
        Node ref = Node::object();
        ref.set("$ref", Node::string(m.value.text));
        std::string name = ref_component(ref);
        std::string url = name.empty() ? "" : href_(name);
        Data e = template_fields("key", Data::borrow(m.key), "href", url, "target", Data::borrow(m.value.text));
        if (!url.empty()) e.add("name", shown(name));
        list.push(std::move(e));
      }
      d.add("has_mapping", true);
      d.add("mapping", std::move(list));
    }
    // 3.2: the schema for values the mapping does not list (a component name, or a $ref).
    if (const Node* def = disc->find("defaultMapping"); def && def->is_string() && !def->text.empty()) {
      Node ref = Node::object();
      bool bare = def->text.find('/') == std::string::npos && def->text.find('#') == std::string::npos;
      ref.set("$ref", Node::string(bare ? "#/components/schemas/" + def->text : def->text));
      std::string name = ref_component(ref);
      std::string url = name.empty() ? "" : href_(name);
      d.add("default_mapping", template_fields("href", url, "name", url.empty() ? Data("") : shown(name),
                                               "target", Data::borrow(def->text)));
    }
  }

  // A schema reached through `raw` (maybe a $ref): expanded, or a link when too deep or
  // recursive.
  void ref_or_body(const Node& raw, const Node& s, int depth) {
    std::string name = ref_component(raw);
    if (!expand_ref(name, depth, s)) {
      bool recursive = std::find(stack_.begin(), stack_.end(), name) != stack_.end();
      Data d = Data::object();
      type_line(d, raw, s);
      // Only whether it is recursive: its other badges are on its own page.
      if (recursive) d.add("badges", template_fields("badge", Data::borrow("recursive"), "label", Data::borrow("recursive")));
      write(p_->link, d);
      return;
    }
    if (!name.empty()) stack_.push_back(name);
    node_body(raw, depth, false);
    if (!name.empty()) stack_.pop_back();
  }

  // One variant of a composition: its type line (a scalar variant is nothing else), what it
  // says (description, constraints), then its structure; or a link when too deep.
  void variant(const Node& raw, const Node& s, int depth) {
    std::string name = ref_component(raw);
    if (!expand_ref(name, depth, s)) {
      ref_or_body(raw, s, depth);
      return;
    }
    ++nodes_;
    Data d = Data::object();
    d.reserve(14);
    bool head = type_line(d, raw, s, true);
    ShownKeywords k(s);
    head = badges(d, s, k, false) || head;
    if (head) d.add("has_head", true);
    description(d, s);
    constraints(d, k);
    auto structure = writer([&] {
      if (!name.empty()) stack_.push_back(name);
      children(s, depth);
      if (!name.empty()) stack_.pop_back();
    });
    d.add("children", Data::writer(structure));
    write(p_->variant, d);
  }

  void node_body(const Node& raw, int depth, bool root) {
    const Node* s = deref_internal(doc_, raw);
    if (!s) {
      broken_ref(raw);
      return;
    }
    ++nodes_;
    if (!root) {
      children(*s, depth);
      return;
    }
    // A bare composition has no type line (its block below says "one of"): no empty head.
    Data d = Data::object();
    d.reserve(14);
    bool head = type_line(d, raw, *s);
    ShownKeywords k(*s);
    head = badges(d, *s, k, false) || head;
    if (head) d.add("has_head", true);
    description(d, *s);
    constraints(d, k);
    auto structure = writer([&] { children(*s, depth); });
    d.add("children", Data::writer(structure));
    write(p_->root, d);
  }

  // A $ref that resolves to nothing (or a cycle of refs), named so the reader knows what is missing.
  void broken_ref(const Node& raw) {
    Data d = Data::object();
    std::string_view ref = raw.string_at("$ref");
    if (!ref.empty()) d.add("ref", Data::borrow(ref));
    write(p_->broken, d);
  }

  void property(const std::string& name, const Node& raw, const Node& s, bool required, int depth) {
    ++nodes_;
    std::string ref = ref_component(raw);
    Data d = Data::object();
    d.reserve(16);
    d.add("name", Data::borrow(name));
    type_line(d, raw, s);
    bool recursive = !ref.empty() && std::find(stack_.begin(), stack_.end(), ref) != stack_.end();
    ShownKeywords k(s);
    badges(d, s, k, required, recursive);
    description(d, s);
    constraints(d, k);
    bool folded = !expand_ref(ref, depth, s);  // a named schema with structure, linked
    auto inside = [&](auto f) {
      if (!ref.empty()) stack_.push_back(ref);
      auto result = f();
      if (!ref.empty()) stack_.pop_back();
      return result;
    };
    // A disclosure when there are children inside; a plain row otherwise (data-folded: app.js
    // can unfold the linked schema in place).
    bool body = !folded && inside([&] { return writes_children(s, depth); });
    auto structure = writer([&] { inside([&] { return children(s, depth), true; }); });
    // Only what is so: a missing name is false to the partial, and the row is smaller.
    if (body) {
      d.add("has_body", true);
      if (depth <= o_.open_depth) d.add("open", true);
      d.add("children", Data::writer(structure));
    } else if (folded) {
      d.add("folded", true);
    }
    write(p_->property, d);
  }

  const Node& doc_;
  const SchemaTreeOptions& o_;
  const SchemaHref& href_;
  const TreePartials* p_ = nullptr;
  std::vector<std::string> stack_;
  size_t nodes_ = 0;
  std::string* out_ = nullptr;  // where blocks are written: the tree, or the block being shown
};

}  // namespace

DescriptionStyle schema_description_style(const std::string& link_base) {
  DescriptionStyle style;
  style.heading_base = 5;  // deep inside the page: keep description headings small
  style.link_base = link_base;
  return style;
}

std::string render_schema_tree(const Node& document, const Node& schema,
                               const SchemaTreeOptions& options, const SchemaHref& href) {
  return TreeWriter(document, options, href).run(schema);
}

std::string schema_component_name(const Node& schema) { return ref_component(schema); }

std::string schema_type_label(const Node& document, const Node& schema) {
  SchemaTreeOptions o;
  SchemaHref none = [](const std::string&) { return std::string(); };
  return TreeWriter(document, o, none).type_label(schema);
}

std::string schema_bounds_text(const Node& schema) { return bounds_text(ShownKeywords(schema)); }

}  // namespace apiref
