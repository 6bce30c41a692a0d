// The OpenAPI vocabulary, as data: the object kinds, their fields (value shape, the kind of
// object a field holds, the versions it exists in, whether it is required) and the
// components/ sections. One table serves two readers:
// - the checker (check/model.h, check/walk.cpp) validates documents against it;
// - the resolver's contexts (resolve/oas_context.*) derive from it what kind of object a node
//   is, and which values are literal data whose "$ref" keys are not references.
// Versions are bits, so 3.2 is one more bit and one more column of marks in oas.cpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace apiref {
namespace oas {

enum class Kind : uint8_t {
  Root, Info, Contact, License, Server, ServerVariable, Components, Paths, PathItem, Operation,
  ExternalDocs, Parameter, Header, RequestBody, MediaType, Encoding, Responses, Response,
  Callback, Example, Link, Tag, Schema, Discriminator, Xml, SecurityScheme, OAuthFlows,
  OAuthFlow, SecurityRequirement, Any,
};

// Field value shapes.
enum class Value : uint8_t {
  Str, Bool, Num, Int,
  Any,      // any value, not checked
  Data,     // literal data (an example, a default): any value, and "$ref" in it is a key
  Obj,      // an object of `kind`
  Map,      // string -> object of `kind`
  List,     // array of objects of `kind`
  StrList,  // array of strings
  StrMap,   // string -> string
  Schema,   // a Schema (object, or boolean in 3.1)
  Special,  // checked by hand in check/walk.cpp (type, exclusive bounds, items...)
};

// What the resolver reads in a field's value, where the shape alone does not say it.
enum class Holds : uint8_t {
  Shape,    // what `type` and `kind` say
  Schema,   // a schema (items, additionalProperties)
  Schemas,  // a list of schemas (allOf, anyOf, oneOf, prefixItems)
  Data,     // literal data (enum, examples, required; discriminator and xml hold no $ref)
};

// OpenAPI versions a field exists in. 0: in none, but JSON Schema drafts have it and the
// resolver follows $refs inside it (definitions, additionalItems); the checker ignores it.
// VB: every version; V31U: 3.1 and later (3.2 keeps all of 3.1).
constexpr uint8_t V30 = 1, V31 = 2, V32 = 4, V31U = V31 | V32, VB = V30 | V31 | V32;

// The version bit of an `openapi` value ("3.2.0" -> V32), 0 for none apiref reads.
uint8_t version_bit(std::string_view openapi);
// The versions of a mask as readers say them: "3.1 and 3.2", "3.2", "3.0".
const char* versions_text(uint8_t versions);

struct Field {
  std::string_view name;  // its length known once: looking fields up by a const char* name
                          // measured each with strlen, 8% of the spec check on GitHub
  Value type;
  Kind kind;  // for Obj / Map / List
  uint8_t versions;
  uint8_t required;  // the versions in which it is required (0: optional)
  Holds holds;
};

// Fields of an object kind (none for Paths / Responses / Callback / SecurityRequirement /
// Any, whose keys are user names).
const std::vector<Field>& fields_of(Kind k);
const Field* find_field(Kind k, std::string_view name);
const char* kind_label(Kind k);  // "Operation Object"
// Kinds a $ref may stand for (Reference Object allowed there).
bool refable(Kind k);
// The components/<section> an object kind lives in, or nullptr.
const char* component_section(Kind k);
Kind kind_of_component_section(std::string_view section);
// Kinds keyed by user names: the kind of their entries (Paths and Callback: PathItem,
// Responses: Response), else Any. Extension keys there are not entries.
Kind entries_of(Kind k);
// Kinds whose fields are all literal values to a resolver (a Security Scheme's).
bool fields_are_data(Kind k);

// The fixed-field methods of a Path Item ("query" is 3.2's); additionalOperations holds the
// others, keyed by the method name as sent.
bool is_http_method(std::string_view key);

}  // namespace oas
}  // namespace apiref
