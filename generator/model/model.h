// Model stage: the bundled document as the API a reader sees. Render looks only at this:
// operations with their effective servers (operation > path > root), effective security
// (operation > root > project default; `security: []` means "no auth"), parameters merged
// from path item and operation, bodies and responses by media type, callbacks, webhooks, tags
// (with x-displayName and x-tagGroups) and component schemas.
//
// The model points into the bundled document (schemas, examples): that document must outlive
// it. Schemas stay trees of Nodes because rendering walks them with its own depth and
// recursion rules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "tree/node.h"

namespace apiref {

struct ServerVariable {
  std::string name;
  std::string default_value;
  std::vector<std::string> enum_values;
  std::string description;
};

struct Server {
  std::string url;           // as written, with {variables}
  std::string resolved_url;  // variables replaced by their defaults
  std::string description;
  std::vector<ServerVariable> variables;
  std::string name;          // 3.2: what readers call it ("Production")
};

struct SecurityRequirement {
  std::string scheme;
  std::vector<std::string> scopes;
};
// One way to authenticate: every requirement in it, together. An empty one means "no auth".
using SecurityAlternative = std::vector<SecurityRequirement>;

enum class SecuritySource { Operation, Root, ProjectDefault, Unspecified };

struct EffectiveSecurity {
  std::vector<SecurityAlternative> alternatives;
  SecuritySource source = SecuritySource::Unspecified;
  // True when calling without credentials is one of the documented options.
  bool anonymous_allowed() const;
};

struct OAuthFlow {
  std::string kind;  // implicit, password, clientCredentials, authorizationCode, deviceAuthorization
  std::string authorization_url, token_url, refresh_url;
  std::string device_authorization_url;  // 3.2's device flow: where the device gets its code
  std::vector<std::pair<std::string, std::string>> scopes;  // name, description
};

struct SecurityScheme {
  std::string name;
  std::string type;           // apiKey, http, oauth2, openIdConnect, mutualTLS; "project" for
                              // the credential apiref.yaml describes
  std::string http_scheme;    // bearer, basic, ... (type http), lower-cased
  std::string bearer_format;
  std::string in;             // header, query, cookie (type apiKey)
  std::string param_name;     // the header/query/cookie name (type apiKey)
  std::string description;
  std::string open_id_connect_url;
  std::vector<OAuthFlow> flows;
};

struct Parameter {
  std::string name;
  std::string in;  // path, query, querystring (3.2: the whole query string), header, cookie
  std::string description;
  bool required = false;
  bool deprecated = false;
  bool allow_empty_value = false;
  bool allow_reserved = false;
  std::string style;  // effective: default by location when absent
  bool explode = false;  // effective: true for form style when absent
  const Node* schema = nullptr;
  const Node* content = nullptr;  // the rare content-based parameter
  const Node* example = nullptr;
  const Node* examples = nullptr;
};

struct MediaType {
  std::string name;  // application/json
  const Node* schema = nullptr;
  // 3.2: the schema of each item of a sequential medium (text/event-stream, JSON Lines, JSON
  // sequences): the content is a stream of such items.
  const Node* item_schema = nullptr;
  const Node* example = nullptr;
  const Node* examples = nullptr;
  const Node* encoding = nullptr;
};

struct RequestBody {
  std::string description;
  bool required = false;
  std::vector<MediaType> content;
  std::string unresolved_ref;  // the $ref, when the body is a reference to nothing: pages say so
};

struct Header {
  std::string name;
  std::string description;
  bool required = false;
  bool deprecated = false;
  const Node* schema = nullptr;
  const Node* example = nullptr;
};

struct Response {
  std::string status;  // "200", "4XX", "default"
  std::string summary;  // 3.2
  std::string description;
  std::vector<Header> headers;
  std::vector<MediaType> content;
  std::vector<std::string> links;
  std::string unresolved_ref;  // the $ref, when the response is a reference to nothing: pages say so
};

struct Callback;

struct Operation {
  std::string id;           // operationId, or one made from method and path
  bool id_generated = false;
  std::string slug;         // page name: unique, URL- and file-system-safe
  std::string method;       // lower case (3.2's additionalOperations too: QUERY-like names
                            // are shown upper-cased, as HTTP writes them)
  std::string path;         // for webhooks: the webhook's name
  bool is_webhook = false;
  bool additional = false;  // 3.2: from additionalOperations (a method Swagger UI does not list)
  std::string summary;
  std::string description;
  bool deprecated = false;
  std::vector<std::string> tags;
  std::vector<Server> servers;
  EffectiveSecurity security;
  // What the description itself says, when ModelOptions::project_scheme replaced it in
  // `security` (the same as `security` otherwise).
  EffectiveSecurity declared_security;
  std::vector<Parameter> parameters;  // path-item level merged with operation level
  std::vector<std::string> unresolved_parameters;  // $refs of parameters that point to nothing
  bool has_request_body = false;
  RequestBody request_body;
  std::vector<Response> responses;
  std::vector<Callback> callbacks;
  const Node* code_samples = nullptr;  // x-codeSamples / x-code-samples
  const Node* external_docs = nullptr;
  std::string pointer;  // where it is in the bundled document
  // The members of the path item as written, other than its operations (parameters, servers,
  // summary, $ref, ...): they apply to this operation too, so its page's key includes them.
  std::vector<const Member*> path_item_fields;
};

struct Callback {
  std::string name;
  std::string expression;  // the runtime expression (URL) it is sent to
  std::vector<Operation> operations;
};

struct Tag {
  std::string name;
  std::string display_name;  // summary (3.2), else x-displayName, else name
  std::string description;
  std::string slug;
  std::vector<size_t> operations;  // indexes into ApiModel::operations
  const Node* external_docs = nullptr;
  // 3.2's hierarchy: the parent tag (an index into ApiModel::tags, -1 for a top-level tag;
  // an unknown parent or a cycle leaves the tag at the top) and the children, in order.
  int parent = -1;
  std::vector<size_t> children;
  std::string kind;  // 3.2: nav, badge, audience... as written
  // The operations of the tag and of all its descendants, counted once each.
  size_t total_operations = 0;
};

struct TagGroup {
  std::string name;
  std::vector<size_t> tags;  // indexes into ApiModel::tags
};

struct SchemaComponent {
  std::string name;          // the key in components/schemas
  std::string display_name;  // what readers call it: the name, or the bundle's readable distinction
  std::string slug;
  const Node* schema = nullptr;
};

struct ApiModel {
  std::string openapi_version;  // as written: "3.0.3"
  bool is_31 = false;  // 3.1 or later: JSON Schema 2020-12
  std::string self_uri;  // 3.2's $self: the document's own URI, as written
  std::string title, version, summary, description;
  const Node* info = nullptr;
  std::vector<Server> servers;  // root servers (or "/" when none)
  EffectiveSecurity root_security;
  std::vector<SecurityScheme> security_schemes;
  // The description's own schemes when ModelOptions::project_scheme replaced them in
  // security_schemes (empty otherwise: they are security_schemes).
  std::vector<SecurityScheme> declared_schemes;
  std::vector<Operation> operations;  // paths in document order, then webhooks
  std::vector<Tag> tags;              // declared order, then undeclared ones, then "default"
  std::vector<TagGroup> tag_groups;   // x-tagGroups, or empty (also when tags nest)
  bool nested_tags = false;           // some tag has a parent (3.2): pages show the tree
  std::vector<SchemaComponent> schemas;
  // Schema keys the bundle had to tell apart, and what readers call them (the others are called
  // by their key): see BundleOutput::display_names.
  std::map<std::string, std::string> schema_display_names;
  const Node* document = nullptr;
};

struct ModelOptions {
  // Where the description says nothing about security (Meshery's does not, on most
  // operations, although its server needs a token): what the project says applies.
  std::vector<SecurityAlternative> default_security;
  // Schemes the project defines beyond the description's (its own credential), listed in
  // security_schemes so pages can name and link them.
  std::vector<SecurityScheme> extra_schemes;
  // "kind/key" -> readable name, for components the bundle stage had to tell apart.
  std::map<std::string, std::string> display_names;
  // The project knows how its server reads credentials (apiref.yaml `auth.send`): every
  // operation that needs authentication needs this scheme (one of extra_schemes), whatever
  // the description declares, and security_schemes lists only extra_schemes. The
  // description's own are kept in declared_schemes and Operation::declared_security.
  std::string project_scheme;
  // Rebranding (apiref.yaml bundles[].title, description, servers): these replace info's
  // title and description and the servers of every level. Empty: the description's.
  std::string title;
  std::string description;
  std::vector<Server> servers;
};

// Builds the model of a bundled (self-contained) document. It reports nothing: a $ref that
// does not resolve inside the bundle stays in the model as unresolved, and the pages show it
// so (the bundler and `check` report it against its file).
ApiModel build_model(const Node& bundled, const ModelOptions& options);

// Follows internal "#/..." references (chains included) inside the bundled document.
// Returns `n` itself when it is not a reference, nullptr when the reference is broken or
// circular.
const Node* deref_internal(const Node& document, const Node& n);

// The tags as readers meet them, with their depth: top-level tags in order, each followed by
// its descendants (3.2's nesting); all at depth 0 when tags do not nest. A nested tag whose
// subtree has no operation is left out.
std::vector<std::pair<size_t, int>> tags_in_tree_order(const ApiModel& model);

// A name safe in a URL path and a file name on any system: [A-Za-z0-9._-], others '-'.
std::string slugify(std::string_view s);

}  // namespace apiref
