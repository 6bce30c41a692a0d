// Resolve stage: the set of loaded documents (each file read and parsed once) and $ref
// resolution as ARCHITECTURE §4 describes it: relative to the file that physically holds the
// ref, fragment percent-decoded then JSON-pointer-unescaped, $id ignored, remote refs and refs
// that climb out of the project root refused unless allowed.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.h"
#include "load/load.h"

namespace apiref {

// Parsed documents kept from one build to the next (`apiref serve`): a file is parsed again
// only after forget() says it changed on disk. Shared between threads.
class DocumentCache {
 public:
  struct Entry {
    std::shared_ptr<const Document> doc;
    Diagnostics diagnostics;  // what parsing it reported, repeated on every build that uses it
    // A Swagger 2.0 root: the other files converted with it (generator/swagger2). The entry
    // holds only while they are all still cached, else the document is read and converted again.
    std::vector<std::string> converted_with;
  };
  bool find(const std::string& absolute_path, Entry& out) const;
  void store(const std::string& absolute_path, Entry entry);
  void forget(const std::string& absolute_path);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

struct ResolveOptions {
  std::string root_dir;             // absolute; refs may not leave it unless allowed
  bool allow_outside_root = false;
  ParseLimits limits;
  DocumentCache* cache = nullptr;   // parsed files shared with earlier builds (may be null)
};

struct RefTarget {
  const Document* doc = nullptr;
  std::string pointer;  // unescaped form, as in append_pointer()
  const Node* node = nullptr;
  explicit operator bool() const { return node != nullptr; }
  std::string key() const;  // identity of the target: "<file>#<pointer>"
};

struct LoadedFile;

class DocumentSet {
 public:
  explicit DocumentSet(ResolveOptions options);

  // The parsed file, loading it on first use; nullptr when it cannot be read or parsed
  // (reported once, on first use). `absolute_path` must be normalised (see normalise_path).
  const Document* load(const std::string& absolute_path);
  // Loads several files on all cores; later load() calls for them are cache hits.
  void preload(const std::vector<std::string>& absolute_paths);

  // The tree of a loaded document, for a caller that is done reading it: moved out when
  // nothing else holds the document (no DocumentCache keeps it for a later build), else
  // copied. After a move the document's root is Null; call this last.
  Node take_root(const std::string& absolute_path);
  // A loaded document itself, to keep and read beside others (null when never loaded).
  std::shared_ptr<const Document> shared(const std::string& absolute_path);

  // Every file read so far, in the order first asked for: what `serve` must watch.
  std::vector<std::string> files() const;
  const ResolveOptions& options() const { return options_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // What a file reference written in a file of folder `base_dir` leads to, worked out once per
  // build: the same relative reference recurs thousands of times in a large tree, and
  // normalising it and asking the file system each time was a large part of a rebuild.
  struct FileRef {
    std::string path;      // absolute, normalised
    bool within_root = false;
    bool is_file = false;
  };
  const FileRef& file_ref(const std::string& base_dir, const std::string& decoded_uri);

  // resolve_ref()'s memo of the refs that resolved, by the file holding the ref and the ref:
  // a large description repeats the same ref thousands of times (GitHub's: 58,000 refs), and a
  // successful resolution reports nothing, so it can be reused as is.
  bool known_target(const std::string& from_path, const std::string& ref, RefTarget& out);
  void remember_target(const std::string& from_path, const std::string& ref, const RefTarget& target);

 private:
  void publish(const std::string& absolute_path, LoadedFile&& loaded, Diagnostics& found);

  ResolveOptions options_;
  std::map<std::string, std::shared_ptr<const Document>> cache_;
  std::vector<std::string> order_;
  std::set<std::string> listed_;
  std::map<std::string, FileRef> file_refs_;  // by base_dir + '\n' + decoded uri
  std::unordered_map<std::string, RefTarget> targets_;  // by from path + '\n' + ref
  Diagnostics diagnostics_;
  std::mutex mutex_;
};

// Absolute and lexically normalised ("a/./b/../c" -> "a/c").
std::string normalise_path(const std::string& path);
bool path_is_within(const std::string& path, const std::string& dir);

// Resolves `ref` written in `from` at `site_pointer` (the $ref string node is `ref_node`).
// Problems are reported to docs.diagnostics() and give an empty target.
RefTarget resolve_ref(DocumentSet& docs, const Document& from, const std::string& ref,
                      const std::string& site_pointer, const Node& ref_node);

}  // namespace apiref
