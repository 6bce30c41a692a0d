// Request snippets: each language spells the same Request (request.h). Quoting is done per
// language by construction (shell single quotes with '\'' for literals and "$VAR" for secrets;
// JSON-style string literals for Python, JavaScript and Go), so any value — quotes, newlines,
// unicode, $ and backticks — comes out as written.
#pragma once

#include <string>
#include <vector>

#include "snippets/request.h"

namespace apiref {

struct Snippet {
  std::string language;  // curl, httpie, python, javascript, go
  std::string label;     // "curl", "HTTPie", "Python", "JavaScript", "Go"
  std::string code;
};

// One shell word: literals in single quotes, variables as "$NAME", concatenated.
std::string shell_quote(const Value& v);
std::string shell_quote(const std::string& literal_text);

std::string curl_snippet(const Request& r);
std::string httpie_snippet(const Request& r);
std::string python_snippet(const Request& r);
std::string javascript_snippet(const Request& r);
std::string go_snippet(const Request& r);

// Where a page's token box writes the reader's values (site/app.js): every expression of the
// `language` snippet of `r` that reads a variable, exactly as the snippet spells it, with the
// Value it spells, as JSON: [[code, [[text, is_variable], ...]], ...]. The box spells the Value
// again with the variables it knows turned into text, so a filled-in token is quoted as one
// word ('token=eyJ...'), never glued to the quotes around it. "" when nothing reads a variable.
std::string variable_fill_json(const Request& r, const std::string& language);

const std::vector<std::string>& all_snippet_languages();
std::vector<Snippet> snippets_for(const Request& r, const std::vector<std::string>& languages);

}  // namespace apiref
