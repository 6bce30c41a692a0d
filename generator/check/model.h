// The OpenAPI 3.0 / 3.1 object model as data: which fields each object has, their types,
// which are required and in which versions they exist. The walker in check.cpp reads it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace apiref {
namespace check_internal {

enum class K : uint8_t {
  Root, Info, Contact, License, Server, ServerVariable, Components, Paths, PathItem, Operation,
  ExternalDocs, Parameter, Header, RequestBody, MediaType, Encoding, Responses, Response,
  Callback, Example, Link, Tag, Schema, Discriminator, Xml, SecurityScheme, OAuthFlows,
  OAuthFlow, SecurityRequirement, Any,
};

// Field value shapes.
enum class T : uint8_t {
  Str, Bool, Num, Int, Any,
  Obj,      // an object of `kind`
  Map,      // string -> object of `kind`
  List,     // array of objects of `kind`
  StrList,  // array of strings
  StrMap,   // string -> string
  Schema,   // a Schema (object, or boolean in 3.1)
  Special,  // checked by hand in check.cpp (type, exclusive bounds, items...)
};

constexpr uint8_t V30 = 1, V31 = 2, VB = V30 | V31;

struct Field {
  std::string_view name;  // its length known once: looking fields up by a const char* name
                          // measured each with strlen, 8% of the spec check on GitHub
  T type;
  K kind;       // for Obj / Map / List
  uint8_t versions;
  bool required;
};

// Fields of an object kind (not Paths / Responses / Callback / SecurityRequirement / Any,
// whose keys are user names).
const std::vector<Field>& fields_of(K k);
const Field* find_field(K k, std::string_view name);
const char* kind_label(K k);  // "Operation Object"
// Kinds a $ref may stand for (Reference Object allowed there).
bool refable(K k);
// The components/<kind> section an object kind lives in, or nullptr.
const char* component_section(K k);
K kind_of_component_section(std::string_view section);

}  // namespace check_internal
}  // namespace apiref
