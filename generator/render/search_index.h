// Internal to the render stage: the site's search index (search-index.json), made from the
// models alone. site/app.js matches queries against it in the reader's browser.
//
// Compact on purpose: GitHub's site loads it on the first keystroke. Page addresses are not
// stored; app.js makes them from the bundle and the slug, as the site lays pages out:
//   <bundle>/operations/<slug>.html, <bundle>/tags/<slug>.html, <bundle>/schemas/<slug>.html
//
//   {"bundles":    [[name, title], ...],
//    "names":      [parameter or property name, ...],
//    "tags":       [[bundle, slug, name, display name], ...],
//    "operations": [[bundle, slug, method, path, summary, operationId, [tag, ...], [name, ...]], ...],
//    "schemas":    [[bundle, slug, name, [name, ...], display name?], ...]}
//
// `bundle`, `tag` and `name` are indexes into "bundles", "tags" and "names" (an operation's
// parameter names, a schema's top-level property names). A slug is "" when it is slugify()
// of the name (of the operationId for an operation), which app.js repeats. The operationId is
// "" when the model made it up from method and path: the reader never typed it. The display
// name is "" when it is the name. A method is lower case.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"

namespace apiref {

struct SearchBundle {
  std::string name;  // the bundle's folder in the site
  const ApiModel* model;
};

// At most this many property names per schema: the ones a reader types are the first few of
// an object, and a generated schema with thousands of properties must not swell the index.
inline constexpr size_t kSearchPropertiesPerSchema = 120;

std::string search_index_json(const std::vector<SearchBundle>& bundles);

}  // namespace apiref
