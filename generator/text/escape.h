// Escaping text for the formats apiref writes: HTML, XML, JSON strings and POSIX shell words.
#pragma once

#include <string>
#include <string_view>

namespace apiref::text {

// Text for HTML element content and attribute values: & < > " ' (the quote as &#39;).
std::string html_escape(std::string_view text);
void append_html_escaped(std::string& out, std::string_view text);
// Text for HTML element content only (& < >), never for an attribute value: outside a tag,
// quotes are plain characters. For code blocks, where every quote escaped would cost 6 bytes.
std::string html_escape_text(std::string_view text);

// Text for an XML 1.0 attribute value or element content: & < > " ' as entities, tab and line
// ends as character references (an attribute value keeps them), invalid UTF-8 as U+FFFD, and the
// other C0 controls, U+FFFE and U+FFFF (which XML 1.0 cannot hold at all) as "[U+0001]".
std::string xml_escape(std::string_view text);

// Appends `s` as a JSON string literal, quotes included: quote, backslash, controls and DEL
// escaped, everything else (UTF-8 included) as it is.
void append_json_string(std::string& out, std::string_view s);
std::string json_string(std::string_view s);

// `s` as one POSIX shell word in single quotes ('it'\''s'): nothing inside is expanded.
std::string shell_single_quote(std::string_view s);

}  // namespace apiref::text
