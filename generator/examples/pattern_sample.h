// A short string that a JSON Schema `pattern` (an ECMAScript regular expression, unanchored)
// accepts, for generated examples: a request whose body says "string" where the schema asks
// for ^[a-z0-9-]+$ is rejected by any server that validates.
#pragma once

#include <optional>
#include <string>

namespace apiref {

// A sample matching `pattern` whose length lies within [min_length, max_length], or nothing
// when the pattern uses syntax this generator does not understand or no sample was found.
// A sample is one path through the pattern, with its anchors and word boundaries checked
// where they fall; the work per pattern is bounded, whatever its quantifiers (the pattern
// comes from the description).
std::optional<std::string> pattern_sample(const std::string& pattern, size_t min_length, size_t max_length);

}  // namespace apiref
