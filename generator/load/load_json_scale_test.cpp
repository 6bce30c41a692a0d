// The JSON parser's fast paths: the key index of large objects, the per-depth scratch vectors,
// the pointer built only for messages, and the 8-bytes-at-a-time scans of strings and
// indentation. Each is checked against what the plain, byte-by-byte reading must give.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "load/load_test_fixtures.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

std::string big_object(size_t n, const std::string& key_prefix = "k") {
  std::string text = "{";
  for (size_t i = 0; i < n; ++i) text += (i ? ",\n" : "\n") + std::string("\"") + key_prefix + std::to_string(i) + "\": " + std::to_string(i);
  return text + "\n}";
}

}  // namespace

TEST_CASE("json scale: positions stay exact across the 8-byte scans") {
  // A value after every possible run of spaces and string length, so the word-at-a-time
  // skips end at every offset within a word.
  for (size_t spaces = 0; spaces < 20; ++spaces) {
    for (size_t len = 0; len < 20; ++len) {
      CAPTURE(spaces);
      CAPTURE(len);
      std::string key(len, 'k');
      std::string text = "{\n" + std::string(spaces, ' ') + "\"" + key + "\":" + std::string(spaces, ' ') + "\"" +
                         std::string(len, 'v') + "\\n\u00e9\" }";
      Parsed p = json(text);
      REQUIRE(p.ok);
      REQUIRE(p.root.members.size() == 1);
      CHECK(p.root.members[0].key == key);
      CHECK(lc(p.root.members[0].key_pos) == "2:" + std::to_string(spaces + 1));
      CHECK(lc(p.root.members[0].value.pos) == "2:" + std::to_string(2 * spaces + len + 4));
      CHECK(p.root.members[0].value.text == std::string(len, 'v') + "\n\u00e9");
    }
  }
  // A quote, a backslash or a control character at every offset of a word is seen.
  for (size_t at = 0; at < 17; ++at) {
    CAPTURE(at);
    std::string prefix(at, 'a');
    Parsed q = json("[\"" + prefix + "\\\"x\"]");
    REQUIRE(q.ok);
    CHECK(q.root.items[0].text == prefix + "\"x");
    Parsed ctl = json("[\"" + prefix + "\tx\"]");
    REQUIRE_FALSE(ctl.ok);
    CHECK(ctl.diags[0].message == "control character in string");
    CHECK(lc(ctl.diags[0].where.pos) == "1:" + std::to_string(at + 3));
    CHECK(ctl.diags[0].where.pointer == "/0");
    Parsed open = json("[\"" + prefix);
    REQUIRE_FALSE(open.ok);
    CHECK(open.diags[0].message == "unterminated string");
  }
  // Bytes above 0x7F (UTF-8) are plain string bytes, not control characters.
  Parsed utf = json("\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"");
  REQUIRE(utf.ok);
  CHECK(utf.root.text == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("json scale: the error pointer is exact deep inside arrays and escaped keys") {
  Parsed p = json(R"({"p": [0, 1, {"q/r": [[], [true, {"s~": [1, 2, x]}]]}], "z": 1})");
  REQUIRE_FALSE(p.ok);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].where.pointer == "/p/2/q~1r/1/1/s~0/2");
  CHECK(p.diags[0].message == "unexpected character 'x'");

  // Finished siblings leave no trace in the pointer.
  p = json(R"([{"a": [1, 2, 3]}, {"b": {"c": 1}}, [[], [], [1, {"d": tru}]]])");
  REQUIRE_FALSE(p.ok);
  CHECK(p.diags[0].where.pointer == "/2/2/1/d");

  // A member dropped as a duplicate leaves no trace either.
  std::string text = big_object(40);
  text.insert(text.size() - 2, ",\n\"k7\": 1,\n\"after\": [0, {\"x\": nul}]");
  p = json(text);
  REQUIRE_FALSE(p.ok);
  CHECK(count_diag(p.diags, "duplicate-key") == 1);
  CHECK(p.diags.back().code == "json-syntax");
  CHECK(p.diags.back().where.pointer == "/after/1/x");

  // Past the limit, the pointer names the array items leading there.
  std::string deep = "{\"a\": " + std::string(10, '[') + "1" + std::string(10, ']') + "}";
  ParseLimits limits;
  limits.max_depth = 5;
  p = json(deep, limits);
  REQUIRE_FALSE(p.ok);
  CHECK(p.diags[0].message == "nesting deeper than 5 levels");
  CHECK(p.diags[0].where.pointer == "/a/0/0/0/0");  // object, then four arrays: the fifth is refused
}

TEST_CASE("json scale: duplicate keys in large objects keep both positions") {
  // 1000 keys, then repeats of an early key (found by the index built late), a late key and a
  // key that needs pointer escaping.
  std::string text = "{\n  \"outer\": [{\n";
  for (int i = 0; i < 1000; ++i) text += "    \"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
  text += "    \"a/b~c\": 1,\n";
  text += "    \"k3\": \"three\",\n";     // line 1004 (k<i> is on line 3 + i)
  text += "    \"k999\": \"last\",\n";    // line 1005
  text += "    \"a/b~c\": 2,\n";          // line 1006
  text += "    \"k3\": \"again\"\n";      // line 1007
  text += "  }]\n}";
  Parsed p = json(text);
  REQUIRE(p.ok);
  REQUIRE(p.diags.size() == 4);
  struct Expect {
    const char* pointer;
    const char* pos;
    const char* first;
    const char* key;
  } expect[] = {
      {"/outer/0/k3", "1004:5", "6:5", "'k3'"},
      {"/outer/0/k999", "1005:5", "1002:5", "'k999'"},
      {"/outer/0/a~1b~0c", "1006:5", "1003:5", "'a/b~c'"},
      {"/outer/0/k3", "1007:5", "6:5", "'k3'"},
  };
  for (size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(p.diags[i].code == "duplicate-key");
    CHECK(p.diags[i].where.file == "t.json");
    CHECK(p.diags[i].where.pointer == expect[i].pointer);
    CHECK(lc(p.diags[i].where.pos) == expect[i].pos);
    REQUIRE(p.diags[i].related.size() == 1);
    CHECK(p.diags[i].related[0].pointer == expect[i].pointer);
    CHECK(lc(p.diags[i].related[0].pos) == expect[i].first);
    CHECK(p.diags[i].message.find(expect[i].key) != std::string::npos);
  }
  const Node& obj = p.root.find("outer")->items[0];
  REQUIRE(obj.members.size() == 1001);  // order of first appearance, last value
  CHECK(obj.members[3].key == "k3");
  CHECK(obj.members[3].value.text == "again");
  CHECK(lc(obj.members[3].key_pos) == "6:5");
  CHECK(obj.members[999].value.text == "last");
  CHECK(obj.members[1000].key == "a/b~c");
  CHECK(obj.members[1000].value.text == "2");
}

TEST_CASE("json scale: sibling objects do not share keys or members") {
  // Objects at the same depth reuse one scratch area and key index in turn.
  std::string text = "[" + big_object(30, "a") + ", {\"a1\": 1, \"b\": 2}, " + big_object(20, "a") + ", {}, [" +
                     big_object(17, "c") + "]]";
  Parsed p = json(text);
  REQUIRE(p.ok);
  CHECK(p.diags.empty());
  REQUIRE(p.root.items.size() == 5);
  CHECK(p.root.items[0].members.size() == 30);
  CHECK(p.root.items[1].members.size() == 2);
  CHECK(p.root.items[2].members.size() == 20);
  CHECK(p.root.items[3].members.empty());
  CHECK(p.root.items[4].items[0].members.size() == 17);
  CHECK(p.root.items[2].members[19].key == "a19");
  CHECK(p.root.items[2].members[19].value.text == "19");
  // Vectors are exactly sized.
  CHECK(p.root.items[0].members.capacity() == 30);
  CHECK(p.root.items.capacity() == 5);
}

TEST_CASE("json scale: hostile sizes") {
  SUBCASE("an object of 100000 members") {
    std::string text = big_object(100000);
    auto start = std::chrono::steady_clock::now();
    Parsed p = json(text);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 60.0);  // a hang guard (quadratic duplicate checks took minutes at this size)
    REQUIRE(p.ok);
    CHECK(p.diags.empty());
    REQUIRE(p.root.members.size() == 100000);
    CHECK(p.root.members[99999].key == "k99999");
    CHECK(lc(p.root.members[99999].key_pos) == "100001:1");
  }
  SUBCASE("100000 repeats of one key") {
    std::string text = "{";
    for (int i = 0; i < 100000; ++i) text += std::string(i ? "," : "") + "\"a\":" + std::to_string(i);
    text += "}";
    Parsed p = json(text);
    REQUIRE(p.ok);
    CHECK(count_diag(p.diags, "duplicate-key") == 99999);
    REQUIRE(p.root.members.size() == 1);
    CHECK(p.root.members[0].value.text == "99999");
    CHECK(lc(p.diags.back().related[0].pos) == "1:2");
  }
  SUBCASE("100000 distinct keys that collide in length and prefix, each repeated once") {
    std::string text = "{";
    for (int round = 0; round < 2; ++round)
      for (int i = 0; i < 50000; ++i) text += std::string(text.size() > 1 ? "," : "") + "\"key-" + std::to_string(i) + "\":" + std::to_string(round);
    text += "}";
    Parsed p = json(text);
    REQUIRE(p.ok);
    CHECK(count_diag(p.diags, "duplicate-key") == 50000);
    REQUIRE(p.root.members.size() == 50000);
    CHECK(p.root.members[49999].value.text == "1");
  }
  SUBCASE("100000 nested arrays are still refused at the depth limit") {
    std::string text(100000, '[');
    Parsed p = json(text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.diags[0].message == "nesting deeper than 400 levels");
    CHECK(p.diags[0].where.pointer.size() == 400 * 2);  // "/0" per open array
  }
}

TEST_CASE("json split: two threads give the tree, positions and messages of one, wherever the cut falls") {
  // The cut is a member's key past 7/12 of the text: shifting the document by leading spaces
  // moves it across every key, at every depth, inside arrays of objects too.
  const std::string doc =
      "{\"a\": 1, \"b\": {\"c\": [1, 2, {\"d\": \"x\\\"y,\\\\\", \"e\": {\"f\": [], \"g\": {}}}, 3],\n"
      "  \"h\": {\"i\": \"j\", \"k\": null}}, \"l\": [{\"m\": 1}, {\"n\": 2, \"o\": [{\"p\": true}]}],\n"
      "  \"q\": \"\\u00e9\\ud83d\\ude00 ]},\", \"r\": -1.5e3, \"s\": {\"t\": {\"u\": {\"v\": 1, \"w\": 2}, \"x\": 3}, \"y\": 4}}";
  for (size_t pad = 0; pad < 2 * doc.size(); ++pad) {
    CAPTURE(pad);
    std::string text = std::string(pad, pad % 3 ? ' ' : '\n') + doc;
    expect_split_same_as_serial(text);
  }
  // Findings and errors: the two-thread parse gives way to one thread, for the exact messages.
  for (const char* bad : {
           "{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"d\": 3, \"d\": 4}",     // duplicates on either side
           "{\"a\": 1, \"b\": {\"c\": 1}, \"e\": 5, \"f\": 6, \"b\": 2}",   // a key on both sides
           "{\"a\": 1, \"b\": [1, 2, 3",                                    // cut off
           "{\"a\": 1,\n \"b\": 2,\n \"c\": {\"x\": 1}} trailing",          // text after the value
           "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4,}",                     // trailing comma
           "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": \"unterminated}",
           "\xEF\xBB\xBF{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}",          // byte order mark
           "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": [[[[[[1]]]]]], \"e\": {\"f\": {\"g\": 1}}}",
       }) {
    CAPTURE(bad);
    expect_split_same_as_serial(bad);
  }
  ParseLimits shallow;
  shallow.split_json_from = 0;
  shallow.max_depth = 3;
  Node n;
  Diagnostics d;
  CHECK_FALSE(parse_json("{\"a\": 1, \"b\": 2, \"c\": {\"d\": {\"e\": {\"f\": 1}}}}", "f.json", n, d, shallow));
  CHECK(count_diag(d, "json-syntax") == 1);
}
