// The object-level part of the conversion: each 2.0 object rewritten as its 3.0 counterpart,
// member order kept where the member survives, new members placed where the old ones were.
#include "oas/oas.h"
#include "swagger2/converter.h"
#include "tree/json_pointer.h"

namespace apiref::swagger2_internal {

namespace {

const char* const kValueKeywords[] = {
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
    "x-nullable"};

const char* const kForms[] = {"multipart/form-data", "application/x-www-form-urlencoded"};

bool contains(const std::vector<std::string>& list, const std::string& s) {
  for (const std::string& x : list)
    if (x == s) return true;
  return false;
}

// An Items object or a parameter's value keywords, moved into a new Schema Object (items
// recursively; collectionFormat, which 3.0 says with style and explode, left behind).
Node take_value_schema(Node& from) {
  Node schema = Node::object(from.pos);
  std::vector<Member> rest;
  for (Member& m : from.members) {
    if (!is_value_keyword(m.key)) {
      rest.push_back(std::move(m));
    } else if (m.key == "items" && m.value.is_object() && !m.value.is_ref()) {
      Node items = take_value_schema(m.value);
      schema.set("items", std::move(items), m.key_pos);
    } else if (m.key == "x-nullable") {
      schema.set("nullable", std::move(m.value), m.key_pos);
    } else {
      schema.set(m.key, std::move(m.value), m.key_pos);
    }
  }
  from.members = std::move(rest);
  from.erase("collectionFormat");
  if (schema.string_at("type") == "file") {
    schema.find("type")->text = "string";
    schema.set("format", Node::string("binary", schema.find("type")->pos));
  }
  return schema;
}

}  // namespace

bool is_value_keyword(const std::string& key) {
  for (const char* k : kValueKeywords)
    if (key == k) return true;
  return false;
}

void Converter::convert_schema(File& f, Node& s, const std::string& pointer) {
  if (!s.is_object()) return;
  if (Node* ref = s.find("$ref")) {
    rewrite_ref(f, *ref, Role::Schema);
    return;
  }
  bool binary = false, nullable = false;
  for (Member& m : s.members) {
    const std::string& k = m.key;
    std::string at = append_pointer(pointer, k);
    if (k == "x-nullable" && !s.find("nullable")) {
      m.key = "nullable";
    } else if (k == "type" && m.value.is_string() && m.value.text == "file") {
      m.value.text = "string";
      binary = true;
    } else if (k == "type" && m.value.is_array() && m.value.items.size() == 2) {
      // [T, "null"], not 2.0 but written for x-nullable: T and nullable, as 3.0 says it.
      const std::vector<Node>& t = m.value.items;
      int null_at = t[0].text == "null" ? 0 : t[1].text == "null" ? 1 : -1;
      if (null_at >= 0 && t[1 - null_at].is_string()) {
        Node single = t[1 - null_at];
        m.value = std::move(single);
        nullable = true;
      }
    } else if (k == "discriminator" && m.value.is_string()) {
      SourcePos at_value = m.value.pos;
      Node d = Node::object(at_value);
      d.set("propertyName", std::move(m.value), at_value);
      m.value = std::move(d);
    } else if ((k == "properties" || k == "definitions" || k == "patternProperties") && m.value.is_object()) {
      for (Member& p : m.value.members) convert_schema(f, p.value, append_pointer(at, p.key));
    } else if (k == "additionalProperties" || k == "not" || k == "items" || k == "additionalItems") {
      if (m.value.is_array()) {
        for (size_t i = 0; i < m.value.items.size(); ++i)
          convert_schema(f, m.value.items[i], append_pointer(at, std::to_string(i)));
      } else {
        convert_schema(f, m.value, at);
      }
    } else if ((k == "allOf" || k == "anyOf" || k == "oneOf") && m.value.is_array()) {
      for (size_t i = 0; i < m.value.items.size(); ++i)
        convert_schema(f, m.value.items[i], append_pointer(at, std::to_string(i)));
    }
  }
  if (binary) s.set("format", Node::string("binary", s.find("type")->pos));
  if (nullable && !s.find("nullable")) s.set("nullable", Node::boolean_value(true, s.find("type")->pos));
}

void Converter::convert_parameter(File& f, Node& p, const std::string& pointer) {
  if (!p.is_object()) {
    error(f, pointer, p.pos, "swagger2-parameter", "a parameter must be a mapping (or a $ref to one)");
    return;
  }
  if (Node* ref = p.find("$ref")) {
    rewrite_ref(f, *ref, Role::Parameter);
    return;
  }
  std::string in(p.string_at("in"));
  if (in == "body") {
    if (Node* schema = p.find("schema")) convert_schema(f, *schema, append_pointer(pointer, "schema"));
    return;
  }
  if (in == "formData") return;  // taken into the operation's request body
  if (in != "query" && in != "header" && in != "path") {
    error(f, p.find("in") ? append_pointer(pointer, "in") : pointer, p.find("in") ? p.find("in")->pos : p.pos,
          "swagger2-parameter-in",
          in.empty() ? "parameter '" + std::string(p.string_at("name")) + "' has no 'in' (query, header, path, formData or body)"
                     : "parameter 'in: " + in + "' is not one of query, header, path, formData, body");
    return;
  }
  const Node* type = p.find("type");
  if (type && type->is_string() && type->text == "file") {
    // 2.0 sends a file only as a form field; 3.0 has no way to say it anywhere else.
    error(f, append_pointer(pointer, "type"), type->pos, "swagger2-file-not-form",
          "parameter '" + std::string(p.string_at("name")) + "' (in " + in +
              ") has type: file, which only a formData parameter may have");
  }
  if (!type && !p.find("schema")) {
    error(f, pointer, p.pos, "swagger2-parameter-type",
          "parameter '" + std::string(p.string_at("name")) + "' (in " + in +
              ") has no 'type': Swagger 2.0 requires one for every parameter but a body one");
  }
  std::string format(p.string_at("collectionFormat"));
  SourcePos format_pos = p.find("collectionFormat") ? p.find("collectionFormat")->pos : p.pos;
  if (format.empty() && type && type->is_string() && type->text == "array") format = "csv";

  Node out = Node::object(p.pos);
  bool schema_placed = false;
  auto place_style = [&](SourcePos key_pos) {
    if (format == "csv") {
      if (in == "query") {
        out.set("style", Node::string("form", format_pos), key_pos);
        out.set("explode", Node::boolean_value(false, format_pos), key_pos);
      } else {
        out.set("style", Node::string("simple", format_pos), key_pos);
      }
    } else if (format == "multi") {
      out.set("style", Node::string("form", format_pos), key_pos);
      out.set("explode", Node::boolean_value(true, format_pos), key_pos);
    } else if ((format == "ssv" || format == "pipes") && in == "query") {
      out.set("style", Node::string(format == "ssv" ? "spaceDelimited" : "pipeDelimited", format_pos), key_pos);
      out.set("explode", Node::boolean_value(false, format_pos), key_pos);
    } else if (!format.empty()) {
      // tsv (and ssv or pipes outside a query) has no 3.0 style: kept as an extension.
      out.set("x-collectionFormat", Node::string(format, format_pos), key_pos);
    }
  };
  Node schema = take_value_schema(p);
  if (Node* given = p.find("schema")) {  // not 2.0, but written: kept
    convert_schema(f, *given, append_pointer(pointer, "schema"));
  }
  for (Member& m : p.members) {
    if (m.key == "collectionFormat") continue;
    if (m.key == "x-example" && !p.find("example")) out.set("example", m.value, m.key_pos);
    out.set(m.key, std::move(m.value), m.key_pos);
    if (!schema_placed && (m.key == "required" || m.key == "in") && !p.find("schema")) {
      // After `required` when there is one, else after `in`: where a reader looks for it.
      if (m.key == "in" && p.find("required")) continue;
      SourcePos at = schema.members.empty() ? m.key_pos : schema.members.front().key_pos;
      out.set("schema", std::move(schema), at);
      place_style(at);
      schema_placed = true;
    }
  }
  if (!schema_placed) {
    if (!p.find("schema")) out.set("schema", std::move(schema), p.pos);
    place_style(p.pos);
  }
  p = std::move(out);
}

void Converter::convert_header(File& f, Node& h, const std::string& pointer) {
  (void)pointer;
  if (!h.is_object()) return;
  if (Node* ref = h.find("$ref")) {
    rewrite_ref(f, *ref, Role::Header);
    return;
  }
  std::string format(h.string_at("collectionFormat"));
  Node schema = take_value_schema(h);
  Node out = Node::object(h.pos);
  for (Member& m : h.members) out.set(m.key, std::move(m.value), m.key_pos);
  out.set("schema", std::move(schema), h.pos);
  if (!format.empty() && format != "csv") out.set("x-collectionFormat", Node::string(format, h.pos), h.pos);
  h = std::move(out);
}

void Converter::convert_response(File& f, Node& r, const std::string& pointer,
                                 const std::vector<std::string>& produces_given) {
  if (!r.is_object()) return;
  if (Node* ref = r.find("$ref")) {
    rewrite_ref(f, *ref, Role::Response, &produces_given);
    return;
  }
  std::vector<std::string> produces = produces_given;
  if (produces.empty()) produces.push_back("*/*");  // 2.0 leaves it unsaid: any type
  Node out = Node::object(r.pos);
  Node content = Node::object(r.pos);
  bool content_placed = false;
  auto place_content = [&](SourcePos key_pos) {
    if (content_placed) return;
    out.set("content", Node(), key_pos);  // filled below, once schema and examples are both seen
    content_placed = true;
  };
  for (Member& m : r.members) {
    if (m.key == "schema" && m.value.is_null()) {
      continue;  // `schema:` with nothing after it says nothing
    } else if (m.key == "schema") {
      convert_schema(f, m.value, append_pointer(pointer, "schema"));
      for (const std::string& type : produces) {
        Node media = Node::object(m.value.pos);
        media.set("schema", m.value, m.key_pos);
        content.set(type, std::move(media), m.key_pos);
      }
      place_content(m.key_pos);
    } else if (m.key == "examples" && m.value.is_object()) {
      for (Member& e : m.value.members) {
        Node* media = content.find(e.key);
        if (!media) media = &content.set(e.key, Node::object(e.value.pos), e.key_pos);
        media->set("example", std::move(e.value), e.key_pos);
      }
      place_content(m.key_pos);
    } else if (m.key == "headers" && m.value.is_object()) {
      for (Member& h : m.value.members)
        convert_header(f, h.value, append_pointer(append_pointer(pointer, "headers"), h.key));
      out.set(m.key, std::move(m.value), m.key_pos);
    } else {
      out.set(m.key, std::move(m.value), m.key_pos);
    }
  }
  if (content_placed) {
    // Examples come after the schema in most documents; the schema's media types come first.
    Node ordered = Node::object(content.pos);
    for (const std::string& type : produces)
      if (Node* media = content.find(type)) ordered.set(type, std::move(*media), content.pos);
    for (Member& m : content.members)
      if (!ordered.find(m.key)) ordered.set(m.key, std::move(m.value), m.key_pos);
    *out.find("content") = std::move(ordered);
  }
  r = std::move(out);
}

Node Converter::body_to_request_body(File& f, const Node& param, const std::string& pointer,
                                     const std::vector<std::string>& consumes_given) {
  std::vector<std::string> consumes = consumes_given;
  if (consumes.empty()) consumes.push_back("application/json");  // 2.0 leaves it unsaid
  Node body = Node::object(param.pos);
  const Node* schema = param.find("schema");
  if (!schema) {
    error(f, pointer, param.pos, "swagger2-body-schema",
          "body parameter '" + std::string(param.string_at("name")) + "' has no 'schema': Swagger 2.0 requires one");
  }
  Node converted = schema ? *schema : Node::object(param.pos);
  convert_schema(f, converted, append_pointer(pointer, "schema"));
  for (const Member& m : param.members) {
    if (m.key == "description" || m.key == "required" || is_extension(m.key)) {
      body.set(m.key, m.value, m.key_pos);
    } else if (m.key == "schema") {
      Node content = Node::object(m.value.pos);
      for (const std::string& type : consumes) {
        Node media = Node::object(m.value.pos);
        media.set("schema", converted, m.key_pos);
        content.set(type, std::move(media), m.key_pos);
      }
      body.set("content", std::move(content), m.key_pos);
    }
  }
  if (!body.find("content")) {
    Node content = Node::object(param.pos);
    for (const std::string& type : consumes) {
      Node media = Node::object(param.pos);
      media.set("schema", converted, param.pos);
      content.set(type, std::move(media), param.pos);
    }
    body.set("content", std::move(content), param.pos);
  }
  return body;
}

void Converter::convert_path_item(File& f, Node& item, const std::string& pointer) {
  if (!item.is_object()) {
    error(f, pointer, item.pos, "swagger2-path-item", "a path item must be a mapping");
    return;
  }
  if (Node* ref = item.find("$ref")) rewrite_ref(f, *ref, Role::PathItem);
  std::vector<RawParam> moved;  // body and formData parameters, which go to each operation
  if (Node* params = item.find("parameters"); params && params->is_array()) {
    std::string at = append_pointer(pointer, "parameters");
    std::vector<Node> kept;
    for (size_t i = 0; i < params->items.size(); ++i) {
      Node& p = params->items[i];
      std::string here = append_pointer(at, std::to_string(i));
      RawParam raw = raw_param(f, p, here);
      if (raw.node && (raw.in == "body" || raw.in == "formData")) {
        moved.push_back(raw);
        continue;
      }
      convert_parameter(f, p, here);
      kept.push_back(std::move(p));
    }
    // A parameter written in this list is read from the file as read instead (same pointer):
    // the list is about to be rebuilt. One reached through a $ref is read there already.
    for (RawParam& r : moved)
      if (r.file == &f && r.pointer.rfind(at, 0) == 0)
        if (auto tokens = parse_pointer(r.pointer)) r.node = resolve_pointer(f.raw, *tokens);
    params->items = std::move(kept);
    if (params->items.empty()) item.erase("parameters");
  }
  for (Member& m : item.members)
    if (oas::is_http_method(m.key) && m.value.is_object())
      convert_operation(f, m.value, append_pointer(pointer, m.key), moved);
}

void Converter::convert_security_scheme(File& f, Node& s, const std::string& pointer) {
  if (!s.is_object()) return;
  std::string type(s.string_at("type"));
  Node out = Node::object(s.pos);
  if (type == "basic") {
    for (Member& m : s.members) {
      if (m.key == "type") {
        out.set("type", Node::string("http", m.value.pos), m.key_pos);
        out.set("scheme", Node::string("basic", m.value.pos), m.key_pos);
      } else {
        out.set(m.key, std::move(m.value), m.key_pos);
      }
    }
  } else if (type == "oauth2") {
    std::string flow(s.string_at("flow"));
    const char* name = flow == "implicit" ? "implicit" : flow == "password" ? "password"
                       : flow == "application" ? "clientCredentials" : flow == "accessCode" ? "authorizationCode" : nullptr;
    if (!name) {
      const Node* at = s.find("flow");
      error(f, at ? append_pointer(pointer, "flow") : pointer, at ? at->pos : s.pos, "swagger2-oauth2-flow",
            "OAuth2 'flow' must be implicit, password, application or accessCode" +
                (flow.empty() ? std::string() : ", not '" + flow + "'"));
      return;
    }
    Node flow_object = Node::object(s.find("flow")->pos);
    for (const char* key : {"authorizationUrl", "tokenUrl", "scopes"})
      if (const Node* v = s.find(key)) flow_object.set(key, *v, v->pos);
    if (!flow_object.find("scopes")) flow_object.set("scopes", Node::object(s.pos), s.pos);
    for (Member& m : s.members) {
      if (m.key == "flow") {
        Node flows = Node::object(m.value.pos);
        flows.set(name, std::move(flow_object), m.value.pos);
        out.set("flows", std::move(flows), m.key_pos);
      } else if (m.key != "authorizationUrl" && m.key != "tokenUrl" && m.key != "scopes") {
        out.set(m.key, std::move(m.value), m.key_pos);
      }
    }
  } else {
    return;  // apiKey is the same object in 3.0
  }
  s = std::move(out);
}

void Converter::convert_operation(File& f, Node& op, const std::string& pointer,
                                  const std::vector<RawParam>& path_moved) {
  std::vector<std::string> consumes = op.find("consumes") ? string_list(op.find("consumes")) : consumes_;
  std::vector<std::string> produces = op.find("produces") ? string_list(op.find("produces")) : produces_;
  const RawParam* body = nullptr;
  const Node* body_entry = nullptr;  // the operation's own list entry, when the body is its own
  std::vector<RawParam> form;
  std::vector<RawParam> own;  // keeps the RawParams of this operation alive
  Node params = Node::array(op.pos);
  std::string at = append_pointer(pointer, "parameters");
  if (Node* list = op.find("parameters"); list && list->is_array()) {
    params.pos = list->pos;
    own.reserve(list->items.size());
    for (size_t i = 0; i < list->items.size(); ++i) {
      Node& p = list->items[i];
      std::string here = append_pointer(at, std::to_string(i));
      RawParam raw = raw_param(f, p, here);
      if (raw.node && raw.in == "body") {
        if (body) {
          error(f, here, p.pos, "swagger2-two-bodies", "an operation can have only one body parameter");
          continue;
        }
        own.push_back(raw);
        body = &own.back();
        body_entry = &p;
        continue;
      }
      if (raw.node && raw.in == "formData") {
        form.push_back(raw);
        continue;
      }
      convert_parameter(f, p, here);
      params.items.push_back(std::move(p));
    }
  }
  // Path-level body and formData parameters apply unless the operation overrides them.
  for (const RawParam& r : path_moved) {
    if (r.in == "body" && !body) body = &r;
    if (r.in != "formData") continue;
    bool overridden = false;
    for (const RawParam& o : form) overridden = overridden || o.node->string_at("name") == r.node->string_at("name");
    if (!overridden) form.push_back(r);
  }

  Node request_body;
  if (body && !form.empty()) {
    error(f, pointer, op.pos, "swagger2-body-and-form",
          "an operation cannot have both a body parameter and formData parameters");
  } else if (body) {
    auto tokens = parse_pointer(body->pointer);
    bool component = tokens && tokens->size() == 2 && (*tokens)[0] == "parameters";
    if (body_entry && body_entry->is_ref() && component && (consumes == consumes_ || body->file != &f)) {
      request_body = Node::object(body_entry->pos);
      Node ref = *body_entry->find("$ref");
      rewrite_ref(f, ref, Role::Other);
      request_body.set("$ref", std::move(ref), body_entry->members.front().key_pos);
    } else {
      request_body = body_to_request_body(*const_cast<File*>(body->file), *body->node, body->pointer, consumes);
    }
  } else if (!form.empty()) {
    // Form fields are sent as a form: a consumes that lists neither form type (nor a wildcard
    // over one) contradicts them. A warning: the request body is a form either way.
    bool form_type = false;
    for (const std::string& c : consumes)
      form_type = form_type || c == kForms[0] || c == kForms[1] || c == "*/*" || c == "multipart/*" || c == "application/*";
    if (!consumes.empty() && !form_type) {
      const Node* declared = op.find("consumes");
      warn(f, declared ? append_pointer(pointer, "consumes") : pointer, declared ? declared->pos : op.pos,
            "swagger2-form-consumes",
            std::string("formData parameters need ") + (declared ? "the operation's" : "the document's") +
                " consumes to list multipart/form-data or application/x-www-form-urlencoded; it lists " + consumes.front() +
                (consumes.size() > 1 ? " and " + std::to_string(consumes.size() - 1) + " more" : ""));
    }
    bool files = false;
    for (const RawParam& r : form) files = files || r.node->string_at("type") == "file";
    const char* type = contains(consumes, kForms[0]) || files ? kForms[0] : kForms[1];
    Node schema = Node::object(form.front().node->pos);
    schema.set("type", Node::string("object", schema.pos));
    Node properties = Node::object(schema.pos);
    Node required = Node::array(schema.pos);
    bool any_required = false;
    for (const RawParam& r : form) {
      Node p = *r.node;
      Node prop = take_value_schema(p);
      if (const Node* d = p.find("description")) prop.set("description", *d, d->pos);
      for (Member& m : p.members)
        if (is_extension(m.key)) prop.set(m.key, std::move(m.value), m.key_pos);
      std::string name(p.string_at("name"));
      if (const Node* req = p.find("required"); req && req->boolean)
        required.items.push_back(Node::string(name, req->pos)), any_required = true;
      properties.set(name, std::move(prop), p.pos);
    }
    schema.set("properties", std::move(properties), schema.pos);
    if (any_required) schema.set("required", std::move(required), schema.pos);
    request_body = Node::object(schema.pos);
    Node content = Node::object(schema.pos);
    Node media = Node::object(schema.pos);
    media.set("schema", std::move(schema), schema.pos);
    content.set(type, std::move(media), request_body.pos);
    request_body.set("content", std::move(content), request_body.pos);
    if (any_required) request_body.set("required", Node::boolean_value(true, request_body.pos));
  }

  Node out = Node::object(op.pos);
  bool body_placed = request_body.is_null();
  for (Member& m : op.members) {
    if (m.key == "schemes") {
      // An operation's own schemes replace the root's: its own servers, over the root's host
      // and basePath, in place of the `schemes` that said so (so a finding points there).
      std::vector<std::string> schemes = string_list(&m.value);
      if (!schemes.empty() && schemes != root_schemes()) {
        Node servers = servers_for(schemes, m.value.pos);
        if (!servers.items.empty()) out.set("servers", std::move(servers), m.key_pos);
      }
      continue;
    }
    if (m.key == "consumes" || m.key == "produces") continue;
    if (m.key == "parameters") {
      if (!params.items.empty()) out.set("parameters", std::move(params), m.key_pos);
      if (!body_placed) out.set("requestBody", std::move(request_body), m.key_pos);
      body_placed = true;
      continue;
    }
    if (m.key == "responses" && m.value.is_object()) {
      if (!body_placed) out.set("requestBody", std::move(request_body), m.key_pos);
      body_placed = true;
      for (Member& r : m.value.members)
        if (!is_extension(r.key))
          convert_response(f, r.value, append_pointer(append_pointer(pointer, "responses"), r.key), produces);
    }
    out.set(m.key, std::move(m.value), m.key_pos);
  }
  if (!body_placed) out.set("requestBody", std::move(request_body), op.pos);
  op = std::move(out);
}

}  // namespace apiref::swagger2_internal
