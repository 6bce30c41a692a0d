// OpenAPI 3.2's sequential media types: content that is a stream of items, each described by
// the media type's itemSchema (server-sent events, JSON Lines, JSON text sequences). Pages
// show such content as what goes over the wire: several items, each made from the item
// schema, written the way the medium frames them.
#pragma once

#include <string>
#include <string_view>

#include "examples/example.h"

namespace apiref {

// What readers call the medium ("server-sent events", "JSON Lines"), or "" for a media type
// that is not one of the streaming ones apiref frames.
std::string_view stream_kind(std::string_view media_type);

// `count` items made from `item_schema`, framed for `media_type`: "event:/data:/id:" blocks
// for text/event-stream (an item's `data` written as JSON when it is not a string, or made
// from its contentSchema), one compact JSON value a line for JSON Lines and NDJSON, and
// RS-prefixed lines for application/json-seq (RS shown as U+241E so that it can be read).
// Where the item schema has oneOf/anyOf variants, successive items take successive ones.
std::string stream_example(const Node& document, std::string_view media_type, const Node& item_schema,
                           const ExampleOptions& options = {}, size_t count = 3);

}  // namespace apiref
