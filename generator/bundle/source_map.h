// Where each part of a bundle came from. A bundle is made of subtrees copied whole from many
// files (a project's base document, its constructs' operations, the components they refer to):
// the map keeps, per copied subtree, its place in the bundle and the file and pointer it was
// copied from. A node below one keeps its own line:col (Node::pos) through the copy, so the
// map only has to say which file and which pointer: one entry per copy, not per node.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace apiref {

// A node's place in the file it was copied from.
struct SourceOrigin {
  std::string file;     // absolute, normalised (Document::path)
  std::string pointer;  // JSON pointer in that file
};

struct SourceMap {
  // Records that the subtree at `bundle_pointer` is a copy of the one at `pointer` in `file`.
  // A later record at the same place replaces the earlier one; one below it refines it.
  void add(const std::string& bundle_pointer, const std::string& file, const std::string& pointer);
  // Forgets the record at `bundle_pointer` and every one below it (a copy that was dropped).
  void erase_below(const std::string& bundle_pointer);
  // Where the node at `bundle_pointer` came from: the deepest record at or above it, with the
  // rest of the pointer appended. nullopt when no record covers it (a node the bundler made).
  std::optional<SourceOrigin> origin_of(const std::string& bundle_pointer) const;
  bool empty() const { return copies_.empty(); }
  size_t size() const { return copies_.size(); }

 private:
  struct Copy {
    uint32_t file;  // index into files_
    std::string pointer;
  };
  std::vector<std::string> files_;  // each file once: a project copies hundreds of parts of one
  std::map<std::string, Copy> copies_;  // by bundle pointer
};

}  // namespace apiref
