#include "render/schema_outline.h"

#include <set>
#include <vector>

#include "model/model.h"
#include "render/markdown_text.h"
#include "render/schema_tree.h"
#include "tree/write.h"

namespace apiref {

namespace {

bool is_true(const Node* n) { return n && n->kind == NodeKind::Bool && n->boolean; }

class Outliner {
 public:
  Outliner(const Node& doc, const OutlineOptions& o) : doc_(doc), o_(o) {}

  std::string run(const Node& schema) {
    std::string name = schema_component_name(schema);
    if (!name.empty()) open_.insert(name);
    children(schema, 0, true);
    if (cut_) out_ += "- … " + std::to_string(cut_) + " more lines left out\n";
    return std::move(out_);
  }

 private:
  // The lines below a schema's own: its properties, its items' or its variants'.
  void children(const Node& raw, int depth, bool root) {
    std::string name = schema_component_name(raw);
    const Node* s = deref_internal(doc_, raw);
    if (!s || !s->is_object()) return;
    if (!name.empty() && !root) return;  // named and nested: its line links to it
    if (depth >= o_.max_depth) {
      if (has_structure(*s)) line(depth, "*(deeper levels left out)*");
      return;
    }
    if (const Node* items = s->find("items"); items && types_say(*s, "array")) {
      // "array of X": nested, the type links X; at the root, X is what the reader came for.
      std::string item = schema_component_name(*items);
      if (!item.empty() && !root) return;
      if (!item.empty()) open_.insert(item);
      children(*items, depth, root);
      return;
    }
    properties(*s, depth);
    // What a string holds once decoded (contentSchema): one line with its type, its structure
    // below it as a variant's is.
    if (const Node* cs = s->find("contentSchema"); cs && cs->is_object()) {
      std::string cname = schema_component_name(*cs);
      bool again = recursion(cname);
      const Node* css = deref_internal(doc_, *cs);
      line(depth, "Decoded content: " + describe_type(*cs, cname) + (again ? " *(recursive)*" : "") +
                      (css ? description_of(*css) : ""));
      if (!again) children(*cs, depth + 1, false);
    }
    for (const char* kind : {"oneOf", "anyOf"}) {
      const Node* variants = s->find(kind);
      if (!variants || !variants->is_array()) continue;
      line(depth, std::string(kind == std::string_view("oneOf") ? "One of:" : "Any of:"));
      for (const Node& v : variants->items) {
        std::string vname = schema_component_name(v);
        bool again = recursion(vname);
        const Node* vs = deref_internal(doc_, v);
        line(depth + 1, describe_type(v, vname) + (again ? " *(recursive)*" : "") + (vs ? description_of(*vs) : ""));
        if (!again) children(v, depth + 2, false);
      }
    }
  }

  // Properties of `s` and of every allOf part, with their required lists (merged: the reader
  // sees one object).
  void properties(const Node& s, int depth) {
    std::vector<const Node*> parts{&s};
    collect_all_of(s, parts, 0);
    std::set<std::string_view> required;
    for (const Node* p : parts)
      if (const Node* r = p->find("required"); r && r->is_array())
        for (const Node& x : r->items) required.insert(x.text);
    std::set<std::string_view> seen;
    for (const Node* p : parts) {
      const Node* props = p->find("properties");
      if (!props || !props->is_object()) continue;
      for (const Member& m : props->members) {
        if (!seen.insert(m.key).second) continue;
        const Node* ps = deref_internal(doc_, m.value);
        if (ps && hidden(*ps)) continue;
        property(m.key, m.value, required.count(m.key) > 0, depth);
      }
    }
    for (const Node* p : parts) {
      const Node* extra = p->find("additionalProperties");
      if (!extra || !extra->is_object()) continue;
      property("", *extra, false, depth);
      break;
    }
  }

  void collect_all_of(const Node& s, std::vector<const Node*>& parts, int depth) {
    const Node* all = s.find("allOf");
    if (!all || !all->is_array() || depth > 8) return;
    for (const Node& part : all->items) {
      const Node* p = deref_internal(doc_, part);
      if (!p || !p->is_object()) continue;
      parts.push_back(p);
      collect_all_of(*p, parts, depth + 1);
    }
  }

  void property(const std::string& key, const Node& raw, bool required, int depth) {
    const Node* s = deref_internal(doc_, raw);
    std::string name = schema_component_name(raw);
    std::string text = key.empty() ? "*any other key*" : md_code(key);
    text += " (" + describe_type(raw, name);
    if (required) text += ", required";
    if (s) {
      if (is_true(s->find("readOnly"))) text += ", read-only";
      if (is_true(s->find("writeOnly"))) text += ", write-only";
      if (is_true(s->find("deprecated"))) text += ", deprecated";
    }
    text += ")";
    bool again = recursion(name);
    if (again) text += " *(recursive)*";
    if (s) {
      std::string described = description_of(*s), values = values_of(*s);
      text += described.empty() && !values.empty() ? ":" + values : described + values;
    }
    line(depth, text);
    if (s && !again) children(raw, depth + 1, false);
  }

  // The type, and for a named component with structure its name linked to its twin.
  std::string describe_type(const Node& raw, const std::string& name) {
    std::string label = schema_type_label(doc_, raw);
    if (name.empty()) {
      // "array of X": X linked, when it is a component.
      const Node* s = deref_internal(doc_, raw);
      const Node* items = s ? s->find("items") : nullptr;
      std::string item = items ? schema_component_name(*items) : "";
      std::string href = item.empty() || !o_.href ? "" : o_.href(item);
      if (!href.empty()) return md_text(label) + ", see [" + md_text(shown(item)) + "](" + href + ")";
      return md_text(label);
    }
    std::string href = o_.href ? o_.href(name) : "";
    std::string shown_name = md_text(label == name ? shown(name) : label);
    return href.empty() ? shown_name : "[" + shown_name + "](" + href + ")";
  }

  // A reference to a component the outline is inside of: marked, not followed.
  bool recursion(const std::string& name) const {
    return !name.empty() && (open_.count(name) > 0 || name == o_.root_component);
  }

  std::string description_of(const Node& s) {
    std::string_view d = s.string_at("description");
    if (d.empty() || !o_.plain_text) return "";
    std::string text = o_.plain_text(d);
    return text.empty() ? "" : ": " + md_text(text);
  }

  static std::string values_of(const Node& s) { return schema_values_note(s); }

  bool hidden(const Node& s) const {
    if (o_.all_directions) return false;
    return is_true(s.find(o_.direction == ExampleFor::Request ? "readOnly" : "writeOnly"));
  }

  static bool types_say(const Node& s, std::string_view type) {
    const Node* t = s.find("type");
    if (!t) return type == "array";  // items without a type
    if (t->is_string()) return t->text == type;
    if (t->is_array())
      for (const Node& x : t->items)
        if (x.text == type) return true;
    return false;
  }

  static bool has_structure(const Node& s) {
    return s.find("properties") || s.find("items") || s.find("allOf") || s.find("oneOf") || s.find("anyOf") ||
           s.find("contentSchema");
  }

  std::string shown(const std::string& name) const {
    if (o_.display_names) {
      auto it = o_.display_names->find(name);
      if (it != o_.display_names->end()) return it->second;
    }
    return name;
  }

  void line(int depth, const std::string& text) {
    if (lines_ >= o_.max_lines) {
      ++cut_;
      return;
    }
    ++lines_;
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_ += "- " + text + "\n";
  }

  const Node& doc_;
  const OutlineOptions& o_;
  std::set<std::string> open_;  // the root component: a reference back to it is recursion
  std::string out_;
  size_t lines_ = 0, cut_ = 0;
};

}  // namespace

std::string schema_values_note(const Node& s, bool in_table) {
  auto code = [in_table](const Node& v) { return md_code(v.is_string() ? v.text : to_json(v, false), in_table); };
  std::string out;
  if (const Node* e = s.find("enum"); e && e->is_array() && !e->items.empty()) {
    out += " One of: ";
    // A long enum is cut: the bundled description (openapi.json) has it whole.
    for (size_t i = 0; i < e->items.size(); ++i) {
      if (i == 30) {
        out += ", … (" + std::to_string(e->items.size()) + " in all)";
        break;
      }
      out += (i ? ", " : "") + code(e->items[i]);
    }
    out += ".";
  }
  if (const Node* c = s.find("const")) out += " Always " + code(*c) + ".";
  // A string carrying another document: its media type and encoding (contentSchema, when
  // given, is outlined below the line).
  const Node* media = s.find("contentMediaType");
  const Node* encoding = s.find("contentEncoding");
  bool has_media = media && media->is_string() && !media->text.empty();
  bool has_encoding = encoding && encoding->is_string() && !encoding->text.empty();
  if (has_media || has_encoding)
    out += " Holds " + (has_media ? code(*media) : std::string("content")) +
           (has_encoding ? ", " + code(*encoding) + "-encoded" : std::string()) + ".";
  if (const Node* d = s.find("default")) out += " Default: " + code(*d) + ".";
  return out;
}

std::string schema_outline(const Node& document, const Node& schema, const OutlineOptions& options) {
  return Outliner(document, options).run(schema);
}

}  // namespace apiref
