// The playground's per-tag descriptions: a large bundle's playground opens on the operations
// of one tag (the one its deep link names) instead of the whole description, which Swagger UI
// takes many seconds to parse and lay out (GitHub's: 13 MB, 1,223 operations). Each slice is a
// description of its own: the tag's operations, every component they reach through $ref (and
// discriminator mappings), all security schemes, the root's servers, security and info.
#pragma once

#include <cstddef>
#include <string_view>

#include "tree/node.h"

namespace apiref {

class PatternSamples;

// A description at least this large (as compact JSON) is sliced. Below it the whole opens about
// as soon as a slice would (Meshery's bundles: bench/playground.mjs), and the reader gets every
// operation without a second load.
inline constexpr size_t kPlaygroundSliceMinBytes = 1500000;

// The size of `n` written as compact JSON, counted up to `limit` and no further (escapes left
// out: they only make a description larger).
size_t json_size_up_to(const Node& n, size_t limit);

// Whether the playground opens `document` one tag at a time.
bool playground_sliced(const Node& document);

// The operations Swagger UI lists under `tag` (an operation is listed under each of its tags;
// one without tags under "default"), in a description that stands on its own:
//  - paths and webhooks: the path items holding one of them, with only those operations (a path
//    item that is a $ref is kept as it is, with what it points to);
//  - components: every entry reached from what is kept, through $ref and discriminator
//    mappings, transitively; all security schemes (security requirements name them);
//  - tags: those the kept operations carry, and their parents;
//  - everything else at the root (openapi, info, servers, security, externalDocs), but the
//    root's x- extensions: Swagger UI shows none of them, and one may be large (GitHub's
//    x-webhooks holds 0.6 MB that reaches half its components).
// A $ref to anything else (a path item, a root extension) keeps all of its target.
Node slice_description(const Node& document, std::string_view tag);

// The request bodies the playground's request form (playground/apiref-form.js) starts from:
// the example apiref's snippets send (snippets/request.h), so the form's body is the operation
// page's curl body.
// On every request body media type of `description` (its operations' and its
// components.requestBodies') that documents no example and has a schema: `x-apiref-example`,
// the value example_from_schema makes for a request, required properties only (as the
// snippets send). `description` is self-contained (its $refs internal). Swagger UI ignores
// the extension.
void add_request_examples(Node& description, PatternSamples* samples);

}  // namespace apiref
