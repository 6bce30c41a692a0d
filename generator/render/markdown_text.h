// Text placed into Markdown that apiref writes (the pages' Markdown twins, llms.txt): names,
// values and plain text are not Markdown, so each is written so that it reads as itself.
#pragma once

#include <string>
#include <string_view>

namespace apiref {

// Where a twin's links start (markdown_twin.cpp writes a twin once, then puts the way to the
// site's root in its place): a control character no text of a twin keeps, since every text
// below drops it.
constexpr char kRootMark = '\x1f';

// `text` as a code span, its fence longer than any run of backticks in it; on one line.
// In a table cell, pipes are escaped too (GFM splits cells before it reads code spans).
std::string md_code(std::string_view text, bool in_table = false);

// Plain text as inline Markdown on one line: what Markdown would read as markup (emphasis,
// links, raw HTML, entities, escapes) escaped, newlines made spaces; `|` too in a table cell.
std::string md_text(std::string_view text, bool in_table = false);

// Plain text as the text of an ATX heading ("# " + this): md_text, and a run of `#` at its end
// (or all of it) escaped, which the heading would otherwise drop as its closing sequence
// ("Issue #" would read "Issue").
std::string md_heading(std::string_view text);

// A fenced code block of `code` in `language`, its fence longer than any in the code.
std::string md_code_block(std::string_view code, std::string_view language);

}  // namespace apiref
