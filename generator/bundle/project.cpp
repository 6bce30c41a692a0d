// Meshery-style projects: a base document per audience plus every construct under
// constructs/<version>/<name>/api.yml, merged into one document per bundle.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "bundle/bundle.h"
#include "bundle/bundler.h"
#include "bundle/naming.h"
#include "bundle/project_plan.h"
#include "tree/json_pointer.h"
#include "text/case.h"

namespace apiref {

namespace fs = std::filesystem;

namespace {

// A construct of the plan, once read.
struct Construct {
  PlannedConstruct planned;
  const Document* doc = nullptr;
  std::string title;    // info.title, else the folder's name: what tells its components apart
  std::string version;  // planned.version once read ("" for a file that cannot be read)
  bool active = false;  // merged: read, not deprecated, a supported OpenAPI version
};

// Writes the non-operation fields of a path item (summary, parameters, servers) before its
// operations, and 3.2's additionalOperations after them, as people write them.
void order_path_item(Node& item) {
  auto rank = [](const Member& m) { return is_http_method(m.key) ? 1 : m.key == "additionalOperations" ? 2 : 0; };
  std::stable_sort(item.members.begin(), item.members.end(),
                   [&](const Member& a, const Member& b) { return rank(a) < rank(b); });
}

// A merged document is written in the order OpenAPI's own examples use, whatever order the
// base document happened to have.
void order_top_level(Node& doc) {
  static const char* order[] = {"openapi", "info", "jsonSchemaDialect", "servers", "security",
                                "tags", "externalDocs", "paths", "webhooks", "components"};
  auto rank = [](const std::string& key) {
    for (size_t i = 0; i < std::size(order); ++i)
      if (key == order[i]) return i;
    return std::size(order);  // extensions and anything else keep their order, at the end
  };
  std::stable_sort(doc.members.begin(), doc.members.end(),
                   [&](const Member& a, const Member& b) { return rank(a.key) < rank(b.key); });
}

class ProjectBundler {
 public:
  ProjectBundler(DocumentSet& docs, const std::vector<Construct>& constructs, const BundleSpec& spec,
                 bool dereference)
      : docs_(docs),
        constructs_(constructs),
        spec_(spec),
        bundler_(docs, dereference,
                 [](const RefTarget& t, const std::string&) { return local_component_name(t); },
                 [this](const RefTarget& t, const std::string& holder) { return qualifier(t.doc->path, holder); }) {}

  BundleOutput run(const Document& base) {
    SourceMap origins;
    bundler_.record_origins(&origins);
    origins_of_ = &origins;
    register_own_components(bundler_, base, [](const std::string& n) { return n; });
    bundler_.keep_internal_refs_of(&base);
    Node out = bundler_.rewrite(base, base.root, "", OasContext::Root, "");
    merge_paths(base, true, nullptr);
    for (const Construct& c : constructs_)
      if (c.active) merge_paths(*c.doc, false, c.doc->root.find("security"));

    for (Member& p : paths_.members) order_path_item(p.value);
    out.set("paths", std::move(paths_));
    Node tags = out.find("tags") ? *out.find("tags") : Node::array();
    std::set<std::string> declared;
    for (const Node& t : tags.items) declared.insert(std::string(t.string_at("name")));
    // A tag is the author's grouping, not the construct's: constructs that declare the same tag
    // (`users` in Key and in User) share one declaration, the first.
    for (ConstructTag& t : construct_tags_) {
      if (!declared.insert(std::string(t.tag.string_at("name"))).second) continue;
      origins_of_->add(append_pointer("/tags", std::to_string(tags.items.size())), t.file, t.pointer);
      tags.items.push_back(std::move(t.tag));
    }
    if (!tags.items.empty()) out.set("tags", std::move(tags));
    Node* existing = out.find("components");  // moved out and back: it is set again below
    Node components = existing ? std::move(*existing) : Node();
    bundler_.append_components(components);
    if (!components.is_null()) out.set("components", std::move(components));
    order_top_level(out);
    BundleOutput result{spec_.name, spec_.audience, std::move(out)};
    result.display_names = bundler_.display_names();
    bundler_.record_origins(nullptr);
    origins_of_ = nullptr;
    result.origins = std::move(origins);
    return result;
  }

 private:
  // The construct a file belongs to (nullptr for the base). Remembered per file: it is asked
  // for every component, and path arithmetic is slow.
  const Construct* owner(const std::string& path) {
    auto known = owners_.find(path);
    if (known != owners_.end()) return known->second;
    const Construct* best = nullptr;
    for (const Construct& c : constructs_)
      if (path_is_within(path, c.planned.dir) && (!best || c.planned.dir.size() > best->planned.dir.size())) best = &c;
    return owners_.emplace(path, best).first->second;
  }

  // What tells a component of `path` apart from the one of `holder` with the same name, as a
  // reader would: the construct's version where the versions differ ("Model (v1beta2)"), its
  // title where they do not ("page (credential)"), both where neither is enough.
  std::string qualifier(const std::string& path, const std::string& holder) {
    const Construct* mine = owner(path);
    const Construct* theirs = holder.empty() ? nullptr : owner(holder);
    if (!mine) return fs::path(path).stem().string();
    if (!theirs || theirs->version != mine->version) return mine->version;
    if (theirs->title != mine->title) return mine->title;
    return mine->title + " " + mine->version + " " + fs::path(path).stem().string();
  }

  // The output name of a security scheme a requirement in `doc` names.
  std::string scheme_name(const Document& doc, const std::string& name, const Location& where) {
    const Node* schemes = doc.root.find("components");
    schemes = schemes ? schemes->find("securitySchemes") : nullptr;
    const Node* scheme = schemes ? schemes->find(name) : nullptr;
    if (!scheme) {
      docs_.diagnostics().push_back(
          {Severity::Error, "security-scheme-undefined",
           "security requirement names '" + name + "', which " + doc.display +
               " does not define under components.securitySchemes",
           where, {}});
      return name;
    }
    RefTarget t;
    t.doc = &doc;
    t.node = scheme;
    t.pointer = append_pointer("/components/securitySchemes", name);
    return bundler_.component_name(t, "securitySchemes");
  }

  Node rename_security(const Document& doc, const Node& security, const std::string& pointer) {
    Node out = security;
    for (size_t i = 0; i < out.items.size(); ++i) {
      for (Member& m : out.items[i].members) {
        m.key = scheme_name(doc, m.key, {doc.display, pointer + "/" + std::to_string(i), m.key_pos});
      }
    }
    return out;
  }

  // One operation of a path item (a fixed method, or an entry of 3.2's additionalOperations,
  // which the bundle's audience filters alike), rewritten for the bundle; null when the
  // audience does not keep it or another document already defined it.
  Node merge_operation(const Document& doc, const Document& item_doc, const std::string& path, const Member& m,
                       const std::string& op_ptr, const std::string& op_at, const Node* root_security,
                       std::set<std::string>& tags_used) {
    if (!in_audience(m.value, spec_.audience)) return Node();
    Location here{item_doc.display, op_ptr, m.key_pos};
    std::string op_key = path + " " + m.key;
    auto seen = origins_.find(op_key);
    if (seen != origins_.end()) {
      docs_.diagnostics().push_back(
          {Severity::Error, "duplicate-operation",
           "operation " + upper(m.key) + " " + path + " is defined twice in bundle '" + spec_.name + "'", here,
           {seen->second}});
      return Node();
    }
    origins_[op_key] = here;
    Node op = bundler_.rewrite(item_doc, m.value, op_ptr, OasContext::Operation, op_at);
    if (const Node* tags = op.find("tags"))
      for (const Node& t : tags->items)
        if (t.is_string()) tags_used.insert(t.text);
    if (const Node* sec = m.value.find("security")) {
      op.set("security", rename_security(item_doc, *sec, append_pointer(op_ptr, "security")));
    } else if (root_security) {
      // The construct's default security applies to its operations; the merged
      // document's root security is the base's, so carry it down explicitly.
      op.set("security", rename_security(doc, *root_security, "/security"));
      origins_of_->add(op_at + "/security", doc.path, "/security");
    }
    return op;
  }

  void merge_paths(const Document& doc, bool is_base, const Node* root_security) {
    const Node* paths = doc.root.find("paths");
    if (!paths || !paths->is_object()) return;
    std::set<std::string> tags_used;
    for (const Member& entry : paths->members) {
      const Document* item_doc = &doc;
      std::string item_ptr = append_pointer("/paths", entry.key);
      const Node* item = &entry.value;
      if (item->is_ref()) {
        // A path item kept in another file (Meshery's *_operations.yml).
        RefTarget t = resolve_ref(docs_, doc, item->find("$ref")->text,
                                  append_pointer(item_ptr, "$ref"), *item->find("$ref"));
        if (!t) continue;
        item_doc = t.doc;
        item_ptr = t.pointer;
        item = t.node;
      }
      if (!item->is_object()) continue;
      Node out_item = Node::object(item->pos);
      Node more = Node::object();  // 3.2's additionalOperations kept for this bundle
      const Node* more_in = item->find("additionalOperations");
      for (const Member& m : item->members)
        if (is_http_method(m.key) && m.value.is_object())
          if (Node op = merge_operation(doc, *item_doc, entry.key, m, append_pointer(item_ptr, m.key),
                                        append_pointer(append_pointer("/paths", entry.key), m.key), root_security,
                                        tags_used);
              !op.is_null())
            out_item.members.push_back(Member{m.key, m.key_pos, std::move(op)});
      if (more_in && more_in->is_object()) {
        std::string more_ptr = append_pointer(item_ptr, "additionalOperations");
        for (const Member& m : more_in->members)
          if (m.value.is_object() && m.key.rfind("x-", 0) != 0)
            if (Node op = merge_operation(
                    doc, *item_doc, entry.key, m, append_pointer(more_ptr, m.key),
                    append_pointer(append_pointer(append_pointer("/paths", entry.key), "additionalOperations"), m.key),
                    root_security, tags_used);
                !op.is_null())
              more.members.push_back(Member{m.key, m.key_pos, std::move(op)});
      }
      if (out_item.members.empty() && more.members.empty()) continue;
      Node* existing = paths_.find(entry.key);
      std::string item_at = append_pointer("/paths", entry.key);
      if (!existing) origins_of_->add(item_at, item_doc->path, item_ptr);
      Node& target = existing ? *existing : paths_.set(entry.key, Node::object(item->pos), entry.key_pos);
      for (const Member& m : item->members) {
        if (is_http_method(m.key) || m.key == "additionalOperations" || target.find(m.key)) continue;
        target.members.push_back(Member{
            m.key, m.key_pos,
            bundler_.rewrite(*item_doc, m.value, append_pointer(item_ptr, m.key),
                             child_context(OasContext::PathItem, m.key), append_pointer(item_at, m.key))});
      }
      for (Member& m : out_item.members) target.members.push_back(std::move(m));
      if (!more.members.empty()) {
        Node* held = target.find("additionalOperations");
        Node& into = held ? *held : target.set("additionalOperations", Node::object(more_in->pos));
        for (Member& m : more.members) into.members.push_back(std::move(m));
      }
    }
    if (is_base) return;  // the base's own tags are already in the output
    if (const Node* tags = doc.root.find("tags")) {
      for (size_t i = 0; i < tags->items.size(); ++i) {
        const Node& t = tags->items[i];
        std::string name(t.string_at("name"));
        if (name.empty() || !tags_used.count(name)) continue;
        construct_tags_.push_back({t, doc.path, append_pointer("/tags", std::to_string(i))});
      }
    }
  }

  static std::string upper(const std::string& s) { return text::ascii_upper(s); }

  DocumentSet& docs_;
  const std::vector<Construct>& constructs_;
  const BundleSpec& spec_;
  Bundler bundler_;
  Node paths_ = Node::object();
  // A tag a construct declares, and where.
  struct ConstructTag {
    Node tag;
    std::string file;
    std::string pointer;
  };
  std::vector<ConstructTag> construct_tags_;
  SourceMap* origins_of_ = nullptr;  // the bundle's source map, while run() makes it
  std::map<std::string, Location> origins_;  // "path method" -> where it was first defined
  std::map<std::string, const Construct*> owners_;  // file -> its construct
};

}  // namespace

BundleResult bundle_project(const ProjectConfig& config, const BundleOptions& options,
                            const std::vector<std::string>& only) {
  BundleResult result;
  ResolveOptions ro;
  ro.root_dir = options.root_dir.empty() ? config.dir : normalise_path(options.root_dir);
  ro.allow_outside_root = options.allow_outside_root;
  ro.cache = options.cache;
  DocumentSet docs(ro);

  ProjectPlan own_plan;
  if (!options.plan) own_plan = plan_project(config);
  const ProjectPlan& plan = options.plan ? *options.plan : own_plan;
  std::vector<Construct> constructs;
  for (const PlannedConstruct& p : plan.constructs) {
    Construct c;
    c.planned = p;
    constructs.push_back(std::move(c));
  }
  std::vector<std::string> to_load;
  for (const BundleSpec& b : config.bundles) to_load.push_back(b.base);
  for (const Construct& c : constructs) to_load.push_back(c.planned.file);
  docs.preload(to_load);

  for (Construct& c : constructs) {
    c.doc = docs.load(c.planned.file);
    if (!c.doc) continue;
    const Node* info = c.doc->root.find("info");
    std::string title = info ? std::string(info->string_at("title")) : "";
    c.title = title.empty() ? fs::path(c.planned.dir).filename().string() : title;
    c.version = c.planned.version;
    if (construct_deprecated(c.doc->root)) continue;
    if (check_openapi_version(*c.doc, docs.diagnostics()).empty()) continue;
    c.active = true;
  }

  for (const BundleSpec& spec : config.bundles) {
    if (!only.empty() && std::find(only.begin(), only.end(), spec.name) == only.end()) continue;
    const Document* base = docs.load(spec.base);
    if (!base || check_openapi_version(*base, docs.diagnostics()).empty()) continue;
    ProjectBundler pb(docs, constructs, spec, options.dereference);
    result.bundles.push_back(pb.run(*base));
  }
  result.files = docs.files();
  result.diagnostics = std::move(docs.diagnostics());
  return result;
}

}  // namespace apiref
