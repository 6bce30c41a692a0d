// Bundling the corpus (Meshery's tree against Meshery's own bundles, GitHub, oas-examples).
// Moved from generator/bundle/bundle_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <unistd.h>

#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "resolve/oas_context.h"
#include "tree/json_pointer.h"
#include "tree/write.h"
#include "text/percent.h"

using namespace apiref;
namespace fs = std::filesystem;

namespace {

const std::string kSource = APIREF_SOURCE_DIR;
const std::string kCorpus = APIREF_CORPUS_DIR;

// A fresh folder of files for one test.
struct TempProject {
  fs::path dir;
  TempProject() {
    static int counter = 0;
    dir = fs::temp_directory_path() /
          ("apiref-bundle-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempProject() { fs::remove_all(dir); }
  std::string write(const std::string& rel, const std::string& text) const {
    fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
};

const Diagnostic* find_code(const Diagnostics& d, const std::string& code) {
  for (const Diagnostic& x : d)
    if (x.code == code) return &x;
  return nullptr;
}

size_t count_severity(const Diagnostics& d, Severity s) {
  size_t n = 0;
  for (const Diagnostic& x : d) n += x.severity == s;
  return n;
}

// Every operation of a document, as "METHOD path".
std::vector<std::pair<std::string, const Node*>> operations(const Node& doc) {
  std::vector<std::pair<std::string, const Node*>> ops;
  if (const Node* paths = doc.find("paths"))
    for (const Member& p : paths->members)
      for (const Member& m : p.value.members)
        if (is_http_method(m.key)) ops.push_back({m.key + " " + p.key, &m.value});
  return ops;
}

// Every "$ref" string in the document (outside literal examples), with its pointer.
void collect_refs(const Node& n, const std::string& ptr, OasContext ctx,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (ctx == OasContext::Opaque) return;
  if (n.is_object()) {
    if (n.is_ref()) out.push_back({ptr, n.find("$ref")->text});
    for (const Member& m : n.members)
      collect_refs(m.value, append_pointer(ptr, m.key), child_context(ctx, m.key), out);
  }
  for (size_t i = 0; i < n.items.size(); ++i)
    collect_refs(n.items[i], ptr + "/" + std::to_string(i), item_context(ctx), out);
}

// A bundle is self-contained: every $ref is internal and lands on something.
void require_self_contained(const Node& doc) {
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(doc, "", OasContext::Root, refs);
  for (const auto& [where, ref] : refs) {
    INFO("$ref '" << ref << "' at #" << where);
    REQUIRE(!ref.empty());
    REQUIRE(ref[0] == '#');
    auto tokens = parse_pointer(*text::percent_decode(ref.substr(1)));
    REQUIRE(tokens.has_value());
    CHECK(resolve_pointer(doc, *tokens) != nullptr);
  }
}

size_t count_refs(const Node& doc) {
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(doc, "", OasContext::Root, refs);
  return refs.size();
}

Node without_keys(const Node& n, const std::set<std::string>& drop) {
  Node out = n;
  out.members.clear();
  out.items.clear();
  for (const Member& m : n.members)
    if (!drop.count(m.key)) out.members.push_back({m.key, m.key_pos, without_keys(m.value, drop)});
  for (const Node& i : n.items) out.items.push_back(without_keys(i, drop));
  return out;
}

BundleResult bundle_config(const std::string& config_path, const BundleOptions& options = {}) {
  ProjectConfig config;
  Diagnostics diags;
  REQUIRE(load_project_config(config_path, config, diags));
  return bundle_project(config, options);
}

}  // namespace

TEST_CASE("Meshery tree: same operations and, dereferenced, same content as Meshery's own bundler") {
  std::string config = kSource + "/examples/meshery/apiref.yaml";
  BundleResult keep = bundle_config(config);
  CHECK(count_severity(keep.diagnostics, Severity::Error) == 0);
  // The tree's unquoted numeric response keys are real and reported, not hidden.
  CHECK(find_code(keep.diagnostics, "yaml-non-string-key") != nullptr);
  REQUIRE(keep.bundles.size() == 2);
  for (const BundleOutput& b : keep.bundles) require_self_contained(b.document);

  BundleOptions deref;
  deref.dereference = true;
  BundleResult flat = bundle_config(config, deref);
  REQUIRE(flat.ok());
  REQUIRE(flat.bundles.size() == 2);
  struct Expect {
    const char* name;
    size_t paths, ops;
  };
  for (Expect e : {Expect{"meshery", 92, 124}, Expect{"cloud", 144, 210}}) {
    INFO("bundle " << e.name);
    const BundleOutput& ours = flat.bundles[e.name == std::string("meshery") ? 0 : 1];
    CHECK(ours.name == e.name);
    CHECK(ours.document.find("paths")->members.size() == e.paths);
    CHECK(operations(ours.document).size() == e.ops);
    // Dereferenced, nothing is left to refer to (the Meshery tree has no recursion in use).
    CHECK(count_refs(ours.document) == 0);

    Diagnostics d;
    Document reference = load_document(kCorpus + "/meshery/reference/" + e.name + "_openapi.yml", d);
    REQUIRE(reference.ok);
    auto ref_ops = operations(reference.root);
    REQUIRE(ref_ops.size() == e.ops);
    size_t with_security_in_reference = 0;
    for (const auto& [name, ref_op] : ref_ops) {
      INFO(name);
      std::string method = name.substr(0, name.find(' '));
      std::string path = name.substr(name.find(' ') + 1);
      const Node* our_op = ours.document.find("paths")->find(path)->find(method);
      REQUIRE(our_op);
      // The reference was built from files whose $id lines were removed; apiref keeps them.
      // Meshery's bundler drops construct-level security; apiref carries it to each operation.
      // Meshery's bundler glues the construct's title to tags and scheme names
      // (`Workspace_workspaces`, `Organization_jwt`); apiref keeps the author's (`workspaces`,
      // `jwt`): the reference's name is the construct's title, '_', and ours.
      CHECK(without_keys(*our_op, {"$id", "security", "tags"}) == without_keys(*ref_op, {"$id", "security", "tags"}));
      auto prefixed = [](const std::string& theirs, const std::string& mine) {
        return theirs.size() > mine.size() && theirs.compare(theirs.size() - mine.size(), mine.size(), mine) == 0 &&
               theirs[theirs.size() - mine.size() - 1] == '_';
      };
      if (const Node* ref_tags = ref_op->find("tags")) {
        const Node* our_tags = our_op->find("tags");
        REQUIRE(our_tags);
        REQUIRE(our_tags->items.size() == ref_tags->items.size());
        for (size_t i = 0; i < ref_tags->items.size(); ++i) CHECK(prefixed(ref_tags->items[i].text, our_tags->items[i].text));
      }
      if (const Node* s = ref_op->find("security")) {
        ++with_security_in_reference;
        const Node* ours_sec = our_op->find("security");
        REQUIRE(ours_sec);
        REQUIRE(ours_sec->items.size() == s->items.size());
        for (size_t i = 0; i < s->items.size(); ++i) {
          REQUIRE(ours_sec->items[i].members.size() == s->items[i].members.size());
          for (size_t k = 0; k < s->items[i].members.size(); ++k) {
            CHECK(prefixed(s->items[i].members[k].key, ours_sec->items[i].members[k].key));
            CHECK(ours_sec->items[i].members[k].value == s->items[i].members[k].value);
          }
        }
      }
    }
    CHECK(with_security_in_reference > 0);
  }
}

TEST_CASE("GitHub's description: bundles to itself, dereferenced, nothing is left to refer to") {
  std::string path = kCorpus + "/github/api.github.com.json";
  BundleResult keep = bundle_file(path, {});
  REQUIRE(keep.ok());
  Diagnostics d;
  Document original = load_document(normalise_path(path), d);
  REQUIRE(original.ok);
  CHECK(keep.bundles[0].document == original.root);
  CHECK(operations(keep.bundles[0].document).size() == 1223);
  CHECK(keep.bundles[0].document.find("components")->find("schemas")->members.size() == 969);
  // Unchanged, and parsed as plain JSON: the site may publish the file itself.
  CHECK(keep.source_unchanged);
  CHECK(keep.bundles[0].json_source == normalise_path(path));
  CHECK(keep.bundles[0].json_source_stamp == stamp_of(path));
  CHECK(keep.bundles[0].json_source_stamp.size == 13001822);

  BundleOptions deref;
  deref.dereference = true;
  BundleResult flat = bundle_file(path, deref);
  REQUIRE(flat.ok());
  const Node& doc = flat.bundles[0].document;
  CHECK(operations(doc).size() == 1223);
  // GitHub's component graph has no cycle, so no reference survives. (One "$ref" is left in
  // the output, inside an example's literal `value`, where it is data, not a reference.)
  CHECK(count_refs(doc) == 0);
  CHECK(to_json(doc).find("\"$ref\": \"#/components/examples/code-security-configuration\"") !=
        std::string::npos);
}

TEST_CASE("oas-examples: every 3.x document bundles, both ways, 2.0 is a clear error") {
  size_t bundled = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus + "/oas-examples")) {
    std::string p = entry.path().string();
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".json")) continue;
    INFO(p);
    bool swagger2 = p.find("/2.0/") != std::string::npos;
    for (bool dereference : {false, true}) {
      BundleOptions o;
      o.dereference = dereference;
      BundleResult r = bundle_file(p, o);
      if (swagger2) {
        const Diagnostic* d = find_code(r.diagnostics, "unsupported-version");
        REQUIRE(d);
        CHECK(d->where.pointer == "/swagger");
        CHECK(d->where.pos.line >= 1);
        CHECK(r.bundles.empty());
        continue;
      }
      CHECK(r.diagnostics.empty());
      REQUIRE(r.bundles.size() == 1);
      require_self_contained(r.bundles[0].document);
      bundled += !dereference;
    }
  }
  CHECK(bundled >= 100);
}
