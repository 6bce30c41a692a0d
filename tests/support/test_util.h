// Helpers shared by the unit tests: temporary folders, parsing shortcuts and diagnostic look-up.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "diag/diagnostic.h"
#include "load/load.h"
#include "text/file.h"
#include "tree/json_pointer.h"
#include "tree/node.h"
#include "tree/write.h"


namespace apiref_test {

namespace fs = std::filesystem;

// A fresh, empty folder under the system temp folder; removed (with its contents) on
// destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<unsigned> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    for (int attempt = 0; attempt < 100; ++attempt) {
      fs::path p = fs::temp_directory_path() /
                   ("apiref-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) +
                    "-" + std::to_string(counter++));
      std::error_code ec;
      if (fs::create_directory(p, ec)) {
        path_ = p.lexically_normal();
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary folder");
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  std::string str() const { return path_.generic_string(); }

  // Writes `contents` to `relative` (creating folders); returns the absolute path.
  std::string write(const std::string& relative, std::string_view contents) const {
    fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return p.lexically_normal().generic_string();
  }

 private:
  fs::path path_;
};

// Wraps a tree so that a failed CHECK(Tree{a} == Tree{b}) prints both as compact JSON.
// (A doctest::StringMaker<Node> specialisation would clash with other test files that print
// Node with the default maker.)
struct Tree {
  const apiref::Node& node;
};
inline bool operator==(const Tree& a, const Tree& b) { return a.node == b.node; }
inline bool operator!=(const Tree& a, const Tree& b) { return !(a == b); }
inline std::ostream& operator<<(std::ostream& os, const Tree& t) {
  std::string s = apiref::to_json(t.node, false);
  if (s.size() > 400) s = s.substr(0, 400) + "...";
  return os << s;
}

// The first diagnostic with `code`, or nullptr.
inline const apiref::Diagnostic* find_diag(const apiref::Diagnostics& d, std::string_view code) {
  for (const apiref::Diagnostic& x : d)
    if (x.code == code) return &x;
  return nullptr;
}

inline size_t count_diag(const apiref::Diagnostics& d, std::string_view code) {
  size_t n = 0;
  for (const apiref::Diagnostic& x : d)
    if (x.code == code) ++n;
  return n;
}

// "line:col", so that a failed CHECK shows both numbers.
inline std::string lc(apiref::SourcePos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

// All diagnostics formatted, one a line: for failure messages.
inline std::string dump(const apiref::Diagnostics& d) {
  std::string s;
  for (const apiref::Diagnostic& x : d) s += apiref::format_diagnostic(x) + "\n";
  return s;
}

struct Parsed {
  bool ok = false;
  apiref::Node root;
  apiref::Diagnostics diags;
};

inline Parsed yaml(std::string_view text, const apiref::ParseLimits& limits = {}) {
  Parsed p;
  p.ok = apiref::parse_yaml(text, "t.yaml", p.root, p.diags, limits);
  return p;
}

inline Parsed json(std::string_view text, const apiref::ParseLimits& limits = {}) {
  Parsed p;
  p.ok = apiref::parse_json(text, "t.json", p.root, p.diags, limits);
  return p;
}

// The node at a JSON pointer ("" is the root), or nullptr.
inline const apiref::Node* at(const apiref::Node& root, std::string_view pointer) {
  auto tokens = apiref::parse_pointer(pointer);
  if (!tokens) return nullptr;
  return apiref::resolve_pointer(root, *tokens);
}

// The member (key and key position) at a JSON pointer whose last token is the key.
inline const apiref::Member* member_at(const apiref::Node& root, std::string_view pointer) {
  auto tokens = apiref::parse_pointer(pointer);
  if (!tokens || tokens->empty()) return nullptr;
  std::string key = tokens->back();
  tokens->pop_back();
  const apiref::Node* parent = apiref::resolve_pointer(root, *tokens);
  if (!parent || !parent->is_object()) return nullptr;
  for (const apiref::Member& m : parent->members)
    if (m.key == key) return &m;
  return nullptr;
}

inline std::string read_text(const std::string& path) {
  std::string s;
  if (!apiref::text::read_file(path, s)) throw std::runtime_error("cannot read " + path);
  return s;
}

// Only the corpus tier (tests/corpus, apiref_corpus_tests) is given the corpus folder.
#ifdef APIREF_CORPUS_DIR
inline std::string corpus(const std::string& relative) {
  return std::string(APIREF_CORPUS_DIR) + "/" + relative;
}
#endif

inline std::string source(const std::string& relative) {
  return std::string(APIREF_SOURCE_DIR) + "/" + relative;
}

}  // namespace apiref_test
