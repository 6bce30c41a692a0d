// An operation page's parameters, grouped by location (path, query, querystring, header,
// cookie) as the page lists them: name, type, flags, description, default, enum, bounds,
// pattern, example and a style other than the location's default.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/template_data.h"

namespace apiref {

// A description's HTML, kept alive by the caller (the site's shared descriptions).
using Describe = std::function<const std::string&(const std::string& markdown)>;

// [{"location", "parameters": [...]}], locations without parameters left out. `document` is
// the bundled description the parameters' schemas live in.
TemplateData parameter_groups(const Node& document, const std::vector<Parameter>& params, const Describe& describe);

// A value as a page shows it (defaults, enum values, examples): indented JSON, no final newline.
std::string pretty_json(const Node& n);

}  // namespace apiref
