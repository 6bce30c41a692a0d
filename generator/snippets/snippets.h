// Request snippets: each language spells the same Request (request.h). Quoting is done per
// language by construction (shell single quotes with '\'' for literals and "$VAR" for
// secrets; each language's own string literals for Python, JavaScript and Go; notes
// as comment lines that no text can end), so any value — quotes, newlines, unicode, $ and
// backticks — comes out as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "snippets/request.h"

namespace apiref {

struct Snippet {
  std::string language;  // curl, httpie, python, javascript, go
  std::string label;     // "curl", "HTTPie", "Python", "JavaScript", "Go"
  std::string code;
};

// String literals and comments of the snippet languages, written so that each language's own
// parser reads back the text apiref meant: used for every value a description controls (URLs,
// header values, bodies, form fields, file names, notes). What cannot be read back exactly is
// changed in one stated way, never left to the reader's parser to refuse: bytes that are not
// UTF-8 become U+FFFD where the language's strings are Unicode text (Python str, JavaScript); a
// shell word cannot hold NUL (argv is C strings), so shell_word drops it. Go's strings are
// bytes: every byte reads back.
//
// A Python 3 str literal "..." : quote, backslash, controls, DEL, U+0085, U+2028, U+2029 and
// U+FEFF escaped, other UTF-8 as it is, each invalid byte as \ufffd.
std::string python_string(std::string_view s);
// A Python 3 bytes literal b"...": printable ASCII as it is, every other byte as \xhh.
std::string python_bytes(std::string_view s);
// A JavaScript string literal "..." that any engine reads (before ES2019, U+2028 and U+2029
// ended a line even inside a string): as python_string, invalid bytes as \ufffd.
std::string js_string(std::string_view s);
// A Go interpreted string literal "...": Go source must be UTF-8 without NUL or a BOM past its
// start, so controls, DEL, U+FEFF and every byte that is not UTF-8 are escaped (\xhh is a
// byte in Go), U+2028/U+2029 as \u.
std::string go_string(std::string_view s);
// One POSIX shell word in single quotes ('it'\''s'), NUL bytes dropped.
std::string shell_word(std::string_view s);
// `text` for the rest of a line comment (# or //): every line end a language knows (LF, CR,
// U+0085, U+2028, U+2029) and every other control becomes a space, U+FEFF is dropped, invalid
// bytes become U+FFFD, so a note can never end its comment and start code.
std::string comment_text(std::string_view text);

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
