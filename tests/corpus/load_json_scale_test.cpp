// The JSON parser on GitHub's 13 MB description.
// Moved from generator/load/load_json_scale_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "load/load_test_fixtures.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// Same tree as nlohmann's ordered parse: kinds, key order, strings, numbers (as values).
void expect_same_tree(const Node& n, const nlohmann::ordered_json& j, const std::string& where, size_t& nodes) {
  ++nodes;
  CAPTURE(where);
  REQUIRE(n.pos.line > 0);
  switch (n.kind) {
    case NodeKind::Null: REQUIRE(j.is_null()); break;
    case NodeKind::Bool: REQUIRE(j.is_boolean()); REQUIRE(n.boolean == j.get<bool>()); break;
    case NodeKind::String: REQUIRE(j.is_string()); REQUIRE(n.text == j.get<std::string>()); break;
    case NodeKind::Number: REQUIRE(j.is_number()); REQUIRE(nlohmann::json::parse(n.text) == nlohmann::json(j)); break;
    case NodeKind::Array: {
      REQUIRE(j.is_array());
      REQUIRE(n.items.size() == j.size());
      for (size_t i = 0; i < n.items.size(); ++i) expect_same_tree(n.items[i], j[i], where + "/" + std::to_string(i), nodes);
      break;
    }
    case NodeKind::Object: {
      REQUIRE(j.is_object());
      REQUIRE(n.members.size() == j.size());
      size_t i = 0;
      for (auto it = j.begin(); it != j.end(); ++it, ++i) {
        REQUIRE(n.members[i].key == it.key());
        REQUIRE(n.members[i].key_pos.line > 0);
        expect_same_tree(n.members[i].value, it.value(), where + "/" + it.key(), nodes);
      }
      break;
    }
  }
}

}  // namespace

TEST_CASE("json scale: GitHub's description parses to the same tree as nlohmann::json") {
  std::string text = read_text(corpus("github/api.github.com.json"));
  Parsed p = json(text);
  REQUIRE(p.ok);
  CHECK(p.diags.empty());
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
  size_t nodes = 0;
  expect_same_tree(p.root, j, "", nodes);
  CHECK(nodes > 200000);  // 257996 nodes in the stored copy
  CHECK(p.root.find("paths")->members.size() > 500);  // large enough to use the key index
}

TEST_CASE("json split: GitHub's description, on two threads and on one") {
  std::string text = read_text(corpus("github/api.github.com.json"));
  REQUIRE(text.size() >= ParseLimits{}.split_json_from);  // split by default
  expect_split_same_as_serial(text);
}
