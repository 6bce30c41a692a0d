// Percent-encoding (RFC 3986) of URL paths, query values and fragments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apiref::text {

// Every byte except the unreserved characters (A-Z a-z 0-9 - . _ ~) and those in `also_keep`
// as %XX (upper-case hex).
std::string percent_encode(std::string_view s, std::string_view also_keep = {});
// %XX sequences decoded; nothing when a '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace apiref::text
