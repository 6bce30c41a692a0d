// Replacing every occurrence of a string in another.
#pragma once

#include <string>
#include <string_view>

namespace apiref::text {

// `s` with every `from` replaced by `to`, left to right, never re-reading what was put in.
inline std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace apiref::text
