// Load stage: bytes on disk -> Document tree with a position for every node.
//
// YAML goes through yaml-cpp's event parser (not its Node API) so that this stage decides the
// YAML 1.2 core-schema typing itself, sees every duplicate key, bounds alias expansion and
// keeps a line/column for every key and value. JSON goes through a small parser of our own:
// it is much faster than a YAML parser on GitHub's 13 MB file and reports exact positions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "tree/node.h"

namespace apiref {

struct ParseLimits {
  size_t max_depth = 400;               // deeper nesting is refused (stack safety)
  size_t max_alias_nodes = 2'000'000;   // nodes that alias expansion may create in one file
  // A JSON object this large or larger is parsed by two threads (the same tree and messages
  // as one thread); SIZE_MAX: never. GitHub's 13 MB description, warm: 31 -> 26 ms; a whole
  // build's load and bundle: ~80 -> ~70 ms.
  size_t split_json_from = size_t{4} << 20;
};

// Parse `text`; findings are reported against `file`. Returns false (and reports an error)
// when the text is not valid; `root` is then Null. Warnings do not make it fail.
bool parse_json(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits = {});
bool parse_yaml(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits = {});

// What a file was when it was read (size, modification time): a copy of it taken later is
// used only if it still is. A file saved again mid-build must not be published beside pages
// made from its old text.
struct FileStamp {
  int64_t size = -1;  // -1: no such file, or unreadable
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
};
FileStamp stamp_of(const std::string& path);

struct Document {
  std::string path;     // absolute, normalised: the cache key and the base for relative $refs
  std::string display;  // how messages name the file
  Node root;
  bool ok = false;      // false when the file could not be read or parsed
  // Parsed as JSON, without a byte order mark: the file's bytes are a JSON text of `root` as
  // they are (as of `stamp`, taken before the read).
  bool plain_json = false;
  FileStamp stamp;
  // The tree as the file wrote it, when a later stage rewrote `root` in place (a Swagger 2.0
  // file converted to 3.0); null otherwise. Findings about `root` are named by their place
  // in this one (swagger2/swagger2.h: as_written).
  std::shared_ptr<const Node> written;
};

// Reads and parses one file. JSON when the name ends in .json or the text starts with '{' or
// '['; YAML otherwise (a JSON-looking .yaml that is not valid JSON is retried as YAML).
Document load_document(const std::string& absolute_path, Diagnostics& out,
                       const ParseLimits& limits = {});

// Reads a whole file (as text::read_file does), only while the file's stamp is still `expected`
// (checked before and after the read); false otherwise.
bool read_file_if_unchanged(const std::string& path, const FileStamp& expected, std::string& contents);

}  // namespace apiref
