// JSON Pointer (RFC 6901) and the URI-fragment form used in $ref (RFC 3986 percent-encoding).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tree/node.h"

namespace apiref {

// "a/b~c" -> "a~1b~0c"
std::string pointer_escape(std::string_view token);
// Appends one escaped token: append_pointer("/paths", "/pets") == "/paths/~1pets".
std::string append_pointer(std::string_view pointer, std::string_view token);

// Splits "/a/b~1c" into {"a", "b/c"}. Returns nullopt when the pointer is malformed (does not
// start with '/', or has a '~' not followed by 0 or 1).
std::optional<std::vector<std::string>> parse_pointer(std::string_view pointer);

// Encodes what a URI fragment must not carry raw (space, %, ", <, >, {, }, etc.), so a
// pointer written into a $ref stays a valid URI reference.
std::string fragment_encode(std::string_view pointer);

// Follows a pointer from a node. On failure returns nullptr and, when given, sets
// `deepest_found` to the longest prefix of the pointer that did resolve.
const Node* resolve_pointer(const Node& root, const std::vector<std::string>& tokens,
                            std::string* deepest_found = nullptr);

}  // namespace apiref
