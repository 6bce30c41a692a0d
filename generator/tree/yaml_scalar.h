// YAML 1.2 core-schema typing of plain scalars, shared by the YAML reader (to type what it
// reads) and the YAML writer (to know when a string must be quoted to stay a string).
#pragma once

#include <string>
#include <string_view>

namespace apiref {

enum class PlainType { String, Null, Bool, Number, NotANumber };

// Types a plain scalar. For numbers, `json` receives a JSON literal of the same value (YAML
// allows +1, .5, 1., 0x1F and 0o17; JSON does not). For booleans, `boolean` gets the value.
PlainType type_plain_scalar(const std::string& v, std::string& json, bool& boolean);

// yes/no/on/off in their three spellings: strings in YAML 1.2, booleans to YAML 1.1 readers.
bool is_yaml11_boolean(std::string_view v);
// A word that some YAML reader (1.2 or 1.1) takes for null or a boolean: ~, null, true, false,
// yes, no, on, off (in their three spellings) and y, n (either case).
bool reads_as_null_or_boolean(std::string_view v);

bool is_json_number(std::string_view s);

}  // namespace apiref
