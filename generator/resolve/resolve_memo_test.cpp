// resolve_ref() remembers the refs that resolved (by the file holding the ref and the ref's
// text): a repeated ref must give the same target, a ref that fails must still be reported
// at every place it is written, and the same text in another file must resolve from there.
#include <doctest/doctest.h>

#include "bundle/bundle.h"
#include "resolve/resolve.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("resolve memo: repeated refs, failing refs and the same text in two folders") {
  TempDir t;
  std::string root = normalise_path(t.write("root.yaml", R"(a: {$ref: "common.yaml#/X"}
b: {$ref: "common.yaml#/X"}
c: {$ref: "#/missing"}
d: {$ref: "#/missing"}
e: {$ref: "#/a"}
)"));
  t.write("common.yaml", "X: {type: string, from: top}\n");
  std::string nested = normalise_path(t.write("sub/nested.yaml", "a: {$ref: \"common.yaml#/X\"}\n"));
  t.write("sub/common.yaml", "X: {type: string, from: sub}\n");

  DocumentSet docs(ResolveOptions{t.str(), false, {}, nullptr});
  const Document* doc = docs.load(root);
  const Document* sub = docs.load(nested);
  REQUIRE(doc);
  REQUIRE(sub);
  auto follow = [&](const Document& from, const char* key) {
    const Node& ref = *from.root.find(key)->find("$ref");
    return resolve_ref(docs, from, ref.text, std::string("/") + key + "/$ref", ref);
  };
  RefTarget a = follow(*doc, "a");
  RefTarget b = follow(*doc, "b");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a.node == b.node);
  CHECK(a.key() == b.key());
  CHECK(a.node->string_at("from") == "top");
  RefTarget again = follow(*doc, "a");
  CHECK(again.node == a.node);
  CHECK(again.pointer == "/X");

  // Same text, other folder: its own common.yaml.
  RefTarget from_sub = follow(*sub, "a");
  REQUIRE(from_sub);
  CHECK(from_sub.node->string_at("from") == "sub");
  CHECK(from_sub.doc != a.doc);

  // A failing ref is reported at each site, every time it is asked for.
  CHECK_FALSE(follow(*doc, "c"));
  CHECK_FALSE(follow(*doc, "d"));
  CHECK_FALSE(follow(*doc, "c"));
  const Diagnostics& d = docs.diagnostics();
  REQUIRE(d.size() == 3);
  CHECK(d[0].code == "ref-not-found");
  CHECK(d[0].where.pointer == "/c/$ref");
  CHECK(lc(d[0].where.pos) == "3:11");
  CHECK(d[1].where.pointer == "/d/$ref");
  CHECK(lc(d[1].where.pos) == "4:11");
  CHECK(d[2].where.pointer == "/c/$ref");

  // An internal ref resolved once keeps resolving to the same node.
  RefTarget e1 = follow(*doc, "e");
  RefTarget e2 = follow(*doc, "e");
  CHECK(e1.node == doc->root.find("a"));
  CHECK(e2.node == e1.node);
  // Every file read is listed once, in first-use order.
  REQUIRE(docs.files().size() == 4);
  CHECK(docs.files()[2] == normalise_path(t.str() + "/common.yaml"));
}

TEST_CASE("resolve memo: a broken internal ref repeated in a single-file bundle is reported at every site") {
  TempDir t;
  std::string root = t.write("openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {$ref: "#/components/responses/Ok"}
        "404": {$ref: "#/components/responses/Gone"}
  /b:
    get:
      responses:
        "200": {$ref: "#/components/responses/Ok"}
        "404": {$ref: "#/components/responses/Gone"}
components:
  responses:
    Ok: {description: ok}
)");
  BundleResult r = bundle_file(root, {});
  REQUIRE(count_diag(r.diagnostics, "ref-not-found") == 2);
  CHECK(r.diagnostics[0].where.pointer == "/paths/~1a/get/responses/404/$ref");
  CHECK(lc(r.diagnostics[0].where.pos) == "8:23");
  CHECK(r.diagnostics[1].where.pointer == "/paths/~1b/get/responses/404/$ref");
  CHECK(lc(r.diagnostics[1].where.pos) == "13:23");
}
