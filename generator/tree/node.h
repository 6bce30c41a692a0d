// The document tree every stage works on: one node type for YAML and JSON input, ordered
// objects (key order is kept so output is deterministic and reads like the input), and the
// source position of every node and every key.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace apiref {

// 1-based line and column; 0 means "not from a file" (a node the program made).
struct SourcePos {
  uint32_t line = 0;
  uint32_t col = 0;
};

enum class NodeKind : uint8_t { Null, Bool, Number, String, Array, Object };

struct Member;

struct Node {
  NodeKind kind = NodeKind::Null;
  bool boolean = false;
  SourcePos pos;
  // String value, or a number's literal as valid JSON (kept as text so that 1.0, 10e3 and
  // 64-bit integers survive a round trip unchanged).
  std::string text;
  std::vector<Node> items;      // Array
  std::vector<Member> members;  // Object, in source order

  static Node string(std::string s, SourcePos p = {});
  static Node number(std::string literal, SourcePos p = {});
  static Node boolean_value(bool b, SourcePos p = {});
  static Node object(SourcePos p = {});
  static Node array(SourcePos p = {});

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_string() const { return kind == NodeKind::String; }
  bool is_object() const { return kind == NodeKind::Object; }
  bool is_array() const { return kind == NodeKind::Array; }

  // Object look-up; nullptr when absent or when this is not an object.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  // Sets (replacing in place, or appending) a member; returns the stored value.
  Node& set(std::string key, Node value, SourcePos key_pos = {});
  bool erase(std::string_view key);

  // The string value of a member, or "" when absent or not a string.
  std::string_view string_at(std::string_view key) const;
  // True when this is an object with a string "$ref" member.
  bool is_ref() const;

  size_t subtree_size() const;
};

struct Member {
  std::string key;
  SourcePos key_pos;
  Node value;
};

// Several members of an object looked up together, in one pass over its members: each slot
// gets the first member of its name, or nullptr (and all stay nullptr for a non-object). A
// schema's keywords read one Node::find at a time scanned its members a dozen times or more.
struct MemberSlot {
  std::string_view name;
  const Node** found;
};
void find_members(const Node& object, std::initializer_list<MemberSlot> slots);

bool operator==(const Node& a, const Node& b);
inline bool operator!=(const Node& a, const Node& b) { return !(a == b); }

const char* kind_name(NodeKind k);

}  // namespace apiref
