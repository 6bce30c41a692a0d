// The diff stage's inside: one comparison's state, and the families of rules (operations,
// parameters, bodies and responses, schemas), each in its own file.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "diff/diff.h"

namespace apiref::diff_internal {

// A node of one side and its JSON pointer in the bundled document.
struct Located {
  const Node* node = nullptr;
  std::string pointer;
  explicit operator bool() const { return node != nullptr; }
};

enum class Direction { Request, Response };

// A schema as its keywords read, after normalisation: the node through its $refs, with the
// parts of its allOf (and theirs) flattened beside it. A keyword is the first part's that has
// it; properties and required are every part's together.
struct SchemaView {
  Located self;
  std::vector<Located> parts;  // self first
  const Node* keyword(std::string_view name) const;
  Located keyword_at(std::string_view name) const;
};

struct Differ {
  const Node& old_doc;
  const Node& new_doc;
  DiffSide old_side, new_side;
  DiffLimits limits;
  DiffResult& out;
  std::set<std::tuple<const Node*, const Node*, Direction>> visited;

  // Follows internal $refs: the node they lead to and its pointer (nullptr when broken).
  Located deref(const Node& doc, const Node* n, const std::string& pointer) const;
  Located old_deref(const Located& l) const { return deref(old_doc, l.node, l.pointer); }
  Located new_deref(const Located& l) const { return deref(new_doc, l.node, l.pointer); }

  // Records a change of `rule` (its level from the rule table) at `o` in the old version and
  // `n` in the new one.
  void emit(const char* rule, std::string message, const Located& o, const Located& n);
};

// operations.cpp: paths, operations, servers, security, deprecation, audiences.
void diff_operations(Differ& d);
// parameters.cpp: the parameters of one operation pair (path-item and operation level merged).
void diff_parameters(Differ& d, const std::string& label, const Located& old_item, const Located& old_op,
                     const Located& new_item, const Located& new_op, const std::string& old_path,
                     const std::string& new_path);
// bodies.cpp: request body and responses of one operation pair.
void diff_request_body(Differ& d, const std::string& label, const Located& old_op, const Located& new_op);
void diff_responses(Differ& d, const std::string& label, const Located& old_op, const Located& new_op);
// schemas.cpp: two schemas in a direction; `subject` names what they are in messages.
void diff_schema(Differ& d, const std::string& subject, const Located& old_schema, const Located& new_schema,
                 Direction dir, size_t depth = 0);
// The schema view of a node of a side (old: true for the old document).
SchemaView view_of(const Differ& d, bool old, const Located& schema);
// A short signature of a schema (type, format, property names, enum) to pair oneOf variants,
// renamed parameters and media types that did not keep their name.
std::string schema_signature(const Differ& d, bool old, const Located& schema);

// The key by which two versions' operations are the same one: method and path, the path
// template's variables unnamed ("get /pets/{}"), or the webhook's name.
std::string operation_key(const Operation& op);

// "a/b" -> "a~1b", appended to a pointer.
std::string child(const std::string& pointer, std::string_view token);
std::string child(const std::string& pointer, size_t index);
// A node's scalar as text ("" when absent): for messages.
std::string scalar_text(const Node* n);
bool truthy(const Node* n);

}  // namespace apiref::diff_internal
