// What the fuzz targets share: reading the fuzzer's bytes as a description, and splitting
// them into several files. Test code only: no source of apiref includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/load.h"

namespace apiref_fuzz {

inline std::string_view bytes(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Limits small enough that a bomb is refused within the fuzzer's time per input (the defaults
// are sized for real descriptions of tens of megabytes).
inline apiref::ParseLimits small_limits() {
  apiref::ParseLimits limits;
  limits.max_alias_nodes = 100'000;
  limits.split_json_from = SIZE_MAX;
  return limits;
}

// The bytes as a document: JSON when they start with '{' or '[', as load_document decides,
// YAML otherwise. False when they do not parse.
inline bool parse_document(std::string_view text, apiref::Node& root, apiref::Diagnostics& out) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  bool json = i < text.size() && (text[i] == '{' || text[i] == '[');
  return json ? apiref::parse_json(text, "fuzz.json", root, out, small_limits())
              : apiref::parse_yaml(text, "fuzz.yaml", root, out, small_limits());
}

// The bytes cut at every `separator` into at most `max_parts` files (the last takes the rest):
// one input spells a root file and the files its $refs reach.
inline std::vector<std::string_view> split_files(std::string_view text, char separator, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

}  // namespace apiref_fuzz
