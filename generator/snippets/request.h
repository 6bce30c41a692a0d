// Snippets stage: one request model per operation (method, URL, headers, cookies, query,
// body, credentials), from which every language's snippet is written. Deciding *what* to
// send happens once, here; each language only decides how to spell it, so curl and Python
// can never disagree about a header.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"

namespace apiref {

class PatternSamples;

// A value that is either literal text or the value of an environment variable (secrets are
// never written into a snippet: they are read from the reader's environment).
struct Segment {
  std::string text;
  bool is_env = false;  // text is a variable name
};
using Value = std::vector<Segment>;

Value literal(std::string s);
Value env(std::string name);
std::string value_as_text(const Value& v);  // "$NAME" for variables; for display only
// Joins neighbouring literal segments and drops empty ones.
Value merge_literals(const Value& v);

struct NamedValue {
  std::string name;
  Value value;
};

enum class BodyKind { None, Json, Form, Multipart, Raw };

struct MultipartPart {
  std::string name;
  std::string value;      // field value, or the file path when is_file
  bool is_file = false;
  std::string content_type;
};

struct Request {
  std::string method;        // upper case
  Value url;                 // server + path with parameters filled + query string
  std::vector<NamedValue> headers;
  std::vector<NamedValue> cookies;
  BodyKind body_kind = BodyKind::None;
  std::string content_type;
  std::string body;          // JSON text or raw text
  std::vector<std::pair<std::string, std::string>> form;  // urlencoded fields
  std::vector<MultipartPart> parts;
  Value basic_user, basic_password;  // HTTP basic credentials, when used
  std::vector<std::string> notes;    // e.g. "get the OAuth 2.0 token first: ..."
};

// How the project sends credentials when it knows better than the description (Meshery
// Server reads a cookie although its description says bearer).
struct AuthOverride {
  std::vector<NamedValue> headers;  // values may contain ${token}/${VAR} placeholders
  std::vector<NamedValue> cookies;
};

struct SnippetOptions {
  std::string token_env;           // env var of the token ("" = derived from the scheme name)
  bool use_override = false;
  AuthOverride override_auth;
  bool optional_parameters = false;  // include optional query/header/cookie parameters
  std::string server;                // use this server instead of the description's
  size_t alternative = 0;            // which of the operation's security alternatives to use
  // The run's remembered pattern samples for example values (examples/pattern_sample.h), or null.
  PatternSamples* pattern_samples = nullptr;
};

// "bearer + X-Org" for an alternative: the schemes it combines.
std::string alternative_label(const SecurityAlternative& alternative);

// Environment variable a scheme's secret is read from: token_env, or for an API key the name
// it is sent as (X-API-Key -> X_API_KEY), else the scheme's name ("bearerAuth" ->
// BEARER_AUTH_TOKEN).
std::string scheme_env_var(const SecurityScheme& scheme, const SnippetOptions& options);

// The request an operation's snippet sends. `document` is the bundled description.
Request build_request(const Node& document, const ApiModel& model, const Operation& op,
                      const SnippetOptions& options);

// Percent-encoding for URL path segments and query components (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s, bool keep_slash = false);

}  // namespace apiref
