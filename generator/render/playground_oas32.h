// What the playground's Swagger UI (5.35.0) does not do with an OpenAPI 3.2 description,
// found by loading tests/oas32/api.yaml in it (tests/browser/oas32.mjs):
// - it lists additionalOperations (PURGE...) but offers "Try it out" only for the methods in
//   its supportedSubmitMethods, compared as written: the playground's config lists them;
// - it shows an `in: querystring` parameter and never sends it: the playground's copy of the
//   description splits a form-encoded object into the `in: query` parameters it stands for;
// - it shows nothing of a streaming response's `itemSchema`: the copy gives such a media type
//   a `schema`, a list of the items, which Swagger UI draws and exemplifies.
// What is left (a querystring of another media type) the operation page says.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "tree/node.h"

namespace apiref {

// Whether playground_downgrade() would change `document`.
bool playground_needs_downgrade(const Node& document);

// Rewrites the playground's copy of a bundled description (or of a slice of it) as above.
void playground_downgrade(Node& document);

// The methods of the description's additionalOperations, as written ("PURGE"), once each.
std::vector<std::string> additional_methods(const Node& document);

// Whether the playground can send every parameter of `o`: false for a querystring parameter
// it cannot split (not a form-encoded object).
bool playground_sends_all(const Node& document, const Operation& o);

}  // namespace apiref
