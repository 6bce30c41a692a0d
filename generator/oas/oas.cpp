#include "oas/oas.h"

namespace apiref {
namespace oas {

namespace {

using K = Kind;
using T = Value;
using H = Holds;

// Shorthands keep the tables readable: one line per field, as in the specification.
constexpr Field S(const char* n, uint8_t v = VB, bool req = false) { return {n, T::Str, K::Any, v, req ? v : uint8_t(0), H::Shape}; }
constexpr Field B(const char* n, uint8_t v = VB) { return {n, T::Bool, K::Any, v, false, H::Shape}; }
constexpr Field N(const char* n, uint8_t v = VB) { return {n, T::Num, K::Any, v, false, H::Shape}; }
constexpr Field I(const char* n, uint8_t v = VB) { return {n, T::Int, K::Any, v, false, H::Shape}; }
constexpr Field A(const char* n, uint8_t v = VB) { return {n, T::Any, K::Any, v, false, H::Shape}; }
constexpr Field D(const char* n, uint8_t v = VB) { return {n, T::Data, K::Any, v, false, H::Shape}; }
constexpr Field O(const char* n, K k, uint8_t v = VB, bool req = false, H h = H::Shape) { return {n, T::Obj, k, v, req ? v : uint8_t(0), h}; }
constexpr Field M(const char* n, K k, uint8_t v = VB, bool req = false) { return {n, T::Map, k, v, req ? v : uint8_t(0), H::Shape}; }
constexpr Field L(const char* n, K k, uint8_t v = VB) { return {n, T::List, k, v, false, H::Shape}; }
constexpr Field SL(const char* n, uint8_t v = VB, H h = H::Shape) { return {n, T::StrList, K::Any, v, false, h}; }
constexpr Field SM(const char* n, uint8_t v = VB, bool req = false) { return {n, T::StrMap, K::Any, v, req ? v : uint8_t(0), H::Shape}; }
constexpr Field SC(const char* n, uint8_t v = VB) { return {n, T::Schema, K::Schema, v, false, H::Shape}; }
constexpr Field X(const char* n, uint8_t v = VB, H h = H::Shape) { return {n, T::Special, K::Any, v, false, h}; }

const std::vector<Field> kRoot = {
    S("openapi", VB, true), S("$self", V32), O("info", K::Info, VB, true), S("jsonSchemaDialect", V31U),
    L("servers", K::Server), O("paths", K::Paths, VB), M("webhooks", K::PathItem, V31U),
    O("components", K::Components), L("security", K::SecurityRequirement), L("tags", K::Tag),
    O("externalDocs", K::ExternalDocs)};
const std::vector<Field> kInfo = {S("title", VB, true), S("summary", V31U), S("description"),
                                  S("termsOfService"), O("contact", K::Contact),
                                  O("license", K::License), S("version", VB, true)};
const std::vector<Field> kContact = {S("name"), S("url"), S("email")};
const std::vector<Field> kLicense = {S("name", VB, true), S("identifier", V31U), S("url")};
const std::vector<Field> kServer = {S("url", VB, true), S("description"), S("name", V32),
                                    M("variables", K::ServerVariable)};
const std::vector<Field> kServerVariable = {SL("enum"), S("default", VB, true), S("description")};
const std::vector<Field> kComponents = {
    M("schemas", K::Schema), M("responses", K::Response), M("parameters", K::Parameter),
    M("examples", K::Example), M("requestBodies", K::RequestBody), M("headers", K::Header),
    M("securitySchemes", K::SecurityScheme), M("links", K::Link), M("callbacks", K::Callback),
    M("pathItems", K::PathItem, V31U), M("mediaTypes", K::MediaType, V32)};
const std::vector<Field> kPathItem = {
    S("$ref"), S("summary"), S("description"), O("get", K::Operation), O("put", K::Operation),
    O("post", K::Operation), O("delete", K::Operation), O("options", K::Operation),
    O("head", K::Operation), O("patch", K::Operation), O("trace", K::Operation),
    O("query", K::Operation, V32), M("additionalOperations", K::Operation, V32),
    L("servers", K::Server), L("parameters", K::Parameter)};
const std::vector<Field> kOperation = {
    SL("tags"), S("summary"), S("description"), O("externalDocs", K::ExternalDocs),
    S("operationId"), L("parameters", K::Parameter), O("requestBody", K::RequestBody),
    // Required in 3.0 only; the checker enforces that version difference.
    O("responses", K::Responses), M("callbacks", K::Callback), B("deprecated"),
    L("security", K::SecurityRequirement), L("servers", K::Server)};
const std::vector<Field> kExternalDocs = {S("description"), S("url", VB, true)};
const std::vector<Field> kParameter = {
    S("name", VB, true), S("in", VB, true), S("description"), B("required"), B("deprecated"),
    B("allowEmptyValue"), S("style"), B("explode"), B("allowReserved"), SC("schema"),
    D("example"), M("examples", K::Example), M("content", K::MediaType)};
const std::vector<Field> kHeader = {
    S("description"), B("required"), B("deprecated"), B("allowEmptyValue"), S("style"),
    B("explode"), B("allowReserved"), SC("schema"), D("example"), M("examples", K::Example),
    M("content", K::MediaType)};
const std::vector<Field> kRequestBody = {S("description"), M("content", K::MediaType, VB, true),
                                        B("required")};
// 3.2 describes sequential media (event streams, JSON Lines, multipart) item by item.
const std::vector<Field> kMediaType = {SC("schema"), SC("itemSchema", V32), D("example"),
                                       M("examples", K::Example), M("encoding", K::Encoding),
                                       L("prefixEncoding", K::Encoding, V32),
                                       O("itemEncoding", K::Encoding, V32)};
const std::vector<Field> kEncoding = {S("contentType"), M("headers", K::Header), S("style"),
                                      B("explode"), B("allowReserved"), M("encoding", K::Encoding, V32),
                                      L("prefixEncoding", K::Encoding, V32),
                                      O("itemEncoding", K::Encoding, V32)};
// A response's description is optional from 3.2 on, where `summary` joins it.
const std::vector<Field> kResponse = {{"description", T::Str, K::Any, VB, V30 | V31, H::Shape},
                                      S("summary", V32), M("headers", K::Header),
                                      M("content", K::MediaType), M("links", K::Link)};
const std::vector<Field> kExample = {S("summary"), S("description"), D("value"), S("externalValue"),
                                     D("dataValue", V32), S("serializedValue", V32)};
const std::vector<Field> kLink = {S("operationRef"), S("operationId"), D("parameters"),
                                  D("requestBody"), S("description"), O("server", K::Server)};
// 3.2 nests tags (`parent`) and says what a tag is for (`kind`: nav, badge, audience...).
const std::vector<Field> kTag = {S("name", VB, true), S("summary", V32), S("description"),
                                 O("externalDocs", K::ExternalDocs), S("parent", V32),
                                 S("kind", V32)};
const std::vector<Field> kDiscriminator = {S("propertyName", VB, true), SM("mapping"),
                                           S("defaultMapping", V32)};
const std::vector<Field> kXml = {S("name"), S("namespace"), S("prefix"), B("attribute"), B("wrapped"),
                                 S("nodeType", V32)};
const std::vector<Field> kSecurityScheme = {
    S("type", VB, true), S("description"), S("name"), S("in"), S("scheme"), S("bearerFormat"),
    O("flows", K::OAuthFlows), S("openIdConnectUrl"), S("oauth2MetadataUrl", V32),
    B("deprecated", V32)};
const std::vector<Field> kOAuthFlows = {O("implicit", K::OAuthFlow), O("password", K::OAuthFlow),
                                        O("clientCredentials", K::OAuthFlow),
                                        O("authorizationCode", K::OAuthFlow),
                                        O("deviceAuthorization", K::OAuthFlow, V32)};
const std::vector<Field> kOAuthFlow = {S("authorizationUrl"), S("deviceAuthorizationUrl", V32),
                                       S("tokenUrl"), S("refreshUrl"), SM("scopes", VB, true)};
// The Schema Object: 3.0's fixed subset of JSON Schema draft 5 plus OpenAPI's additions, and
// 3.1's full 2020-12 vocabulary.
const std::vector<Field> kSchema = {
    S("title"), N("multipleOf"), N("maximum"), X("exclusiveMaximum"), N("minimum"),
    X("exclusiveMinimum"), I("maxLength"), I("minLength"), S("pattern"), I("maxItems"),
    I("minItems"), B("uniqueItems"), I("maxProperties"), I("minProperties"), SL("required", VB, H::Data),
    X("enum", VB, H::Data), X("type"), X("allOf", VB, H::Schemas), X("oneOf", VB, H::Schemas),
    X("anyOf", VB, H::Schemas), SC("not"), X("items", VB, H::Schema), M("properties", K::Schema),
    X("additionalProperties", VB, H::Schema), S("description"), S("format"), D("default"),
    B("nullable", V30), O("discriminator", K::Discriminator, VB, false, H::Data), B("readOnly"),
    B("writeOnly"), O("xml", K::Xml, VB, false, H::Data), O("externalDocs", K::ExternalDocs), D("example"),
    B("deprecated"),
    // 3.1 only (JSON Schema 2020-12)
    S("$schema", V31U), S("$id", V31U), S("$anchor", V31U), S("$dynamicAnchor", V31U),
    S("$dynamicRef", V31U), M("$defs", K::Schema, V31U), S("$comment", V31U),
    A("$vocabulary", V31U), D("const", V31U), X("examples", V31U, H::Data), X("prefixItems", V31U, H::Schemas),
    SC("contains", V31U), I("minContains", V31U), I("maxContains", V31U), SC("if", V31U),
    SC("then", V31U), SC("else", V31U), M("dependentSchemas", K::Schema, V31U),
    A("dependentRequired", V31U), M("patternProperties", K::Schema, V31U),
    SC("propertyNames", V31U), SC("unevaluatedItems", V31U), SC("unevaluatedProperties", V31U),
    S("contentEncoding", V31U), S("contentMediaType", V31U), SC("contentSchema", V31U),
    S("$ref"),
    // JSON Schema drafts before 2020-12, in no OpenAPI version: only the resolver reads them.
    M("definitions", K::Schema, 0), SC("additionalItems", 0)};
const std::vector<Field> kNone = {};

}  // namespace

const std::vector<Field>& fields_of(Kind k) {
  switch (k) {
    case K::Root: return kRoot;
    case K::Info: return kInfo;
    case K::Contact: return kContact;
    case K::License: return kLicense;
    case K::Server: return kServer;
    case K::ServerVariable: return kServerVariable;
    case K::Components: return kComponents;
    case K::PathItem: return kPathItem;
    case K::Operation: return kOperation;
    case K::ExternalDocs: return kExternalDocs;
    case K::Parameter: return kParameter;
    case K::Header: return kHeader;
    case K::RequestBody: return kRequestBody;
    case K::MediaType: return kMediaType;
    case K::Encoding: return kEncoding;
    case K::Response: return kResponse;
    case K::Example: return kExample;
    case K::Link: return kLink;
    case K::Tag: return kTag;
    case K::Schema: return kSchema;
    case K::Discriminator: return kDiscriminator;
    case K::Xml: return kXml;
    case K::SecurityScheme: return kSecurityScheme;
    case K::OAuthFlows: return kOAuthFlows;
    case K::OAuthFlow: return kOAuthFlow;
    default: return kNone;
  }
}

const Field* find_field(Kind k, std::string_view name) {
  for (const Field& f : fields_of(k))
    if (name == f.name) return &f;
  return nullptr;
}

const char* kind_label(K k) {
  switch (k) {
    case K::Root: return "OpenAPI Object";
    case K::Info: return "Info Object";
    case K::Contact: return "Contact Object";
    case K::License: return "License Object";
    case K::Server: return "Server Object";
    case K::ServerVariable: return "Server Variable Object";
    case K::Components: return "Components Object";
    case K::Paths: return "Paths Object";
    case K::PathItem: return "Path Item Object";
    case K::Operation: return "Operation Object";
    case K::ExternalDocs: return "External Documentation Object";
    case K::Parameter: return "Parameter Object";
    case K::Header: return "Header Object";
    case K::RequestBody: return "Request Body Object";
    case K::MediaType: return "Media Type Object";
    case K::Encoding: return "Encoding Object";
    case K::Responses: return "Responses Object";
    case K::Response: return "Response Object";
    case K::Callback: return "Callback Object";
    case K::Example: return "Example Object";
    case K::Link: return "Link Object";
    case K::Tag: return "Tag Object";
    case K::Schema: return "Schema Object";
    case K::Discriminator: return "Discriminator Object";
    case K::Xml: return "XML Object";
    case K::SecurityScheme: return "Security Scheme Object";
    case K::OAuthFlows: return "OAuth Flows Object";
    case K::OAuthFlow: return "OAuth Flow Object";
    case K::SecurityRequirement: return "Security Requirement Object";
    case K::Any: return "value";
  }
  return "object";
}

bool refable(K k) {
  switch (k) {
    case K::Parameter: case K::Header: case K::RequestBody: case K::Response: case K::Example:
    case K::Link: case K::Callback: case K::Schema: case K::SecurityScheme: case K::PathItem:
    case K::MediaType:
      return true;
    default:
      return false;
  }
}

const char* component_section(K k) {
  switch (k) {
    case K::Schema: return "schemas";
    case K::Response: return "responses";
    case K::Parameter: return "parameters";
    case K::Example: return "examples";
    case K::RequestBody: return "requestBodies";
    case K::Header: return "headers";
    case K::SecurityScheme: return "securitySchemes";
    case K::Link: return "links";
    case K::Callback: return "callbacks";
    case K::PathItem: return "pathItems";
    case K::MediaType: return "mediaTypes";
    default: return nullptr;
  }
}

Kind entries_of(Kind k) {
  switch (k) {
    case K::Paths:
    case K::Callback: return K::PathItem;
    case K::Responses: return K::Response;
    default: return K::Any;
  }
}

// Its fields are strings and OAuth flows: nothing in it is a reference.
bool fields_are_data(Kind k) { return k == K::SecurityScheme; }

bool is_http_method(std::string_view k) {
  return k == "get" || k == "put" || k == "post" || k == "delete" || k == "options" ||
         k == "head" || k == "patch" || k == "trace" || k == "query";
}

uint8_t version_bit(std::string_view v) {
  // "3.1" and "3.1.0" alike; "3.10" is no version apiref knows.
  auto is = [&](std::string_view minor) {
    return v.substr(0, 3) == minor && (v.size() == 3 || v[3] == '.');
  };
  return is("3.0") ? V30 : is("3.1") ? V31 : is("3.2") ? V32 : 0;
}

const char* versions_text(uint8_t v) {
  v &= VB;
  if (v == V31U) return "3.1 and 3.2";
  if (v == (V30 | V31)) return "3.0 and 3.1";
  if (v == V32) return "3.2";
  if (v == V31) return "3.1";
  if (v == V30) return "3.0";
  return "no version";
}

K kind_of_component_section(std::string_view s) {
  for (K k : {K::Schema, K::Response, K::Parameter, K::Example, K::RequestBody, K::Header,
              K::SecurityScheme, K::Link, K::Callback, K::PathItem, K::MediaType})
    if (s == component_section(k)) return k;
  return K::Any;
}

}  // namespace oas
}  // namespace apiref
