// Serialising a tree: JSON (2-space indent, or compact) and block-style YAML that any YAML
// 1.1 or 1.2 reader types the same way (strings that could be read as anything else are
// quoted). Key order is the tree's order, so the same tree always gives the same bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "tree/node.h"

namespace apiref {

std::string to_json(const Node& n, bool pretty = true);
std::string to_yaml(const Node& n);

// The same bytes as to_json(n) (pretty) and to_yaml(n), handed to `write` in pieces of about
// `piece_size` bytes as they are made, from one buffer: a large document is never held whole
// (GitHub's openapi.yaml is 10 MB, and fresh memory on these machines is dear). Stops at, and
// returns false on, the first piece `write` refuses.
using PieceWriter = std::function<bool(std::string_view piece)>;
bool write_json_in_pieces(const Node& n, size_t piece_size, const PieceWriter& write);
bool write_yaml_in_pieces(const Node& n, size_t piece_size, const PieceWriter& write);

// A JSON string literal, quotes included.
std::string json_quote(const std::string& s);

}  // namespace apiref
