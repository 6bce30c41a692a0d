// Large YAML mappings: duplicate keys are found through a key index once a mapping outgrows a
// linear scan; what is reported, and which value wins, must not change with the size.
#include <doctest/doctest.h>

#include <chrono>

#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("yaml scale: duplicate keys in a large mapping keep both positions") {
  std::string text = "outer:\n  - inner:\n";
  for (int i = 0; i < 1000; ++i) text += "      k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "      a/b~c: 1\n";      // line 1003 (k<i> is on line 3 + i)
  text += "      k3: three\n";     // line 1004
  text += "      k999: last\n";    // line 1005
  text += "      a/b~c: 2\n";      // line 1006
  text += "      k3: again\n";     // line 1007
  Parsed p = yaml(text);
  REQUIRE(count_diag(p.diags, "duplicate-key") == 4);
  struct Expect {
    const char* pointer;
    const char* pos;
    const char* first;
  } expect[] = {
      {"/outer/0/inner/k3", "1004:7", "6:7"},
      {"/outer/0/inner/k999", "1005:7", "1002:7"},
      {"/outer/0/inner/a~1b~0c", "1006:7", "1003:7"},
      {"/outer/0/inner/k3", "1007:7", "1004:7"},  // the first place is where the winner was
  };
  for (size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(p.diags[i].code == "duplicate-key");
    CHECK(p.diags[i].where.pointer == expect[i].pointer);
    CHECK(lc(p.diags[i].where.pos) == expect[i].pos);
    REQUIRE(p.diags[i].related.size() == 1);
    CHECK(lc(p.diags[i].related[0].pos) == expect[i].first);
  }
}

TEST_CASE("yaml scale: the last value wins and the order of first appearance is kept") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "k5: five\nk39: end\n";
  Parsed p = yaml(text);
  REQUIRE(count_diag(p.diags, "duplicate-key") == 2);
  REQUIRE(p.root.members.size() == 40);
  CHECK(p.root.members[5].value.text == "five");
  CHECK(p.root.members[39].value.text == "end");
  CHECK(lc(p.root.members[39].key_pos) == "42:1");  // the winner's place
  // The same mapping merged into another with `<<`, then overridden once (silently) and
  // twice (reported).
  std::string merged = "base: &b\n";
  for (int i = 0; i < 40; ++i) merged += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  merged += "use:\n  <<: *b\n  k5: own\n  extra: 1\n  k7: own\n";
  Parsed m = yaml(merged);
  REQUIRE_MESSAGE(m.ok, dump(m.diags));
  CHECK(m.diags.empty());
  const Node* use = m.root.find("use");
  REQUIRE(use);
  REQUIRE(use->members.size() == 41);
  CHECK(use->members[5].key == "k5");
  CHECK(use->members[5].value.text == "own");
  CHECK(use->members[7].value.text == "own");
  CHECK(use->members[40].key == "extra");
  // A merged key overridden twice is a duplicate the second time.
  Parsed twice = yaml(merged + "  k5: again\n");
  REQUIRE(count_diag(twice.diags, "duplicate-key") == 1);
  CHECK(twice.diags[0].where.pointer == "/use/k5");
}

TEST_CASE("yaml scale: a mapping of 100000 keys") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  auto start = std::chrono::steady_clock::now();
  Parsed p = yaml(text);
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(secs < 60.0);  // a hang guard (the quadratic duplicate check took ~20 s here)
  REQUIRE(p.ok);
  CHECK(p.diags.empty());
  REQUIRE(p.root.members.size() == 100000);
  CHECK(p.root.members[99999].key == "k99999");
  CHECK(lc(p.root.members[99999].key_pos) == "100000:1");
}
