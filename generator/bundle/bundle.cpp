#include "bundle/bundle.h"

#include <filesystem>

#include "bundle/bundler.h"
#include "bundle/naming.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace fs = std::filesystem;

std::string check_openapi_version(const Document& doc, Diagnostics& out) {
  auto report = [&](const std::string& pointer, SourcePos pos, const std::string& msg,
                    const char* code = "unsupported-version") {
    out.push_back({Severity::Error, code, msg, {doc.display, pointer, pos}, {}});
    return std::string();
  };
  if (!doc.root.is_object())
    return report("", doc.root.pos, "not an OpenAPI document: the top level is not a mapping", "not-openapi");
  // A Swagger 2.0 document is converted on load (generator/swagger2); one still saying
  // `swagger` has a version the conversion refused, and reported.
  if (doc.root.find("swagger")) return std::string();
  const Node* v = doc.root.find("openapi");
  if (!v) return report("", doc.root.pos, "not an OpenAPI document: it has no 'openapi' field", "not-openapi");
  if (!v->is_string()) {
    return report("/openapi", v->pos,
                  "'openapi' must be a string such as \"3.0.3\" (a bare 3.0 is read as a number)");
  }
  const std::string& s = v->text;
  bool shape = s.size() >= 5 && s.compare(0, 2, "3.") == 0 && (s[2] == '0' || s[2] == '1' || s[2] == '2') &&
               s[3] == '.' && isdigit(static_cast<unsigned char>(s[4]));
  if (!shape) return report("/openapi", v->pos, "OpenAPI version '" + s + "' is not supported (3.0.x, 3.1.x and 3.2.x are)");
  return s.substr(0, 3) + ".x";
}

std::string local_component_name(const RefTarget& target) {
  auto tokens = parse_pointer(target.pointer).value_or(std::vector<std::string>{});
  std::string stem = fs::path(target.doc->path).stem().string();
  if (tokens.size() == 3 && tokens[0] == "components") return tokens[2];
  if (tokens.empty()) return stem;
  return stem + "_" + tokens.back();
}

// The components a document already has, so refs to them (from other files too) land there.
void register_own_components(Bundler& bundler, const Document& doc,
                             const std::function<std::string(const std::string&)>& rename) {
  const Node* components = doc.root.find("components");
  if (!components) return;
  for (const Member& kind : components->members) {
    if (!kind.value.is_object() || kind.key.rfind("x-", 0) == 0) continue;
    for (const Member& c : kind.value.members) {
      RefTarget t;
      t.doc = &doc;
      t.node = &c.value;
      t.pointer = append_pointer(append_pointer("/components", kind.key), c.key);
      bundler.register_existing(t, kind.key, rename(c.key));
    }
  }
}

BundleResult bundle_file(const std::string& path, const BundleOptions& options) {
  BundleResult result;
  std::string root_path = normalise_path(path);
  ResolveOptions ro;
  ro.root_dir = options.root_dir.empty() ? fs::path(root_path).parent_path().generic_string()
                                         : normalise_path(options.root_dir);
  ro.allow_outside_root = options.allow_outside_root;
  ro.cache = options.cache;
  DocumentSet docs(ro);
  const Document* root = docs.load(root_path);
  if (root && options.root_parsed) options.root_parsed();
  if (root && check_openapi_version(*root, docs.diagnostics()).empty()) root = nullptr;
  if (root) {
    Bundler bundler(docs, options.dereference,
                    [](const RefTarget& t, const std::string&) { return local_component_name(t); });
    bundler.keep_internal_refs_of(root);
    BundleOutput out;
    bundler.record_origins(&out.origins);
    register_own_components(bundler, *root, [](const std::string& n) { return n; });
    // The bundle is the root document with a few changes (none at all for most single-file
    // descriptions): the changes are worked out first, then made to the document's own tree,
    // moved out of the set, instead of to a copy of it.
    std::vector<Patch> patches = bundler.rewrite_patches(*root, root->root, "", OasContext::Root, "");
    result.source_unchanged = patches.empty() && !bundler.created_any();
    if (result.source_unchanged && root->plain_json && docs.diagnostics().empty()) {
      out.json_source = root_path;
      out.json_source_stamp = root->stamp;
    }
    if (result.source_unchanged && options.share_unchanged_root && options.cache) {
      out.source = docs.shared(root_path);
    } else {
      out.document = docs.take_root(root_path);
      Bundler::apply_patches(out.document, patches);
      Node* existing = out.document.find("components");
      Node components = existing ? std::move(*existing) : Node();
      bundler.append_components(components);
      if (!components.is_null()) out.document.set("components", std::move(components));
    }
    result.bundles.push_back(std::move(out));
  }
  result.files = docs.files();
  result.diagnostics = std::move(docs.diagnostics());
  return result;
}

}  // namespace apiref
