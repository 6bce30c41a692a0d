#include "tree/node.h"

namespace apiref {

Node Node::string(std::string s, SourcePos p) {
  Node n;
  n.kind = NodeKind::String;
  n.text = std::move(s);
  n.pos = p;
  return n;
}

Node Node::number(std::string literal, SourcePos p) {
  Node n;
  n.kind = NodeKind::Number;
  n.text = std::move(literal);
  n.pos = p;
  return n;
}

Node Node::boolean_value(bool b, SourcePos p) {
  Node n;
  n.kind = NodeKind::Bool;
  n.boolean = b;
  n.pos = p;
  return n;
}

Node Node::object(SourcePos p) {
  Node n;
  n.kind = NodeKind::Object;
  n.pos = p;
  return n;
}

Node Node::array(SourcePos p) {
  Node n;
  n.kind = NodeKind::Array;
  n.pos = p;
  return n;
}

const Node* Node::find(std::string_view key) const {
  if (kind != NodeKind::Object) return nullptr;
  for (const Member& m : members)
    if (m.key == key) return &m.value;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

Node& Node::set(std::string key, Node value, SourcePos key_pos) {
  if (kind != NodeKind::Object) {
    *this = object(pos);
  }
  for (Member& m : members) {
    if (m.key == key) {
      m.value = std::move(value);
      return m.value;
    }
  }
  members.push_back(Member{std::move(key), key_pos, std::move(value)});
  return members.back().value;
}

bool Node::erase(std::string_view key) {
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (it->key == key) {
      members.erase(it);
      return true;
    }
  }
  return false;
}

std::string_view Node::string_at(std::string_view key) const {
  const Node* n = find(key);
  return n && n->is_string() ? std::string_view(n->text) : std::string_view();
}

void find_members(const Node& object, std::initializer_list<MemberSlot> slots) {
  for (const MemberSlot& s : slots) *s.found = nullptr;
  if (!object.is_object()) return;
  // A member whose first byte starts none of the names (most of them) is passed at once.
  bool starts[256] = {};
  for (const MemberSlot& s : slots)
    if (!s.name.empty()) starts[static_cast<unsigned char>(s.name[0])] = true;
  for (const Member& m : object.members) {
    if (m.key.empty() || !starts[static_cast<unsigned char>(m.key[0])]) continue;
    for (const MemberSlot& s : slots) {
      if (m.key != s.name) continue;
      if (!*s.found) *s.found = &m.value;
      break;
    }
  }
}

bool Node::is_ref() const {
  const Node* r = find("$ref");
  return r && r->is_string();
}

size_t Node::subtree_size() const {
  size_t n = 1;
  for (const Node& i : items) n += i.subtree_size();
  for (const Member& m : members) n += m.value.subtree_size();
  return n;
}

bool operator==(const Node& a, const Node& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case NodeKind::Null: return true;
    case NodeKind::Bool: return a.boolean == b.boolean;
    case NodeKind::Number:
    case NodeKind::String: return a.text == b.text;
    case NodeKind::Array: return a.items == b.items;
    case NodeKind::Object:
      // JSON semantics: member order does not matter.
      if (a.members.size() != b.members.size()) return false;
      for (const Member& m : a.members) {
        const Node* other = b.find(m.key);
        if (!other || *other != m.value) return false;
      }
      return true;
  }
  return false;
}

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return "boolean";
    case NodeKind::Number: return "number";
    case NodeKind::String: return "string";
    case NodeKind::Array: return "array";
    case NodeKind::Object: return "object";
  }
  return "?";
}

}  // namespace apiref
