// Where in an OpenAPI document a node sits (a Schema, a Parameter, a literal example...).
// The bundler needs it to know what kind of component a $ref stands for, and to leave
// literal data (examples, defaults, enums) alone even when it contains a "$ref" key.
// Derived from the OpenAPI vocabulary in oas/oas.h: a context is an object kind the resolver
// tracks, or a map or list of them.
#pragma once

#include <string_view>

#include "oas/oas.h"

namespace apiref {

enum class OasContext : unsigned char {
  Root, Paths, PathItemMap, PathItem, OperationMap, Operation, ParameterList, Parameter, RequestBody,
  Responses, Response, HeaderMap, Header, ContentMap, MediaType, EncodingMap, Encoding,
  ExampleMap, Example, LinkMap, Link, CallbackMap, Callback, Components, SchemaMap, Schema,
  SchemaList, ResponseMap, ParameterMap, RequestBodyMap, SecuritySchemeMap, SecurityScheme,
  Opaque,  // literal data: copied as is, "$ref" inside is not a reference
  Any,     // unknown or extension content: references are followed and inlined
};

OasContext child_context(OasContext parent, std::string_view key);
OasContext item_context(OasContext parent);

// The components/<kind> a reference in this context can be moved to, or nullptr when the
// referenced object must be inlined (path items in 3.0, media types before 3.2, extension
// content).
const char* component_kind(OasContext c);
// The context of an object stored under components/<kind>.
OasContext context_of_component_kind(std::string_view kind);

using oas::is_http_method;

}  // namespace apiref
