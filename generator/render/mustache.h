// A small Mustache engine over TemplateData (template_data.h), for the static site's page
// templates; nlohmann::json is taken too (converted first), for tests and small callers.
//
// Why our own: Debian's mstch is slow (mstch::render takes template text and re-tokenizes it and
// every partial on each call, and the data must first be converted into its own node variant)
// and it pulls in boost; apiref renders thousands of pages (GitHub's API: ~2,200) from one set
// of templates, on all cores. Here a template is compiled once into a small immutable tree (text, variables,
// sections, inverted sections, partials; standalone-line rules applied at compile time) and
// rendered many times; rendering only reads the tree and the data, so one compiled template may
// be rendered from any number of threads at once.
//
// Implements the core modules of the Mustache spec v1.x: interpolation, sections, inverted
// sections, comments, partials and set delimiters (no lambdas: the data is plain values; no template
// inheritance: {{<parent}} and {{$block}} are compile errors). Choices where the spec leaves
// the host language to decide:
//   - Falsey (a section is skipped, an inverted section shown): a missing name, null, false,
//     the empty list and the empty string "". Everything else is truthy, including 0, 0.0 and
//     the empty object {} (a "minimum: 0" or "default: 0" in an API description must show).
//   - Interpolated numbers print like JSON: integers as integers, floats in the shortest form
//     that reads back the same (1.21), and floats with an integral value below 2^53 without a
//     fraction (1.0 prints as 1, as JavaScript would). true/false print as "true"/"false";
//     null and missing names as nothing; objects and arrays as compact JSON.
//   - HTML escaping replaces & < > " ' (the quote as &#39;).
//   - Dotted names: the first part is looked up through the context stack (innermost first, the
//     first object that has the key wins, even when its value is null); the other parts are
//     looked up strictly in that value. A part made of digits indexes an array ("items.0.name").
//   - Standalone partial tags indent every line of the partial by the tag's leading whitespace,
//     nested partials accumulate indentation, and text that comes from data is never indented.
//     Blank lines of the partial stay blank (no trailing whitespace), as in mustache.js.
//   - Partials nest at most 100 deep and at most 1,000,000 partials are expanded per render;
//     past either limit a partial renders as nothing (a template that includes itself
//     terminates instead of overflowing the stack).
//   - Sigils follow the opening delimiter directly ({{#a}}; {{ #a}} is a variable named "#a");
//     names are trimmed of whitespace; an empty name or one with an empty dotted part ("a..b",
//     ".a") is a compile error; sections nest at most 100 deep within one template.
//   - Triple mustache works with any delimiters: after `=<% %>=`, `<%{ name }%>` is unescaped.
//   - A writer (TemplateData::writer, made by the program, never from JSON) shown unescaped
//     writes straight into the output, once per render: shown again, its text is copied from
//     where it was written. Anywhere else (escaped, a section, an inverted section) it is the
//     string it writes, written once into a string of its own.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/template_data.h"

namespace apiref {

struct MustacheError {
  std::string template_name;  // for TemplateSet: the file's path
  size_t line = 0, col = 0;   // 1-based (col counts bytes); 0 when not about a position
  std::string message;
};

// "name:line:col: message" (or "name: message" without a position).
std::string format_mustache_error(const MustacheError& e);

namespace mustache_detail {
struct Compiled;
struct Access;
}

// A compiled template: immutable, cheap to copy (copies share the tree).
class MustacheTemplate {
 public:
  const std::string& name() const;
  size_t source_size() const;  // length of the template's text

 private:
  explicit MustacheTemplate(std::shared_ptr<const mustache_detail::Compiled> c)
      : compiled_(std::move(c)) {}
  std::shared_ptr<const mustache_detail::Compiled> compiled_;
  friend std::optional<MustacheTemplate> compile_mustache(std::string_view, std::string,
                                                          MustacheError*);
  friend struct mustache_detail::Access;
};

// Compiles `source`. On a syntax error (unclosed section, mismatched or stray closing tag,
// unclosed tag, bad delimiter change, empty name) returns nullopt and, when `error` is not null,
// fills it with `name`, the 1-based line and column and a message.
std::optional<MustacheTemplate> compile_mustache(std::string_view source, std::string name,
                                                 MustacheError* error);

// Finds a partial by name; nullptr when there is none (a missing partial renders as nothing).
// Called from the rendering thread: it must be safe to call concurrently when rendering is.
using PartialLookup = std::function<const MustacheTemplate*(const std::string& name)>;

std::string render_mustache(const MustacheTemplate& t, const nlohmann::json& data,
                            const PartialLookup& partials = {});

// The general form, for the site builder: appends to `out` (reuse one buffer per thread to
// save allocating a large page each time), with a context stack given outermost first (e.g.
// the site-wide data, then the page's own) so that data shared by every page is not copied
// into each page's JSON. Names are looked up innermost first. Null pointers are skipped; an
// empty stack renders like null data.
void render_mustache_to(std::string& out, const MustacheTemplate& t,
                        const std::vector<const TemplateData*>& contexts,
                        const PartialLookup& partials = {});
// The same with one context: for many small renders (a schema tree writes one per row).
void render_mustache_one_to(std::string& out, const MustacheTemplate& t, const TemplateData& data,
                            const PartialLookup& partials = {});

// Named templates loaded from a folder, with an optional user folder whose files replace the
// same-named built-in ones, file by file. Names are paths relative to the folder, without the
// .mustache extension, with '/' separators ("partials/nav"); only *.mustache files are loaded.
// After load() the set is only read, so it may be shared by rendering threads.
class TemplateSet {
 public:
  // Replaces the set's contents. Returns false when a folder is missing or unreadable or a
  // template fails to compile; each problem is appended to `errors` (template_name is the
  // file's path). Templates that did compile are kept either way.
  bool load(const std::string& builtin_dir, const std::string& override_dir,
            std::vector<MustacheError>& errors);
  // Adds (or replaces) one template compiled from text; false (and `error` filled) on a
  // syntax error. For tests and for templates that are built into the program.
  bool add(const std::string& name, std::string_view source, MustacheError* error = nullptr);

  const MustacheTemplate* find(const std::string& name) const;
  // Renders template `name` with partials resolved within the set. Throws std::out_of_range
  // when there is no such template (a page template that does not exist is a program error;
  // use find() first when the name comes from the user).
  std::string render(const std::string& name, const nlohmann::json& data) const;
  // The same with a context stack, outermost first (see render_mustache_to).
  std::string render(const std::string& name, const std::vector<const TemplateData*>& contexts) const;
  // Appends to `out`, with a context stack (see render_mustache_to). Throws like render().
  void render_to(std::string& out, const std::string& name,
                 const std::vector<const TemplateData*>& contexts) const;
  // Every template's name, sorted.
  std::vector<std::string> names() const;
  // The file each template was loaded from ("" for add()): shows users which one won.
  std::string source_path(const std::string& name) const;

 private:
  struct Entry {
    MustacheTemplate tmpl;
    std::string path;
    // The size of the last page rendered from this template: pages of one template are
    // alike, so reserving that much saves growing a 300 KB page from 2 KB by doubling.
    std::shared_ptr<std::atomic<size_t>> last_size = std::make_shared<std::atomic<size_t>>(0);
  };
  std::map<std::string, Entry, std::less<>> templates_;
};

}  // namespace apiref
