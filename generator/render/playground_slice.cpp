#include "render/playground_slice.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "examples/example.h"
#include "oas/oas.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Swagger UI's grouping: under each of the operation's tags, or "default" when it has none.
bool listed_under(const Node& op, std::string_view tag) {
  const Node* tags = op.find("tags");
  bool tagged = false;
  if (tags && tags->is_array())
    for (const Node& t : tags->items) {
      if (!t.is_string()) continue;
      if (t.text == tag) return true;
      tagged = true;
    }
  return !tagged && tag == "default";
}

// The tokens of a $ref within the document ("#/components/schemas/a%20b" -> components,
// schemas, "a b"); nothing for a reference to another file or a malformed one.
std::optional<std::vector<std::string>> local_ref(std::string_view ref) {
  if (ref.empty() || ref[0] != '#') return std::nullopt;
  std::optional<std::string> pointer = text::percent_decode(ref.substr(1));
  if (!pointer) return std::nullopt;
  if (pointer->empty()) return std::vector<std::string>{};
  return parse_pointer(*pointer);
}

const Node* follow(const Node& document, std::string_view ref) {
  std::optional<std::vector<std::string>> tokens = local_ref(ref);
  return tokens ? resolve_pointer(document, *tokens) : nullptr;
}

// The operations of a path item (or of the additionalOperations in it) listed under `tag`:
// the item with only those, or nothing when it has none. A $ref item is kept whole.
std::optional<Node> item_for_tag(const Node& document, const Node& item, std::string_view tag) {
  if (item.is_ref()) {
    const Node* target = follow(document, item.string_at("$ref"));
    if (!target || target->is_ref() || !item_for_tag(document, *target, tag)) return std::nullopt;
    return item;
  }
  if (!item.is_object()) return std::nullopt;
  Node out = Node::object(item.pos);
  bool any = false;
  for (const Member& m : item.members) {
    if (oas::is_http_method(m.key)) {
      if (m.value.is_object() && listed_under(m.value, tag)) {
        out.members.push_back(m);
        any = true;
      }
    } else if (m.key == "additionalOperations" && m.value.is_object()) {
      Node ops = Node::object(m.value.pos);
      for (const Member& op : m.value.members)
        if (op.value.is_object() && listed_under(op.value, tag)) ops.members.push_back(op);
      if (!ops.members.empty()) {
        out.members.push_back({m.key, m.key_pos, std::move(ops)});
        any = true;
      }
    } else {
      out.members.push_back(m);  // parameters, servers, summary, description, extensions
    }
  }
  if (!any) return std::nullopt;
  return out;
}

// Everything the kept parts reach, followed to the end.
class Reach {
 public:
  explicit Reach(const Node& document) : doc_(document) {}

  void scan(const Node& n) {
    if (n.is_array()) {
      for (const Node& i : n.items) scan(i);
      return;
    }
    if (!n.is_object()) return;
    for (const Member& m : n.members) {
      if ((m.key == "$ref" || m.key == "operationRef") && m.value.is_string()) {
        ref(m.value.text);
        continue;
      }
      if (m.key == "discriminator" && m.value.is_object()) mapping(m.value);
      scan(m.value);
    }
  }

  void component(const std::string& type, const std::string& name) {
    if (!components_.insert({type, name}).second) return;
    const Node* section = doc_.find("components");
    const Node* entries = section ? section->find(type) : nullptr;
    if (const Node* target = entries ? entries->find(name) : nullptr) scan(*target);
  }

  bool kept(const std::string& type, const std::string& name) const { return components_.count({type, name}) > 0; }
  // A path item or webhook a $ref points into, kept whole ("paths", key).
  bool whole_item(const std::string& where, const std::string& key) const { return items_.count({where, key}) > 0; }
  bool whole_root(const std::string& key) const { return roots_.count(key) > 0; }
  bool everything() const { return everything_; }

 private:
  void ref(std::string_view text) {
    std::optional<std::vector<std::string>> tokens = local_ref(text);
    if (!tokens) return;
    const std::vector<std::string>& t = *tokens;
    if (t.empty()) {
      everything_ = true;
      return;
    }
    if (t[0] == "components") {
      const Node* section = doc_.find("components");
      if (t.size() >= 3) return component(t[1], t[2]);
      // A whole section (or all of components): every entry in it.
      for (const Member& type : section ? section->members : std::vector<Member>{})
        if (t.size() == 1 || type.key == t[1])
          for (const Member& entry : type.value.members) component(type.key, entry.key);
      return;
    }
    if ((t[0] == "paths" || t[0] == "webhooks") && t.size() >= 2) {
      if (!items_.insert({t[0], t[1]}).second) return;
      if (const Node* target = resolve_pointer(doc_, {t[0], t[1]})) scan(*target);
      return;
    }
    if (starts_with(t[0], "x-") && roots_.insert(t[0]).second)
      if (const Node* target = doc_.find(t[0])) scan(*target);
    // Anything else at the root (info, servers, ...) is kept, and was scanned, anyway.
  }

  // A discriminator's mapping names schemas by $ref or by their name in components/schemas.
  void mapping(const Node& discriminator) {
    std::vector<const Node*> targets;
    if (const Node* m = discriminator.find("mapping"); m && m->is_object())
      for (const Member& entry : m->members) targets.push_back(&entry.value);
    if (const Node* d = discriminator.find("defaultMapping")) targets.push_back(d);
    for (const Node* target : targets) {
      if (!target->is_string()) continue;
      if (starts_with(target->text, "#")) ref(target->text);
      else if (target->text.find_first_of("/:#.") == std::string::npos) component("schemas", target->text);
    }
  }

  const Node& doc_;
  std::set<std::pair<std::string, std::string>> components_, items_;
  std::set<std::string> roots_;
  bool everything_ = false;
};

// The tag names the operations of `items` (path items or webhooks) carry.
void collect_tags(const Node& items, std::set<std::string>& out) {
  auto add = [&](const Node& op) {
    if (const Node* tags = op.find("tags"); tags && tags->is_array())
      for (const Node& t : tags->items)
        if (t.is_string()) out.insert(t.text);
  };
  for (const Member& item : items.members)
    for (const Member& m : item.value.members) {
      if (oas::is_http_method(m.key) && m.value.is_object()) add(m.value);
      if (m.key == "additionalOperations" && m.value.is_object())
        for (const Member& op : m.value.members)
          if (op.value.is_object()) add(op.value);
    }
}

}  // namespace

size_t json_size_up_to(const Node& n, size_t limit) {
  size_t size = 0;
  std::vector<const Node*> todo{&n};
  while (!todo.empty() && size <= limit) {
    const Node* x = todo.back();
    todo.pop_back();
    switch (x->kind) {
      case NodeKind::Null: size += 4; break;
      case NodeKind::Bool: size += x->boolean ? 4 : 5; break;
      case NodeKind::Number: size += x->text.size(); break;
      case NodeKind::String: size += x->text.size() + 2; break;
      case NodeKind::Array:
        size += 1 + (x->items.empty() ? 1 : x->items.size());  // brackets and commas
        for (const Node& i : x->items) todo.push_back(&i);
        break;
      case NodeKind::Object:
        size += 1 + (x->members.empty() ? 1 : x->members.size());
        for (const Member& m : x->members) {
          size += m.key.size() + 3;  // the quoted key and its colon
          todo.push_back(&m.value);
        }
        break;
    }
  }
  return size;
}

bool playground_sliced(const Node& document) {
  return json_size_up_to(document, kPlaygroundSliceMinBytes) >= kPlaygroundSliceMinBytes;
}

Node slice_description(const Node& document, std::string_view tag) {
  Reach reach(document);
  // The path items and webhooks of the tag, filtered, by root key.
  std::vector<std::pair<std::string, Node>> filtered;
  for (const char* where : {"paths", "webhooks"}) {
    const Node* items = document.find(where);
    if (!items || !items->is_object()) continue;
    Node kept = Node::object(items->pos);
    for (const Member& item : items->members)
      if (std::optional<Node> one = item_for_tag(document, item.value, tag))
        kept.members.push_back({item.key, item.key_pos, std::move(*one)});
    reach.scan(kept);
    filtered.emplace_back(where, std::move(kept));
  }
  for (const Member& m : document.members)
    if (m.key != "paths" && m.key != "webhooks" && m.key != "components" && m.key != "tags" && !starts_with(m.key, "x-"))
      reach.scan(m.value);
  const Node* components = document.find("components");
  if (const Node* schemes = components ? components->find("securitySchemes") : nullptr)
    for (const Member& s : schemes->members) reach.component("securitySchemes", s.key);
  if (reach.everything()) return document;

  Node out = Node::object(document.pos);
  std::set<std::string> tags{std::string(tag)};
  size_t tags_at = 0;
  for (const Member& m : document.members) {
    if (m.key == "paths" || m.key == "webhooks") {
      const Node* kept = nullptr;
      for (const auto& [where, node] : filtered)
        if (where == m.key) kept = &node;
      Node items = Node::object(m.value.pos);
      for (const Member& item : m.value.members) {
        if (reach.whole_item(m.key, item.key)) {
          items.members.push_back(item);
        } else if (const Node* one = kept ? kept->find(item.key) : nullptr) {
          items.members.push_back({item.key, item.key_pos, *one});
        }
      }
      collect_tags(items, tags);
      out.members.push_back({m.key, m.key_pos, std::move(items)});
    } else if (m.key == "components") {
      Node section = Node::object(m.value.pos);
      for (const Member& type : m.value.members) {
        if (!type.value.is_object()) continue;
        Node entries = Node::object(type.value.pos);
        for (const Member& entry : type.value.members)
          if (reach.kept(type.key, entry.key)) entries.members.push_back(entry);
        if (!entries.members.empty()) section.members.push_back({type.key, type.key_pos, std::move(entries)});
      }
      out.members.push_back({m.key, m.key_pos, std::move(section)});
    } else if (m.key == "tags" && m.value.is_array()) {
      tags_at = out.members.size();  // filled below, once the operations kept say which
      out.members.push_back({m.key, m.key_pos, Node::array(m.value.pos)});
    } else if (!starts_with(m.key, "x-") || reach.whole_root(m.key)) {
      out.members.push_back(m);
    }
  }
  if (const Node* declared = document.find("tags"); declared && declared->is_array()) {
    // 3.2's nested tags: a tag's parents stay, so that it is not left without its group.
    for (bool grew = true; grew;) {
      grew = false;
      for (const Node& t : declared->items)
        if (tags.count(std::string(t.string_at("name"))) && !t.string_at("parent").empty())
          grew |= tags.insert(std::string(t.string_at("parent"))).second;
    }
    for (const Node& t : declared->items)
      if (tags.count(std::string(t.string_at("name")))) out.members[tags_at].value.items.push_back(t);
  }
  return out;
}

namespace {

// --- request examples (add_request_examples) ---

// `body`: a Request Body Object of `description` (not a $ref).
void add_body_examples(const Node& description, Node& body, PatternSamples* samples) {
  Node* content = body.find("content");
  if (!content || !content->is_object()) return;
  for (Member& media : content->members) {
    Node& m = media.value;
    if (!m.is_object() || m.find("example") || m.find("examples")) continue;
    const Node* schema = m.find("schema");
    if (!schema) continue;
    ExampleOptions o;
    o.direction = ExampleFor::Request;
    o.required_only = true;
    o.pattern_samples = samples;
    Node value = example_from_schema(description, *schema, o);
    if (!value.is_null()) m.set("x-apiref-example", std::move(value));
  }
}

void add_operation_examples(const Node& description, Node& op, PatternSamples* samples) {
  Node* body = op.find("requestBody");
  if (body && body->is_object() && !body->is_ref()) add_body_examples(description, *body, samples);
}

}  // namespace

void add_request_examples(Node& description, PatternSamples* samples) {
  // Each example is made from the description as it stands, then stored: a stored example is
  // never read by a later one (example_from_schema reads schemas only).
  if (Node* paths = description.find("paths"); paths && paths->is_object()) {
    for (Member& item : paths->members) {
      if (!item.value.is_object() || item.value.is_ref()) continue;
      for (Member& op : item.value.members) {
        if (op.value.is_object() && oas::is_http_method(op.key)) add_operation_examples(description, op.value, samples);
        if (op.key == "additionalOperations" && op.value.is_object())
          for (Member& extra : op.value.members)
            if (extra.value.is_object()) add_operation_examples(description, extra.value, samples);
      }
    }
  }
  if (Node* components = description.find("components"))
    if (Node* bodies = components->find("requestBodies"); bodies && bodies->is_object())
      for (Member& b : bodies->members)
        if (b.value.is_object() && !b.value.is_ref()) add_body_examples(description, b.value, samples);
}

}  // namespace apiref
