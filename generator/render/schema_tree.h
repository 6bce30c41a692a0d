// A schema as an HTML tree that reads without JavaScript (<details> for nesting): type,
// format, required/nullable/readOnly/writeOnly/deprecated badges, constraints, enums,
// oneOf/anyOf/allOf with the discriminator's mapping, additionalProperties, arrays.
// Named component schemas are expanded inline only while the tree is shallow; deeper, and
// always on recursion, they become links to the schema's own page, so pages stay small.
#pragma once

#include <functional>
#include <string>

#include "render/description.h"
#include "render/example.h"
#include "tree/node.h"

namespace apiref {

struct SchemaTreeOptions {
  ExampleFor direction = ExampleFor::Response;  // hides writeOnly in responses, readOnly in requests
  int inline_ref_depth = 2;   // nesting below which named schemas are expanded inline
  int open_depth = 1;         // levels shown open; deeper ones start collapsed
  size_t max_nodes = 600;     // beyond this, named schemas are linked, not expanded
  std::string root_component; // the schema page's own component: links to itself are recursion
  DescriptionCache* descriptions = nullptr;  // shared by a site's pages (null: render each time)
};

// Maps a component schema name to the URL of its page ("" when it has none).
using SchemaHref = std::function<std::string(const std::string& component_name)>;

std::string render_schema_tree(const Node& document, const Node& schema,
                               const SchemaTreeOptions& options, const SchemaHref& href);

// "string", "integer (int64)", "array of Pet", "object", "string | null": a one-line type.
std::string schema_type_label(const Node& document, const Node& schema);

}  // namespace apiref
