// Serialising a tree: JSON (2-space indent, or compact) and block-style YAML that any YAML
// 1.1 or 1.2 reader types the same way (strings that could be read as anything else are
// quoted). Key order is the tree's order, so the same tree always gives the same bytes.
#pragma once

#include <string>

#include "tree/node.h"

namespace apiref {

std::string to_json(const Node& n, bool pretty = true);
std::string to_yaml(const Node& n);

// A JSON string literal, quotes included.
std::string json_quote(const std::string& s);

}  // namespace apiref
