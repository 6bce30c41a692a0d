// A schema as an HTML tree that reads without JavaScript (<details> for nesting): type,
// format, required/nullable/readOnly/writeOnly/deprecated badges, constraints, enums,
// oneOf/anyOf/allOf with the discriminator's mapping, additionalProperties, arrays.
// A named component schema with structure (properties, items, variants) is expanded inline
// only at the top of the tree; nested, and always on recursion, it is a link to the schema's
// own page (where it is expanded), and app.js lets the reader unfold it in place. Named
// schemas without structure (a string with a format, an enum) are always shown inline.
// This file decides what a tree shows; the markup is the templates' partials/schema-*.mustache
// (one per block: a property row, a list of properties, items, a composition, a type line,
// badges, constraints...), so that --templates can restyle trees as it does pages.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "render/description.h"
#include "render/mustache.h"
#include "examples/example.h"
#include "tree/node.h"

namespace apiref {

struct SchemaTreeOptions {
  // The site's templates, with the partials/schema-* the tree is written with (a missing one
  // writes nothing).
  const TemplateSet* templates = nullptr;
  ExampleFor direction = ExampleFor::Response;  // hides writeOnly in responses, readOnly in requests
  bool all_directions = false;  // hides neither (a schema's own page: both are badged)
  // Nesting below which named schemas with structure are expanded inline. 1: only the tree's
  // own root. At 2 GitHub's Full Repository response repeated Simple User, Organization and
  // a whole template Repository inline, and its 2,248 pages were 95 MB (now 70 MB).
  int inline_ref_depth = 1;
  int open_depth = 1;         // levels shown open; deeper ones start collapsed
  size_t max_nodes = 600;     // beyond this, named schemas are linked, not expanded
  std::string root_component; // the schema page's own component: links to itself are recursion
  // What readers call the schemas whose keys the bundle had to tell apart (may be null).
  const std::map<std::string, std::string>* display_names = nullptr;
  DescriptionCache* descriptions = nullptr;  // shared by a site's pages (null: render each time)
  // As for the page's other descriptions: where relative links point ("": they become text),
  // and where the ones made text are counted (may be null).
  std::string description_link_base;
  DescriptionStats* description_stats = nullptr;
};

// Maps a component schema name to the URL of its page ("" when it has none).
using SchemaHref = std::function<std::string(const std::string& component_name)>;

std::string render_schema_tree(const Node& document, const Node& schema,
                               const SchemaTreeOptions& options, const SchemaHref& href);

// How a tree renders its schemas' descriptions (through options.descriptions): a page that also
// needs one's plain text asks the cache with this style, and shares the parse.
DescriptionStyle schema_description_style(const std::string& link_base);

// The component a schema that is only {$ref: "#/components/schemas/X"} names: "X"; else "".
std::string schema_component_name(const Node& schema);

// "string", "integer (int64)", "array of Pet", "object", "string | null": a one-line type.
std::string schema_type_label(const Node& document, const Node& schema);

// A schema's bounds, lengths, counts and uniqueness, as the trees show them: "≥ 1, max length 64"
// ("" when it has none).
std::string schema_bounds_text(const Node& schema);

}  // namespace apiref
