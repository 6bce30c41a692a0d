// A schema as a compact Markdown outline, for the pages' Markdown twins: one bullet per
// property, `- `name` (type, required): description`, nested by indentation. As in the HTML
// trees (schema_tree.h), a named component with structure is expanded only at the outline's
// root; deeper it is its name and a link to its own twin, and a schema that contains itself is
// marked recursive there. Depth and length are bounded, and a cut says what it left out.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "examples/example.h"
#include "tree/node.h"

namespace apiref {

struct OutlineOptions {
  ExampleFor direction = ExampleFor::Response;  // leaves writeOnly out of responses, readOnly out of requests
  bool all_directions = false;                  // leaves neither out (a schema's own twin)
  int max_depth = 4;                            // levels of nesting shown
  size_t max_lines = 200;                       // bullets, beyond which the outline says how many it left out
  std::string root_component;                   // the schema twin's own component: links to it are recursion
  const std::map<std::string, std::string>* display_names = nullptr;  // may be null
  // A component's twin, relative to the outline's document ("" when it has none).
  std::function<std::string(const std::string& component)> href;
  // A description as one line of plain text (the site's description cache: its parse is shared
  // with the HTML pages').
  std::function<std::string(std::string_view markdown)> plain_text;
};

// " One of: `a`, `b`. Default: `a`.": the values a schema allows or assumes, as a note after
// its description ("" when it says none).
std::string schema_values_note(const Node& schema, bool in_table = false);

// The outline's lines, each ending in '\n' ("" for a schema with nothing to list: a scalar, a
// named component below the root).
std::string schema_outline(const Node& document, const Node& schema, const OutlineOptions& options);

}  // namespace apiref
