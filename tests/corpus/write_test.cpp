// The writers on corpus documents (Meshery, oas-examples, GitHub).
// Moved from generator/tree/write_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

namespace {

void check_corpus_round_trip(const std::string& relative) {
  CAPTURE(relative);
  std::string text = read_text(corpus(relative));
  bool is_json = relative.size() > 5 && relative.compare(relative.size() - 5, 5, ".json") == 0;
  Parsed first = is_json ? json(text) : yaml(text);
  REQUIRE_MESSAGE(first.ok, dump(first.diags));
  CHECK_FALSE(has_errors(first.diags));
  REQUIRE(first.root.is_object());
  CHECK(first.root.members.size() > 2);

  std::string as_yaml = to_yaml(first.root);
  Parsed via_yaml = yaml(as_yaml);
  REQUIRE_MESSAGE(via_yaml.ok, dump(via_yaml.diags));
  CHECK_MESSAGE(via_yaml.diags.empty(), dump(via_yaml.diags));
  CHECK(Tree{via_yaml.root} == Tree{first.root});
  CHECK(to_yaml(via_yaml.root) == as_yaml);  // and a second pass is byte-identical

  std::string as_json = to_json(first.root);
  Parsed via_json = json(as_json);
  REQUIRE_MESSAGE(via_json.ok, dump(via_json.diags));
  CHECK(via_json.diags.empty());
  CHECK(Tree{via_json.root} == Tree{first.root});
  CHECK(to_json(via_json.root) == as_json);
}

}  // namespace

TEST_CASE("corpus: meshery workspace api.yml round trips") {
  std::string rel = "meshery/schemas/constructs/v1beta1/workspace/api.yml";
  check_corpus_round_trip(rel);
  // Its numeric response keys are read as strings and flagged, and come back quoted.
  Parsed p = yaml(read_text(corpus(rel)));
  REQUIRE(p.ok);
  CHECK(count_diag(p.diags, "yaml-non-string-key") > 0);
  for (const Diagnostic& d : p.diags) {
    CAPTURE(format_diagnostic(d));
    CHECK(d.severity == Severity::Warning);
    if (d.code == "yaml-non-string-key") {
      const Member* m = member_at(p.root, d.where.pointer);
      REQUIRE(m);
      CHECK(lc(m->key_pos) == lc(d.where.pos));
    }
  }
}

TEST_CASE("corpus: oas-examples round trip") {
  for (const char* rel : {"oas-examples/3.0/yaml/uspto.yaml", "oas-examples/3.0/yaml/schema-types.yaml",
                          "oas-examples/3.1/yaml/petstore.yaml", "oas-examples/3.0/json/response-examples.json",
                          "oas-examples/3.1/json/train-travel.json"}) {
    check_corpus_round_trip(rel);
  }
}

TEST_CASE("corpus: the YAML and JSON editions of an example read as the same tree") {
  // (uspto is left out: its two editions differ in one description.)
  for (const char* name : {"polymorphism", "schema-types", "response-examples", "parameters-style",
                           "callbacks"}) {
    CAPTURE(std::string(name));
    Parsed y = yaml(read_text(corpus(std::string("oas-examples/3.0/yaml/") + name + ".yaml")));
    Parsed j = json(read_text(corpus(std::string("oas-examples/3.0/json/") + name + ".json")));
    REQUIRE(y.ok);
    REQUIRE(j.ok);
    CHECK(Tree{y.root} == Tree{j.root});
  }
}

TEST_CASE("corpus: GitHub's 13 MB description parses and round trips through JSON") {
  std::string text = read_text(corpus("github/api.github.com.json"));
  Parsed p = json(text);
  REQUIRE_MESSAGE(p.ok, dump(p.diags));
  CHECK(p.diags.empty());
  REQUIRE(p.root.is_object());
  CHECK(p.root.string_at("openapi") == "3.0.3");
  CHECK(p.root.find("paths")->members.size() == 811);
  CHECK(at(p.root, "/components/schemas")->members.size() == 969);
  std::string out = to_json(p.root);
  Parsed back = json(out);
  REQUIRE(back.ok);
  CHECK(back.diags.empty());
  CHECK(Tree{back.root} == Tree{p.root});
  CHECK(back.root.subtree_size() == p.root.subtree_size());
}

TEST_CASE("writers in pieces: the same bytes as to_json and to_yaml, in bounded pieces from one buffer") {
  std::string text = read_text(corpus("github/api.github.com.json"));
  Parsed p = json(text);
  REQUIRE(p.ok);
  std::string want_json = to_json(p.root), want_yaml = to_yaml(p.root);
  for (size_t piece_size : {size_t(1) << 20, size_t(4096), size_t(1)}) {
    for (bool as_yaml : {false, true}) {
      std::string got;
      size_t pieces = 0, largest = 0;
      auto write = [&](std::string_view piece) {
        CHECK(!piece.empty());
        got.append(piece);
        ++pieces;
        largest = std::max(largest, piece.size());
        return true;
      };
      bool ok = as_yaml ? write_yaml_in_pieces(p.root, piece_size, write) : write_json_in_pieces(p.root, piece_size, write);
      CHECK(ok);
      CHECK(got == (as_yaml ? want_yaml : want_json));
      // Pieces end between members or items: about piece_size, past it by at most one value.
      CHECK(pieces >= got.size() / (piece_size + 200000));
      if (piece_size == (size_t(1) << 20)) {
        CHECK(pieces >= 8);
        CHECK(largest < piece_size + 200000);
      }
    }
  }
  // Small documents: one piece, even an empty object or a scalar.
  for (const Node& n : {Node::object(), Node::string("yes"), Node::array()}) {
    std::string got;
    CHECK(write_yaml_in_pieces(n, 1 << 20, [&](std::string_view s) { got.append(s); return true; }));
    CHECK(got == to_yaml(n));
    got.clear();
    CHECK(write_json_in_pieces(n, 1 << 20, [&](std::string_view s) { got.append(s); return true; }));
    CHECK(got == to_json(n));
  }
  // A writer that refuses a piece stops the writing: false, and nothing more is handed over.
  size_t calls = 0;
  CHECK_FALSE(write_yaml_in_pieces(p.root, 4096, [&](std::string_view) { return ++calls < 3; }));
  CHECK(calls == 3);
  calls = 0;
  CHECK_FALSE(write_json_in_pieces(p.root, 4096, [&](std::string_view) { return ++calls < 3; }));
  CHECK(calls == 3);
}
