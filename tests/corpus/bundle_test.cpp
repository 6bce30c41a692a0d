// Bundling the corpus (Meshery's tree against Meshery's own bundles, GitHub, oas-examples).
// Moved from generator/bundle/bundle_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "source_dir.h"
#include "corpus_dir.h"
#include "bundle/bundle.h"
#include "bundle/bundle_test_fixtures.h"
#include "load/load.h"
#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;
namespace fs = std::filesystem;

namespace {


size_t count_severity(const Diagnostics& d, Severity s) {
  size_t n = 0;
  for (const Diagnostic& x : d) n += x.severity == s;
  return n;
}

}  // namespace

TEST_CASE("Meshery tree: same operations and, dereferenced, same content as Meshery's own bundler") {
  std::string config = kSource + "/examples/meshery/apiref.yaml";
  BundleResult keep = bundle_config(config);
  CHECK(count_severity(keep.diagnostics, Severity::Error) == 0);
  // The tree's unquoted numeric response keys are real and reported, not hidden.
  CHECK(find_diag(keep.diagnostics, "yaml-non-string-key") != nullptr);
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
    for (const auto& entry : ref_ops) {
      // Named, not bound: doctest's messages capture them in a lambda, which C++17 forbids for bindings.
      const auto& name = entry.first;
      const auto& ref_op = entry.second;
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

TEST_CASE("oas-examples: every document bundles, both ways, 2.0 converted to 3.0") {
  size_t bundled = 0, converted = 0;
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
      CHECK(r.diagnostics.empty());
      REQUIRE(r.bundles.size() == 1);
      const Node& doc = r.bundles[0].document;
      require_self_contained(doc);
      if (swagger2) {
        // Read as the OpenAPI 3.0 it converts to: no 2.0 field is left at the root.
        const Node* version = doc.find("openapi");
        REQUIRE(version);
        CHECK(version->text.rfind("3.0", 0) == 0);
        CHECK(!doc.find("swagger"));
        CHECK(!doc.find("definitions"));
        converted += !dereference;
      }
      bundled += !dereference;
    }
  }
  CHECK(bundled >= 100);
  CHECK(converted >= 10);
}
