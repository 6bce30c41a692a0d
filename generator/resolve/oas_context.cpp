#include "resolve/oas_context.h"

namespace apiref {

bool is_http_method(std::string_view k) {
  return k == "get" || k == "put" || k == "post" || k == "delete" || k == "options" ||
         k == "head" || k == "patch" || k == "trace";
}

static bool is_extension(std::string_view key) { return key.size() > 2 && key.substr(0, 2) == "x-"; }

OasContext child_context(OasContext parent, std::string_view key) {
  using C = OasContext;
  if (parent == C::Opaque) return C::Opaque;
  // Maps keyed by user names: extension-looking keys are still entries there.
  switch (parent) {
    case C::Paths:
    case C::PathItemMap:
    case C::Callback: return is_extension(key) ? C::Any : C::PathItem;
    case C::HeaderMap: return C::Header;
    case C::ContentMap: return C::MediaType;
    case C::EncodingMap: return C::Encoding;
    case C::ExampleMap: return C::Example;
    case C::LinkMap: return C::Link;
    case C::CallbackMap: return C::Callback;
    case C::SchemaMap: return C::Schema;
    case C::ResponseMap: return C::Response;
    case C::ParameterMap: return C::Parameter;
    case C::RequestBodyMap: return C::RequestBody;
    case C::SecuritySchemeMap: return C::SecurityScheme;
    case C::Responses: return is_extension(key) ? C::Any : C::Response;
    default: break;
  }
  if (is_extension(key)) return C::Any;
  switch (parent) {
    case C::Root:
      if (key == "paths") return C::Paths;
      if (key == "webhooks") return C::PathItemMap;
      if (key == "components") return C::Components;
      return C::Any;
    case C::PathItem:
      if (is_http_method(key)) return C::Operation;
      if (key == "parameters") return C::ParameterList;
      return C::Any;
    case C::Operation:
      if (key == "parameters") return C::ParameterList;
      if (key == "requestBody") return C::RequestBody;
      if (key == "responses") return C::Responses;
      if (key == "callbacks") return C::CallbackMap;
      return C::Any;
    case C::Parameter:
    case C::Header:
      if (key == "schema") return C::Schema;
      if (key == "content") return C::ContentMap;
      if (key == "example") return C::Opaque;
      if (key == "examples") return C::ExampleMap;
      return C::Any;
    case C::RequestBody:
      if (key == "content") return C::ContentMap;
      return C::Any;
    case C::Response:
      if (key == "headers") return C::HeaderMap;
      if (key == "content") return C::ContentMap;
      if (key == "links") return C::LinkMap;
      return C::Any;
    case C::MediaType:
      if (key == "schema") return C::Schema;
      if (key == "example") return C::Opaque;
      if (key == "examples") return C::ExampleMap;
      if (key == "encoding") return C::EncodingMap;
      return C::Any;
    case C::Encoding:
      if (key == "headers") return C::HeaderMap;
      return C::Any;
    case C::Example:
      if (key == "value") return C::Opaque;
      return C::Any;
    case C::Link:
      if (key == "parameters" || key == "requestBody") return C::Opaque;
      return C::Any;
    case C::Components:
      if (key == "schemas") return C::SchemaMap;
      if (key == "responses") return C::ResponseMap;
      if (key == "parameters") return C::ParameterMap;
      if (key == "examples") return C::ExampleMap;
      if (key == "requestBodies") return C::RequestBodyMap;
      if (key == "headers") return C::HeaderMap;
      if (key == "securitySchemes") return C::SecuritySchemeMap;
      if (key == "links") return C::LinkMap;
      if (key == "callbacks") return C::CallbackMap;
      if (key == "pathItems") return C::PathItemMap;
      return C::Any;
    case C::Schema:
      if (key == "properties" || key == "patternProperties" || key == "definitions" ||
          key == "$defs" || key == "dependentSchemas")
        return C::SchemaMap;
      if (key == "items" || key == "additionalProperties" || key == "not" || key == "contains" ||
          key == "propertyNames" || key == "if" || key == "then" || key == "else" ||
          key == "unevaluatedProperties" || key == "unevaluatedItems" ||
          key == "additionalItems" || key == "contentSchema")
        return C::Schema;
      if (key == "allOf" || key == "anyOf" || key == "oneOf" || key == "prefixItems")
        return C::SchemaList;
      if (key == "example" || key == "examples" || key == "default" || key == "enum" ||
          key == "const" || key == "discriminator" || key == "xml" || key == "required")
        return C::Opaque;
      return C::Any;
    case C::SecurityScheme:
      return C::Opaque;
    default:
      return C::Any;
  }
}

OasContext item_context(OasContext parent) {
  switch (parent) {
    case OasContext::ParameterList: return OasContext::Parameter;
    case OasContext::SchemaList: return OasContext::Schema;
    case OasContext::Schema: return OasContext::Schema;  // draft-4 tuple form of "items"
    case OasContext::Opaque: return OasContext::Opaque;
    default: return OasContext::Any;
  }
}

const char* component_kind(OasContext c) {
  switch (c) {
    case OasContext::Schema: return "schemas";
    case OasContext::Parameter: return "parameters";
    case OasContext::RequestBody: return "requestBodies";
    case OasContext::Response: return "responses";
    case OasContext::Header: return "headers";
    case OasContext::Example: return "examples";
    case OasContext::Link: return "links";
    case OasContext::Callback: return "callbacks";
    case OasContext::SecurityScheme: return "securitySchemes";
    default: return nullptr;
  }
}

OasContext context_of_component_kind(std::string_view kind) {
  return child_context(child_context(OasContext::Components, kind), "name");
}

}  // namespace apiref
