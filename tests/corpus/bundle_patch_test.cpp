// Bundle patches on GitHub's description.
// Moved from generator/bundle/bundle_patch_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include "bundle/bundle.h"
#include "bundle/bundle_test_fixtures.h"
#include "bundle/bundler.h"
#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("bundle patches: GitHub's description through a DocumentCache bundles to itself too") {
  std::string path = corpus("github/api.github.com.json");
  DocumentCache cache;
  BundleOptions options;
  options.cache = &cache;
  BundleResult r = bundle_file(path, options);
  REQUIRE(r.ok());
  DocumentCache::Entry entry;
  REQUIRE(cache.find(normalise_path(path), entry));
  CHECK(to_json(r.bundles[0].document) == to_json(entry.doc->root));
}

TEST_CASE("bundle: share_unchanged_root gives the cached parse itself when bundling changes nothing, a bundle otherwise") {
  // GitHub's description: no $ref to rewrite, so the bundle is the cached Document, not a copy.
  std::string path = normalise_path(corpus("github/api.github.com.json"));
  DocumentCache cache;
  BundleOptions options;
  options.cache = &cache;
  options.share_unchanged_root = true;
  int parsed_calls = 0;
  bool cached_when_called = false;
  options.root_parsed = [&] {
    ++parsed_calls;
    DocumentCache::Entry e;
    cached_when_called = cache.find(path, e) && e.doc && e.doc->ok;  // readable by another thread from here
  };
  BundleResult r = bundle_file(path, options);
  REQUIRE(r.ok());
  CHECK(r.source_unchanged);
  CHECK(parsed_calls == 1);
  CHECK(cached_when_called);
  const BundleOutput& b = r.bundles[0];
  DocumentCache::Entry entry;
  REQUIRE(cache.find(path, entry));
  REQUIRE(b.source);
  CHECK(b.source.get() == entry.doc.get());
  CHECK(&b.root() == &entry.doc->root);
  CHECK(b.document.is_null());
  CHECK(b.root().find("paths")->members.size() > 500);
  // The same bundle as a build without sharing (a tree of its own).
  BundleResult own = bundle_file(path, BundleOptions{});
  REQUIRE(own.ok());
  CHECK(!own.bundles[0].source);
  CHECK(&own.bundles[0].root() == &own.bundles[0].document);
  CHECK(to_json(own.bundles[0].root()) == to_json(b.root()));

  // A file whose external refs are internalised: the bundle is its own tree, and the cached
  // parse stays as written.
  TempDir t;
  std::string root = t.write("openapi.yaml", kBundleRoot);
  t.write("common.yaml", kBundleCommon);
  DocumentCache cache2;
  BundleOptions options2;
  options2.cache = &cache2;
  options2.share_unchanged_root = true;
  int calls2 = 0;
  options2.root_parsed = [&] { ++calls2; };
  BundleResult changed = bundle_file(root, options2);
  REQUIRE(changed.ok());
  CHECK(calls2 == 1);
  CHECK(!changed.source_unchanged);
  CHECK(!changed.bundles[0].source);
  CHECK(to_json(changed.bundles[0].root(), false) == kBundleExpected);
  DocumentCache::Entry written;
  REQUIRE(cache2.find(normalise_path(root), written));
  Diagnostics d;
  CHECK(to_json(written.doc->root) == to_json(load_document(normalise_path(root), d).root));

  // A file that does not parse: no call, no bundle.
  std::string broken = t.write("broken.yaml", "openapi: 3.1.0\ninfo: [\n");
  int calls3 = 0;
  BundleOptions options3;
  options3.root_parsed = [&] { ++calls3; };
  BundleResult bad = bundle_file(broken, options3);
  CHECK(!bad.ok());
  CHECK(calls3 == 0);
  CHECK(bad.bundles.empty());
}
