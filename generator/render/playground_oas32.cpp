#include "render/playground_oas32.h"

#include <algorithm>
#include <functional>

#include "oas/oas.h"

namespace apiref {

namespace {

// A form-encoded object querystring parameter's schema (dereferenced), or nullptr when the
// parameter is something else or cannot be split into query parameters.
const Node* splittable_querystring(const Node& document, const Node& parameter) {
  if (parameter.string_at("in") != "querystring") return nullptr;
  const Node* content = parameter.find("content");
  if (!content || !content->is_object() || content->members.size() != 1) return nullptr;
  if (content->members[0].key != "application/x-www-form-urlencoded") return nullptr;
  const Node* raw = content->members[0].value.find("schema");
  const Node* schema = raw ? deref_internal(document, *raw) : nullptr;
  if (!schema || !schema->is_object()) return nullptr;
  const Node* props = schema->find("properties");
  return props && props->is_object() && !props->members.empty() ? schema : nullptr;
}

// The query parameters a split querystring stands for, one per property.
std::vector<Node> query_parameters(const Node& schema) {
  std::vector<Node> out;
  const Node* required = schema.find("required");
  for (const Member& p : schema.find("properties")->members) {
    Node q = Node::object();
    q.set("name", Node::string(p.key));
    q.set("in", Node::string("query"));
    bool req = false;
    if (required && required->is_array())
      for (const Node& r : required->items) req = req || (r.is_string() && r.text == p.key);
    if (req) q.set("required", Node::boolean_value(true));
    q.set("schema", p.value);
    out.push_back(std::move(q));
  }
  return out;
}

// Each operation of the document's path items (fixed methods and additionalOperations).
void each_operation(Node& document, const std::function<void(Node& item, Node& op)>& f) {
  Node* paths = document.find("paths");
  if (!paths || !paths->is_object()) return;
  for (Member& item : paths->members) {
    if (!item.value.is_object()) continue;
    for (Member& m : item.value.members)
      if (oas::is_http_method(m.key) && m.value.is_object()) f(item.value, m.value);
    if (Node* more = item.value.find("additionalOperations"); more && more->is_object())
      for (Member& m : more->members)
        if (m.value.is_object()) f(item.value, m.value);
  }
}

// Replaces each splittable querystring parameter of a list by its query parameters.
bool split_querystrings(const Node& original, Node& list) {
  if (!list.is_array()) return false;
  bool changed = false;
  std::vector<Node> items;
  for (const Node& p : list.items) {
    const Node* param = deref_internal(original, p);
    const Node* schema = param ? splittable_querystring(original, *param) : nullptr;
    if (!schema) {
      items.push_back(p);
      continue;
    }
    for (Node& q : query_parameters(*schema)) items.push_back(std::move(q));
    changed = true;
  }
  if (changed) list.items = std::move(items);
  return changed;
}

// Every media type under a `content` (outside literal data): f(media type).
void each_media_type(Node& n, const std::function<void(Node&)>& f, int depth = 0) {
  if (depth > 64 || !n.is_object()) {
    for (Node& i : n.items) each_media_type(i, f, depth + 1);
    return;
  }
  for (Member& m : n.members) {
    if (m.key == "example" || m.key == "examples" || m.key == "default" || m.key == "enum" || m.key == "const") continue;
    if (m.key == "content" && m.value.is_object())
      for (Member& mt : m.value.members)
        if (mt.value.is_object()) f(mt.value);
    each_media_type(m.value, f, depth + 1);
  }
  for (Node& i : n.items) each_media_type(i, f, depth + 1);
}

bool streams_without_schema(Node& document, bool change) {
  bool any = false;
  auto fix = [&](Node& mt) {
    if (!mt.find("itemSchema") || mt.find("schema")) return;
    any = true;
    if (!change) return;
    Node list = Node::object();
    list.set("type", Node::string("array"));
    list.set("description", Node::string("A stream: the body is a sequence of these items, not a JSON array."));
    list.set("items", *mt.find("itemSchema"));
    mt.set("schema", std::move(list));
  };
  each_media_type(document, fix);
  if (Node* components = document.find("components"); components && components->is_object())
    if (Node* media = components->find("mediaTypes"); media && media->is_object())
      for (Member& m : media->members) fix(m.value);
  return any;
}

}  // namespace

bool playground_needs_downgrade(const Node& document) {
  if (oas::version_bit(document.string_at("openapi")) != oas::V32) return false;
  Node copy = document;  // a 3.2 description: rare, and the check is the downgrade's own walk
  bool split = false;
  each_operation(copy, [&](Node& item, Node& op) {
    if (Node* list = item.find("parameters")) split = split_querystrings(document, *list) || split;
    if (Node* list = op.find("parameters")) split = split_querystrings(document, *list) || split;
  });
  return split || streams_without_schema(copy, false);
}

void playground_downgrade(Node& document) {
  if (oas::version_bit(document.string_at("openapi")) != oas::V32) return;
  const Node original = document;
  each_operation(document, [&](Node& item, Node& op) {
    if (Node* list = item.find("parameters")) split_querystrings(original, *list);
    if (Node* list = op.find("parameters")) split_querystrings(original, *list);
  });
  streams_without_schema(document, true);
}

std::vector<std::string> additional_methods(const Node& document) {
  std::vector<std::string> out;
  const Node* paths = document.find("paths");
  if (!paths || !paths->is_object()) return out;
  for (const Member& item : paths->members)
    if (const Node* more = item.value.find("additionalOperations"); more && more->is_object())
      for (const Member& m : more->members)
        if (m.value.is_object() && std::find(out.begin(), out.end(), m.key) == out.end()) out.push_back(m.key);
  return out;
}

bool playground_sends_all(const Node& document, const Operation& o) {
  for (const Parameter& p : o.parameters) {
    if (p.in != "querystring") continue;
    Node param = Node::object();
    param.set("in", Node::string("querystring"));
    if (p.content) param.set("content", *p.content);
    if (!splittable_querystring(document, param)) return false;
  }
  return true;
}

}  // namespace apiref
