// The site's outputs as values: a path, and what the file holds, of one of three kinds: text,
// a streaming producer, or the input file itself, if unchanged. The render stage makes them;
// only the write stage knows how to turn each kind into bytes, on disk (write/output.h:
// stage_file, SiteWriter) or in memory for serve's store (realise_in_memory).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace apiref {

// Makes a file's content in pieces, handing each to `write` as it is made; false when `write`
// refused one (or the content could not be made).
using ContentProducer = std::function<bool(const std::function<bool(std::string_view)>& write)>;

// A file the build read, as it was when read (load/'s FileStamp: size and modification time).
struct InputFile {
  std::string path;  // "" for none
  int64_t size = -1;  // -1: none, or unreadable
  int64_t mtime_ns = 0;
};

// What a page of the reference is, for a host site's front matter (Hugo, Jekyll): its kind
// ("" for a file that is not a page: assets, descriptions, search index), titles and place.
struct PageFacts {
  std::string kind;         // overview, authentication, bundle, tag, operation, schemas, schema
  std::string title;        // the page's heading
  std::string link_title;   // the short label a menu shows
  std::string description;  // plain text, for meta descriptions
  int weight = 0;           // order among its siblings, from 1, as the description orders them
  std::string bundle;       // the bundle's name (URL segment)
  std::string tag;          // tag: its slug; operation: the slug of the tag it is listed under first
  std::string slug;         // tag, operation, schema: its page name
  std::string operation_id, method, path;  // operation: as the description says (method upper case)
};

struct SiteFile {
  std::string path;  // relative to the output folder, '/'-separated
  // Text: the file's bytes, unless one of the kinds below is set (then empty).
  std::string content;
  // The input file itself, if unchanged: `source`'s bytes while it is still as the build read
  // it (openapi.json, when it is the description's own file: copied file to file in the
  // kernel; GitHub's 13 MB read into a fresh buffer cost ~27 ms of CPU in page faults alone).
  // A file that changed before it is copied is made by `produce` instead; one that changes
  // during the copy fails the build (the site is left as it was) rather than mix two versions.
  InputFile source = {};
  // A streaming producer: the write stage calls it on the thread that hands the file over,
  // into the staged file, so that a large file (openapi.yaml: 10 MB for GitHub) is never held
  // whole in fresh memory. It may read the build's trees: call it while they live.
  ContentProducer produce = {};
  PageFacts page = {};  // set on the pages of the reference
};

// Where render_site sends files as it makes them (see render/site.h).
using FileSink = std::function<bool(SiteFile&&)>;

}  // namespace apiref
