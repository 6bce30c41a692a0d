// The machinery both bundle modes share (internal to the bundle stage): copying a subtree
// while rewriting every $ref, and turning referenced objects into named components.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bundle/source_map.h"
#include "resolve/oas_context.h"
#include "resolve/resolve.h"

namespace apiref {

// Proposes a component name for a referenced object: the name its author gave it. Where two
// objects propose one name, an object with the same content as the one holding it shares it;
// another one is told apart by its qualifier.
using ComponentNamer =
    std::function<std::string(const RefTarget& target, const std::string& kind)>;
// A readable word that tells a referenced object apart from the one, in the file `holder`,
// that already has its name (the construct's version or title); "" for none, which falls back
// to a number.
using ComponentQualifier = std::function<std::string(const RefTarget& target, const std::string& holder)>;

// One change a rewrite makes: `value` replaces the node reached from the rewritten node by
// `path` (member or item indices, one per level).
struct Patch {
  std::vector<uint32_t> path;
  Node value;
};

// Component keys must match ^[a-zA-Z0-9._-]+$ (OpenAPI 3.x); anything else becomes '_'.
std::string sanitise_component_name(const std::string& s);

class Bundler {
 public:
  Bundler(DocumentSet& docs, bool dereference, ComponentNamer namer, ComponentQualifier qualifier = nullptr);

  // Objects whose components already exist in the output under a fixed name (the root
  // document's own components): refs to them are pointed there, nothing is copied.
  void register_existing(const RefTarget& target, const std::string& kind, const std::string& name);
  // Internal refs of this document are kept as written (single-file mode, root document).
  void keep_internal_refs_of(const Document* doc) { keep_internal_of_ = doc; }

  // Where each copy (and each component) goes in the output, and where it came from, from now
  // on; null (the default): nowhere.
  void record_origins(SourceMap* map) { origins_ = map; }

  // A copy of `n` (found at `pointer` in `doc`, in context `ctx`) with every $ref rewritten
  // to point into the output document, or inlined. `at`: the pointer the copy will have in the
  // output, for the source map.
  Node rewrite(const Document& doc, const Node& n, const std::string& pointer, OasContext ctx,
               const std::string& at);
  // What rewrite() changes in `n`, for a caller that has its own copy of `n` to change (most
  // of a document comes out of a bundle unchanged, and GitHub's is 13 MB). Same findings and
  // components, in the same order, as rewrite().
  std::vector<Patch> rewrite_patches(const Document& doc, const Node& n, const std::string& pointer,
                                     OasContext ctx, const std::string& at);
  static void apply_patches(Node& n, std::vector<Patch>& patches);

  // The "#/components/<kind>/<name>" a target is stored under, creating it on first use.
  std::string component_ref(const RefTarget& target, const std::string& kind);
  // The name (without the kind) of a target's component, creating it on first use.
  std::string component_name(const RefTarget& target, const std::string& kind);

  // Components created so far, by kind in a fixed order, each in first-use order.
  // Appends them to `components` (an object, created if null).
  void append_components(Node& components) const;
  // Whether append_components has anything to add.
  bool created_any() const;
  // What readers should call the components whose key had to be told apart from another of
  // the same name: "kind/key" -> "Workspace (v1beta3)". Others are called by their key.
  const std::map<std::string, std::string>& display_names() const { return display_names_; }

 private:
  struct Walk;
  void collect(const Document& doc, const Node& n, OasContext ctx, Walk& walk);
  // nullopt: the node comes out as it went in.
  // `at`: the ref object's pointer in the output (only needed, and only given, when inlining
  // with a source map).
  std::optional<Node> rewrite_ref(const Document& doc, const Node& n, const std::string& pointer, OasContext ctx,
                                  const std::string& at);
  std::optional<Node> rewrite_discriminator(const Document& doc, const Node& n, const std::string& pointer);
  Node inline_target(const RefTarget& t, const Node& ref_object, OasContext ctx, const std::string& at);
  static void merge_into(Node& target, const Member& m);

  // The component `name` of `kind` was given to, when it has the same content as `content`.
  std::optional<std::string> same_content(const std::string& kind, const std::string& base, const Node& content) const;

  DocumentSet& docs_;
  bool dereference_;
  ComponentNamer namer_;
  ComponentQualifier qualifier_;
  std::map<std::string, std::vector<std::string>> by_base_name_;  // "kind/proposed" -> names created for it
  std::map<std::string, std::string> holder_;  // "kind/name" -> the file of the object it holds
  std::map<std::string, int> next_number_;     // "kind/name" -> the next number to try after it
  std::map<std::string, std::string> display_names_;
  std::set<std::string> referenced_while_made_;  // targets referred to from inside their own content
  const Document* keep_internal_of_ = nullptr;
  SourceMap* origins_ = nullptr;
  struct Named {
    std::string kind;
    std::string name;
  };
  std::map<std::string, Named> names_;  // target key -> component
  std::set<std::string> taken_;         // "kind/name"
  std::map<std::string, std::vector<Member>> created_;  // kind -> components, first-use order
  std::vector<std::string> inlining_;   // targets being inlined now (cycle detection)
};

}  // namespace apiref
