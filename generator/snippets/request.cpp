#include "snippets/request.h"

#include <algorithm>

#include "examples/example.h"
#include "text/case.h"
#include "text/percent.h"
#include "tree/write.h"

namespace apiref {

Value literal(std::string s) { return {Segment{std::move(s), false}}; }
Value env(std::string name) { return {Segment{std::move(name), true}}; }

Value merge_literals(const Value& v) {
  Value out;
  for (const Segment& s : v) {
    if (s.text.empty() && !s.is_env) continue;
    if (!out.empty() && !s.is_env && !out.back().is_env) out.back().text += s.text;
    else out.push_back(s);
  }
  return out;
}

std::string value_as_text(const Value& v) {
  std::string out;
  for (const Segment& s : v) out += s.is_env ? "$" + s.text : s.text;
  return out;
}

std::string url_encode(std::string_view s, bool keep_slash) {
  return text::percent_encode(s, keep_slash ? "/" : "");
}

namespace {

std::string upper_snake(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (isupper(static_cast<unsigned char>(c)) && i > 0 && islower(static_cast<unsigned char>(s[i - 1])))
      out += '_';
    out += isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(toupper(static_cast<unsigned char>(c))) : '_';
  }
  if (out.empty() || isdigit(static_cast<unsigned char>(out[0]))) out = "API_" + out;
  return out;
}

std::string scalar_string(const Node& n) {
  if (n.is_string()) return n.text;
  if (n.kind == NodeKind::Number) return n.text;
  if (n.kind == NodeKind::Bool) return n.boolean ? "true" : "false";
  if (n.is_null()) return "";
  return to_json(n, false);
}

// An example value for a parameter: documented, else made from its schema. A plain string
// without format, pattern or enum reads best as the parameter's own name (/repos/owner/repo).
Node parameter_value(const Node& doc, const Parameter& p, PatternSamples* samples) {
  if (const Node* ex = documented_example(doc, p.example, p.examples)) return *ex;
  if (!p.schema) return Node::string(p.name);
  const Node& s = *p.schema;
  bool plain = s.string_at("type") == "string" && !s.find("format") && !s.find("pattern") &&
               !s.find("enum") && !s.find("example") && !s.find("default") && !s.find("minLength");
  if (plain) return Node::string(p.name);
  ExampleOptions o;
  o.direction = ExampleFor::Request;
  o.required_only = true;
  o.pattern_samples = samples;
  o.name = p.name;
  Node v = example_from_schema(doc, s, o);
  if (v.is_null()) return Node::string(p.name);
  return v;
}

// Path parameters: style simple (the only one 3.x allows besides label and matrix).
std::string path_value(const Parameter& p, const Node& v) {
  std::string prefix = p.style == "label" ? "." : p.style == "matrix" ? ";" + p.name + "=" : "";
  std::string sep = p.style == "label" && p.explode ? "." : ",";
  if (v.is_array()) {
    std::string out;
    for (size_t i = 0; i < v.items.size(); ++i) out += (i ? sep : "") + url_encode(scalar_string(v.items[i]));
    return prefix + out;
  }
  if (v.is_object()) {
    std::string out;
    for (size_t i = 0; i < v.members.size(); ++i) {
      out += i ? sep : "";
      out += url_encode(v.members[i].key) + (p.explode ? "=" : ",") + url_encode(scalar_string(v.members[i].value));
    }
    return prefix + out;
  }
  return prefix + url_encode(scalar_string(v));
}

// Query parameters by style (form, spaceDelimited, pipeDelimited, deepObject) and explode.
std::vector<std::string> query_pairs(const Parameter& p, const Node& v) {
  std::vector<std::string> out;
  std::string name = url_encode(p.name);
  if (v.is_array()) {
    if (p.style == "form" && p.explode) {
      for (const Node& i : v.items) out.push_back(name + "=" + url_encode(scalar_string(i)));
    } else {
      std::string sep = p.style == "spaceDelimited" ? "%20" : p.style == "pipeDelimited" ? "%7C" : ",";
      std::string joined;
      for (size_t i = 0; i < v.items.size(); ++i) joined += (i ? sep : "") + url_encode(scalar_string(v.items[i]));
      out.push_back(name + "=" + joined);
    }
  } else if (v.is_object()) {
    if (p.style == "deepObject") {
      for (const Member& m : v.members)
        out.push_back(name + "%5B" + url_encode(m.key) + "%5D=" + url_encode(scalar_string(m.value)));
    } else if (p.explode) {
      for (const Member& m : v.members) out.push_back(url_encode(m.key) + "=" + url_encode(scalar_string(m.value)));
    } else {
      std::string joined;
      for (size_t i = 0; i < v.members.size(); ++i)
        joined += (i ? "," : "") + url_encode(v.members[i].key) + "," + url_encode(scalar_string(v.members[i].value));
      out.push_back(name + "=" + joined);
    }
  } else {
    out.push_back(name + "=" + url_encode(scalar_string(v)));
  }
  return out;
}

// The pairs of a querystring parameter's value: its example, or one made from the schema of
// its (first) media type; an object's members as name=value, arrays exploded.
std::vector<std::string> querystring_pairs(const Node& doc, const Parameter& p, PatternSamples* samples) {
  std::vector<std::string> out;
  if (!p.content || p.content->members.empty()) return out;
  const Node* media = deref_internal(doc, p.content->members[0].value);
  if (!media) return out;
  const Node* ex = documented_example(doc, p.example, p.examples);
  if (!ex) ex = documented_example(doc, media->find("example"), media->find("examples"));
  Node made;
  if (!ex) {
    const Node* schema = media->find("schema");
    if (!schema) return out;
    ExampleOptions o;
    o.direction = ExampleFor::Request;
    o.required_only = true;
    o.pattern_samples = samples;
    made = example_from_schema(doc, *schema, o);
    ex = &made;
  }
  if (ex->is_string()) {
    if (!ex->text.empty()) out.push_back(ex->text[0] == '?' ? ex->text.substr(1) : ex->text);
    return out;
  }
  Parameter form = p;
  form.style = "form";
  form.explode = true;
  if (ex->is_object()) out = query_pairs(form, *ex);
  return out;
}

// "${token}" and "${NAME}" in a configured header become environment variables.
Value expand_template(const std::string& tpl, const std::string& token_env) {
  Value out;
  size_t pos = 0;
  while (pos < tpl.size()) {
    size_t open = tpl.find("${", pos);
    size_t close = open == std::string::npos ? std::string::npos : tpl.find('}', open);
    if (close == std::string::npos) {
      out.push_back({tpl.substr(pos), false});
      break;
    }
    if (open > pos) out.push_back({tpl.substr(pos, open - pos), false});
    std::string name = tpl.substr(open + 2, close - open - 2);
    out.push_back({name == "token" ? token_env : name, true});
    pos = close + 1;
  }
  return out;
}

bool is_json_media(const std::string& m) {
  return m == "application/json" || (m.size() > 5 && m.compare(m.size() - 5, 5, "+json") == 0) ||
         m.rfind("application/json;", 0) == 0;
}

const MediaType* pick_media(const std::vector<MediaType>& content) {
  for (const MediaType& m : content) if (is_json_media(m.name)) return &m;
  for (const MediaType& m : content) if (m.name == "application/x-www-form-urlencoded") return &m;
  for (const MediaType& m : content) if (m.name == "multipart/form-data") return &m;
  return content.empty() ? nullptr : &content[0];
}

bool is_binary_schema(const Node* s) {
  if (!s) return false;
  std::string_view f = s->string_at("format");
  return f == "binary" || f == "base64" || s->find("contentMediaType") || s->find("contentEncoding");
}

}  // namespace

std::string alternative_label(const SecurityAlternative& alternative) {
  std::string out;
  for (const SecurityRequirement& r : alternative) out += (out.empty() ? "" : " + ") + r.scheme;
  return out.empty() ? "no authentication" : out;
}

std::string scheme_env_var(const SecurityScheme& scheme, const SnippetOptions& options) {
  if (!options.token_env.empty()) return options.token_env;
  // An API key reads best named after what it is sent as (X-API-Key -> X_API_KEY).
  if (scheme.type == "apiKey" && !scheme.param_name.empty()) return upper_snake(scheme.param_name);
  std::string base = upper_snake(scheme.name);
  if (scheme.type == "apiKey") return base + "_API_KEY";
  return base.find("TOKEN") != std::string::npos ? base : base + "_TOKEN";
}

Request build_request(const Node& doc, const ApiModel& model, const Operation& op,
                      const SnippetOptions& options) {
  Request r;
  r.method = text::ascii_upper(op.method);

  std::string server = !options.server.empty() ? options.server
                       : op.servers.empty()      ? "/"
                                                 : op.servers[0].resolved_url;
  if (server.find("://") == std::string::npos) {
    // A relative server is relative to wherever the description is served; a snippet needs
    // a host, so it says localhost and tells the reader.
    r.notes.push_back("the description's server is relative (" + server + "); replace http://localhost with your host");
    server = "http://localhost" + (server.empty() || server[0] != '/' ? "/" + server : server);
  }
  while (!server.empty() && server.back() == '/') server.pop_back();

  std::string path = op.path;
  std::vector<std::string> query;
  for (const Parameter& p : op.parameters) {
    bool include = p.required || options.optional_parameters;
    if (p.in == "path") {
      std::string token = "{" + p.name + "}";
      size_t at = path.find(token);
      if (at != std::string::npos) path.replace(at, token.size(), path_value(p, parameter_value(doc, p, options.pattern_samples)));
    } else if (include && p.in == "query") {
      for (std::string& q : query_pairs(p, parameter_value(doc, p, options.pattern_samples))) query.push_back(std::move(q));
    } else if (p.in == "querystring") {
      // 3.2: the whole query string, one value of the parameter's media type; form-encoded
      // (the usual one) from an object, as form style with explode would.
      for (std::string& q : querystring_pairs(doc, p, options.pattern_samples)) query.push_back(std::move(q));
    } else if (include && p.in == "header") {
      std::string lower = text::ascii_lower(p.name);
      if (lower == "accept" || lower == "content-type" || lower == "authorization") continue;
      Node v = parameter_value(doc, p, options.pattern_samples);
      std::string text;
      if (v.is_array()) {
        for (size_t i = 0; i < v.items.size(); ++i) text += (i ? "," : "") + scalar_string(v.items[i]);
      } else {
        text = scalar_string(v);
      }
      r.headers.push_back({p.name, literal(text)});
    } else if (include && p.in == "cookie") {
      r.cookies.push_back({p.name, literal(scalar_string(parameter_value(doc, p, options.pattern_samples)))});
    }
  }

  // Credentials for the first way the operation accepts; the others are named in notes.
  std::vector<Value> query_secrets;
  bool needs_auth = !op.security.alternatives.empty() && !op.security.anonymous_allowed();
  if (options.use_override && (needs_auth || op.security.source == SecuritySource::ProjectDefault)) {
    std::string token = options.token_env.empty() ? "API_TOKEN" : options.token_env;
    for (const NamedValue& h : options.override_auth.headers)
      r.headers.push_back({h.name, expand_template(value_as_text(h.value), token)});
    for (const NamedValue& c : options.override_auth.cookies)
      r.cookies.push_back({c.name, expand_template(value_as_text(c.value), token)});
  } else if (needs_auth) {
    size_t chosen = std::min(options.alternative, op.security.alternatives.size() - 1);
    const SecurityAlternative& alt = op.security.alternatives[chosen];
    for (const SecurityRequirement& req : alt) {
      const SecurityScheme* s = nullptr;
      for (const SecurityScheme& x : model.security_schemes)
        if (x.name == req.scheme) s = &x;
      if (!s) continue;
      std::string var = scheme_env_var(*s, options);
      if (s->type == "http" && s->http_scheme == "basic") {
        r.basic_user = env(upper_snake(s->name) + "_USERNAME");
        r.basic_password = env(upper_snake(s->name) + "_PASSWORD");
      } else if (s->type == "http") {
        std::string word = s->http_scheme == "bearer" ? "Bearer" : s->http_scheme;
        r.headers.push_back({"Authorization", Value{{word + " ", false}, {var, true}}});
      } else if (s->type == "apiKey" && s->in == "header") {
        r.headers.push_back({s->param_name, env(var)});
      } else if (s->type == "apiKey" && s->in == "cookie") {
        r.cookies.push_back({s->param_name, env(var)});
      } else if (s->type == "apiKey" && s->in == "query") {
        query_secrets.push_back(Value{{url_encode(s->param_name) + "=", false}, {var, true}});
      } else if (s->type == "oauth2" || s->type == "openIdConnect") {
        r.headers.push_back({"Authorization", Value{{"Bearer ", false}, {var, true}}});
        std::string how = s->type == "openIdConnect" ? "from the OpenID Connect provider at " + s->open_id_connect_url
                                                      : "with OAuth 2.0";
        for (const OAuthFlow& f : s->flows)
          if (!f.token_url.empty()) how = "with OAuth 2.0 (" + f.kind + ") from " + f.token_url;
        r.notes.push_back("get an access token " + how + " and put it in $" + var);
      } else if (s->type == "mutualTLS") {
        r.notes.push_back("this operation authenticates with a client TLS certificate");
      }
    }
    if (op.security.alternatives.size() > 1) {
      r.notes.push_back("this operation accepts " + std::to_string(op.security.alternatives.size()) +
                        " ways to authenticate; this snippet uses " + alternative_label(alt));
    }
  }

  // The URL: server, path, then query parameters and any API key sent in the query.
  Value url = literal(server + path);
  std::vector<Value> pieces;
  for (const std::string& part : query) pieces.push_back(literal(part));
  for (Value& secret : query_secrets) pieces.push_back(std::move(secret));
  for (size_t i = 0; i < pieces.size(); ++i) {
    url.push_back({i == 0 ? "?" : "&", false});
    url.insert(url.end(), pieces[i].begin(), pieces[i].end());
  }
  r.url = merge_literals(url);

  if (op.has_request_body) {
    const MediaType* m = pick_media(op.request_body.content);
    if (m) {
      r.content_type = m->name;
      ExampleOptions eo;
      eo.direction = ExampleFor::Request;
      eo.required_only = true;
      eo.pattern_samples = options.pattern_samples;
      const Node* documented = documented_example(doc, m->example, m->examples);
      Node value = documented ? *documented : (m->schema ? example_from_schema(doc, *m->schema, eo) : Node());
      if (is_json_media(m->name)) {
        r.body_kind = BodyKind::Json;
        r.body = to_json(value, true);
        if (!r.body.empty() && r.body.back() == '\n') r.body.pop_back();
      } else if (m->name == "application/x-www-form-urlencoded") {
        r.body_kind = BodyKind::Form;
        // Form style explodes arrays into one field per item (tags=a&tags=b), the default
        // encoding of OpenAPI for urlencoded bodies.
        for (const Member& f : value.members) {
          if (f.value.is_array()) {
            for (const Node& item : f.value.items) r.form.push_back({f.key, scalar_string(item)});
          } else {
            r.form.push_back({f.key, scalar_string(f.value)});
          }
        }
      } else if (m->name == "multipart/form-data") {
        r.body_kind = BodyKind::Multipart;
        const Node* props = m->schema ? deref_internal(doc, *m->schema) : nullptr;
        props = props ? props->find("properties") : nullptr;
        for (const Member& f : value.members) {
          const Node* fs = props ? props->find(f.key) : nullptr;
          fs = fs ? deref_internal(doc, *fs) : nullptr;
          std::string declared_type;
          if (m->encoding)
            if (const Node* e = m->encoding->find(f.key)) declared_type = std::string(e->string_at("contentType"));
          // An array property is sent as one part per item, each with the item's encoding.
          const Node* items_schema = fs && f.value.is_array() ? fs->find("items") : nullptr;
          items_schema = items_schema ? deref_internal(doc, *items_schema) : nullptr;
          auto add_part = [&](const Node& v, const Node* schema, size_t index) {
            MultipartPart part{f.key, scalar_string(v), false, declared_type};
            if (is_binary_schema(schema)) {
              part.is_file = true;
              part.value = "./" + f.key + (index ? "-" + std::to_string(index + 1) : "");
              // Said explicitly: Python's requests sends a file part with no Content-Type
              // otherwise, which some servers (and Prism) cannot parse.
              if (part.content_type.empty()) part.content_type = "application/octet-stream";
            } else if (v.is_object() || v.is_array()) {
              // OpenAPI's default encoding for an object part is JSON (scalar_string already
              // wrote the value as compact JSON).
              if (part.content_type.empty()) part.content_type = "application/json";
            }
            r.parts.push_back(part);
          };
          if (f.value.is_array()) {
            for (size_t i = 0; i < f.value.items.size(); ++i) add_part(f.value.items[i], items_schema, i);
          } else {
            add_part(f.value, fs, 0);
          }
        }
      } else {
        r.body_kind = BodyKind::Raw;
        r.body = value.is_string() ? value.text : to_json(value, true);
      }
      if (r.body_kind != BodyKind::Multipart)  // curl and friends set the multipart boundary
        r.headers.push_back({"Content-Type", literal(m->name)});
    }
  }
  return r;
}

}  // namespace apiref
