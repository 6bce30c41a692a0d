// The diff's entry point, its rule table, and the changes as findings.
#include "diff/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "check/check.h"
#include "diff/differ.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

using namespace diff_internal;

namespace {

constexpr ChangeLevel B = ChangeLevel::Breaking;
constexpr ChangeLevel W = ChangeLevel::Warning;
constexpr ChangeLevel I = ChangeLevel::Info;

const std::vector<DiffRuleInfo> kRules = {
    // Bundles, paths, operations
    {"bundle-removed", B, "a bundle (an audience's API) is gone"},
    {"bundle-added", I, "a new bundle"},
    {"path-removed", B, "a path and every operation on it are gone"},
    {"path-added", I, "a new path"},
    {"operation-removed", B, "an operation is gone"},
    {"operation-added", I, "a new operation"},
    {"operation-id-changed", W, "an operation's operationId changed (generated clients rename the method)"},
    {"operation-deprecated", I, "an operation is now deprecated"},
    {"operation-undeprecated", I, "an operation is no longer deprecated"},
    {"operation-audience-changed", W, "an operation's x-internal audiences changed"},
    // Servers and security
    {"server-removed", B, "a server URL is gone"},
    {"server-added", I, "a new server URL"},
    {"security-added-to-open-operation", B, "an operation that took no credentials now requires them"},
    {"security-requirement-changed", B, "an operation requires credentials it did not accept before"},
    {"security-alternative-added", I, "an operation accepts a further way to authenticate"},
    {"security-removed", I, "an operation no longer requires credentials"},
    {"security-scope-added", B, "an operation's OAuth requirement needs a further scope"},
    {"security-scheme-changed", B, "a security scheme's type, location, name or HTTP scheme changed"},
    {"security-scheme-removed", B, "a security scheme is gone"},
    // Parameters
    {"parameter-added-required", B, "a new required parameter"},
    {"parameter-added", I, "a new optional parameter"},
    {"parameter-removed", W, "a parameter is gone (clients still send it)"},
    {"parameter-made-required", B, "an optional parameter is now required"},
    {"parameter-made-optional", I, "a required parameter is now optional"},
    {"parameter-moved", B, "a parameter moved (query, header, path or cookie)"},
    {"parameter-renamed", B, "a parameter has a new name"},
    {"path-parameter-renamed", I, "a path template's variable has a new name (the URL is the same)"},
    {"parameter-style-changed", B, "a parameter's style or explode changed (its serialisation)"},
    {"parameter-deprecated", I, "a parameter is now deprecated"},
    // Request bodies
    {"request-body-added-required", B, "a new required request body"},
    {"request-body-added", I, "a new optional request body"},
    {"request-body-removed", W, "the request body is gone (clients still send it)"},
    {"request-body-made-required", B, "the request body is now required"},
    {"request-body-made-optional", I, "the request body is now optional"},
    {"request-media-type-removed", B, "a request media type is no longer accepted"},
    {"request-media-type-added", I, "a further request media type is accepted"},
    // Responses
    {"response-success-status-removed", B, "a success (2xx/3xx) response status is gone"},
    {"response-status-removed", W, "an error response status is gone"},
    {"response-status-added", I, "a new response status"},
    {"response-media-type-removed", B, "a response media type is gone"},
    {"response-media-type-added", I, "a new response media type"},
    {"response-header-removed", W, "a response header is gone"},
    // Schemas, in requests (bodies and parameters)
    {"request-type-changed", B, "a request value's type changed"},
    {"request-type-narrowed", B, "a request value accepts fewer types (or no longer null)"},
    {"request-type-widened", I, "a request value accepts more types"},
    {"request-format-changed", B, "a request value's format changed"},
    {"request-enum-value-removed", B, "a request value no longer accepts an enum value"},
    {"request-enum-value-added", I, "a request value accepts a further enum value"},
    {"request-enum-added", B, "a request value is now restricted to an enum"},
    {"request-bounds-narrowed", B, "a request value's bounds are tighter (maximum, minLength, maxItems, ...)"},
    {"request-bounds-widened", I, "a request value's bounds are looser"},
    {"request-pattern-changed", W, "a request value's pattern changed or was added"},
    {"request-property-added-required", B, "a request body has a new required property"},
    {"request-property-added", I, "a request body has a new optional property"},
    {"request-property-removed", W, "a request property is gone (clients still send it)"},
    {"request-property-made-required", B, "a request property is now required"},
    {"request-property-made-optional", I, "a request property is now optional"},
    {"request-property-became-read-only", W, "a request property is now readOnly (the server ignores it)"},
    {"request-variant-removed", B, "a oneOf/anyOf alternative of a request value is gone"},
    {"request-variant-added", I, "a request value accepts a further oneOf/anyOf alternative"},
    // Schemas, in responses
    {"response-type-changed", B, "a response value's type changed"},
    {"response-type-widened", B, "a response value may have more types (or null)"},
    {"response-type-narrowed", I, "a response value has fewer types"},
    {"response-format-changed", W, "a response value's format changed"},
    {"response-enum-value-added", W, "a response value may have a further enum value"},
    {"response-enum-value-removed", I, "a response value no longer has an enum value"},
    {"response-bounds-widened", W, "a response value's bounds are looser"},
    {"response-bounds-narrowed", I, "a response value's bounds are tighter"},
    {"response-pattern-changed", I, "a response value's pattern changed"},
    {"request-additional-properties-closed", B, "a request object no longer accepts properties it does not list"},
    {"request-additional-properties-opened", I, "a request object now accepts properties it does not list"},
    {"response-additional-properties-opened", W, "a response object may now have properties it does not list"},
    {"response-additional-properties-closed", I, "a response object no longer has properties it does not list"},
    {"request-default-changed", W, "a request value's default changed (what a client that leaves it out gets)"},
    {"response-default-changed", I, "a response value's default changed"},
    {"response-property-removed", B, "a response property is gone"},
    {"response-property-made-optional", B, "a response property is no longer always there"},
    {"response-property-added", I, "a response has a new property"},
    {"response-property-made-required", I, "a response property is now always there"},
    {"response-property-became-write-only", B, "a response property is now writeOnly (no longer returned)"},
    {"response-variant-added", W, "a response value may take a further oneOf/anyOf alternative"},
    {"response-variant-removed", I, "a oneOf/anyOf alternative of a response value is gone"},
    // Either direction
    {"property-access-changed", I, "a property's readOnly or writeOnly changed otherwise"},
    {"schema-deprecated", I, "a schema or property is now deprecated"},
};

const DiffRuleInfo* find_rule(std::string_view id) {
  for (const DiffRuleInfo& r : kRules)
    if (id == r.id) return &r;
  return nullptr;
}

// Operations' "method path" from the model, with path template variables as {}: the key by
// which two versions' operations are the same operation.
std::string template_key(const std::string& path) {
  std::string out;
  bool in_var = false;
  for (char c : path) {
    if (c == '{') in_var = true, out += "{}";
    else if (c == '}') in_var = false;
    else if (!in_var) out += c;
  }
  return out;
}

bool place_less(const ChangePlace& a, const ChangePlace& b) {
  return std::tie(a.file, a.pointer) < std::tie(b.file, b.pointer);
}

}  // namespace

const char* change_level_name(ChangeLevel level) {
  switch (level) {
    case ChangeLevel::Breaking: return "breaking";
    case ChangeLevel::Warning: return "warning";
    case ChangeLevel::Info: return "info";
  }
  return "info";
}

const std::vector<DiffRuleInfo>& diff_rules() { return kRules; }

Change bundle_change(const std::string& bundle, bool removed, const ChangePlace& old_place, const ChangePlace& new_place) {
  Change c;
  c.rule = removed ? "bundle-removed" : "bundle-added";
  c.level = find_rule(c.rule)->level;
  c.message = "bundle " + bundle + (removed ? " removed" : " added");
  c.old_place = old_place;
  c.new_place = new_place;
  return c;
}

namespace diff_internal {

std::string child(const std::string& pointer, std::string_view token) { return append_pointer(pointer, token); }
std::string child(const std::string& pointer, size_t index) { return pointer + "/" + std::to_string(index); }

std::string scalar_text(const Node* n) {
  if (!n) return "";
  if (n->kind == NodeKind::Bool) return n->boolean ? "true" : "false";
  if (n->kind == NodeKind::Null) return "null";
  return n->text;
}

bool truthy(const Node* n) { return n && n->kind == NodeKind::Bool && n->boolean; }

Located Differ::deref(const Node& doc, const Node* n, const std::string& pointer) const {
  Located at{n, pointer};
  for (int hops = 0; at.node; ++hops) {
    const Node* r = at.node->find("$ref");
    if (!r || !r->is_string()) break;
    if (hops > 64) return {};  // a chain that long is a cycle
    const std::string& ref = r->text;
    if (ref.empty() || ref[0] != '#') return {};
    auto decoded = text::percent_decode(std::string_view(ref).substr(1));
    if (!decoded) return {};
    auto tokens = parse_pointer(*decoded);
    if (!tokens) return {};
    at = Located{resolve_pointer(doc, *tokens), *decoded};
  }
  return at;
}

// Where a node of a side is: through the bundle's source map when it has one (the node keeps
// the line:col it had in the file it was copied from), else in the side's file as it is.
static ChangePlace change_place_of(const DiffSide& side, const Located& l) {
  ChangePlace p{side.file, l.pointer, {}};
  bool positions = side.positions;
  if (side.origins) {
    std::optional<SourceOrigin> origin = side.origins->origin_of(l.pointer);
    positions = origin.has_value();
    if (origin) {
      p.file = side.file_name ? side.file_name(origin->file) : origin->file;
      p.file_pointer = std::move(origin->pointer);
    }
  }
  if (positions && l.node) p.pos = l.node->pos;
  return p;
}

void Differ::emit(const char* rule, std::string message, const Located& o, const Located& n) {
  const DiffRuleInfo* info = find_rule(rule);
  Change c;
  c.rule = rule;
  c.level = info ? info->level : ChangeLevel::Info;
  c.message = std::move(message);
  c.old_place = change_place_of(old_side, o);
  c.new_place = change_place_of(new_side, n);
  out.changes.push_back(std::move(c));
}

}  // namespace diff_internal

DiffResult diff_models(const DiffSide& old_side, const DiffSide& new_side, const DiffLimits& limits) {
  DiffResult result;
  if (!old_side.model || !new_side.model || !old_side.model->document || !new_side.model->document) return result;
  Differ d{*old_side.model->document, *new_side.model->document, old_side, new_side, limits, result, {}};
  diff_operations(d);
  // A change reached from several operations (a shared component) is one change.
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::vector<Change> unique;
  for (Change& c : result.changes)
    if (seen.emplace(c.rule, c.old_place.pointer, c.new_place.pointer).second) unique.push_back(std::move(c));
  std::stable_sort(unique.begin(), unique.end(), [](const Change& a, const Change& b) {
    if (a.level != b.level) return a.level > b.level;
    if (a.rule != b.rule) return a.rule < b.rule;
    return place_less(a.new_place, b.new_place);
  });
  result.changes = std::move(unique);
  return result;
}

CheckResult diff_findings(const std::vector<Change>& changes, const std::vector<std::string>& files) {
  CheckResult r;
  r.files = files;
  r.roots = files;
  for (const Change& c : changes) {
    Finding f;
    f.rule = c.rule;
    f.severity = c.level == ChangeLevel::Breaking  ? FindingSeverity::Error
                 : c.level == ChangeLevel::Warning ? FindingSeverity::Warning
                                                   : FindingSeverity::Info;
    f.message = c.message;
    f.file = c.new_place.file;
    f.pointer = c.new_place.shown_pointer();
    f.start = f.end = c.new_place.pos;
    f.related.push_back({"was", c.old_place.file, c.old_place.shown_pointer(), c.old_place.pos});
    f.fingerprint = finding_fingerprint(c.rule, c.new_place.file, c.new_place.pointer, c.old_place.pointer);
    r.findings.push_back(std::move(f));
  }
  return r;
}

namespace diff_internal {
std::string operation_key(const Operation& op) {
  return (op.is_webhook ? "webhook " : "") + op.method + " " + (op.is_webhook ? op.path : template_key(op.path));
}
}  // namespace diff_internal

}  // namespace apiref
