#include "render/schema_tree.h"

#include <algorithm>
#include <vector>

#include "markdown/markdown.h"
#include "render/description.h"
#include "model/model.h"
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
  auto decoded = percent_decode(ref.substr(sizeof(kSchemaPrefix) - 1));
  if (!decoded) return "";
  auto tokens = parse_pointer("/" + *decoded);
  return tokens && tokens->size() == 1 ? (*tokens)[0] : "";
}

constexpr int kMaxUnnamedDepth = 32;
constexpr size_t kMaxUnnamedNodes = 20000;

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

bool is_nullable(const Node& s) {
  if (is_true(s.find("nullable"))) return true;
  std::vector<std::string> types = types_of(s);
  return std::find(types.begin(), types.end(), "null") != types.end();
}

// The keywords a schema's badges and constraints show, found in one pass over its members:
// each looked up in turn was some twenty scans of every schema shown (GitHub's trees show
// ~200,000). The first of a name wins, as with Node::find.
struct ShownKeywords {
  const Node *minimum = nullptr, *maximum = nullptr, *exclusive_minimum = nullptr, *exclusive_maximum = nullptr,
             *multiple_of = nullptr, *min_length = nullptr, *max_length = nullptr, *min_items = nullptr,
             *max_items = nullptr, *min_properties = nullptr, *max_properties = nullptr, *unique_items = nullptr,
             *pattern = nullptr, *enum_values = nullptr, *const_value = nullptr, *default_value = nullptr,
             *example = nullptr, *read_only = nullptr, *write_only = nullptr, *deprecated = nullptr;

  explicit ShownKeywords(const Node& s) {
    find_members(s, {{"minimum", &minimum}, {"maximum", &maximum}, {"exclusiveMinimum", &exclusive_minimum},
                     {"exclusiveMaximum", &exclusive_maximum}, {"multipleOf", &multiple_of},
                     {"minLength", &min_length}, {"maxLength", &max_length}, {"minItems", &min_items},
                     {"maxItems", &max_items}, {"minProperties", &min_properties},
                     {"maxProperties", &max_properties}, {"uniqueItems", &unique_items}, {"pattern", &pattern},
                     {"enum", &enum_values}, {"const", &const_value}, {"default", &default_value},
                     {"example", &example}, {"readOnly", &read_only}, {"writeOnly", &write_only},
                     {"deprecated", &deprecated}});
  }
};

class TreeWriter {
 public:
  TreeWriter(const Node& doc, const SchemaTreeOptions& o, const SchemaHref& href)
      : doc_(doc), o_(o), href_(href) {}

  std::string run(const Node& schema) {
    if (!o_.root_component.empty()) stack_.push_back(o_.root_component);
    // Which properties the tree leaves out, for app.js: a folded schema it unfolds here comes
    // from that schema's page, which shows every property, and is filtered the same way.
    out_ += o_.all_directions ? "<div class=\"schema-tree\">"
            : o_.direction == ExampleFor::Request ? "<div class=\"schema-tree\" data-for=\"request\">"
                                                   : "<div class=\"schema-tree\" data-for=\"response\">";
    node_body(schema, 0, true);
    out_ += "</div>";
    return std::move(out_);
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
  void text(std::string_view s) { out_ += html_escape(s); }
  // What the reader calls a component schema: its key, unless the bundle had to tell it apart.
  const std::string& shown(const std::string& name) const {
    if (!o_.display_names) return name;
    auto it = o_.display_names->find(name);
    return it == o_.display_names->end() ? name : it->second;
  }

  // Writes open + what f writes + close, or nothing at all when f writes nothing: no empty
  // wrappers (<ul></ul>, <div class="schema-root"></div>) in the page.
  // Returns whether it wrote anything.
  template <class F>
  bool wrap_nonempty(const char* open, F&& f, const char* close) {
    size_t mark = out_.size();
    out_ += open;
    size_t inner = out_.size();
    f();
    if (out_.size() == inner) {
      out_.resize(mark);
      return false;
    }
    out_ += close;
    return true;
  }


  // `lead`: the line starts here, so nothing written first needs a space before it.
  void type_line(const Node& raw, const Node& s, bool lead = false) {
    std::string name = ref_component(raw);
    std::string label = type_label(raw);
    std::string url = name.empty() ? "" : href_(name);
    size_t start = out_.size();
    auto space = [&] {
      if (!lead || out_.size() != start) out_ += ' ';
    };
    // A named object is labelled by its name; with a page to link to, the link is the label.
    // A bare composition is labelled by its block below ("all of ..."), not twice.
    bool composition = label == "one of" || label == "any of" || label == "all of";
    if ((url.empty() || label != name) && !composition) {
      space();
      out_ += "<span class=\"schema-type\">";
      text(label);
      out_ += "</span>";
    }
    if (!url.empty()) {
      space();
      out_ += "<a class=\"schema-ref\" href=\"";
      out_ += html_escape(url);
      out_ += "\">";
      text(shown(name));
      out_ += "</a>";
    }
    std::string_view title = s.string_at("title");
    if (!title.empty() && title != name) {
      space();
      out_ += "<span class=\"schema-title\">";
      text(title);
      out_ += "</span>";
    }
  }

  void badges(const Node& s, bool required) {
    auto badge = [&](const char* cls, const char* label) {
      out_ += " <span class=\"badge badge-";
      out_ += cls;
      out_ += "\">";
      out_ += label;
      out_ += "</span>";
    };
    ShownKeywords k(s);
    if (required) badge("required", "required");
    if (is_nullable(s)) badge("nullable", "nullable");
    if (is_true(k.read_only)) badge("readonly", "read-only");
    if (is_true(k.write_only)) badge("writeonly", "write-only");
    if (is_true(k.deprecated)) badge("deprecated", "deprecated");
  }

  void constraints(const Node& s) {
    ShownKeywords k(s);
    std::vector<std::string> parts;
    auto num = [&](const Node* v, const char* label) {
      if (v && v->kind == NodeKind::Number) parts.push_back(std::string(label) + v->text);
    };
    bool excl_min = is_true(k.exclusive_minimum), excl_max = is_true(k.exclusive_maximum);
    if (const Node* v = k.minimum; v && v->kind == NodeKind::Number) parts.push_back((excl_min ? "> " : "≥ ") + v->text);
    if (const Node* v = k.maximum; v && v->kind == NodeKind::Number) parts.push_back((excl_max ? "< " : "≤ ") + v->text);
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
    if (is_true(k.unique_items)) parts.push_back("unique items");
    if (!parts.empty()) {
      out_ += "<div class=\"schema-constraints\">";
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out_ += ", ";
        text(parts[i]);
      }
      out_ += "</div>";
    }
    if (std::string_view p = k.pattern && k.pattern->is_string() ? std::string_view(k.pattern->text) : std::string_view(); !p.empty()) {
      out_ += "<div class=\"schema-pattern\">pattern <code>";
      text(p);
      out_ += "</code></div>";
    }
    if (const Node* e = k.enum_values; e && e->is_array()) {
      out_ += "<div class=\"schema-enum\">one of: ";
      for (size_t i = 0; i < e->items.size(); ++i) {
        if (i) out_ += " ";
        out_ += "<code>";
        text(scalar_text(e->items[i]));
        out_ += "</code>";
      }
      out_ += "</div>";
    }
    if (const Node* c = k.const_value) {
      out_ += "<div class=\"schema-enum\">always <code>";
      text(scalar_text(*c));
      out_ += "</code></div>";
    }
    if (const Node* d = k.default_value) {
      out_ += "<div class=\"schema-default\">default <code>";
      text(scalar_text(*d));
      out_ += "</code></div>";
    }
    if (const Node* ex = k.example; ex && !ex->is_object() && !ex->is_array()) {
      out_ += "<div class=\"schema-example\">example <code>";
      text(scalar_text(*ex));
      out_ += "</code></div>";
    }
  }

  void description(const Node& s) {
    std::string_view d = s.string_at("description");
    if (d.empty()) return;
    out_ += "<div class=\"schema-description\">";
    DescriptionStyle style = schema_description_style(o_.description_link_base);
    if (o_.descriptions) out_ += o_.descriptions->html(d, style, o_.description_stats);
    else out_ += description_html(d, style, o_.description_stats);
    out_ += "</div>";
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
           s.find("anyOf") || s.find("allOf") || (items && items->is_object());
  }

  // Children of a schema: properties, array items, additional properties, compositions.
  void children(const Node& s, int depth) {
    if (const Node* props = s.find("properties"); props && props->is_object()) {
      std::vector<std::string> required;
      if (const Node* r = s.find("required"))
        for (const Node& x : r->items) required.push_back(x.text);
      // `properties: {}`, or all of them hidden in this direction: no list.
      wrap_nonempty("<ul class=\"schema-props\">", [&] {
        for (const Member& p : props->members) {
          const Node* ps = deref_internal(doc_, p.value);
          if (!ps) {
            // Shown, not dropped: the reader sees the field exists and that its schema is missing.
            out_ += "<li class=\"schema-prop\"><code class=\"prop-name\">";
            text(p.key);
            out_ += "</code> ";
            broken_ref(p.value);
            out_ += "</li>";
            continue;
          }
          if (hidden(*ps)) continue;
          bool req = std::find(required.begin(), required.end(), p.key) != required.end();
          property(p.key, p.value, *ps, req, depth + 1);
        }
      }, "</ul>");
    }
    if (const Node* ap = s.find("additionalProperties")) {
      if (ap->is_object() && !ap->members.empty()) {
        const Node* aps = deref_internal(doc_, *ap);
        if (aps) {
          out_ += "<ul class=\"schema-props\">";
          property("{any key}", *ap, *aps, false, depth + 1);
          out_ += "</ul>";
        }
      }
    }
    if (const Node* items = s.find("items"); items && items->is_object()) {
      const Node* is = deref_internal(doc_, *items);
      std::string name = ref_component(*items);
      if (is && !expand_ref(name, depth + 1, *is)) {
        if (has_children(*is)) {
          out_ += "<div class=\"schema-items\"><span class=\"schema-label\">items</span>";
          ref_or_body(*items, *is, depth + 1);
          out_ += "</div>";
        }
      } else if (is) {
        // The item type is in the array's label ("array of string"); what else the item
        // schema says (description, enum, constraints, structure) is shown here, and the
        // block is left out when that is nothing.
        if (!name.empty()) stack_.push_back(name);
        ++nodes_;  // counted as a node only when written (below)
        bool written = wrap_nonempty("<div class=\"schema-items\"><span class=\"schema-label\">items</span>", [&] {
          description(*is);
          constraints(*is);
          children(*is, depth + 1);
        }, "</div>");
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
      std::string label = std::string(kw) == "allOf" ? "all of" : std::string(kw) == "oneOf" ? "one of" : "any of";
      out_ += "<div class=\"schema-composition\"><span class=\"schema-label\">";
      out_ += label;
      out_ += "</span>";
      discriminator(s);
      out_ += "<ol class=\"schema-variants\">";
      for (size_t i = 0; i < list->items.size(); ++i) {
        const Node& v = list->items[i];
        const Node* vs = deref_internal(doc_, v);
        if (!vs) continue;
        out_ += "<li>";
        variant(v, *vs, depth + 1);
        out_ += "</li>";
      }
      out_ += "</ol></div>";
    }
  }

  void discriminator(const Node& s) {
    const Node* d = s.find("discriminator");
    if (!d) return;
    out_ += "<div class=\"schema-discriminator\">discriminated by <code>";
    text(d->string_at("propertyName"));
    out_ += "</code>";
    if (const Node* mapping = d->find("mapping"); mapping && !mapping->members.empty()) {
      out_ += "<ul>";
      for (const Member& m : mapping->members) {
        out_ += "<li><code>";
        text(m.key);
        out_ += "</code> → ";
        Node ref = Node::object();
        ref.set("$ref", Node::string(m.value.text));
        std::string name = ref_component(ref);
        std::string url = name.empty() ? "" : href_(name);
        if (!url.empty()) {
          out_ += "<a href=\"" + html_escape(url) + "\">";
          text(shown(name));
          out_ += "</a>";
        } else {
          text(m.value.text);
        }
        out_ += "</li>";
      }
      out_ += "</ul>";
    }
    out_ += "</div>";
  }

  // A schema reached through `raw` (maybe a $ref): expanded, or a link when too deep or
  // recursive.
  void ref_or_body(const Node& raw, const Node& s, int depth) {
    std::string name = ref_component(raw);
    if (!expand_ref(name, depth, s)) {
      bool recursive = std::find(stack_.begin(), stack_.end(), name) != stack_.end();
      out_ += "<div class=\"schema-link\" data-folded>";  // app.js can unfold it in place
      type_line(raw, s);
      if (recursive) out_ += " <span class=\"badge badge-recursive\">recursive</span>";
      out_ += "</div>";
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
    wrap_nonempty("<div class=\"schema-variant-head\">", [&] {
      type_line(raw, s, true);
      badges(s, false);
    }, "</div>");
    description(s);
    constraints(s);
    if (!name.empty()) stack_.push_back(name);
    children(s, depth);
    if (!name.empty()) stack_.pop_back();
  }

  void node_body(const Node& raw, int depth, bool root) {
    const Node* s = deref_internal(doc_, raw);
    if (!s) {
      broken_ref(raw);
      return;
    }
    ++nodes_;
    if (root) {
      // A bare composition has no type line (its block below says "one of"): no empty head.
      wrap_nonempty("<div class=\"schema-root\">", [&] {
        type_line(raw, *s);
        badges(*s, false);
      }, "</div>");
      description(*s);
      constraints(*s);
    }
    children(*s, depth);
  }

  // A $ref that resolves to nothing (or a cycle of refs), named so the reader knows what is missing.
  void broken_ref(const Node& raw) {
    out_ += "<span class=\"schema-broken\">unresolved reference";
    std::string_view ref = raw.string_at("$ref");
    if (!ref.empty()) {
      out_ += " <code>";
      text(std::string(ref));
      out_ += "</code>";
    }
    out_ += "</span>";
  }

  void property(const std::string& name, const Node& raw, const Node& s, bool required, int depth) {
    ++nodes_;
    std::string ref = ref_component(raw);
    // Written as a disclosure; when nothing turns out to be inside, its head is rewritten in
    // place into a plain row (cheap: the row is short then), so children are never copied.
    const std::string_view open = depth <= o_.open_depth ? "<details open><summary>" : "<details><summary>";
    const std::string_view close = "</summary>";
    out_ += "<li class=\"schema-prop\">";
    size_t open_at = out_.size();
    out_ += open;
    out_ += "<code class=\"prop-name\">";
    text(name);
    out_ += "</code>";
    type_line(raw, s);
    badges(s, required);
    if (!ref.empty() && std::find(stack_.begin(), stack_.end(), ref) != stack_.end())
      out_ += " <span class=\"badge badge-recursive\">recursive</span>";
    size_t close_at = out_.size();
    out_ += close;
    description(s);
    constraints(s);
    size_t body_at = out_.size();
    bool folded = !expand_ref(ref, depth, s);  // a named schema with structure, linked
    if (!folded) {
      if (!ref.empty()) stack_.push_back(ref);
      children(s, depth);
      if (!ref.empty()) stack_.pop_back();
    }
    if (out_.size() != body_at) {
      out_ += "</details>";
    } else {
      out_.replace(close_at, close.size(), "</div>");
      // data-folded: app.js can unfold the linked schema in place.
      out_.replace(open_at, open.size(), folded ? "<div class=\"schema-prop-head\" data-folded>" : "<div class=\"schema-prop-head\">");
    }
    out_ += "</li>";
  }


  const Node& doc_;
  const SchemaTreeOptions& o_;
  const SchemaHref& href_;
  std::vector<std::string> stack_;
  size_t nodes_ = 0;
  std::string out_;
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

std::string schema_type_label(const Node& document, const Node& schema) {
  SchemaTreeOptions o;
  SchemaHref none = [](const std::string&) { return std::string(); };
  return TreeWriter(document, o, none).type_label(schema);
}

}  // namespace apiref
