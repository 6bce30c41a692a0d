// Example values made from a schema, for pages (and request snippets) when the description
// gives none: required and optional properties, formats and enums respected, readOnly left
// out of requests and writeOnly out of responses, recursion and size bounded.
#pragma once

#include <string_view>

#include "tree/node.h"

namespace apiref {

class PatternSamples;

enum class ExampleFor { Request, Response };

struct ExampleOptions {
  ExampleFor direction = ExampleFor::Response;
  bool required_only = false;  // snippets send only what is required
  int max_depth = 8;
  size_t max_array_items = 1;
  // The run's remembered pattern samples (examples/pattern_sample.h); null: each made afresh.
  PatternSamples* pattern_samples = nullptr;
  // What the value is called (a parameter's or component's name), when the schema is named.
  std::string_view name;
};

// `document` is the bundled document the schema lives in (its $refs are internal).
Node example_from_schema(const Node& document, const Node& schema, const ExampleOptions& options = {});

// The example a media type or parameter documents (example, or the first of examples), or
// nullptr. `examples` members may be Example Objects or $refs to them.
const Node* documented_example(const Node& document, const Node* example, const Node* examples);

}  // namespace apiref
