// A single-file bundle is made by changing the root document's own tree (moved out of the
// DocumentSet) at the places the rewrite changes, instead of by copying it: the result must
// be what a copying rewrite gives, and a document shared with a DocumentCache (serve) must
// come out of a bundle untouched.
#include <doctest/doctest.h>

#include "bundle/bundle.h"
#include "bundle/bundle_test_fixtures.h"
#include "bundle/bundler.h"
#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("bundle patches: external refs deep in arrays and mappings are rewritten in place") {
  TempDir t;
  std::string root = t.write("openapi.yaml", kBundleRoot);
  t.write("common.yaml", kBundleCommon);
  BundleResult r = bundle_file(root, {});
  REQUIRE(r.ok());
  REQUIRE(r.bundles.size() == 1);
  CHECK(to_json(r.bundles[0].document, false) == kBundleExpected);
  // Positions survive: the untouched parts are the parsed tree itself.
  const Node* q = r.bundles[0].document.find("paths")->find("/pets")->find("get")->find("parameters");
  CHECK(lc(q->items[0].pos) == "7:11");
  CHECK(r.files.size() == 2);
}

TEST_CASE("bundle patches: the patches are exactly what a copying rewrite changes") {
  TempDir t;
  std::string root = normalise_path(t.write("openapi.yaml", kBundleRoot));
  t.write("common.yaml", kBundleCommon);
  auto run = [&](bool patches) {
    ResolveOptions ro;
    ro.root_dir = t.str();
    DocumentSet docs(ro);
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Bundler b(docs, false, [](const RefTarget& target, const std::string&) {
      return target.pointer.substr(target.pointer.rfind('/') + 1);
    });
    b.keep_internal_refs_of(doc);
    Node out;
    if (patches) {
      std::vector<Patch> p = b.rewrite_patches(*doc, doc->root, "", OasContext::Root, "");
      CHECK(p.size() == 4);  // the parameter, the oneOf item, the mapping's discriminator, friend
      out = doc->root;
      Bundler::apply_patches(out, p);
    } else {
      out = b.rewrite(*doc, doc->root, "", OasContext::Root, "");
    }
    Node components;
    b.append_components(components);
    return to_json(out) + to_json(components) + dump(docs.diagnostics());
  };
  std::string copied = run(false);
  CHECK(run(true) == copied);
  CHECK(copied.find("\"$ref\": \"#/components/schemas/Dog\"") != std::string::npos);
}

TEST_CASE("bundle patches: a document kept in a DocumentCache is not changed by a bundle") {
  TempDir t;
  std::string root = t.write("openapi.yaml", kBundleRoot);
  t.write("common.yaml", kBundleCommon);
  DocumentCache cache;
  BundleOptions options;
  options.cache = &cache;
  BundleResult first = bundle_file(root, options);
  REQUIRE(first.ok());
  CHECK(to_json(first.bundles[0].document, false) == kBundleExpected);
  DocumentCache::Entry entry;
  REQUIRE(cache.find(normalise_path(root), entry));
  Diagnostics d;
  Document fresh = load_document(normalise_path(root), d);
  CHECK(Tree{entry.doc->root} == Tree{fresh.root});
  CHECK(to_json(entry.doc->root) == to_json(fresh.root));  // key order too
  // A second build from the cache gives the same bundle.
  BundleResult second = bundle_file(root, options);
  REQUIRE(second.ok());
  CHECK(to_json(second.bundles[0].document, false) == kBundleExpected);
}

TEST_CASE("bundle patches: take_root moves only what nothing else holds") {
  TempDir t;
  std::string root = normalise_path(t.write("openapi.yaml", kBundleRoot));
  Diagnostics d;
  Document fresh = load_document(root, d);
  {
    DocumentSet docs(ResolveOptions{t.str(), false, {}, nullptr});
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Node taken = docs.take_root(root);
    CHECK(Tree{taken} == Tree{fresh.root});
    CHECK(doc->root.is_null());  // moved out
    CHECK(docs.take_root(normalise_path(t.str() + "/missing.yaml")).is_null());
  }
  {
    DocumentCache cache;
    DocumentSet docs(ResolveOptions{t.str(), false, {}, &cache});
    const Document* doc = docs.load(root);
    REQUIRE(doc);
    Node taken = docs.take_root(root);
    CHECK(Tree{taken} == Tree{fresh.root});
    CHECK(Tree{doc->root} == Tree{fresh.root});  // copied: the cache still has it
  }
}
