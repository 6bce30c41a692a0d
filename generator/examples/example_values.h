// What a property's name and a schema's format say a value looks like, for generated examples:
// `"createdAt": "2024-01-01T00:00:00Z"` and `"email": "user@example.com"` rather than "string".
// The values are fixed text (same input, same bytes); the caller checks them against the
// schema's pattern and length bounds and falls back to a pattern sample when none fits.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace apiref {

// Plausible strings, most fitting first; empty when neither the name nor the format is known.
struct StringCandidates {
  std::array<std::string_view, 6> values{};
  size_t size = 0;
  void add(std::string_view v) {
    if (size < values.size()) values[size++] = v;
  }
};

// `name` is the property's (or parameter's) name in any case style ("schemaVersion",
// "created_at", "X-Request-ID"); `format` the schema's format, which wins over the name.
StringCandidates string_candidates(std::string_view name, std::string_view format);

// A number a property of this name plausibly holds (page 1, port 8080, limit 25), or nothing.
std::optional<double> named_number(std::string_view name, bool integer);

// The name an array's items go by: "tags" → "tag", "policies" → "policy", "addresses" → "address".
std::string singular(std::string_view name);

}  // namespace apiref
