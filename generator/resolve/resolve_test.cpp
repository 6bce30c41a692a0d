#include <doctest/doctest.h>

#include <algorithm>

#include "resolve/resolve.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

std::string fixture_dir() { return normalise_path(source("tests/fixtures/resolve")); }
std::string project_dir() { return fixture_dir() + "/project"; }

ResolveOptions options_for(const std::string& root, bool allow_outside = false) {
  ResolveOptions o;
  o.root_dir = root;
  o.allow_outside_root = allow_outside;
  return o;
}

const Document& load(DocumentSet& docs, const std::string& relative) {
  const Document* d = docs.load(normalise_path(project_dir() + "/" + relative));
  REQUIRE_MESSAGE(d, dump(docs.diagnostics()));
  return *d;
}

// Resolves the $ref of the object at `pointer`, the way the bundler calls it.
RefTarget follow(DocumentSet& docs, const Document& doc, const std::string& pointer) {
  const Node* holder = at(doc.root, pointer);
  REQUIRE_MESSAGE(holder, pointer);
  const Node* ref = holder->find("$ref");
  REQUIRE_MESSAGE(ref, pointer);
  REQUIRE(ref->is_string());
  return resolve_ref(docs, doc, ref->text, append_pointer(pointer, "$ref"), *ref);
}

size_t count_file(const std::vector<std::string>& files, const std::string& path) {
  return static_cast<size_t>(std::count(files.begin(), files.end(), path));
}

// The only diagnostic, which must have `code`, be an error and point at the $ref site.
const Diagnostic& only_error(DocumentSet& docs, const char* code, const Document& from,
                             const std::string& holder_pointer, const char* pos) {
  const Diagnostics& d = docs.diagnostics();
  REQUIRE_MESSAGE(d.size() == 1, dump(d));
  CHECK(d[0].code == code);
  CHECK(d[0].severity == Severity::Error);
  CHECK(d[0].where.file == from.display);
  CHECK(d[0].where.pointer == holder_pointer + "/$ref");
  CHECK(lc(d[0].where.pos) == pos);
  return d[0];
}

}  // namespace

TEST_CASE("resolve: the fixture tree is where the tests expect it") {
  CHECK(fs::is_regular_file(project_dir() + "/root.yaml"));
  CHECK(fs::is_regular_file(fixture_dir() + "/outside.yaml"));
  CHECK(fs::is_regular_file(project_dir() + "/with space.yaml"));
}

TEST_CASE("resolve: fragment-only ref in the same file") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget t = follow(docs, root, "/components/schemas/ToLocal");
  REQUIRE(t);
  CHECK(docs.diagnostics().empty());
  CHECK(t.doc == &root);
  CHECK(t.pointer == "/components/schemas/Local");
  CHECK(t.node == at(root.root, "/components/schemas/Local"));
  CHECK(t.node->string_at("type") == "string");
  CHECK(t.key() == root.path + "#/components/schemas/Local");
  // A $ref inside a flow mapping.
  t = follow(docs, root, "/components/schemas/InFlow");
  REQUIRE(t);
  CHECK(t.pointer == "/components/schemas/Local");
  // "#" and "" are the whole document.
  Node ref_node = Node::string("#", {1, 1});
  t = resolve_ref(docs, root, "#", "/x/$ref", ref_node);
  REQUIRE(t);
  CHECK(t.node == &root.root);
  CHECK(t.pointer == "");
  CHECK(t.key() == root.path + "#");
  t = resolve_ref(docs, root, "", "/x/$ref", ref_node);
  REQUIRE(t);
  CHECK(t.node == &root.root);
  CHECK(docs.diagnostics().empty());
  CHECK(docs.files() == std::vector<std::string>{root.path});
}

TEST_CASE("resolve: relative refs resolve against the folder of the file that holds them") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget nested = follow(docs, root, "/components/schemas/ToNested");
  REQUIRE(nested);
  CHECK(nested.doc->path == project_dir() + "/sub/dir/nested.yaml");
  CHECK(nested.pointer == "/Nested");
  REQUIRE(nested.node->is_ref());

  // nested.yaml's own refs are relative to sub/dir/, not to the root file's folder.
  RefTarget shared = follow(docs, *nested.doc, "/Nested");
  REQUIRE(shared);
  CHECK(shared.doc->path == project_dir() + "/common/shared.yaml");
  CHECK(shared.pointer == "/Shared");
  CHECK(shared.node->string_at("type") == "object");

  RefTarget sibling = follow(docs, *nested.doc, "/Sibling");
  REQUIRE(sibling);
  CHECK(sibling.doc->path == project_dir() + "/sub/dir/sibling.yaml");
  CHECK(sibling.node->string_at("description") == "sibling of nested.yaml");  // not the decoy

  // A fragment-only ref in nested.yaml means nested.yaml.
  RefTarget local = follow(docs, *nested.doc, "/Local");
  REQUIRE(local);
  CHECK(local.doc == nested.doc);
  CHECK(local.pointer == "/Target");
  CHECK(local.node->string_at("type") == "integer");
  CHECK(docs.diagnostics().empty());

  // The decoy in the project folder was never read.
  CHECK(count_file(docs.files(), project_dir() + "/sibling.yaml") == 0);
}

TEST_CASE("resolve: a file reached by different spellings is loaded once") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget a = follow(docs, root, "/components/schemas/ToNested");
  RefTarget b = follow(docs, root, "/components/schemas/ToNestedOtherSpelling");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a.doc == b.doc);
  CHECK(a.node == b.node);
  CHECK(a.key() == b.key());
  RefTarget s1 = follow(docs, root, "/components/schemas/ToShared");          // common/shared.yaml
  RefTarget s2 = follow(docs, *a.doc, "/Nested");                             // ../../common/shared.yaml
  REQUIRE(s1);
  REQUIRE(s2);
  CHECK(s1.doc == s2.doc);
  CHECK(s1.key() == s2.key());
  CHECK(docs.diagnostics().empty());

  std::vector<std::string> files = docs.files();
  CHECK(files == std::vector<std::string>{root.path, project_dir() + "/sub/dir/nested.yaml",
                                          project_dir() + "/common/shared.yaml"});
  // load() with the normalised path is a cache hit.
  CHECK(docs.load(normalise_path(project_dir() + "/sub/./dir/../dir/nested.yaml")) == a.doc);
  CHECK(docs.files().size() == 3);
}

TEST_CASE("resolve: percent-encoding in file names and fragments") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget enc = follow(docs, root, "/components/schemas/ToSpaceEncoded");
  REQUIRE(enc);
  CHECK(enc.doc->path == project_dir() + "/with space.yaml");
  CHECK(enc.node->string_at("description") == "from a file with a space in its name");
  RefTarget raw = follow(docs, root, "/components/schemas/ToSpaceRaw");
  REQUIRE(raw);
  CHECK(raw.doc == enc.doc);

  // %7B / %7D and ~1 in the fragment.
  RefTarget braces = follow(docs, root, "/components/schemas/ToBraces");
  REQUIRE(braces);
  CHECK(braces.doc->path == project_dir() + "/pointers.yaml");
  CHECK(braces.pointer == "/paths/~1pets~1{id}/get");
  CHECK(braces.node->string_at("operationId") == "getPet");
  CHECK(braces.key() == project_dir() + "/pointers.yaml#/paths/~1pets~1{id}/get");
  CHECK(docs.diagnostics().empty());

  const Document& ptrs = *braces.doc;
  Node site = Node::string("x", {7, 7});
  struct Case {
    const char* ref;
    const char* pointer;
    const char* want_key;
    const char* want_value;
  } cases[] = {
      {"#/paths/~1a~0b", "/paths/~1a~0b", "x", "tilde"},
      {"#/100%25", "/100%", "y", "percent"},
      {"#/a%20b", "/a b", "z", "space"},
      {"#/a b", "/a b", "z", "space"},
      {"#/", "/", "empty", "key"},
      {"#/paths/%7E1pets%7E1%7bid%7d/get", "/paths/~1pets~1{id}/get", "operationId", "getPet"},
      {"pointers.yaml#/list/1", "/list/1", nullptr, "second"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.ref));
    RefTarget t = resolve_ref(docs, ptrs, c.ref, "/site/$ref", site);
    REQUIRE_MESSAGE(t, dump(docs.diagnostics()));
    CHECK(t.doc == &ptrs);
    CHECK(t.pointer == c.pointer);
    if (c.want_key) CHECK(t.node->string_at(c.want_key) == c.want_value);
    else CHECK(t.node->text == c.want_value);
  }
  CHECK(docs.diagnostics().empty());
}

TEST_CASE("resolve: whole-file refs") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget whole = follow(docs, root, "/components/schemas/ToWhole");
  REQUIRE(whole);
  CHECK(whole.doc->path == project_dir() + "/whole.yaml");
  CHECK(whole.pointer == "");
  CHECK(whole.node == &whole.doc->root);
  CHECK(whole.node->string_at("description") == "the whole file");
  CHECK(whole.key() == project_dir() + "/whole.yaml#");
  RefTarget hash = follow(docs, root, "/components/schemas/ToWholeHash");
  REQUIRE(hash);
  CHECK(hash.node == whole.node);
  CHECK(hash.key() == whole.key());
  CHECK(docs.diagnostics().empty());
}

TEST_CASE("resolve: JSON documents take part like YAML ones") {
  DocumentSet docs(options_for(project_dir()));
  const Document& data = load(docs, "data.json");
  RefTarget item = follow(docs, data, "/defs/Item");
  REQUIRE(item);
  CHECK(item.doc->path == project_dir() + "/common/shared.yaml");
  RefTarget self = follow(docs, data, "/defs/Self");
  REQUIRE(self);
  CHECK(self.doc == &data);
  CHECK(self.pointer == "/defs/Item");
  CHECK(lc(at(data.root, "/defs/Self/$ref")->pos) == "4:22");
}

TEST_CASE("resolve: a missing file") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget t = follow(docs, root, "/components/schemas/ToMissingFile");
  CHECK_FALSE(t);
  CHECK(t.node == nullptr);
  CHECK(t.doc == nullptr);
  const Diagnostic& d =
      only_error(docs, "ref-file-not-found", root, "/components/schemas/ToMissingFile", "29:13");
  CHECK(d.message.find("'nope/missing.yaml#/x'") != std::string::npos);
  CHECK(d.message.find("missing.yaml does not exist") != std::string::npos);
  CHECK(docs.files() == std::vector<std::string>{root.path});
}

TEST_CASE("resolve: a missing pointer names the deepest part that exists") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget t = follow(docs, root, "/components/schemas/ToMissingPointer");
  CHECK_FALSE(t);
  const Diagnostic& d =
      only_error(docs, "ref-not-found", root, "/components/schemas/ToMissingPointer", "31:13");
  const Document* shared = docs.load(project_dir() + "/common/shared.yaml");
  REQUIRE(shared);
  CHECK(d.message == "$ref 'common/shared.yaml#/Shared/properties/nope/deeper': " +
                         shared->display +
                         " has no #/Shared/properties/nope/deeper (the deepest part that exists "
                         "is #/Shared/properties)");

  // Arrays: leading zeros and out-of-range indexes do not resolve.
  const Document& ptrs = load(docs, "pointers.yaml");
  Node site = Node::string("x", {3, 9});
  docs.diagnostics().clear();
  CHECK_FALSE(resolve_ref(docs, ptrs, "#/list/01", "/s/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].code == "ref-not-found");
  CHECK(docs.diagnostics()[0].message.find("deepest part that exists is #/list)") !=
        std::string::npos);
  CHECK(docs.diagnostics()[0].where.pointer == "/s/$ref");
  CHECK(lc(docs.diagnostics()[0].where.pos) == "3:9");
  docs.diagnostics().clear();
  CHECK_FALSE(resolve_ref(docs, ptrs, "#/list/2", "/s/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].message.find("deepest part that exists is #/list)") !=
        std::string::npos);
  docs.diagnostics().clear();
  CHECK_FALSE(resolve_ref(docs, ptrs, "#/paths/~1pets~1%7Bid%7D/post", "/s/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].message.find("has no #/paths/~1pets~1{id}/post (the deepest part "
                                           "that exists is #/paths/~1pets~1{id})") !=
        std::string::npos);
  docs.diagnostics().clear();
  CHECK_FALSE(resolve_ref(docs, ptrs, "#/nothing", "/s/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].message.find("(the deepest part that exists is #)") !=
        std::string::npos);
}

TEST_CASE("resolve: remote refs are refused and nothing is fetched") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget t = follow(docs, root, "/components/schemas/ToRemote");
  CHECK_FALSE(t);
  const Diagnostic& d = only_error(docs, "ref-remote", root, "/components/schemas/ToRemote", "33:13");
  CHECK(d.message.find("'https://example.com/x.yaml#/a'") != std::string::npos);
  CHECK(docs.files() == std::vector<std::string>{root.path});

  // Other schemes too, even with allow_outside_root.
  DocumentSet open(options_for(project_dir(), true));
  Node site = Node::string("x", {2, 3});
  for (const char* ref : {"http://example.com/a.yaml", "HTTPS://example.com/a.yaml#/b",
                          "file:///etc/hosts", "ftp://example.com/x.json#/y",
                          "urn:example:thing", "git+ssh://host/repo.yaml#/a"}) {
    CAPTURE(std::string(ref));
    open.diagnostics().clear();
    CHECK_FALSE(resolve_ref(open, root, ref, "/r/$ref", site));
    REQUIRE(open.diagnostics().size() == 1);
    CHECK(open.diagnostics()[0].code == "ref-remote");
    CHECK(open.diagnostics()[0].where.pointer == "/r/$ref");
    CHECK(lc(open.diagnostics()[0].where.pos) == "2:3");
  }
  CHECK(open.files().empty());
}

TEST_CASE("resolve: a network-path reference (//host/path) is remote" * doctest::description(
              "Regression, fixed: resolve_ref only recognises refs with a scheme; '//example.com/x.yaml' is "
              "an RFC 3986 network-path reference (a remote file) but is read as the local "
              "absolute path /example.com/x.yaml")) {
  DocumentSet docs(options_for(project_dir(), true));
  const Document& root = load(docs, "root.yaml");
  Node site = Node::string("x", {5, 6});
  CHECK_FALSE(resolve_ref(docs, root, "//example.com/x.yaml#/a", "/r/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].code == "ref-remote");
}

TEST_CASE("resolve: refs that leave the root folder") {
  SUBCASE("refused by default") {
    DocumentSet docs(options_for(project_dir()));
    const Document& root = load(docs, "root.yaml");
    RefTarget t = follow(docs, root, "/components/schemas/ToOutside");
    CHECK_FALSE(t);
    const Diagnostic& d =
        only_error(docs, "ref-outside-root", root, "/components/schemas/ToOutside", "35:13");
    CHECK(d.message.find("'../outside.yaml#/Outside'") != std::string::npos);
    CHECK(docs.files() == std::vector<std::string>{root.path});  // not even read

    // From a nested file, climbing three levels.
    docs.diagnostics().clear();
    const Document& nested = load(docs, "sub/dir/nested.yaml");
    CHECK_FALSE(follow(docs, nested, "/Escape"));
    only_error(docs, "ref-outside-root", nested, "/Escape", "10:9");

    // An absolute path outside the root.
    docs.diagnostics().clear();
    Node site = Node::string("x", {1, 2});
    CHECK_FALSE(resolve_ref(docs, root, fixture_dir() + "/outside.yaml#/Outside", "/a/$ref", site));
    REQUIRE(docs.diagnostics().size() == 1);
    CHECK(docs.diagnostics()[0].code == "ref-outside-root");

    // A sibling folder whose name starts with the root's name is outside too.
    docs.diagnostics().clear();
    CHECK_FALSE(resolve_ref(docs, root, "../project-other/x.yaml", "/a/$ref", site));
    REQUIRE(docs.diagnostics().size() == 1);
    CHECK(docs.diagnostics()[0].code == "ref-outside-root");

    // Going out and back in is fine.
    docs.diagnostics().clear();
    RefTarget back = resolve_ref(docs, root, "../project/whole.yaml", "/a/$ref", site);
    REQUIRE_MESSAGE(back, dump(docs.diagnostics()));
    CHECK(back.doc->path == project_dir() + "/whole.yaml");
  }
  SUBCASE("allowed with allow_outside_root") {
    DocumentSet docs(options_for(project_dir(), true));
    const Document& root = load(docs, "root.yaml");
    RefTarget t = follow(docs, root, "/components/schemas/ToOutside");
    REQUIRE_MESSAGE(t, dump(docs.diagnostics()));
    CHECK(t.doc->path == fixture_dir() + "/outside.yaml");
    CHECK(t.node->string_at("type") == "boolean");
    const Document& nested = load(docs, "sub/dir/nested.yaml");
    RefTarget e = follow(docs, nested, "/Escape");
    REQUIRE(e);
    CHECK(e.doc == t.doc);
    CHECK(docs.diagnostics().empty());
    CHECK(count_file(docs.files(), fixture_dir() + "/outside.yaml") == 1);
  }
  SUBCASE("an empty root_dir means no limit") {
    DocumentSet docs(options_for(""));
    const Document& root = load(docs, "root.yaml");
    CHECK(follow(docs, root, "/components/schemas/ToOutside"));
    CHECK(docs.diagnostics().empty());
  }
}

TEST_CASE("resolve: $id does not change where relative refs point") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget entity = follow(docs, root, "/components/schemas/ToEntity");
  REQUIRE(entity);
  CHECK(entity.doc->path == project_dir() + "/ids/entity.yaml");
  CHECK(entity.doc->root.string_at("$id") ==
        "https://schemas.example.com/constructs/v1beta1/entity.yaml");
  REQUIRE(entity.node->is_ref());
  RefTarget other = follow(docs, *entity.doc, "/Entity");
  REQUIRE_MESSAGE(other, dump(docs.diagnostics()));
  CHECK(other.doc->path == project_dir() + "/ids/other.yaml");
  CHECK(other.pointer == "/Other");
  CHECK(other.node->string_at("description") == "the local other.yaml next to entity.yaml");
  CHECK(docs.diagnostics().empty());
  for (const std::string& f : docs.files()) {
    CAPTURE(f);
    CHECK(f.rfind(project_dir() + "/", 0) == 0);
  }
}

TEST_CASE("resolve: malformed refs") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  struct Case {
    const char* holder;
    const char* pos;
  } cases[] = {
      {"/components/schemas/BadNoSlash", "41:13"},
      {"/components/schemas/BadPercent", "43:13"},
      {"/components/schemas/BadTilde", "45:13"},
      {"/components/schemas/BadFilePercent", "47:13"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.holder));
    docs.diagnostics().clear();
    CHECK_FALSE(follow(docs, root, c.holder));
    only_error(docs, "ref-malformed", root, c.holder, c.pos);
  }
  // A truncated escape, a lone '~' at the end, a bare %, and a missing file checked first.
  Node site = Node::string("x", {9, 9});
  for (const char* ref : {"#/a%4", "#/a~", "shared.yaml#x", "#%"}) {
    CAPTURE(std::string(ref));
    docs.diagnostics().clear();
    CHECK_FALSE(resolve_ref(docs, root, ref, "/m/$ref", site));
    REQUIRE(docs.diagnostics().size() == 1);
    CHECK(docs.diagnostics()[0].code ==
          (std::string(ref) == "shared.yaml#x" ? "ref-file-not-found" : "ref-malformed"));
  }
  docs.diagnostics().clear();
  CHECK_FALSE(resolve_ref(docs, root, "common/shared.yaml#Shared", "/m/$ref", site));
  REQUIRE(docs.diagnostics().size() == 1);
  CHECK(docs.diagnostics()[0].code == "ref-malformed");
  CHECK(docs.diagnostics()[0].message.find("must be empty or start with '/'") != std::string::npos);
}

TEST_CASE("resolve: a target that cannot be parsed") {
  DocumentSet docs(options_for(project_dir()));
  const Document& root = load(docs, "root.yaml");
  RefTarget t = follow(docs, root, "/components/schemas/ToBroken");
  CHECK_FALSE(t);
  const Diagnostics& d = docs.diagnostics();
  REQUIRE_MESSAGE(d.size() == 2, dump(d));
  // The parse error, once, in the broken file; then the ref that needed it.
  CHECK(d[0].code == "yaml-syntax");
  CHECK(d[0].where.file == display_path(project_dir() + "/broken.yaml"));
  CHECK(lc(d[0].where.pos) == "2:2");
  CHECK(d[1].code == "ref-file-invalid");
  CHECK(d[1].where.file == root.display);
  CHECK(d[1].where.pointer == "/components/schemas/ToBroken/$ref");
  CHECK(lc(d[1].where.pos) == "39:13");
  // A second ref to it reports the ref again but not the parse error.
  CHECK_FALSE(follow(docs, root, "/components/schemas/ToBroken"));
  CHECK(count_diag(docs.diagnostics(), "yaml-syntax") == 1);
  CHECK(count_diag(docs.diagnostics(), "ref-file-invalid") == 2);
  CHECK(count_file(docs.files(), project_dir() + "/broken.yaml") == 1);
  CHECK(docs.load(project_dir() + "/broken.yaml") == nullptr);
}

TEST_CASE("resolve: DocumentSet load and preload") {
  DocumentSet docs(options_for(project_dir()));
  CHECK(docs.files().empty());
  CHECK(docs.options().root_dir == project_dir());
  std::string whole = project_dir() + "/whole.yaml";
  std::string shared = project_dir() + "/common/shared.yaml";
  std::string broken = project_dir() + "/broken.yaml";
  std::string missing = project_dir() + "/missing.yaml";
  docs.preload({shared, broken, whole, missing, shared});
  // Preloading parses but does not list; findings come in the order given, once each.
  CHECK(docs.files().empty());
  REQUIRE_MESSAGE(docs.diagnostics().size() == 2, dump(docs.diagnostics()));
  CHECK(docs.diagnostics()[0].code == "yaml-syntax");
  CHECK(docs.diagnostics()[1].code == "file-unreadable");
  const Document* w = docs.load(whole);
  REQUIRE(w);
  CHECK(w->ok);
  CHECK(w->path == whole);
  CHECK(w->display == display_path(whole));
  CHECK(docs.load(whole) == w);
  CHECK(docs.load(missing) == nullptr);
  CHECK(docs.load(shared) != nullptr);
  CHECK(docs.files() == std::vector<std::string>{whole, missing, shared});
  CHECK(docs.diagnostics().size() == 2);  // cache hits report nothing new
  docs.preload({});
}

TEST_CASE("resolve: normalise_path and path_is_within") {
  CHECK(normalise_path("/a/./b/../c") == "/a/c");
  CHECK(normalise_path("/a//b/") == "/a/b/");
  CHECK(normalise_path("/a/b/../../..") == "/");
  std::string rel = normalise_path("x/../y.yaml");
  CHECK(fs::path(rel).is_absolute());
  CHECK(rel == (fs::current_path() / "y.yaml").lexically_normal().generic_string());

  CHECK(path_is_within("/p/root/a.yaml", "/p/root"));
  CHECK(path_is_within("/p/root/sub/a.yaml", "/p/root"));
  CHECK(path_is_within("/p/root", "/p/root"));
  CHECK(path_is_within("/p/root/a.yaml", "/p/root/"));
  CHECK_FALSE(path_is_within("/p/other/a.yaml", "/p/root"));
  CHECK_FALSE(path_is_within("/p/rootx/a.yaml", "/p/root"));
  CHECK_FALSE(path_is_within("/p/a.yaml", "/p/root"));
  CHECK_FALSE(path_is_within("/elsewhere", "/p/root"));
  CHECK(path_is_within("/anything", ""));
}
