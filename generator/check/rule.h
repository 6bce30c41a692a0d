// Internal to the check stage: what a family of rules sees of the engine. The engine
// (walk.cpp) walks the documents once, following $refs and validating the object model; a
// family (rules/*.cpp) declares its rules and the hooks the walk calls, and reports through
// the Walk it is given. Severities, profiles, overrides and x-lint-ignore are applied after the
// walk (check.cpp), so a rule only says what it found and where.
//
// Adding a rule: add it to its family's `rules` list and report it from one of the family's
// hooks. Adding a family: a new rules/<name>.cpp defining a RuleFamily, listed in
// rule_families() (check.cpp).
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "check/check.h"
#include "check/engine.h"
#include "check/model.h"
#include "config/config.h"
#include "resolve/oas_context.h"
#include "resolve/resolve.h"
#include "text/regex.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

// Severities, as RuleInfo and apiref.yaml give them.
constexpr int OFF = -1, HINT = 0, INFO = 1, WARN = 2, ERR = 3;

// Where the walk is.
struct St {
  const Document* doc = nullptr;
  int root = 0;  // index of the root document whose walk reached here
  bool v30 = true;
  uint8_t ver = oas::V30;  // the root's version bit (3.2 is 3.1 to the schema rules: v30 false)
  int chain = -1;    // the $ref chain that led here (Walk::chains)
  std::string path;  // the path template a PathItem is under ("" elsewhere)
};

struct RootInfo {
  const Document* doc = nullptr;
  bool v30 = true;
  uint8_t ver = oas::V30;
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

struct IgnoreEntry {
  std::string file;  // absolute
  std::string pointer;
  std::vector<std::string> rules;
};

// The keywords the schema rules read, found in one pass over the schema's members (looked up
// one by one, with the type-consistency scan, they were a fifth of the spec profile's walk on
// GitHub's description). The first of a name wins, as with Node::find.
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

class Walk;

// A family's part in one run. Every hook may be empty. The state a family keeps across the
// walk (operationIds seen, components defined...) lives in the closures `start` makes.
struct Hooks {
  // After the fields of an object of kind k (not a Schema) have been walked.
  std::function<void(const Node& n, const std::string& ptr, K k, const St& st)> object;
  // Each path of a Paths object, before its Path Item is walked.
  std::function<void(const Member& path, const std::string& ptr, const St& st)> path;
  // After the keywords of a Schema Object have been walked. `type` is its `type` member.
  std::function<void(const Node& n, const SchemaKeywords& k, const std::string& ptr, const St& st, const Node* type)> schema;
  // A description, summary or title string.
  std::function<void(const Node& text, const std::string& ptr, const St& st)> text;
  // Every $ref that resolves (extension content included).
  std::function<void(const RefTarget& target)> ref;
  // After the walk: the rules that need the whole API.
  std::function<void()> finish;
};

struct RuleFamily {
  const char* name;             // "paths"; its golden cases say `# family: paths`
  std::vector<RuleInfo> rules;  // the rules it reports, with their severities per profile
  Hooks (*start)(Walk& walk);   // nullptr: the rules are reported by the engine itself
};

// Every family, in the order their hooks run (check.cpp lists them).
const std::vector<const RuleFamily*>& rule_families();
// The families (rules/<name>.cpp).
const RuleFamily& input_family();
const RuleFamily& structure_family();
const RuleFamily& paths_family();
const RuleFamily& operations_family();
const RuleFamily& schemas_family();
const RuleFamily& examples_family();
const RuleFamily& security_family();
const RuleFamily& servers_family();
const RuleFamily& documentation_family();
const RuleFamily& components_family();
const RuleFamily& naming_family();
const RuleFamily& oas32_family();

// The object a (possibly $ref) node stands for.
struct Deref {
  const Document* doc = nullptr;
  const Node* node = nullptr;
  std::string pointer;
};

// The engine: one pass over the documents (each physical node walked once: root documents
// whole, other files from the places $refs reach), the object model checked as it goes.
class Walk {
 public:
  Walk(DocumentSet& docs, const Settings& settings);
  void run(const std::vector<std::string>& root_paths);

  // ---- for the rules ----
  const Settings& settings() const { return settings_; }
  // False when the profile, the project's rules and every override leave the rule off.
  bool rule_on(const char* id) const { return !settings_.rules_off.count(id); }
  void report(const std::string& rule, const Document* doc, const std::string& pointer, SourcePos start,
              SourcePos end, int chain, std::string message, std::string discriminator = "", int severity = -2);
  void at_key(const std::string& rule, const St& st, const std::string& ptr, const Member& m, std::string msg,
              std::string disc = "");
  void at_value(const std::string& rule, const St& st, const std::string& ptr, const Node& n, std::string msg,
                std::string disc = "");
  // Follows $refs without reporting (the walk reports); an empty Deref when they lead nowhere.
  Deref deref(const Document* doc, const Node& n, const std::string& ptr);
  SchemaResolver schema_resolver();
  // Compiled `pattern` keywords: one cache per check run, so a long `serve` session does not
  // keep every pattern it ever checked.
  text::PatternCache& patterns() { return patterns_; }
  const RootInfo& root(int i) const { return roots_[static_cast<size_t>(i)]; }
  bool is_root_file(const std::string& path) const { return root_set_.count(path) > 0; }
  // Operations of roots in one group share operationIds and paths: one API, or in a project
  // the bundle every merged construct ends up in.
  int group_of(int root) const;
  // Whether two operations can end up in one bundle (always, outside a project).
  bool audiences_meet(const std::vector<std::string>& a, const std::vector<std::string>& b) const;
  std::string rel_hint(const Document* d) const { return d ? d->display + "#" : ""; }

  // ---- results ----
  std::vector<RawFinding>& raw() { return raw_; }
  std::vector<IgnoreEntry>& ignores() { return ignores_; }
  const std::vector<std::vector<RefHop>>& chains() const { return chains_; }

 private:
  struct Work {
    St st;
    std::string pointer;
    K kind;
    const Node* node;
  };

  void collect_diagnostics(int chain);
  int extend_chain(int parent, const St& st, const std::string& ref_ptr, SourcePos pos);
  RefTarget resolve(const St& st, const Node& ref_object, const std::string& ptr);
  void follow_ref(const Node& n, const std::string& ptr, K k, const St& st);
  void drain();
  void note_ignores(const Node& n, const std::string& ptr, const St& st);
  void walk(const Node& n, const std::string& ptr, K k, const St& st, int depth);
  void scan_extension_refs(const Node& n, const std::string& ptr, const St& st, int depth);
  void walk_field(const Member& m, const Field& f, const std::string& mp, const St& st, int depth);
  void check_ref_siblings(const Node& n, const std::string& ptr, const St& st, bool schema);
  void walk_paths(const Node& n, const std::string& ptr, const St& st, int depth);
  void walk_responses(const Node& n, const std::string& ptr, const St& st, int depth);
  void walk_schema(const Node& n, const std::string& ptr, const St& st, int depth);
  void on_ref(const RefTarget& t);

  DocumentSet& docs_;
  const Settings& settings_;
  std::vector<decltype(Hooks::object)> object_hooks_;
  std::vector<decltype(Hooks::path)> path_hooks_;
  std::vector<decltype(Hooks::schema)> schema_hooks_;
  std::vector<decltype(Hooks::text)> text_hooks_;
  std::vector<decltype(Hooks::ref)> ref_hooks_;
  std::vector<decltype(Hooks::finish)> finish_hooks_;
  std::vector<RootInfo> roots_;
  std::set<std::string> root_set_;
  std::vector<RawFinding> raw_;
  std::vector<IgnoreEntry> ignores_;
  std::vector<std::vector<RefHop>> chains_;
  std::unordered_set<std::string> queued_;
  std::deque<Work> queue_;
  size_t diag_seen_ = 0;
  text::PatternCache patterns_;
};

// ---- small helpers the rules share (rule_util.cpp) ----

std::string upper_method(const std::string& m);  // "get" -> "GET"
const char* node_kind_word(const Node& n);       // "a string", "an object"...
SourcePos key_end(SourcePos p, const std::string& key);
SourcePos value_end(const Node& n);
// An x- extension key (inline: the walk asks for every member).
inline bool is_ext(const std::string& k) { return k.size() > 2 && k[0] == 'x' && k[1] == '-'; }
// Template variables of a path or server URL ("/a/{id}/b/{x}" -> id, x).
std::vector<std::string> path_vars(const std::string& path);
std::vector<std::string> segments(const std::string& path);  // split at '/'
bool is_template_segment(const std::string& s);
// Each operation of a path item at `ptr`: f(method member, pointer of the operation). The
// fixed methods (3.2's `query` among them), then, in a 3.2 document, the entries of
// additionalOperations (any method name, kept as written: "PURGE"), so that every rule on
// operations sees those too.
template <typename F>
void for_each_operation(const Node& item, const std::string& ptr, const St& st, F&& f) {
  for (const Member& m : item.members)
    if (is_http_method(m.key) && m.value.is_object()) f(m, append_pointer(ptr, m.key));
  if (!(st.ver & oas::V32)) return;
  const Node* more = item.find("additionalOperations");
  if (!more || !more->is_object()) return;
  std::string mp = append_pointer(ptr, "additionalOperations");
  for (const Member& m : more->members)
    if (!is_ext(m.key) && m.value.is_object()) f(m, append_pointer(mp, m.key));
}

}  // namespace check_internal
}  // namespace apiref
