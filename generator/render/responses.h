// An operation page's responses as the page shows them: each status's class (its colour) and
// reason phrase (the summary's chips), and the examples, which the page shows beside the
// responses rather than inside them.
#pragma once

#include <string>
#include <string_view>

#include "render/template_data.h"

namespace apiref {

// "success" for 2xx, "client-error" for 4xx... and "other" for `default` or anything odd.
std::string status_class(std::string_view status);

// What a reader calls the status: "OK", "Not Found"; "Success" for a range such as "2XX";
// "" for a code without a common name and for `default`.
std::string_view status_reason(std::string_view status);

// Moves every example out of `responses` (a page's list of {status, class, media_types: [{name,
// example_html, example_generated}]}) into a flat list, one entry per media type with an
// example: {status, class, media_type, example_html, example_generated, first}. Each media
// type left behind has no example_html; the text itself is not copied (borrowed strings stay
// borrowed).
TemplateData take_response_examples(TemplateData& responses);

}  // namespace apiref
