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

const std::vector<std::string>& all_snippet_languages();
std::vector<Snippet> snippets_for(const Request& r, const std::vector<std::string>& languages);

}  // namespace apiref
