#include "resolve/oas_context.h"

#include <cstddef>

namespace apiref {

namespace {

using C = OasContext;
using oas::Kind;

enum class Shape : unsigned char { Object, Map, List };

// The contexts: an object kind the resolver tracks, a map (user name -> object) or a list of
// them. Kinds not here (Info, Server, Tag...) are Any: their $refs are followed and inlined.
struct Entry {
  C context;
  Kind kind;
  Shape shape;
};
constexpr Entry kContexts[] = {
    {C::Root, Kind::Root, Shape::Object},
    {C::Paths, Kind::Paths, Shape::Object},
    {C::PathItemMap, Kind::PathItem, Shape::Map},
    {C::PathItem, Kind::PathItem, Shape::Object},
    {C::OperationMap, Kind::Operation, Shape::Map},
    {C::Operation, Kind::Operation, Shape::Object},
    {C::ParameterList, Kind::Parameter, Shape::List},
    {C::Parameter, Kind::Parameter, Shape::Object},
    {C::RequestBody, Kind::RequestBody, Shape::Object},
    {C::Responses, Kind::Responses, Shape::Object},
    {C::Response, Kind::Response, Shape::Object},
    {C::HeaderMap, Kind::Header, Shape::Map},
    {C::Header, Kind::Header, Shape::Object},
    {C::ContentMap, Kind::MediaType, Shape::Map},
    {C::MediaType, Kind::MediaType, Shape::Object},
    {C::EncodingMap, Kind::Encoding, Shape::Map},
    {C::Encoding, Kind::Encoding, Shape::Object},
    {C::ExampleMap, Kind::Example, Shape::Map},
    {C::Example, Kind::Example, Shape::Object},
    {C::LinkMap, Kind::Link, Shape::Map},
    {C::Link, Kind::Link, Shape::Object},
    {C::CallbackMap, Kind::Callback, Shape::Map},
    {C::Callback, Kind::Callback, Shape::Object},
    {C::Components, Kind::Components, Shape::Object},
    {C::SchemaMap, Kind::Schema, Shape::Map},
    {C::Schema, Kind::Schema, Shape::Object},
    {C::SchemaList, Kind::Schema, Shape::List},
    {C::ResponseMap, Kind::Response, Shape::Map},
    {C::ParameterMap, Kind::Parameter, Shape::Map},
    {C::RequestBodyMap, Kind::RequestBody, Shape::Map},
    {C::SecuritySchemeMap, Kind::SecurityScheme, Shape::Map},
    {C::SecurityScheme, Kind::SecurityScheme, Shape::Object},
};

constexpr size_t kContextCount = static_cast<size_t>(C::Any) + 1;
constexpr size_t kKindCount = static_cast<size_t>(Kind::Any) + 1;

// Both directions indexed once: the bundler asks for every node it copies.
struct Index {
  const Entry* by_context[kContextCount] = {};
  C by_kind[kKindCount][3];
  Index() {
    for (auto& row : by_kind)
      for (C& c : row) c = C::Any;
    for (const Entry& e : kContexts) {
      by_context[static_cast<size_t>(e.context)] = &e;
      by_kind[static_cast<size_t>(e.kind)][static_cast<size_t>(e.shape)] = e.context;
    }
  }
};
const Index& index() {
  static const Index i;
  return i;
}

const Entry* entry_of(C c) { return index().by_context[static_cast<size_t>(c)]; }
C context_of(Kind k, Shape s) { return index().by_kind[static_cast<size_t>(k)][static_cast<size_t>(s)]; }

bool is_extension(std::string_view key) { return key.size() > 2 && key.substr(0, 2) == "x-"; }

// The context of a field's value, from what the vocabulary says the field holds.
C value_context(const oas::Field& f) {
  switch (f.holds) {
    case oas::Holds::Schema: return C::Schema;
    case oas::Holds::Schemas: return C::SchemaList;
    case oas::Holds::Data: return C::Opaque;
    case oas::Holds::Shape: break;
  }
  switch (f.type) {
    case oas::Value::Data: return C::Opaque;
    case oas::Value::Schema: return C::Schema;
    case oas::Value::Obj: return context_of(f.kind, Shape::Object);
    case oas::Value::Map: return context_of(f.kind, Shape::Map);
    case oas::Value::List: return context_of(f.kind, Shape::List);
    default: return C::Any;
  }
}

}  // namespace

OasContext child_context(OasContext parent, std::string_view key) {
  if (parent == C::Opaque) return C::Opaque;
  const Entry* e = entry_of(parent);
  if (!e) return C::Any;
  // Maps keyed by user names: extension-looking keys are still entries there, except in maps
  // of path items (webhooks, components/pathItems), which read like Paths.
  if (e->shape == Shape::Map)
    return e->kind == Kind::PathItem && is_extension(key) ? C::Any : context_of(e->kind, Shape::Object);
  if (e->shape == Shape::List) return C::Any;
  // Objects keyed by user names (paths, callbacks, responses): extensions are not entries.
  if (Kind entries = oas::entries_of(e->kind); entries != Kind::Any)
    return is_extension(key) ? C::Any : context_of(entries, Shape::Object);
  if (is_extension(key)) return C::Any;
  if (oas::fields_are_data(e->kind)) return C::Opaque;
  // Every version's fields: a resolver reads what the document has.
  const oas::Field* f = oas::find_field(e->kind, key);
  return f ? value_context(*f) : C::Any;
}

OasContext item_context(OasContext parent) {
  if (parent == C::Opaque) return C::Opaque;
  if (parent == C::Schema) return C::Schema;  // draft-4 tuple form of "items"
  const Entry* e = entry_of(parent);
  return e && e->shape == Shape::List ? context_of(e->kind, Shape::Object) : C::Any;
}

const char* component_kind(OasContext c) {
  const Entry* e = entry_of(c);
  // Path items and media types stay inline: components/pathItems is OpenAPI 3.1 and later,
  // components/mediaTypes 3.2, and the resolver does not know the document's version. A
  // document's own components/mediaTypes stay where they are, and #/ refs to them with them.
  if (!e || e->shape != Shape::Object || e->kind == Kind::PathItem || e->kind == Kind::MediaType)
    return nullptr;
  return oas::component_section(e->kind);
}

OasContext context_of_component_kind(std::string_view kind) {
  return child_context(child_context(OasContext::Components, kind), "name");
}

}  // namespace apiref
