// Text helpers the writers share: each output format has its own escaping, and all of them
// must survive description text that is hostile (control characters, invalid UTF-8).
#pragma once

#include <string>

#include "check/finding.h"

namespace apiref::report_text {

// s with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(const std::string& s);
// For a terminal or a line-oriented log: valid UTF-8, and control characters (C0, DEL, C1)
// shown as \n, \t, \x1b, \u0085 so that a message can neither break a line nor drive the
// terminal.
std::string visible(const std::string& s);
// XML 1.0 character data or attribute value: & < > " ' escaped; \t \n \r as character
// references (kept in attributes); characters XML 1.0 forbids (other C0, U+FFFE, U+FFFF) shown
// as [U+XXXX] since not even a character reference may carry them.
std::string xml(const std::string& s);
// Markdown text (inline, e.g. a table cell): every ASCII punctuation character that Markdown or
// GFM could read as syntax is backslash-escaped, line breaks become spaces, control characters
// are shown as by visible().
std::string markdown(const std::string& s);
// RFC 3986 percent-encoding of a relative path for a URI: unreserved characters and '/' kept.
std::string uri_path(const std::string& path);

}  // namespace apiref::report_text
