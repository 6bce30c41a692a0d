// The rule engine. One pass over the documents (each physical node walked once: root
// documents whole, other files from the places $refs reach), the object model checked as it
// goes, facts that need the whole API (operationIds, paths, tags, component use) collected and
// judged at the end. Severities come last: built-in profile, then apiref.yaml, then
// overrides; x-lint-ignore removes what an object asks to ignore.
#include "check/check.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle/project_plan.h"
#include "check/engine.h"
#include "check/model.h"
#include "config/config.h"
#include "resolve/oas_context.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace fs = std::filesystem;
using namespace check_internal;

const char* finding_severity_name(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::Hint: return "hint";
    case FindingSeverity::Info: return "info";
    case FindingSeverity::Warning: return "warning";
    case FindingSeverity::Error: return "error";
  }
  return "error";
}

std::string finding_fingerprint(const std::string& rule, const std::string& file,
                                const std::string& pointer, const std::string& discriminator) {
  uint64_t h = 1469598103934665603ull;
  auto add = [&](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // separator: ("ab","c") and ("a","bc") differ
    h *= 1099511628211ull;
  };
  add(rule);
  add(file);
  add(pointer);
  add(discriminator);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {

constexpr int OFF = -1, HINT = 0, INFO = 1, WARN = 2, ERR = 3;

}  // namespace

const std::vector<RuleInfo>& check_rules() {
  static const std::vector<RuleInfo> rules = {
      // Parse and resolve problems (from the load and resolve stages).
      {"yaml-syntax", "the file is not valid YAML", ERR, ERR, ERR},
      {"json-syntax", "the file is not valid JSON", ERR, ERR, ERR},
      {"duplicate-key", "a mapping (YAML or JSON) has the same key twice", ERR, ERR, ERR},
      {"yaml-non-string-key", "a mapping key is a number or boolean, not a string", ERR, ERR, ERR},
      {"yaml-complex-key", "a mapping key is a collection", ERR, ERR, ERR},
      {"yaml-too-deep", "nesting beyond the parser's limit", ERR, ERR, ERR},
      {"yaml-alias-limit", "alias expansion beyond the limit", ERR, ERR, ERR},
      {"yaml-multiple-documents", "more than one YAML document in a file", ERR, ERR, ERR},
      {"yaml-ambiguous-boolean", "a YAML 1.1 boolean-looking word read as a string", OFF, WARN, WARN},
      {"yaml-not-a-number", ".nan / .inf have no JSON form", ERR, ERR, ERR},
      {"file-unreadable", "a file cannot be read", ERR, ERR, ERR},
      {"ref-not-found", "a $ref points at nothing", ERR, ERR, ERR},
      {"ref-file-not-found", "a $ref names a missing file", ERR, ERR, ERR},
      {"ref-file-invalid", "a $ref names a file that does not parse", ERR, ERR, ERR},
      {"ref-malformed", "a $ref is not a valid URI reference / JSON pointer", ERR, ERR, ERR},
      {"ref-remote", "a $ref to a remote URL (not fetched)", ERR, ERR, ERR},
      {"ref-outside-root", "a $ref leaves the project folder", ERR, ERR, ERR},
      {"ref-wrong-kind", "a $ref points at the wrong kind of object", ERR, ERR, ERR},
      {"ref-cycle", "a $ref chain that only leads to itself", ERR, ERR, ERR},
      {"ref-siblings", "fields beside $ref that OpenAPI 3.0 ignores", OFF, WARN, WARN},
      // Object model.
      {"spec-structure", "required fields, field types and values of the OpenAPI object model", ERR, ERR, ERR},
      {"spec-unknown-field", "a field the OpenAPI object does not have (x- is allowed)", ERR, ERR, ERR},
      {"spec-version-keyword", "a keyword of the other OpenAPI version (nullable, const, type arrays...)", ERR, ERR, ERR},
      {"spec-component-name", "component names must match ^[a-zA-Z0-9.\\-_]+$", ERR, ERR, ERR},
      {"schema-nullable-3.1", "nullable in a 3.1 schema (ignored there: null is refused)", OFF, WARN, ERR},
      {"schema-unknown-keyword", "a keyword JSON Schema 2020-12 does not define (3.1)", OFF, WARN, WARN},
      {"schema-pattern-invalid", "a pattern that is not a valid regular expression", OFF, ERR, ERR},
      // Paths and operations.
      {"path-params-defined", "every {template} of a path has an in: path parameter", ERR, ERR, ERR},
      {"path-params-unused", "every in: path parameter appears in the path", ERR, ERR, ERR},
      {"path-param-required", "path parameters are required: true", ERR, ERR, ERR},
      {"path-template-duplicate", "a path template names the same variable twice (one value, two places)", OFF, WARN, ERR},
      {"paths-identical", "two paths that differ only in parameter names", ERR, ERR, ERR},
      {"paths-ambiguous", "two paths a request could match both of", OFF, WARN, WARN},
      {"operation-duplicate", "the same method and path in two documents of one bundle", ERR, ERR, ERR},
      {"operation-operationId", "operations have an operationId", OFF, WARN, ERR},
      {"operation-operationId-unique", "operationIds are unique", ERR, ERR, ERR},
      {"operation-operationId-url-safe", "operationIds use URL-safe characters", OFF, WARN, ERR},
      {"operation-parameters-unique", "no two parameters with the same name and location", ERR, ERR, ERR},
      {"parameter-schema-or-content", "a parameter has schema or content (one entry), not both", ERR, ERR, ERR},
      {"security-scheme-defined", "security requirements name defined schemes", ERR, ERR, ERR},
      {"security-scopes-defined", "OAuth2 scopes used are declared by the scheme's flows", OFF, WARN, ERR},
      {"operation-tag-defined", "operation tags are declared in the top-level tags", OFF, WARN, WARN},
      {"tags-unique", "top-level tag names are unique", ERR, ERR, ERR},
      {"server-variables", "server URL variables are defined, defaults in their enum", ERR, ERR, ERR},
      {"example-valid", "examples are valid against their schema", OFF, WARN, ERR},
      {"default-valid", "defaults are valid against their schema", OFF, WARN, ERR},
      {"example-value-or-externalValue", "an Example has value or externalValue, not both", ERR, ERR, ERR},
      {"example-or-examples", "example and examples are mutually exclusive", ERR, ERR, ERR},
      {"enum-consistent", "enum values match the type and are unique", OFF, WARN, ERR},
      {"type-consistent", "keywords fit the declared type; min <= max", OFF, WARN, ERR},
      {"required-properties-defined", "required properties are listed in properties", OFF, WARN, ERR},
      {"operation-success-response", "an operation has a 2xx or 3xx response", OFF, WARN, ERR},
      {"response-content-expected", "a 200/206 response describes its content", OFF, INFO, WARN},
      {"response-no-content", "204 and 304 responses carry no content", OFF, WARN, ERR},
      {"no-request-body-get-delete", "GET, HEAD and DELETE have no request body", OFF, WARN, ERR},
      {"path-trailing-slash", "paths do not end with '/'", OFF, WARN, ERR},
      {"path-double-slash", "paths have no empty segment", OFF, WARN, ERR},
      {"path-query-string", "paths have no query string or fragment", ERR, ERR, ERR},
      {"path-casing", "literal path segments are lower case", OFF, OFF, INFO},
      {"description-unsafe-html", "descriptions carry no script, on* handler or javascript: URL", OFF, ERR, ERR},
      {"operation-summary", "operations have a summary", OFF, WARN, ERR},
      {"operation-description", "operations have a description", OFF, OFF, INFO},
      {"operation-4xx-response", "operations describe at least one 4xx (or default) response", OFF, WARN, WARN},
      {"component-unused", "components that nothing references", OFF, WARN, WARN},
      {"naming-convention", "names follow the configured case (operationId, schema, parameter, property)", OFF, OFF, INFO},
      {"extension-policy", "project extension policies (apiref.yaml check.extensions)", ERR, ERR, ERR},
  };
  return rules;
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* node_kind_word(const Node& n) {
  switch (n.kind) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return "a boolean";
    case NodeKind::Number: return "a number";
    case NodeKind::String: return "a string";
    case NodeKind::Array: return "a list";
    case NodeKind::Object: return "an object";
  }
  return "a value";
}

SourcePos key_end(SourcePos p, const std::string& key) {
  if (p.line == 0 || key.empty()) return p;
  return {p.line, p.col + static_cast<uint32_t>(key.size()) - 1};
}

SourcePos value_end(const Node& n) {
  if (n.pos.line == 0) return n.pos;
  if ((n.kind == NodeKind::String || n.kind == NodeKind::Number) && !n.text.empty() &&
      n.text.find('\n') == std::string::npos && n.text.size() < 10000)
    return {n.pos.line, n.pos.col + static_cast<uint32_t>(n.text.size()) - 1};
  return n.pos;
}

bool is_ext(const std::string& k) { return k.size() > 2 && k[0] == 'x' && k[1] == '-'; }

bool matches_style(const std::string& s, const std::string& style) {
  if (s.empty() || style == "any") return true;
  auto all = [&](auto pred) {
    for (char c : s)
      if (!pred(static_cast<unsigned char>(c))) return false;
    return true;
  };
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (style == "camelCase") return islower(first) && all([](unsigned char c) { return isalnum(c) != 0; });
  if (style == "PascalCase") return isupper(first) && all([](unsigned char c) { return isalnum(c) != 0; });
  if (style == "snake_case") return islower(first) && all([](unsigned char c) { return islower(c) || isdigit(c) || c == '_'; });
  if (style == "kebab-case") return islower(first) && all([](unsigned char c) { return islower(c) || isdigit(c) || c == '-'; });
  return true;
}

// Template variables of a path ("/a/{id}/b/{x}" -> id, x), with their offsets.
std::vector<std::string> path_vars(const std::string& path) {
  std::vector<std::string> v;
  size_t i = 0;
  while ((i = path.find('{', i)) != std::string::npos) {
    size_t j = path.find('}', i);
    if (j == std::string::npos) break;
    v.push_back(path.substr(i + 1, j - i - 1));
    i = j + 1;
  }
  return v;
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> s;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    s.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return s;
}

bool is_template_segment(const std::string& s) { return s.find('{') != std::string::npos; }

// "/a/{x}/b" -> "/a/{}/b": paths equal under this map are the same path to a server.
std::string normalise_template(const std::string& path) {
  std::string out;
  bool in = false;
  for (char c : path) {
    if (c == '{') { in = true; out += "{}"; continue; }
    if (c == '}') { in = false; continue; }
    if (!in) out += c;
  }
  return out;
}

// Script, event handlers and javascript: URLs are what a renderer that forgot to sanitise
// would execute; the site's sanitiser removes them, but the description is also read by
// other tools (Swagger UI, portals).
// Markdown code (spans and fenced blocks) is shown, not interpreted: "`<script>`" is safe.
std::string strip_code(const std::string& t) {
  std::string out;
  out.reserve(t.size());
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '`') {
      out += t[i++];
      continue;
    }
    size_t run = 0;
    while (i + run < t.size() && t[i + run] == '`') ++run;
    std::string fence(run, '`');
    size_t close = t.find(fence, i + run);
    if (close == std::string::npos) {  // unmatched: literal backticks
      out.append(t, i, run);
      i += run;
      continue;
    }
    i = close + run;
  }
  return out;
}

std::string unsafe_html(const std::string& raw) {
  if (raw.find('<') == std::string::npos && raw.find(':') == std::string::npos) return "";
  std::string l = lower(raw.find('`') == std::string::npos ? raw : strip_code(raw));
  for (const char* tag : {"<script", "<iframe", "<object", "<embed", "<form", "<meta", "<base"}) {
    size_t p = l.find(tag);
    if (p != std::string::npos) {
      char after = p + strlen(tag) < l.size() ? l[p + strlen(tag)] : ' ';
      if (after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\n')
        return std::string("an HTML ") + (tag + 1) + " element";
    }
  }
  if (l.find("javascript:") != std::string::npos) return "a javascript: URL";
  if (l.find("vbscript:") != std::string::npos) return "a vbscript: URL";
  if (l.find("data:text/html") != std::string::npos) return "a data:text/html URL";
  // on*= attributes inside a tag.
  size_t i = 0;
  while ((i = l.find('<', i)) != std::string::npos) {
    size_t end = l.find('>', i);
    if (end == std::string::npos) end = l.size();
    if (i + 1 < l.size() && isalpha(static_cast<unsigned char>(l[i + 1]))) {
      for (size_t k = i + 1; k + 3 < end; ++k) {
        if ((l[k] == ' ' || l[k] == '\t' || l[k] == '\n' || l[k] == '/') && l[k + 1] == 'o' && l[k + 2] == 'n') {
          size_t m = k + 3;
          while (m < end && isalpha(static_cast<unsigned char>(l[m]))) ++m;
          while (m < end && l[m] == ' ') ++m;
          if (m > k + 3 && m < end && l[m] == '=') return "an on" + l.substr(k + 3, m - k - 3) + " event handler attribute";
        }
      }
    }
    i = end;
  }
  return "";
}

struct St {
  const Document* doc = nullptr;
  int root = 0;
  bool v30 = true;
  int chain = -1;
  std::string path;  // the path template a PathItem is under ("" elsewhere)
};

struct Work {
  St st;
  std::string pointer;
  K kind;
  const Node* node;
};

struct OpFact {
  int root;
  std::string path;      // path template as written
  std::string method;
  std::string operation_id;
  std::vector<std::string> audiences;
  const Document* doc;
  std::string pointer;   // of the operation
  SourcePos pos, id_pos;
  int chain;
};

struct PathFact {
  int root;
  std::string path;
  const Document* doc;
  std::string pointer;
  SourcePos pos;
  std::vector<std::pair<std::string, std::vector<std::string>>> methods;  // method, audiences
};

struct IgnoreEntry {
  std::string file;  // absolute
  std::string pointer;
  std::vector<std::string> rules;
};

struct RootInfo {
  const Document* doc = nullptr;
  bool v30 = true;
  bool walkable = false;
  bool base = false;       // a bundle's base document: constructs supply its paths
  bool in_bundle = true;   // merged into the project's bundles (deprecated constructs are not)
};

struct Settings {
  std::vector<ExtensionPolicy> extensions;
  std::map<std::string, std::string> naming;
  bool project_mode = false;  // audiences (x-internal) decide what ends up in one bundle
  std::set<std::string> bases;  // absolute paths of the bundles' base documents
  // Rules off wherever they could apply (profile, project rules and every override agree):
  // the costly ones are not worked out at all. The spec profile, which every build runs,
  // has the example and consistency rules off, and validating GitHub's examples against
  // their schemas was a tenth of its time.
  std::set<std::string> rules_off;
};

class Checker {
 public:
  Checker(DocumentSet& docs, const Settings& settings)
      : docs_(docs),
        settings_(settings),
        example_valid_(!settings.rules_off.count("example-valid")),
        default_valid_(!settings.rules_off.count("default-valid")),
        enum_consistent_(!settings.rules_off.count("enum-consistent")),
        type_consistent_(!settings.rules_off.count("type-consistent")),
        required_defined_(!settings.rules_off.count("required-properties-defined")),
        component_unused_(!settings.rules_off.count("component-unused")),
        unsafe_html_(!settings.rules_off.count("description-unsafe-html")),
        pattern_invalid_(!settings.rules_off.count("schema-pattern-invalid")) {}

  void run(const std::vector<std::string>& root_paths) {
    docs_.preload(root_paths);
    for (const std::string& p : root_paths) root_set_.insert(p);
    for (const std::string& p : root_paths) {
      RootInfo r;
      r.doc = docs_.load(p);
      collect_diagnostics(-1);
      if (r.doc) {
        const Node& n = r.doc->root;
        r.base = settings_.bases.count(p) > 0;
        // The project plan's rule: a deprecated construct is checked on its own, not merged.
        if (construct_deprecated(n)) r.in_bundle = false;
        std::string_view ver = n.string_at("openapi");
        if (!n.is_object()) {
          report("spec-structure", r.doc, "", n.pos, n.pos, -1,
                 "an OpenAPI document must be an object, not " + std::string(node_kind_word(n)));
        } else if (ver.substr(0, 4) == "3.0." || ver == "3.0") {
          r.walkable = true;
        } else if (ver.substr(0, 4) == "3.1." || ver == "3.1") {
          r.walkable = true;
          r.v30 = false;
        } else if (const Node* o = n.find("openapi")) {
          report("spec-structure", r.doc, "/openapi", o->pos, value_end(*o), -1,
                 "openapi must be a 3.0.x or 3.1.x version string, found " +
                     (o->is_string() ? "'" + o->text + "'" : std::string(node_kind_word(*o))));
        } else if (n.find("swagger")) {
          report("spec-structure", r.doc, "/swagger", n.pos, n.pos, -1,
                 "Swagger 2.0 documents are not supported: convert to OpenAPI 3");
        } else {
          report("spec-structure", r.doc, "", n.pos, n.pos, -1, "missing required field 'openapi'");
        }
      }
      roots_.push_back(r);
    }
    for (size_t i = 0; i < roots_.size(); ++i) {
      if (!roots_[i].walkable) continue;
      St st;
      st.doc = roots_[i].doc;
      st.root = static_cast<int>(i);
      st.v30 = roots_[i].v30;
      walk(st.doc->root, "", K::Root, st, 0);
      drain();
    }
    finish();
  }

  std::vector<RawFinding>& raw() { return raw_; }
  std::vector<IgnoreEntry>& ignores() { return ignores_; }
  const std::vector<std::vector<RefHop>>& chains() const { return chains_; }

 private:
  // ---- reporting --------------------------------------------------------------------------

  void report(const std::string& rule, const Document* doc, const std::string& pointer,
              SourcePos start, SourcePos end, int chain, std::string message,
              std::string discriminator = "", int severity = -2) {
    RawFinding f;
    f.rule = rule;
    f.message = std::move(message);
    f.abs_file = doc ? doc->path : "";
    f.pointer = pointer;
    f.start = start;
    f.end = end.line ? end : start;
    f.chain = chain;
    f.discriminator = std::move(discriminator);
    f.severity = severity;
    raw_.push_back(std::move(f));
  }
  void at_key(const std::string& rule, const St& st, const std::string& ptr, const Member& m, std::string msg, std::string disc = "") {
    report(rule, st.doc, ptr, m.key_pos, key_end(m.key_pos, m.key), st.chain, std::move(msg), std::move(disc));
  }
  void at_value(const std::string& rule, const St& st, const std::string& ptr, const Node& n, std::string msg, std::string disc = "") {
    report(rule, st.doc, ptr, n.pos, value_end(n), st.chain, std::move(msg), std::move(disc));
  }

  // Load/resolve diagnostics become findings (rule = the diagnostic's code).
  void collect_diagnostics(int chain) {
    Diagnostics& d = docs_.diagnostics();
    for (; diag_seen_ < d.size(); ++diag_seen_) {
      const Diagnostic& x = d[diag_seen_];
      RawFinding f;
      f.rule = x.code;
      f.message = x.message;
      f.abs_file = x.where.file.empty() ? "" : normalise_path(x.where.file);
      f.pointer = x.where.pointer;
      f.start = f.end = x.where.pos;
      f.chain = chain;
      f.severity = x.severity == Severity::Error ? ERR : x.severity == Severity::Warning ? WARN : INFO;
      raw_.push_back(std::move(f));
    }
  }

  int extend_chain(int parent, const St& st, const std::string& ref_ptr, SourcePos pos) {
    std::vector<RefHop> c = parent >= 0 ? chains_[static_cast<size_t>(parent)] : std::vector<RefHop>{};
    c.push_back(RefHop{st.doc->path, ref_ptr, pos});
    chains_.push_back(std::move(c));
    return static_cast<int>(chains_.size()) - 1;
  }

  // ---- references -------------------------------------------------------------------------

  RefTarget resolve(const St& st, const Node& ref_object, const std::string& ptr) {
    const Node* r = ref_object.find("$ref");
    RefTarget t = resolve_ref(docs_, *st.doc, r->text, append_pointer(ptr, "$ref"), *r);
    collect_diagnostics(st.chain);
    return t;
  }

  // Follows a $ref that stands for an object of kind k: records the use, checks the target
  // kind and pure cycles, and queues the target for walking when nothing walks it anyway.
  void follow_ref(const Node& n, const std::string& ptr, K k, const St& st) {
    const Node* r = n.find("$ref");
    std::string rp = append_pointer(ptr, "$ref");
    RefTarget t = resolve(st, n, ptr);
    if (!t) return;
    if (component_unused_) used_.insert(t.key());
    if (auto toks = parse_pointer(t.pointer); toks && toks->size() == 3 && (*toks)[0] == "components") {
      K target_kind = kind_of_component_section((*toks)[1]);
      if (target_kind != K::Any && target_kind != k) {
        report("ref-wrong-kind", st.doc, rp, r->pos, value_end(*r), st.chain,
               std::string("$ref stands for a ") + kind_label(k) + " but points at components/" +
                   (*toks)[1] + " (" + kind_label(target_kind) + ")");
        return;
      }
    }
    // A whole OpenAPI document where a component belongs: its openapi/info/paths would be read
    // as keywords of the component (Meshery's registry pointing at relationship.yaml).
    if (t.pointer.empty() && t.node->is_object() && t.node->find("openapi") && t.node->find("info")) {
      report("ref-wrong-kind", st.doc, rp, r->pos, value_end(*r), st.chain,
             std::string("$ref stands for a ") + kind_label(k) +
                 " but points at a whole OpenAPI document; add a fragment such as #/components/" +
                 (component_section(k) ? component_section(k) : "schemas") + "/<name>");
      return;
    }
    // A chain of bare $refs that comes back to itself has no object at its end.
    if (t.node->is_ref()) {
      std::unordered_set<std::string> seen{t.key()};
      RefTarget cur = t;
      for (int hop = 0; hop < 64 && cur.node->is_ref(); ++hop) {
        St inner = st;
        inner.doc = cur.doc;
        const Node* cr = cur.node->find("$ref");
        RefTarget next = resolve_ref(docs_, *cur.doc, cr->text, append_pointer(cur.pointer, "$ref"), *cr);
        collect_diagnostics(st.chain);
        if (!next) break;
        if (!seen.insert(next.key()).second || next.key() == t.key()) {
          report("ref-cycle", st.doc, rp, r->pos, value_end(*r), st.chain,
                 "$ref '" + r->text + "' leads to a cycle of $refs with no object at its end");
          return;
        }
        cur = next;
      }
    }
    // Root documents are walked whole, except extension content ("#/x-defs/...").
    if (root_set_.count(t.doc->path) && t.pointer.compare(0, 3, "/x-") != 0) return;
    if (!queued_.insert(t.key() + "|" + std::to_string(static_cast<int>(k))).second) return;
    Work w;
    w.st = st;
    w.st.doc = t.doc;
    w.st.chain = extend_chain(st.chain, st, rp, r->pos);
    w.pointer = t.pointer;
    w.kind = k;
    w.node = t.node;
    queue_.push_back(std::move(w));
  }

  void drain() {
    while (!queue_.empty()) {
      Work w = std::move(queue_.front());
      queue_.pop_front();
      walk(*w.node, w.pointer, w.kind, w.st, 0);
    }
  }

  // The object a (possibly $ref) node stands for, without reporting (the walk reports).
  struct Deref {
    const Document* doc = nullptr;
    const Node* node = nullptr;
    std::string pointer;
  };
  Deref deref(const Document* doc, const Node& n, const std::string& ptr) {
    Deref d{doc, &n, ptr};
    for (int i = 0; i < 16 && d.node->is_ref(); ++i) {
      const Node* r = d.node->find("$ref");
      RefTarget t = resolve_ref(docs_, *d.doc, r->text, append_pointer(d.pointer, "$ref"), *r);
      // Kept, not dropped: a file is parsed (and its errors reported) only on first use, which
      // may be here. The walk meets the same ref again; the duplicate is merged at the end.
      collect_diagnostics(-1);
      if (!t) return {};
      d = {t.doc, t.node, t.pointer};
    }
    return d.node->is_ref() ? Deref{} : d;
  }

  SchemaResolver schema_resolver() {
    return [this](const Document& doc, const Node& ref_object) -> SchemaRef {
      Deref d = deref(&doc, ref_object, "");
      return {d.doc, d.node};
    };
  }

  // ---- the walk ---------------------------------------------------------------------------

  void note_ignores(const Node& n, const std::string& ptr, const St& st) {
    const Node* ig = n.find("x-lint-ignore");
    if (!ig) return;
    IgnoreEntry e{st.doc->path, ptr, {}};
    if (ig->is_string()) e.rules.push_back(ig->text);
    for (const Node& i : ig->items)
      if (i.is_string()) e.rules.push_back(i.text);
    ignores_.push_back(std::move(e));
  }

  void walk(const Node& n, const std::string& ptr, K k, const St& st, int depth) {
    if (depth > 1000) return;  // the parser bounds nesting; this only guards the recursion
    if (k == K::Any) return;
    if (k == K::Schema) return walk_schema(n, ptr, st, depth);
    if (refable(k) && n.is_ref()) {
      follow_ref(n, ptr, k, st);
      if (k != K::PathItem) {
        check_ref_siblings(n, ptr, st, false);
        return;
      }
    }
    if (!n.is_object()) {
      at_value("spec-structure", st, ptr, n,
               std::string("expected a ") + kind_label(k) + ", found " + node_kind_word(n));
      return;
    }
    note_ignores(n, ptr, st);
    switch (k) {
      case K::Paths: return walk_paths(n, ptr, st, depth);
      case K::Responses: return walk_responses(n, ptr, st, depth);
      case K::Callback:
        for (const Member& m : n.members) {
          if (is_ext(m.key)) continue;
          St s = st;
          s.path = m.key;  // a runtime expression, not a path template: path rules skip it
          walk(m.value, append_pointer(ptr, m.key), K::PathItem, s, depth + 1);
        }
        return;
      case K::SecurityRequirement: return walk_security_requirement(n, ptr, st);
      default: break;
    }
    uint8_t ver = st.v30 ? V30 : V31;
    for (const Member& m : n.members) {
      if (is_ext(m.key)) {
        if (m.key == "x-lint-ignore") continue;
        std::string mp = append_pointer(ptr, m.key);
        if (k == K::Root && m.key == "x-webhooks" && m.value.is_object()) {
          // The 3.0 convention for what 3.1 calls webhooks (GitHub, Redocly): path items.
          for (const Member& w : m.value.members) {
            St s = st;
            s.path = w.key;
            walk(w.value, append_pointer(mp, w.key), K::PathItem, s, depth + 1);
          }
        } else {
          scan_extension_refs(m.value, mp, st, depth + 1);
        }
        continue;
      }
      std::string mp = append_pointer(ptr, m.key);
      const Field* f = find_field(k, m.key);
      if (!f) {
        at_key("spec-unknown-field", st, mp, m,
               "'" + m.key + "' is not a field of the " + kind_label(k) + " (extensions start with x-)");
        continue;
      }
      if (!(f->versions & ver)) {
        at_key("spec-version-keyword", st, mp, m,
               "'" + m.key + "' is only defined in OpenAPI " + (st.v30 ? "3.1" : "3.0"));
        continue;
      }
      walk_field(m, *f, mp, st, depth);
    }
    for (const Field& f : fields_of(k)) {
      if (f.required && (f.versions & ver) && !n.find(f.name))
        report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain,
               std::string(kind_label(k)) + " is missing required field '" + std::string(f.name) + "'", std::string(f.name));
    }
    object_rules(n, ptr, k, st);
  }

  // Extension content is not OpenAPI, but the bundler follows $refs in it: they must
  // resolve, and what they point at counts as used.
  void scan_extension_refs(const Node& n, const std::string& ptr, const St& st, int depth) {
    if (depth > 1000) return;
    if (n.is_ref()) {
      RefTarget t = resolve(st, n, ptr);
      if (t && component_unused_) used_.insert(t.key());
      return;
    }
    if (n.is_object())
      for (const Member& m : n.members) scan_extension_refs(m.value, append_pointer(ptr, m.key), st, depth + 1);
    else if (n.is_array())
      for (size_t i = 0; i < n.items.size(); ++i) scan_extension_refs(n.items[i], ptr + "/" + std::to_string(i), st, depth + 1);
  }

  void walk_field(const Member& m, const Field& f, const std::string& mp, const St& st, int depth) {
    const Node& v = m.value;
    auto want = [&](bool ok, const char* what) {
      if (!ok) at_value("spec-structure", st, mp, v, "'" + m.key + "' must be " + what + ", found " + node_kind_word(v));
      return ok;
    };
    switch (f.type) {
      case T::Str:
        if (want(v.is_string(), "a string") && (m.key == "description" || m.key == "summary" || m.key == "title"))
          check_text(v, mp, st);
        return;
      case T::Bool: want(v.kind == NodeKind::Bool, "a boolean"); return;
      case T::Num: want(v.kind == NodeKind::Number, "a number"); return;
      case T::Int:
        if (want(v.kind == NodeKind::Number, "an integer")) {
          bool neg = !v.text.empty() && v.text[0] == '-';
          if (v.text.find_first_of(".eE") != std::string::npos || neg)
            at_value("spec-structure", st, mp, v, "'" + m.key + "' must be a non-negative integer");
        }
        return;
      case T::Any: return;
      case T::Obj: walk(v, mp, f.kind, st, depth + 1); return;
      case T::Map:
        if (!want(v.is_object(), "an object")) return;
        note_ignores(v, mp, st);
        for (const Member& e : v.members) {
          // In maps keyed by user names an x- key is still an entry, except where OpenAPI
          // says the map itself is extensible (none of these are).
          if (f.kind == K::PathItem) {  // webhooks / components.pathItems: named, not templated
            St s = st;
            s.path = e.key;
            walk(e.value, append_pointer(mp, e.key), f.kind, s, depth + 1);
            continue;
          }
          walk(e.value, append_pointer(mp, e.key), f.kind, st, depth + 1);
        }
        return;
      case T::List:
        if (!want(v.is_array(), "a list")) return;
        for (size_t i = 0; i < v.items.size(); ++i)
          walk(v.items[i], mp + "/" + std::to_string(i), f.kind, st, depth + 1);
        return;
      case T::StrList:
        if (!want(v.is_array(), "a list of strings")) return;
        for (size_t i = 0; i < v.items.size(); ++i)
          if (!v.items[i].is_string())
            at_value("spec-structure", st, mp + "/" + std::to_string(i), v.items[i],
                     "'" + m.key + "' items must be strings, found " + node_kind_word(v.items[i]));
        return;
      case T::StrMap:
        if (!want(v.is_object(), "an object of strings")) return;
        for (const Member& e : v.members)
          if (!e.value.is_string())
            at_value("spec-structure", st, append_pointer(mp, e.key), e.value,
                     "'" + m.key + "' values must be strings, found " + node_kind_word(e.value));
        return;
      case T::Schema: walk_schema(v, mp, st, depth + 1); return;
      case T::Special: return;
    }
  }

  void check_ref_siblings(const Node& n, const std::string& ptr, const St& st, bool schema) {
    for (const Member& m : n.members) {
      if (m.key == "$ref" || is_ext(m.key)) continue;
      if (!st.v30 && (schema || m.key == "summary" || m.key == "description")) continue;
      at_key("ref-siblings", st, append_pointer(ptr, m.key), m,
             "'" + m.key + "' beside $ref is ignored" + (st.v30 ? " in OpenAPI 3.0" : ""));
    }
  }

  void check_text(const Node& v, const std::string& ptr, const St& st) {
    if (!unsafe_html_) return;
    std::string what = unsafe_html(v.text);
    if (!what.empty())
      at_value("description-unsafe-html", st, ptr, v, "text contains " + what);
  }

  void walk_paths(const Node& n, const std::string& ptr, const St& st, int depth) {
    for (const Member& m : n.members) {
      if (is_ext(m.key)) continue;
      std::string mp = append_pointer(ptr, m.key);
      if (m.key.empty() || m.key[0] != '/') {
        at_key("spec-structure", st, mp, m, "path '" + m.key + "' must start with '/'");
        continue;
      }
      path_hygiene(m, mp, st);
      St s = st;
      s.path = m.key;
      PathFact pf{st.root, m.key, st.doc, mp, m.key_pos, {}};
      Deref item = deref(st.doc, m.value, mp);
      if (item.node && item.node->is_object())
        for (const Member& op : item.node->members)
          if (is_http_method(op.key) && op.value.is_object()) pf.methods.push_back({op.key, operation_audiences(op.value)});
      paths_.push_back(std::move(pf));
      walk(m.value, mp, K::PathItem, s, depth + 1);
    }
  }

  void path_hygiene(const Member& m, const std::string& mp, const St& st) {
    const std::string& p = m.key;
    if (p.size() > 1 && p.back() == '/')
      at_key("path-trailing-slash", st, mp, m, "path '" + p + "' ends with '/'");
    if (p.find("//") != std::string::npos)
      at_key("path-double-slash", st, mp, m, "path '" + p + "' has an empty segment ('//')");
    {
      std::vector<std::string> vars = path_vars(p);
      std::set<std::string> seen;
      for (const std::string& v : vars)
        if (!seen.insert(v).second) {
          at_key("path-template-duplicate", st, mp, m, "path '" + p + "' uses the variable '{" + v + "}' twice", v);
          break;
        }
    }
    if (p.find_first_of("?#") != std::string::npos)
      at_key("path-query-string", st, mp, m, "path '" + p + "' contains a query string or fragment; describe query parameters with in: query");
    for (const std::string& seg : segments(p)) {
      if (is_template_segment(seg)) continue;
      for (char c : seg)
        if (isupper(static_cast<unsigned char>(c))) {
          at_key("path-casing", st, mp, m, "path segment '" + seg + "' has upper-case letters");
          return;
        }
    }
  }

  void walk_responses(const Node& n, const std::string& ptr, const St& st, int depth) {
    bool any = false;
    for (const Member& m : n.members) {
      if (is_ext(m.key)) continue;
      any = true;
      std::string mp = append_pointer(ptr, m.key);
      const std::string& c = m.key;
      bool ok = c == "default" ||
                (c.size() == 3 && c[0] >= '1' && c[0] <= '5' &&
                 ((isdigit(static_cast<unsigned char>(c[1])) && isdigit(static_cast<unsigned char>(c[2]))) || (c[1] == 'X' && c[2] == 'X')));
      if (!ok) at_key("spec-structure", st, mp, m, "response key '" + c + "' must be an HTTP status code (200, 4XX) or 'default'");
      walk(m.value, mp, K::Response, st, depth + 1);
    }
    if (!any) report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "responses must describe at least one response");
  }

  const Node* root_components(int root, const char* section) {
    const Node* c = roots_[static_cast<size_t>(root)].doc->root.find("components");
    return c ? c->find(section) : nullptr;
  }

  void walk_security_requirement(const Node& n, const std::string& ptr, const St& st) {
    const Node* schemes = root_components(st.root, "securitySchemes");
    for (const Member& m : n.members) {
      std::string mp = append_pointer(ptr, m.key);
      if (!m.value.is_array()) {
        at_value("spec-structure", st, mp, m.value, "a security requirement maps a scheme name to a list of scopes");
        continue;
      }
      if (component_unused_) used_schemes_.insert(roots_[static_cast<size_t>(st.root)].doc->path + "#" + m.key);
      const Node* scheme = schemes ? schemes->find(m.key) : nullptr;
      if (!scheme) {
        at_key("security-scheme-defined", st, mp, m,
               "security scheme '" + m.key + "' is not defined in components.securitySchemes");
        continue;
      }
      Deref d = deref(roots_[static_cast<size_t>(st.root)].doc, *scheme, "");
      if (!d.node) continue;
      std::string_view type = d.node->string_at("type");
      if (type == "oauth2") {
        std::set<std::string> declared;
        if (const Node* flows = d.node->find("flows"))
          for (const Member& f : flows->members)
            if (const Node* sc = f.value.find("scopes"))
              for (const Member& s : sc->members) declared.insert(s.key);
        for (size_t i = 0; i < m.value.items.size(); ++i) {
          const Node& s = m.value.items[i];
          if (s.is_string() && !declared.count(s.text))
            at_value("security-scopes-defined", st, mp + "/" + std::to_string(i), s,
                     "scope '" + s.text + "' is not declared by the flows of '" + m.key + "'", s.text);
        }
      } else if (type != "openIdConnect" && st.v30 && !m.value.items.empty()) {
        at_value("spec-structure", st, mp, m.value,
                 "in OpenAPI 3.0 the scope list of a " + std::string(type) + " scheme must be empty");
      }
    }
  }

  // ---- schemas ----------------------------------------------------------------------------

  static bool type_has(const Node* t, const char* name) {
    if (!t) return false;
    if (t->is_string()) return t->text == name;
    for (const Node& i : t->items)
      if (i.is_string() && i.text == name) return true;
    return false;
  }

  void walk_schema(const Node& n, const std::string& ptr, const St& st, int depth) {
    if (depth > 1000) return;
    if (n.kind == NodeKind::Bool) {
      if (st.v30) at_value("spec-version-keyword", st, ptr, n, "boolean schemas are only allowed in OpenAPI 3.1");
      return;
    }
    if (!n.is_object()) {
      at_value("spec-structure", st, ptr, n, std::string("expected a Schema Object, found ") + node_kind_word(n));
      return;
    }
    if (n.is_ref()) {
      follow_ref(n, ptr, K::Schema, st);
      if (st.v30) {
        check_ref_siblings(n, ptr, st, true);
        return;
      }
    } else if (const Node* r = n.find("$ref")) {
      at_value("spec-structure", st, append_pointer(ptr, "$ref"), *r, "$ref must be a string");
    }
    note_ignores(n, ptr, st);
    uint8_t ver = st.v30 ? V30 : V31;
    const Node* type = n.find("type");
    for (const Member& m : n.members) {
      if (is_ext(m.key) || m.key == "$ref") continue;
      std::string mp = append_pointer(ptr, m.key);
      const Field* f = find_field(K::Schema, m.key);
      if (!f) {
        if (st.v30)
          at_key("spec-unknown-field", st, mp, m, "'" + m.key + "' is not a keyword of the OpenAPI 3.0 Schema Object");
        else
          at_key("schema-unknown-keyword", st, mp, m, "'" + m.key + "' is not a JSON Schema 2020-12 keyword");
        continue;
      }
      if (!(f->versions & ver)) {
        // 3.1 schemas may carry unknown keywords, so `nullable` there is legal but ignored:
        // a real defect (null is refused), not a document that cannot be rendered.
        if (st.v30)
          at_key("spec-version-keyword", st, mp, m, "'" + m.key + "' is only defined in OpenAPI 3.1 (JSON Schema 2020-12)");
        else
          at_key("schema-nullable-3.1", st, mp, m, "'" + m.key + "' is OpenAPI 3.0 and ignored in 3.1; use type: [..., \"null\"]");
        continue;
      }
      if (f->type != T::Special) {
        if (m.key == "properties") {
          if (!m.value.is_object()) {
            at_value("spec-structure", st, mp, m.value, "'properties' must be an object");
            continue;
          }
          for (const Member& p : m.value.members) {
            std::string pp = append_pointer(mp, p.key);
            check_name("property", p, pp, st);
            walk_schema(p.value, pp, st, depth + 1);
          }
          continue;
        }
        walk_field(m, *f, mp, st, depth);
        continue;
      }
      const Node& v = m.value;
      if (m.key == "type") {
        static const std::set<std::string> names30 = {"integer", "number", "string", "boolean", "object", "array"};
        auto check_name_of_type = [&](const Node& t, const std::string& tp) {
          if (!t.is_string()) {
            at_value("spec-structure", st, tp, t, "type names are strings");
          } else if (t.text == "null" && st.v30) {
            at_value("spec-version-keyword", st, tp, t, "type 'null' is OpenAPI 3.1; use nullable: true in 3.0");
          } else if (!names30.count(t.text) && t.text != "null") {
            at_value("spec-structure", st, tp, t, "unknown type '" + t.text + "'");
          }
        };
        if (v.is_array()) {
          if (st.v30) at_value("spec-version-keyword", st, mp, v, "type lists are OpenAPI 3.1; 3.0 takes one type (and nullable)");
          else for (size_t i = 0; i < v.items.size(); ++i) check_name_of_type(v.items[i], mp + "/" + std::to_string(i));
        } else {
          check_name_of_type(v, mp);
        }
      } else if (m.key == "exclusiveMinimum" || m.key == "exclusiveMaximum") {
        if (st.v30 && v.kind == NodeKind::Number)
          at_value("spec-version-keyword", st, mp, v, "a numeric " + m.key + " is OpenAPI 3.1; in 3.0 it is a boolean beside minimum/maximum");
        else if (!st.v30 && v.kind == NodeKind::Bool)
          at_value("spec-version-keyword", st, mp, v, "a boolean " + m.key + " is OpenAPI 3.0; in 3.1 it is the bound itself (a number)");
        else if (v.kind != NodeKind::Bool && v.kind != NodeKind::Number)
          at_value("spec-structure", st, mp, v, "'" + m.key + "' must be " + (st.v30 ? "a boolean" : "a number"));
      } else if (m.key == "enum") {
        if (!v.is_array()) at_value("spec-structure", st, mp, v, "'enum' must be a list");
      } else if (m.key == "allOf" || m.key == "oneOf" || m.key == "anyOf" || m.key == "prefixItems") {
        if (!v.is_array()) {
          at_value("spec-structure", st, mp, v, "'" + m.key + "' must be a list of schemas");
          continue;
        }
        if (v.items.empty()) at_value("spec-structure", st, mp, v, "'" + m.key + "' must not be empty");
        for (size_t i = 0; i < v.items.size(); ++i) walk_schema(v.items[i], mp + "/" + std::to_string(i), st, depth + 1);
      } else if (m.key == "items") {
        if (v.is_array()) at_value(st.v30 ? "spec-structure" : "spec-version-keyword", st, mp, v,
                                   st.v30 ? "'items' must be a schema, not a list" : "'items' as a list is draft-4; use prefixItems in 3.1");
        else walk_schema(v, mp, st, depth + 1);
      } else if (m.key == "additionalProperties") {
        if (v.kind != NodeKind::Bool) walk_schema(v, mp, st, depth + 1);
      } else if (m.key == "examples") {
        if (!v.is_array()) at_value("spec-structure", st, mp, v, "'examples' in a schema must be a list");
      }
    }
    SchemaKeywords k(n);
    if (st.v30 && type_has(type, "array") && !k.items && !n.is_ref())
      report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "a schema of type array must have 'items' in OpenAPI 3.0");
    schema_rules(n, k, ptr, st, type);
  }

  // The keywords schema_rules reads, found in one pass over the schema's members (looked up
  // one by one, with the type-consistency scan below, they were a fifth of the spec profile's
  // walk on GitHub's description). The first of a name wins, as with Node::find.
  struct SchemaKeywords {
    const Node *pattern = nullptr, *nullable = nullptr, *enum_values = nullptr, *minimum = nullptr, *maximum = nullptr,
               *min_length = nullptr, *max_length = nullptr, *min_items = nullptr, *max_items = nullptr,
               *min_properties = nullptr, *max_properties = nullptr, *properties = nullptr, *required = nullptr,
               *all_of = nullptr, *any_of = nullptr, *one_of = nullptr, *default_value = nullptr, *example = nullptr,
               *examples = nullptr, *items = nullptr;

    explicit SchemaKeywords(const Node& s) {
      find_members(s, {{"pattern", &pattern}, {"nullable", &nullable}, {"enum", &enum_values}, {"minimum", &minimum},
                       {"maximum", &maximum}, {"minLength", &min_length}, {"maxLength", &max_length},
                       {"minItems", &min_items}, {"maxItems", &max_items}, {"minProperties", &min_properties},
                       {"maxProperties", &max_properties}, {"properties", &properties}, {"required", &required},
                       {"allOf", &all_of}, {"anyOf", &any_of}, {"oneOf", &one_of}, {"default", &default_value},
                       {"example", &example}, {"examples", &examples}, {"items", &items}});
    }
  };

  // The type a keyword only applies to ("string", "number", "array" or "object"), or nullptr.
  static const char* type_of_keyword(const std::string& k) {
    if (k.empty()) return nullptr;
    switch (k[0]) {
      case 'a': return k == "additionalProperties" ? "object" : nullptr;
      case 'i': return k == "items" ? "array" : nullptr;
      case 'm':
        if (k == "minLength" || k == "maxLength") return "string";
        if (k == "minimum" || k == "maximum" || k == "multipleOf") return "number";
        if (k == "minItems" || k == "maxItems") return "array";
        if (k == "minProperties" || k == "maxProperties") return "object";
        return nullptr;
      case 'p':
        if (k == "pattern") return "string";
        if (k == "properties") return "object";
        return nullptr;
      case 'u': return k == "uniqueItems" ? "array" : nullptr;
      default: return nullptr;
    }
  }

  void schema_rules(const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st, const Node* type) {
    // Pattern compiles.
    if (const Node* p = k.pattern; p && p->is_string() && pattern_invalid_) {
      // std::regex lacks lookbehind and \p{...}; those are left alone rather than misjudged.
      bool unsupported = p->text.find("(?<") != std::string::npos || p->text.find("\\p{") != std::string::npos ||
                         p->text.find("\\P{") != std::string::npos || p->text.size() > 512;
      if (!unsupported && !pattern_compiles(p->text))
        at_value("schema-pattern-invalid", st, append_pointer(ptr, "pattern"), *p, "pattern is not a valid regular expression");
    }
    bool nullable = false;
    if (const Node* nb = k.nullable) nullable = nb->kind == NodeKind::Bool && nb->boolean;
    auto type_allows = [&](const Node& v) {
      if (!type) return true;
      auto one = [&](const std::string& t) {
        if (v.kind == NodeKind::Null) return t == "null";
        if (t == "integer") return v.kind == NodeKind::Number && v.text.find_first_of(".eE") == std::string::npos;
        if (t == "number") return v.kind == NodeKind::Number;
        if (t == "string") return v.kind == NodeKind::String;
        if (t == "boolean") return v.kind == NodeKind::Bool;
        if (t == "object") return v.kind == NodeKind::Object;
        if (t == "array") return v.kind == NodeKind::Array;
        return true;
      };
      if (v.kind == NodeKind::Null && nullable) return true;
      if (type->is_string()) return one(type->text);
      for (const Node& t : type->items)
        if (t.is_string() && one(t.text)) return true;
      return !type->is_array();
    };
    // Enum consistency.
    if (const Node* e = k.enum_values; e && e->is_array() && enum_consistent_) {
      std::string ep = append_pointer(ptr, "enum");
      if (e->items.empty()) at_value("enum-consistent", st, ep, *e, "enum is empty: no value is valid");
      for (size_t i = 0; i < e->items.size() && i < 10000; ++i) {
        const Node& v = e->items[i];
        if (!type_allows(v))
          at_value("enum-consistent", st, ep + "/" + std::to_string(i), v,
                   std::string("enum value is ") + node_kind_word(v) + ", not of the schema's type");
        if (e->items.size() <= 500)
          for (size_t j = 0; j < i; ++j)
            if (e->items[j] == v) {
              at_value("enum-consistent", st, ep + "/" + std::to_string(i), v, "enum value repeats item " + std::to_string(j));
              break;
            }
      }
    }
    // Type consistency: keywords of another type, and inverted bounds.
    if (type && type->is_string() && type_consistent_) {
      const std::string& t = type->text;
      for (const Member& m : n.members) {
        const char* applies_to = type_of_keyword(m.key);
        if (!applies_to) continue;
        bool same = t == applies_to || (t == "integer" && std::strcmp(applies_to, "number") == 0);
        if (!same)
          at_key("type-consistent", st, append_pointer(ptr, m.key), m,
                 "'" + m.key + "' applies to " + applies_to + " values, but the type is " + t);
      }
    }
    auto inverted = [&](const Node* a, const char* lo, const Node* b, const char* hi) {
      if (a && b && a->kind == NodeKind::Number && b->kind == NodeKind::Number &&
          std::strtod(a->text.c_str(), nullptr) > std::strtod(b->text.c_str(), nullptr))
        at_value("type-consistent", st, append_pointer(ptr, lo), *a, std::string(lo) + " is greater than " + hi);
    };
    if (type_consistent_) {
      inverted(k.minimum, "minimum", k.maximum, "maximum");
      inverted(k.min_length, "minLength", k.max_length, "maxLength");
      inverted(k.min_items, "minItems", k.max_items, "maxItems");
      inverted(k.min_properties, "minProperties", k.max_properties, "maxProperties");
    }
    // Required properties that are not among the properties (typos, renamed fields).
    const Node* props = k.properties;
    const Node* req = k.required;
    if (required_defined_ && props && props->is_object() && req && req->is_array() && !k.all_of && !k.any_of && !k.one_of) {
      for (size_t i = 0; i < req->items.size(); ++i) {
        const Node& r = req->items[i];
        if (r.is_string() && !props->find(r.text))
          at_value("required-properties-defined", st, append_pointer(ptr, "required") + "/" + std::to_string(i), r,
                   "required property '" + r.text + "' is not defined in properties", r.text);
      }
    }
    // default and example against the schema itself.
    struct OwnValue {
      const char* keyword;
      const Node* value;
      const char* rule;
      bool rule_on;
    };
    for (const OwnValue& o : {OwnValue{"default", k.default_value, "default-valid", default_valid_},
                              OwnValue{"example", k.example, "example-valid", example_valid_}}) {
      if (!o.value || !o.rule_on) continue;
      ValidationError err;
      if (!validate_value(*o.value, *st.doc, n, schema_resolver(), st.v30, err))
        at_value(o.rule, st, append_pointer(ptr, o.keyword) + err.path, *o.value,
                 std::string(o.keyword) + " is not valid against its schema: " + err.message);
    }
    if (!st.v30 && example_valid_) {
      if (const Node* ex = k.examples; ex && ex->is_array()) {
        for (size_t i = 0; i < ex->items.size(); ++i) {
          ValidationError err;
          if (!validate_value(ex->items[i], *st.doc, n, schema_resolver(), false, err))
            at_value("example-valid", st, append_pointer(ptr, "examples") + "/" + std::to_string(i) + err.path,
                     ex->items[i], "example is not valid against its schema: " + err.message);
        }
      }
    }
  }

  void check_name(const char* what, const Member& m, const std::string& mp, const St& st) {
    auto it = settings_.naming.find(what);
    if (it == settings_.naming.end()) return;
    if (!matches_style(m.key, it->second))
      at_key("naming-convention", st, mp, m, std::string(what) + " name '" + m.key + "' is not " + it->second);
  }

  // ---- per-object rules -------------------------------------------------------------------

  void validate_against(const Node& value, const Document* schema_doc, const Node* schema,
                        const std::string& vptr, const St& st, const char* what) {
    if (!schema || !example_valid_) return;
    ValidationError err;
    if (!validate_value(value, *schema_doc, *schema, schema_resolver(), st.v30, err))
      at_value("example-valid", st, vptr + err.path, value, std::string(what) + " is not valid against its schema: " + err.message);
  }

  // example / examples of a Parameter, Header or Media Type against its schema.
  void examples_rules(const Node& n, const std::string& ptr, const St& st) {
    const Node* example = n.find("example");
    const Node* examples = n.find("examples");
    if (example && examples)
      report("example-or-examples", st.doc, append_pointer(ptr, "examples"), n.pos, n.pos, st.chain,
             "example and examples are mutually exclusive");
    const Node* schema = n.find("schema");
    if (!schema) return;
    if (example) validate_against(*example, st.doc, schema, append_pointer(ptr, "example"), st, "example");
    if (examples && examples->is_object() && example_valid_) {
      for (const Member& e : examples->members) {
        Deref d = deref(st.doc, e.value, append_pointer(append_pointer(ptr, "examples"), e.key));
        if (!d.node || !d.node->is_object()) continue;
        const Node* value = d.node->find("value");
        if (!value) continue;
        St vs = st;
        vs.doc = d.doc;
        // The finding sits on the example's value (maybe in another file); the schema stays
        // the one of this media type.
        ValidationError err;
        if (!validate_value(*value, *st.doc, *schema, schema_resolver(), st.v30, err))
          at_value("example-valid", vs, append_pointer(d.pointer, "value") + err.path, *value,
                   "example '" + e.key + "' is not valid against its schema: " + err.message);
      }
    }
  }

  void object_rules(const Node& n, const std::string& ptr, K k, const St& st) {
    switch (k) {
      case K::Root: return root_rules(n, ptr, st);
      case K::PathItem: return path_item_rules(n, ptr, st);
      case K::Parameter:
      case K::Header: {
        if (k == K::Parameter) {
          std::string_view in = n.string_at("in");
          if (const Node* inn = n.find("in"); inn && inn->is_string() && in != "query" && in != "header" && in != "path" && in != "cookie")
            at_value("spec-structure", st, append_pointer(ptr, "in"), *inn, "parameter 'in' must be query, header, path or cookie");
          if (in == "path") {
            const Node* r = n.find("required");
            if (!r || r->kind != NodeKind::Bool || !r->boolean)
              report("path-param-required", st.doc, r ? append_pointer(ptr, "required") : ptr, r ? r->pos : n.pos,
                     r ? value_end(*r) : n.pos, st.chain, "path parameter '" + std::string(n.string_at("name")) + "' must have required: true");
          }
          if (const Node* nm = n.find("name"); nm && nm->is_string() && settings_.naming.count("parameter") && in != "header") {
            Member fake{nm->text, nm->pos, Node()};
            check_name("parameter", fake, append_pointer(ptr, "name"), st);
          }
          extension_policy("parameter", n, ptr, st);
        }
        const Node* schema = n.find("schema");
        const Node* content = n.find("content");
        if (schema && content)
          report("parameter-schema-or-content", st.doc, ptr, n.pos, n.pos, st.chain, "a parameter has schema or content, not both");
        else if (!schema && !content)
          report("parameter-schema-or-content", st.doc, ptr, n.pos, n.pos, st.chain, "a parameter needs schema or content");
        else if (content && content->is_object() && content->members.size() != 1)
          at_value("parameter-schema-or-content", st, append_pointer(ptr, "content"), *content, "a parameter's content must have exactly one entry");
        examples_rules(n, ptr, st);
        return;
      }
      case K::MediaType: return examples_rules(n, ptr, st);
      case K::Example:
        if (n.find("value") && n.find("externalValue"))
          report("example-value-or-externalValue", st.doc, ptr, n.pos, n.pos, st.chain, "an Example has value or externalValue, not both");
        return;
      case K::Server: return server_rules(n, ptr, st);
      case K::SecurityScheme: return security_scheme_rules(n, ptr, st);
      case K::OAuthFlows:
        for (const Member& f : n.members) {
          if (!f.value.is_object()) continue;
          std::vector<const char*> need;
          if (f.key == "implicit") need = {"authorizationUrl"};
          else if (f.key == "password" || f.key == "clientCredentials") need = {"tokenUrl"};
          else if (f.key == "authorizationCode") need = {"authorizationUrl", "tokenUrl"};
          for (const char* r : need)
            if (!f.value.find(r))
              report("spec-structure", st.doc, append_pointer(ptr, f.key), f.value.pos, f.value.pos, st.chain,
                     "the " + f.key + " flow needs '" + r + "'", r);
        }
        return;
      case K::Components: return components_rules(n, ptr, st);
      case K::Tag: return extension_policy("tag", n, ptr, st);
      default: return;
    }
  }

  void root_rules(const Node& n, const std::string& ptr, const St& st) {
    if (st.v30 && !n.find("paths") && !roots_[static_cast<size_t>(st.root)].base)
      report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "OpenAPI Object is missing required field 'paths'", "paths");
    if (!st.v30 && !n.find("paths") && !n.find("components") && !n.find("webhooks"))
      report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "an OpenAPI 3.1 document needs paths, components or webhooks");
    if (const Node* tags = n.find("tags"); tags && tags->is_array()) {
      std::map<std::string, size_t> seen;
      for (size_t i = 0; i < tags->items.size(); ++i) {
        std::string_view name = tags->items[i].string_at("name");
        if (name.empty()) continue;
        auto [it, fresh] = seen.emplace(std::string(name), i);
        if (!fresh)
          at_value("tags-unique", st, "/tags/" + std::to_string(i) + "/name", *tags->items[i].find("name"),
                   "tag '" + std::string(name) + "' is already declared at /tags/" + std::to_string(it->second));
      }
    }
    extension_policy("root", n, ptr, st);
  }

  void server_rules(const Node& n, const std::string& ptr, const St& st) {
    const Node* url = n.find("url");
    const Node* vars = n.find("variables");
    if (url && url->is_string()) {
      for (const std::string& v : path_vars(url->text))
        if (!vars || !vars->find(v))
          at_value("server-variables", st, append_pointer(ptr, "url"), *url, "server URL variable '{" + v + "}' is not defined in variables", v);
    }
    if (vars && vars->is_object()) {
      for (const Member& m : vars->members) {
        std::string vp = append_pointer(append_pointer(ptr, "variables"), m.key);
        const Node* e = m.value.find("enum");
        const Node* d = m.value.find("default");
        if (e && e->is_array() && e->items.empty())
          at_value("server-variables", st, append_pointer(vp, "enum"), *e, "server variable enum must not be empty");
        if (e && e->is_array() && d && d->is_string()) {
          bool found = false;
          for (const Node& i : e->items)
            if (i.is_string() && i.text == d->text) found = true;
          if (!found && !e->items.empty())
            at_value("server-variables", st, append_pointer(vp, "default"), *d, "default '" + d->text + "' is not one of the variable's enum values");
        }
        if (url && url->is_string() && url->text.find("{" + m.key + "}") == std::string::npos)
          at_key("server-variables", st, vp, m, "server variable '" + m.key + "' is not used in the URL");
      }
    }
  }

  void security_scheme_rules(const Node& n, const std::string& ptr, const St& st) {
    const Node* t = n.find("type");
    if (!t || !t->is_string()) return;
    const std::string& type = t->text;
    std::vector<const char*> need;
    if (type == "apiKey") need = {"name", "in"};
    else if (type == "http") need = {"scheme"};
    else if (type == "oauth2") need = {"flows"};
    else if (type == "openIdConnect") need = {"openIdConnectUrl"};
    else if (type == "mutualTLS" && !st.v30) need = {};
    else {
      at_value("spec-structure", st, append_pointer(ptr, "type"), *t,
               "security scheme type must be apiKey, http, oauth2, openIdConnect" + std::string(st.v30 ? "" : " or mutualTLS"));
      return;
    }
    for (const char* r : need)
      if (!n.find(r))
        report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "a " + type + " security scheme needs '" + r + "'", r);
    if (type == "apiKey")
      if (const Node* in = n.find("in"); in && in->is_string() && in->text != "query" && in->text != "header" && in->text != "cookie")
        at_value("spec-structure", st, append_pointer(ptr, "in"), *in, "apiKey 'in' must be query, header or cookie");
  }

  void components_rules(const Node& n, const std::string& ptr, const St& st) {
    bool is_root = root_set_.count(st.doc->path) > 0;
    for (const Member& section : n.members) {
      if (is_ext(section.key) || !section.value.is_object()) continue;
      for (const Member& c : section.value.members) {
        std::string cp = append_pointer(append_pointer(ptr, section.key), c.key);
        bool ok = !c.key.empty();
        for (char ch : c.key)
          if (!isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ok = false;
        if (!ok) at_key("spec-component-name", st, cp, c, "component name '" + c.key + "' must match ^[a-zA-Z0-9.\\-_]+$");
        if (section.key == "schemas") {
          check_name("schema", c, cp, st);
          if (c.value.is_object()) extension_policy("schema", c.value, cp, st);
        }
        if (is_root && ptr == "/components") defined_.push_back({st.doc, section.key, c.key, cp, c.key_pos, st.chain});
      }
    }
  }

  void path_item_rules(const Node& item, const std::string& ptr, const St& st) {
    extension_policy("path", item, ptr, st);
    bool template_path = !st.path.empty() && st.path[0] == '/';
    std::vector<std::string> vars = template_path ? path_vars(st.path) : std::vector<std::string>{};
    // Parameters of the path item and of each operation, dereferenced.
    struct P {
      std::string name, in;
      const Node* node;
      std::string ptr;
      SourcePos pos;
      const Document* doc;
    };
    auto params_of = [&](const Node* list, const std::string& lp) {
      std::vector<P> out;
      if (!list || !list->is_array()) return out;
      std::map<std::string, size_t> seen;
      for (size_t i = 0; i < list->items.size(); ++i) {
        std::string ip = lp + "/" + std::to_string(i);
        Deref d = deref(st.doc, list->items[i], ip);
        if (!d.node || !d.node->is_object()) continue;
        P p{std::string(d.node->string_at("name")), std::string(d.node->string_at("in")), d.node, ip, list->items[i].pos, d.doc};
        if (p.name.empty()) continue;
        std::string key = p.in + ":" + (p.in == "header" ? lower(p.name) : p.name);
        auto [it, fresh] = seen.emplace(key, i);
        if (!fresh)
          report("operation-parameters-unique", st.doc, ip, p.pos, p.pos, st.chain,
                 "parameter '" + p.name + "' in " + p.in + " is already declared at " + lp + "/" + std::to_string(it->second));
        out.push_back(std::move(p));
      }
      return out;
    };
    std::vector<P> shared = params_of(item.find("parameters"), append_pointer(ptr, "parameters"));
    if (template_path) {
      for (const P& p : shared)
        if (p.in == "path" && std::find(vars.begin(), vars.end(), p.name) == vars.end())
          report("path-params-unused", st.doc, p.ptr, p.pos, p.pos, st.chain,
                 "path parameter '" + p.name + "' does not appear in the path '" + st.path + "'");
    }
    for (const Member& m : item.members) {
      if (!is_http_method(m.key) || !m.value.is_object()) continue;
      const Node& op = m.value;
      std::string op_ptr = append_pointer(ptr, m.key);
      std::vector<P> own = params_of(op.find("parameters"), append_pointer(op_ptr, "parameters"));
      if (template_path) {
        for (const std::string& v : vars) {
          bool found = false;
          for (const std::vector<P>* list : {&own, &shared})
            for (const P& p : *list)
              if (p.in == "path" && p.name == v) found = true;
          if (!found)
            at_key("path-params-defined", st, op_ptr, m,
                   "path template variable '{" + v + "}' of '" + st.path + "' has no in: path parameter in " + upper_method(m.key), v);
        }
        for (const P& p : own)
          if (p.in == "path" && std::find(vars.begin(), vars.end(), p.name) == vars.end())
            report("path-params-unused", st.doc, p.ptr, p.pos, p.pos, st.chain,
                   "path parameter '" + p.name + "' does not appear in the path '" + st.path + "'");
      }
      // operationId
      const Node* id = op.find("operationId");
      OpFact f{st.root, st.path, m.key, id && id->is_string() ? id->text : "", operation_audiences(op), st.doc, op_ptr, m.key_pos,
               id ? id->pos : m.key_pos, st.chain};
      if (!id) {
        at_key("operation-operationId", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no operationId");
      } else if (id->is_string()) {
        for (char c : id->text)
          // RFC 3986 unreserved and reserved characters: what a URL carries without escaping
          // (GitHub's "repos/get" is fine; spaces, quotes, braces and non-ASCII are not).
          if (!isalnum(static_cast<unsigned char>(c)) && !std::strchr("-._~:/?#[]@!$&'()*+,;=", c)) {
            at_value("operation-operationId-url-safe", st, append_pointer(op_ptr, "operationId"), *id,
                     "operationId '" + id->text + "' has characters that are not URL-safe");
            break;
          }
        if (settings_.naming.count("operationId")) {
          Member fake{id->text, id->pos, Node()};
          check_name("operationId", fake, append_pointer(op_ptr, "operationId"), st);
        }
      }
      ops_.push_back(std::move(f));
      // Request body on methods without body semantics.
      if (const Node* rb = op.find("requestBody"); rb && (m.key == "get" || m.key == "head" || m.key == "delete")) {
        Member rbm{"requestBody", SourcePos{}, Node()};
        for (const Member& x : op.members)
          if (x.key == "requestBody") rbm.key_pos = x.key_pos;
        at_key("no-request-body-get-delete", st, append_pointer(op_ptr, "requestBody"), rbm,
               upper_method(m.key) + " has no defined request body semantics; this requestBody may be dropped by clients and proxies");
      }
      // Responses.
      if (const Node* rs = op.find("responses"); rs && rs->is_object()) {
        bool success = false, client_error = false;
        for (const Member& r : rs->members) {
          // 101 Switching Protocols is how a WebSocket endpoint succeeds.
          if (r.key.size() == 3 && (r.key[0] == '2' || r.key[0] == '3' || r.key == "101")) success = true;
          if (r.key.size() == 3 && r.key[0] == '4') client_error = true;
          if (r.key == "default") client_error = true;
          std::string rp = append_pointer(append_pointer(op_ptr, "responses"), r.key);
          Deref d = deref(st.doc, r.value, rp);
          if (!d.node || !d.node->is_object()) continue;
          const Node* content = d.node->find("content");
          bool has_content = content && content->is_object() && !content->members.empty();
          // Webhook and callback responses are the receiver's acknowledgement: an empty 200
          // and no error responses are the norm there.
          if ((r.key == "200" || r.key == "206") && !has_content && m.key != "head" && template_path)
            at_key("response-content-expected", st, rp, r, upper_method(m.key) + " " + st.path + " " + r.key + " response describes no content");
          if ((r.key == "204" || r.key == "304") && has_content)
            at_key("response-no-content", st, rp, r, r.key + " responses have no body, but this one describes content");
        }
        Member rsm{"responses", SourcePos{}, Node()};
        for (const Member& x : op.members)
          if (x.key == "responses") rsm.key_pos = x.key_pos;
        if (!success && template_path)
          at_key("operation-success-response", st, append_pointer(op_ptr, "responses"), rsm,
                 upper_method(m.key) + " " + st.path + " describes no 2xx or 3xx response");
        if (!client_error && template_path)
          at_key("operation-4xx-response", st, append_pointer(op_ptr, "responses"), rsm,
                 upper_method(m.key) + " " + st.path + " describes no 4xx (or default) error response");
      }
      if (!op.find("summary")) at_key("operation-summary", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no summary");
      if (!op.find("description")) at_key("operation-description", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no description");
      if (const Node* tags = op.find("tags"); tags && tags->is_array())
        for (size_t i = 0; i < tags->items.size(); ++i)
          if (tags->items[i].is_string())
            used_tags_.push_back({st.root, tags->items[i].text, st.doc, append_pointer(op_ptr, "tags") + "/" + std::to_string(i), tags->items[i].pos, st.chain});
      extension_policy("operation", op, op_ptr, st);
    }
  }

  static std::string upper_method(const std::string& m) {
    std::string u = m;
    for (char& c : u) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    return u;
  }

  void extension_policy(const char* where, const Node& n, const std::string& ptr, const St& st) {
    for (const ExtensionPolicy& p : settings_.extensions) {
      if (p.where != where) continue;
      const Node* x = n.find(p.name);
      if (!x) {
        if (p.required)
          report(p.rule, st.doc, ptr, n.pos, n.pos, st.chain, std::string(where) + " has no '" + p.name + "'", p.name, p.severity);
        continue;
      }
      if (p.values.empty()) continue;
      std::vector<const Node*> vals;
      if (x->is_array()) for (const Node& i : x->items) vals.push_back(&i);
      else vals.push_back(x);
      if (x->is_array() && x->items.empty())
        report(p.rule, st.doc, append_pointer(ptr, p.name), x->pos, x->pos, st.chain, "'" + p.name + "' is empty", p.name, p.severity);
      for (const Node* v : vals) {
        std::string s = v->kind == NodeKind::Bool ? (v->boolean ? "true" : "false") : v->text;
        if (v->is_object() || v->is_array() || std::find(p.values.begin(), p.values.end(), s) == p.values.end()) {
          std::string allowed;
          for (const std::string& a : p.values) allowed += (allowed.empty() ? "" : ", ") + a;
          report(p.rule, st.doc, append_pointer(ptr, p.name), v->pos, value_end(*v), st.chain,
                 "'" + p.name + "' value '" + s + "' is not one of: " + allowed, p.name + "=" + s, p.severity);
        }
      }
    }
  }

  // ---- whole-API rules --------------------------------------------------------------------

  bool overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    if (!settings_.project_mode) return true;
    for (const std::string& x : a)
      if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    return false;
  }
  int group_of(int root) const {
    if (!settings_.project_mode) return root;
    return roots_[static_cast<size_t>(root)].in_bundle ? -1 : root;
  }

  void finish() {
    // operationId unique (per API; in a project, per bundle = shared audience).
    std::unordered_map<std::string, std::vector<size_t>> by_id;
    for (size_t i = 0; i < ops_.size(); ++i)
      if (!ops_[i].operation_id.empty())
        by_id[std::to_string(group_of(ops_[i].root)) + "|" + ops_[i].operation_id].push_back(i);
    for (size_t i = 0; i < ops_.size(); ++i) {
      const OpFact& o = ops_[i];
      if (o.operation_id.empty()) continue;
      for (size_t j : by_id[std::to_string(group_of(o.root)) + "|" + o.operation_id]) {
        if (j >= i) break;
        if (!overlap(o.audiences, ops_[j].audiences)) continue;
        report("operation-operationId-unique", o.doc, append_pointer(o.pointer, "operationId"), o.id_pos, o.id_pos, o.chain,
               "operationId '" + o.operation_id + "' is also used by " + upper_method(ops_[j].method) + " " + ops_[j].path +
                   " (" + rel_hint(ops_[j].doc) + ops_[j].pointer + ")");
        break;
      }
    }
    // Paths: identical templates, the same operation twice, ambiguity.
    std::map<size_t, std::vector<size_t>> by_len;
    for (size_t i = 0; i < paths_.size(); ++i) by_len[segments(paths_[i].path).size()].push_back(i);
    for (auto& [len, idx] : by_len) {
      (void)len;
      std::vector<std::vector<std::string>> segs;
      for (size_t i : idx) segs.push_back(segments(paths_[i].path));
      for (size_t a = 0; a < idx.size(); ++a) {
        const PathFact& A = paths_[idx[a]];
        bool reported_identical = false, reported_ambiguous = false;
        for (size_t b = 0; b < a; ++b) {
          const PathFact& B = paths_[idx[b]];
          if (group_of(A.root) != group_of(B.root)) continue;
          bool same_doc = A.root == B.root;
          std::string where = " (" + rel_hint(B.doc) + B.pointer + ")";
          if (A.path == B.path) {
            if (same_doc) continue;  // the YAML layer reports duplicate keys
            for (const auto& [ma, aa] : A.methods)
              for (const auto& [mb, ab] : B.methods)
                if (ma == mb && overlap(aa, ab))
                  report("operation-duplicate", A.doc, append_pointer(A.pointer, ma), A.pos, A.pos, -1,
                         upper_method(ma) + " " + A.path + " is also defined" + where, ma);
            continue;
          }
          bool identical = true, a_more = false, b_more = false;
          for (size_t s = 0; s < segs[a].size(); ++s) {
            bool ta = is_template_segment(segs[a][s]), tb = is_template_segment(segs[b][s]);
            if (ta && tb) {
              if (normalise_template(segs[a][s]) != normalise_template(segs[b][s])) identical = false;
              continue;
            }
            if (!ta && !tb) {
              if (segs[a][s] != segs[b][s]) { identical = false; a_more = b_more = false; break; }
              continue;
            }
            identical = false;
            (ta ? b_more : a_more) = true;
          }
          bool methods_meet = same_doc;
          for (const auto& [ma, aa] : A.methods)
            for (const auto& [mb, ab] : B.methods)
              if (ma == mb && overlap(aa, ab)) methods_meet = true;
          if (identical && !reported_identical && (same_doc || methods_meet)) {
            report("paths-identical", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                   "path '" + A.path + "' is the same as '" + B.path + "'" + where + " up to parameter names");
            reported_identical = true;
          } else if (!identical && a_more && b_more && !reported_ambiguous && methods_meet) {
            report("paths-ambiguous", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                   "a request could match both '" + A.path + "' and '" + B.path + "'" + where);
            reported_ambiguous = true;
          }
        }
      }
    }
    // Tags used by operations are declared at the top of their document's API.
    for (const TagUse& t : used_tags_) {
      const Node* tags = roots_[static_cast<size_t>(t.root)].doc->root.find("tags");
      bool found = false;
      if (tags)
        for (const Node& d : tags->items)
          if (d.string_at("name") == t.name) found = true;
      if (!found)
        report("operation-tag-defined", t.doc, t.pointer, t.pos, t.pos, t.chain,
               "tag '" + t.name + "' is not declared in the top-level tags");
    }
    // Components nothing references (when the rule is off, nothing was tracked).
    if (!component_unused_) return;
    for (const Defined& d : defined_) {
      std::string key = d.doc->path + "#" + d.pointer;
      bool used = false;
      if (d.section == "securitySchemes") used = used_schemes_.count(d.doc->path + "#" + d.name) > 0;
      auto it = used_.lower_bound(key);
      if (it != used_.end() && (*it == key || it->compare(0, key.size() + 1, key + "/") == 0)) used = true;
      if (!used)
        report("component-unused", d.doc, d.pointer, d.pos, key_end(d.pos, d.name), d.chain,
               "components/" + d.section + "/" + d.name + " is not referenced");
    }
  }

  std::string rel_hint(const Document* d) const { return d ? d->display + "#" : ""; }

  struct TagUse {
    int root;
    std::string name;
    const Document* doc;
    std::string pointer;
    SourcePos pos;
    int chain;
  };
  struct Defined {
    const Document* doc;
    std::string section, name, pointer;
    SourcePos pos;
    int chain;
  };

  DocumentSet& docs_;
  const Settings& settings_;
  // Whether these costly rules can be on anywhere (see Settings::rules_off).
  const bool example_valid_, default_valid_, enum_consistent_, type_consistent_, required_defined_,
      component_unused_, unsafe_html_, pattern_invalid_;
  std::vector<RootInfo> roots_;
  std::set<std::string> root_set_;
  std::vector<RawFinding> raw_;
  std::vector<IgnoreEntry> ignores_;
  std::vector<std::vector<RefHop>> chains_;
  std::unordered_set<std::string> queued_;
  std::deque<Work> queue_;
  std::set<std::string> used_;
  std::set<std::string> used_schemes_;
  std::vector<OpFact> ops_;
  std::vector<PathFact> paths_;
  std::vector<TagUse> used_tags_;
  std::vector<Defined> defined_;
  size_t diag_seen_ = 0;
};

// ---- profiles ---------------------------------------------------------------------------

const CheckProfileConfig* find_profile(const CheckConfig& c, const std::string& name) {
  for (const CheckProfileConfig& p : c.profiles)
    if (p.name == name) return &p;
  return nullptr;
}

struct Effective {
  int builtin = 1;  // 0 spec, 1 recommended, 2 strict
  std::map<std::string, int> rules;
  std::vector<const CheckOverride*> overrides;
};

bool resolve_profile(const CheckConfig& c, const std::string& name, Effective& e, Settings& s,
                     std::string& error) {
  std::vector<const CheckProfileConfig*> chain;
  std::string cur = name.empty() ? "recommended" : name;
  for (int guard = 0;; ++guard) {
    if (cur == "spec") { e.builtin = 0; break; }
    if (cur == "recommended") { e.builtin = 1; break; }
    if (cur == "strict") { e.builtin = 2; break; }
    const CheckProfileConfig* p = find_profile(c, cur);
    if (!p) {
      error = "unknown check profile '" + cur + "' (spec, recommended, strict" +
              std::string(c.profiles.empty() ? "" : ", or one under check.profiles") + ")";
      return false;
    }
    if (guard > 16) {
      error = "check profile '" + name + "' extends itself";
      return false;
    }
    chain.push_back(p);
    cur = p->extends.empty() ? "recommended" : p->extends;
  }
  std::reverse(chain.begin(), chain.end());
  chain.insert(chain.begin(), &c.common);
  for (const CheckProfileConfig* p : chain) {
    for (const auto& [rule, sev] : p->rules) e.rules[rule] = sev;
    for (const CheckOverride& o : p->overrides) e.overrides.push_back(&o);
    for (const ExtensionPolicy& x : p->extensions) s.extensions.push_back(x);
    for (const auto& [what, style] : p->naming) s.naming[what] = style;
  }
  // strict without a naming section: operationIds in camelCase, the common convention.
  if (s.naming.empty() && e.builtin == 2) s.naming["operationId"] = "camelCase";
  // Configured naming conventions turn their rule on unless the profile says otherwise.
  if (!s.naming.empty() && !e.rules.count("naming-convention")) e.rules["naming-convention"] = WARN;
  return true;
}

// Messages may quote the input (a parser's "unknown escape character: \xff"); reports are
// JSON, SARIF and XML, so invalid UTF-8 becomes U+FFFD.
std::string valid_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
    if (ok && n == 1 && c < 0x20 && c != '\n' && c != '\t') ok = false;  // control characters
    if (ok) {
      out.append(s, i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

bool pointer_has_prefix(const std::string& p, const std::string& prefix) {
  if (prefix.empty() || prefix == "/") return true;
  if (p.compare(0, prefix.size(), prefix) != 0) return false;
  return p.size() == prefix.size() || p[prefix.size()] == '/' || prefix.back() == '/';
}

}  // namespace

bool run_check(const CheckOptions& options, CheckResult& result, std::string& fatal_error) {
  result = CheckResult{};
  ProjectConfig config;
  bool have_config = false;
  std::string config_path = options.config_path;
  if (config_path.empty() && options.inputs.empty()) {
    std::error_code ec;
    if (fs::is_regular_file("apiref.yaml", ec)) config_path = "apiref.yaml";
  }
  if (!config_path.empty()) {
    Diagnostics d;
    bool ok = load_project_config(config_path, config, d);
    // A check-only apiref.yaml (no bundles) is fine when the inputs are given.
    bool only_bundles = !d.empty();
    for (const Diagnostic& x : d)
      if (x.severity == Severity::Error && x.where.pointer.rfind("/bundles", 0) != 0) only_bundles = false;
    if (!ok && !(only_bundles && !options.inputs.empty())) {
      fatal_error = "cannot use " + config_path;
      for (const Diagnostic& x : d)
        if (x.severity == Severity::Error) fatal_error += "\n" + format_diagnostic(x);
      return false;
    }
    have_config = true;
  }
  Settings settings;
  Effective eff;
  std::string profile = options.profile;
  if ((profile.empty() || options.spec_rules_project_severities) && have_config) profile = config.check.profile;
  if (options.spec_rules_project_severities && profile.empty()) profile = "spec";
  if (!resolve_profile(config.check, profile, eff, settings, fatal_error)) return false;
  if (options.spec_rules_project_severities) {
    eff.builtin = 0;
    settings.extensions.clear();
    settings.naming.clear();
  }

  std::vector<std::string> roots;
  std::string base_dir;
  if (!options.inputs.empty()) {
    for (const std::string& i : options.inputs) {
      std::error_code ec;
      if (!fs::is_regular_file(i, ec)) {
        fatal_error = "input " + i + " is not a readable file";
        return false;
      }
      roots.push_back(normalise_path(i));
    }
    base_dir = have_config ? config.dir : normalise_path(".");
  } else if (have_config) {
    settings.project_mode = config.description.empty();  // a project around one file checks it as a file
    ProjectPlan plan = plan_project(config);
    std::set<std::string> seen;
    for (const std::string& b : plan.bases) {
      seen.insert(b);
      roots.push_back(b);
      settings.bases.insert(b);
    }
    if (!config.description.empty()) roots.push_back(config.description);
    else
      for (const PlannedConstruct& c : plan.constructs)
        if (seen.insert(c.file).second) roots.push_back(c.file);
    base_dir = config.dir;
  }
  if (roots.empty()) {
    fatal_error = "nothing to check: give input files or an apiref.yaml with bundles";
    return false;
  }
  ResolveOptions ro;
  ro.allow_outside_root = options.allow_outside_root;
  ro.cache = options.documents;
  if (have_config) {
    ro.root_dir = config.dir;
  } else {
    // The deepest folder holding every input.
    fs::path common = fs::path(roots[0]).parent_path();
    for (const std::string& r : roots)
      while (!path_is_within(r, common.generic_string()) && common.has_parent_path() && common != common.root_path())
        common = common.parent_path();
    ro.root_dir = common.generic_string();
  }
  std::map<std::string, int> builtin;
  for (const RuleInfo& r : check_rules())
    builtin[r.id] = eff.builtin == 0 ? r.spec : eff.builtin == 1 ? r.recommended : r.strict;
  if (options.spec_rules_project_severities) {
    // Only the project's severities of rules the spec profile runs; the others stay off.
    for (auto it = eff.rules.begin(); it != eff.rules.end();)
      it = builtin[it->first] < 0 ? eff.rules.erase(it) : std::next(it);
    for (const RuleInfo& r : check_rules())
      if (r.spec < 0) eff.rules[r.id] = OFF;
  }
  for (const RuleInfo& r : check_rules()) {
    int sev = builtin[r.id];
    if (auto it = eff.rules.find(r.id); it != eff.rules.end()) sev = it->second;
    bool maybe_on = sev >= 0;
    for (const CheckOverride* o : eff.overrides)
      for (const auto& [rule, s] : o->rules)
        if ((rule == r.id || rule == "*") && s >= 0 && !(options.spec_rules_project_severities && r.spec < 0))
          maybe_on = true;
    if (!maybe_on) settings.rules_off.insert(r.id);
  }
  DocumentSet docs(ro);
  Checker checker(docs, settings);
  checker.run(roots);

  auto rel = [&](const std::string& abs) {
    if (abs.empty()) return abs;
    if (!base_dir.empty() && path_is_within(abs, base_dir))
      return fs::path(abs).lexically_relative(base_dir).generic_string();
    return abs;
  };
  std::map<std::string, size_t> seen;  // place -> index in result.findings
  for (RawFinding& f : checker.raw()) {
    Finding out;
    out.rule = f.rule;
    out.file = rel(f.abs_file);
    out.pointer = f.pointer;
    // Severity: built-in profile (or the fixed one), then the project's rules, then overrides.
    int sev = f.severity != -2 ? f.severity : builtin.count(f.rule) ? builtin[f.rule] : ERR;
    if (f.severity != -2 && builtin.count(f.rule) && f.rule != "extension-policy") sev = builtin[f.rule];
    if (auto it = eff.rules.find(f.rule); it != eff.rules.end()) sev = it->second;
    for (const CheckOverride* o : eff.overrides) {
      bool file_ok = o->files.empty();
      for (const std::string& g : o->files)
        if (glob_match(g, out.file)) file_ok = true;
      bool ptr_ok = o->pointers.empty();
      for (const std::string& p : o->pointers)
        if (pointer_has_prefix(out.pointer, p)) ptr_ok = true;
      if (!file_ok || !ptr_ok) continue;
      for (const auto& [rule, s] : o->rules)
        if (rule == f.rule || rule == "*") sev = s;
    }
    if (options.spec_rules_project_severities && builtin.count(f.rule) && builtin[f.rule] < 0) sev = OFF;
    if (sev < 0) continue;
    bool ignored = false;
    for (const IgnoreEntry& ig : checker.ignores()) {
      if (ig.file != f.abs_file || !pointer_has_prefix(f.pointer, ig.pointer)) continue;
      for (const std::string& r : ig.rules)
        if (r == f.rule || r == "*" || r == "all") ignored = true;
    }
    if (ignored) continue;
    std::string place = f.rule + "\n" + out.file + "\n" + out.pointer + "\n" + f.discriminator + "\n" +
                        std::to_string(f.start.line) + ":" + std::to_string(f.start.col);
    if (auto it = seen.find(place); it != seen.end()) {
      // The same place met twice (a look-up before the walk): keep the $ref chain if one has it.
      Finding& first = result.findings[it->second];
      if (first.ref_chain.empty() && f.chain >= 0)
        for (RefHop h : checker.chains()[static_cast<size_t>(f.chain)]) {
          h.file = rel(h.file);
          first.ref_chain.push_back(std::move(h));
        }
      continue;
    }
    seen.emplace(place, result.findings.size());
    out.severity = static_cast<FindingSeverity>(sev);
    out.message = valid_utf8(f.message);
    // A finding always names a line: problems of a whole (e.g. empty) file sit at 1:1.
    out.start = f.start.line ? f.start : SourcePos{1, 1};
    out.end = f.end.line ? f.end : out.start;
    if (f.chain >= 0)
      for (RefHop h : checker.chains()[static_cast<size_t>(f.chain)]) {
        h.file = rel(h.file);
        out.ref_chain.push_back(std::move(h));
      }
    out.fingerprint = finding_fingerprint(out.rule, out.file, out.pointer, f.discriminator);
    result.findings.push_back(std::move(out));
  }
  std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.start.line != b.start.line) return a.start.line < b.start.line;
    if (a.start.col != b.start.col) return a.start.col < b.start.col;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.pointer < b.pointer;
  });
  for (const std::string& f : docs.files()) result.files.push_back(rel(f));
  for (const std::string& r : roots) result.roots.push_back(rel(r));
  return true;
}

}  // namespace apiref
