#include <doctest/doctest.h>

#include "test_util.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// Strings that a careless writer turns into something else.
const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> v = {
      "yes", "no", "on", "off", "Yes", "NO", "y", "n", "Y", "N", "true", "False", "null", "Null",
      "~", "123", "-5", "+1", "1.0", "1.", ".5", "1e3", "0x1F", "0o17", "1_000", "012", "0b101",
      "1:20", "190:20:30", ".inf", "-.inf", ".nan", "2001-12-14", "=", "<<",
      "- a", "-", "--", "---", "...", ": x", ":", "a: b", "a:b", "a #b", "a#b", "#x", "'q'",
      "\"dq\"", "it's", "say \"hi\"", "", " ", " lead", "trail ", "trail\t", "multi\nline\n",
      "multi\nline no newline", "trailing newlines\n\n\n", "\n", "\n\n", "\nleading newline",
      "tab\tinside", "\t", "\xC3\xA9 unicode \xE2\x9C\x93", "\x01 control", "\x7f del",
      "\x1b[0m", "[", "]", "{", "}", "[a, b]", "{a: b}", ",", "a, b", "*alias", "&anchor", "!tag",
      "!!str", "%directive", "@at", "`tick", "|", ">", "|-", ">+", "?", "? x", "key:", "key: ",
      "line1\n  indented second line\n", "  indented first\nsecond\n", "a\n  ", "a\n \nb",
      "a\n\nb\n", "x\n#not a comment\n", "x\n- y\n", "x\n---\ny\n", "x\n...\ny",
      "x\n\ty\n", "a\r\nb", "cr\r", "back\\slash", "\\n", "a \nb", "# comment\n",
      "\xC2\x85nel", "a\xE2\x80\xA8" "b", "mid\xEF\xBB\xBF" "bom", "nbsp\xC2\xA0", "%20", "&", "*",
      "!", "{{ template }}", "${var}", "http://example.com/a#b", "C:\\path", "/pets/{id}",
      "$ref", "<<: *x", "@", "0", "-0", "00", "1e400", "12345678901234567890", "1.10",
      "TRUE", "NULL", "nan", "inf", "Infinity", "0.", "+.5", "1__0", "_1", "1,000", "3.0.3",
      "On", "ON", "Off", "OFF", "True", "FALSE", "YES", "No", "nULL", "tRUE", "oN", "yEs", "type", "ok",
      std::string(1000, 'k'), std::string("nul\0byte", 8),
  };
  return v;
}

void check_yaml_round_trip(const Node& tree) {
  std::string text = to_yaml(tree);
  Parsed back = yaml(text);
  INFO("YAML written:\n", text);
  REQUIRE_MESSAGE(back.ok, dump(back.diags));
  // Strings that other readers could type differently must be quoted, so nothing is flagged.
  CHECK_MESSAGE(back.diags.empty(), dump(back.diags));
  CHECK(Tree{back.root} == Tree{tree});
}

void check_json_round_trip(const Node& tree) {
  for (bool pretty : {true, false}) {
    std::string text = to_json(tree, pretty);
    Parsed back = json(text);
    INFO("JSON written:\n", text);
    REQUIRE_MESSAGE(back.ok, dump(back.diags));
    CHECK(back.diags.empty());
    CHECK(Tree{back.root} == Tree{tree});
  }
}

std::string printable(const std::string& s) {
  return json_quote(s);
}

}  // namespace

TEST_CASE("to_json: exact output") {
  Node root = Node::object();
  root.set("s", Node::string("a\"b\\c\n\t\x01\x7f\xC3\xA9"));
  root.set("n", Node::number("1.0"));
  root.set("t", Node::boolean_value(true));
  root.set("f", Node::boolean_value(false));
  root.set("z", Node());
  Node arr = Node::array();
  arr.items.push_back(Node::number("1"));
  arr.items.push_back(Node::object());
  arr.items.push_back(Node::array());
  root.set("a", arr);
  Node inner = Node::object();
  inner.set("k", Node::string("v"));
  root.set("o", inner);

  CHECK(to_json(root, false) ==
        "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\xC3\xA9\",\"n\":1.0,\"t\":true,\"f\":false,"
        "\"z\":null,\"a\":[1,{},[]],\"o\":{\"k\":\"v\"}}");
  CHECK(to_json(root) ==
        "{\n"
        "  \"s\": \"a\\\"b\\\\c\\n\\t\\u0001\\u007f\xC3\xA9\",\n"
        "  \"n\": 1.0,\n"
        "  \"t\": true,\n"
        "  \"f\": false,\n"
        "  \"z\": null,\n"
        "  \"a\": [\n"
        "    1,\n"
        "    {},\n"
        "    []\n"
        "  ],\n"
        "  \"o\": {\n"
        "    \"k\": \"v\"\n"
        "  }\n"
        "}\n");
  CHECK(to_json(Node::string("x")) == "\"x\"\n");
  CHECK(to_json(Node(), false) == "null");
}

TEST_CASE("json_quote") {
  CHECK(json_quote("") == "\"\"");
  CHECK(json_quote("plain") == "\"plain\"");
  CHECK(json_quote("\"\\/") == "\"\\\"\\\\/\"");
  CHECK(json_quote("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
  CHECK(json_quote(std::string("\0\x1f", 2)) == "\"\\u0000\\u001f\"");
  CHECK(json_quote("\xE2\x9C\x93") == "\"\xE2\x9C\x93\"");
}

TEST_CASE("to_yaml: exact output for a small tree") {
  Node root = Node::object();
  root.set("openapi", Node::string("3.1.0"));
  Node info = Node::object();
  info.set("title", Node::string("Pets"));
  info.set("description", Node::string("Line one.\nLine two.\n"));
  info.set("version", Node::string("1.0"));
  root.set("info", info);
  Node tags = Node::array();
  tags.items.push_back(Node::string("yes"));
  Node t2 = Node::object();
  t2.set("name", Node::string("dog"));
  t2.set("x-n", Node::number("2"));
  tags.items.push_back(t2);
  tags.items.push_back(Node::array());
  root.set("tags", tags);
  Node responses = Node::object();
  responses.set("200", Node::object());
  root.set("responses", responses);
  root.set("nothing", Node());
  root.set("flag", Node::boolean_value(false));

  CHECK(to_yaml(root) ==
        "openapi: \"3.1.0\"\n"  // all of its characters could be in a YAML 1.1 number
        "info:\n"
        "  title: Pets\n"
        "  description: |\n"
        "    Line one.\n"
        "    Line two.\n"
        "  version: \"1.0\"\n"
        "tags:\n"
        "- \"yes\"\n"
        "- name: dog\n"
        "  x-n: 2\n"
        "- []\n"
        "responses:\n"
        "  \"200\": {}\n"
        "nothing: null\n"
        "flag: false\n");
}

TEST_CASE("to_yaml: block scalar chomping indicators") {
  Node root = Node::object();
  root.set("strip", Node::string("a\nb"));
  root.set("clip", Node::string("a\nb\n"));
  root.set("keep", Node::string("a\nb\n\n"));
  CHECK(to_yaml(root) ==
        "strip: |-\n"
        "  a\n"
        "  b\n"
        "clip: |\n"
        "  a\n"
        "  b\n"
        "keep: |+\n"
        "  a\n"
        "  b\n"
        "\n");
  check_yaml_round_trip(root);
}

TEST_CASE("to_yaml: scalars at the top level") {
  CHECK(to_yaml(Node::string("yes")) == "\"yes\"\n");
  CHECK(to_yaml(Node::string("plain")) == "plain\n");
  CHECK(to_yaml(Node::number("-1.5e3")) == "-1.5e3\n");
  CHECK(to_yaml(Node()) == "null\n");
  CHECK(to_yaml(Node::object()) == "{}\n");
  CHECK(to_yaml(Node::array()) == "[]\n");
  for (const std::string& s : hostile_strings()) {
    CAPTURE(printable(s));
    check_yaml_round_trip(Node::string(s));
  }
}

TEST_CASE("to_yaml: hostile strings survive a round trip as values") {
  for (const std::string& s : hostile_strings()) {
    CAPTURE(printable(s));
    Node root = Node::object();
    root.set("v", Node::string(s));
    check_yaml_round_trip(root);
    // In a sequence, and in a mapping inside a sequence inside a mapping.
    Node list = Node::array();
    list.items.push_back(Node::string(s));
    Node item = Node::object();
    item.set("deep", Node::string(s));
    list.items.push_back(item);
    Node wrapper = Node::object();
    Node level = Node::object();
    level.set("list", list);
    wrapper.set("level", level);
    check_yaml_round_trip(wrapper);
  }
}

TEST_CASE("to_yaml: hostile strings survive a round trip as keys") {
  for (const std::string& s : hostile_strings()) {
    CAPTURE(printable(s));
    Node root = Node::object();
    root.set(s, Node::string("value"));
    check_yaml_round_trip(root);
    Node nested = Node::object();
    Node inner = Node::object();
    inner.set(s, Node::string(s));
    Node list = Node::array();
    list.items.push_back(inner);
    nested.set("x", list);
    check_yaml_round_trip(nested);
  }
}

TEST_CASE("to_yaml: all hostile strings as keys of one mapping") {
  Node root = Node::object();
  for (const std::string& s : hostile_strings()) root.set(s, Node::string(s));
  CHECK(root.members.size() == hostile_strings().size());
  check_yaml_round_trip(root);
  check_json_round_trip(root);
}

TEST_CASE("to_yaml: every ASCII character in every position") {
  for (int c = 1; c < 128; ++c) {
    std::string ch(1, static_cast<char>(c));
    for (const std::string& s : {ch, ch + "a", "a" + ch, "a" + ch + "b", ch + " a", "a " + ch,
                                 ch + ch, "1" + ch, ch + "1", ch + "\n"}) {
      CAPTURE(printable(s));
      Node root = Node::object();
      root.set(s, Node::string(s));
      Node list = Node::array();
      list.items.push_back(Node::string(s));
      root.set("list", list);
      if (s == "list") continue;
      check_yaml_round_trip(root);
    }
  }
}

// plain_safe() tests eight bytes at a time (text/word_test.h): what makes a string need quotes
// must be seen wherever it falls, across the boundary of two words too.
TEST_CASE("to_yaml: what needs quotes is seen at every place of a long string") {
  for (const std::string& bad : {std::string(": "), std::string(" #"), std::string("\t"), std::string("\x7f"),
                                 std::string("\x01")})
    for (size_t at = 1; at + bad.size() < 20; ++at) {
      std::string s(20, 'a');
      s.replace(at, bad.size(), bad);
      CAPTURE(printable(s));
      CHECK(to_yaml(Node::string(s)).front() == '"');
      Node root = Node::object();
      root.set(s, Node::string(s));
      check_yaml_round_trip(root);
    }
}

TEST_CASE("to_yaml: structure round trip") {
  Node root = Node::object();
  Node aa = Node::array();
  Node inner1 = Node::array();
  inner1.items.push_back(Node::number("1"));
  inner1.items.push_back(Node::string("two\nlines"));
  Node inner2 = Node::array();
  inner2.items.push_back(Node::array());
  inner2.items.push_back(Node::object());
  Node inner3 = Node::array();
  inner3.items.push_back(inner2);
  aa.items.push_back(inner1);
  aa.items.push_back(inner3);
  root.set("arrays", aa);
  Node objs = Node::array();
  Node o1 = Node::object();
  Node o1v = Node::object();
  o1v.set("c", Node::string("multi\nline\n"));
  Node o1l = Node::array();
  o1l.items.push_back(Node::string("- not a list"));
  o1v.set("l", o1l);
  o1.set("a", o1v);
  o1.set("b", Node::boolean_value(true));
  objs.items.push_back(o1);
  objs.items.push_back(Node());
  objs.items.push_back(Node::number("12345678901234567890"));
  root.set("objs", objs);
  Node deep = Node::string("bottom\nof the\n  stack\n");
  for (int k = 0; k < 30; ++k) {
    Node wrap = (k % 2) ? Node::array() : Node::object();
    if (k % 2) wrap.items.push_back(deep);
    else wrap.set("k" + std::to_string(k), deep);
    deep = wrap;
  }
  root.set("deep", deep);
  check_yaml_round_trip(root);
  check_json_round_trip(root);
}

TEST_CASE("to_yaml: keys longer than YAML's 1024-character implicit-key limit" * doctest::description(
              "Regression, fixed: write_key() always writes an implicit key; YAML limits implicit keys to 1024 "
              "characters, so a longer key (or a shorter one that grows when quoted) is written "
              "as YAML that yaml-cpp rejects ('illegal map value'); it needs the explicit '? ' form")) {
  for (const std::string& key : {std::string(1100, 'k'), "a: " + std::string(1022, 'b')}) {
    CAPTURE(key.size());
    Node root = Node::object();
    root.set(key, Node::string("v"));
    check_yaml_round_trip(root);
  }
}

TEST_CASE("to_yaml: a string that starts with U+FEFF" * doctest::description(
              "Regression, fixed: plain_safe() lets a string starting with a byte order mark be written plain; "
              "at the start of the document a YAML reader drops it as the stream's BOM")) {
  const std::string s = "\xEF\xBB\xBF" "bom";
  check_yaml_round_trip(Node::string(s));
  Node root = Node::object();
  root.set(s, Node::string(s));
  check_yaml_round_trip(root);
}

TEST_CASE("number and literal nodes keep their text through both writers") {
  Node root = Node::object();
  Node list = Node::array();
  for (const char* lit : {"0", "-0", "1.0", "1.10", "0.5E-3", "1e400", "-1.25e+2", "10e3",
                          "12345678901234567890", "123456789012345678901234567890.5"})
    list.items.push_back(Node::number(lit));
  list.items.push_back(Node::boolean_value(true));
  list.items.push_back(Node::boolean_value(false));
  list.items.push_back(Node());
  root.set("n", list);
  check_yaml_round_trip(root);
  check_json_round_trip(root);
  CHECK(to_yaml(list) ==
        "- 0\n- -0\n- 1.0\n- 1.10\n- 0.5E-3\n- 1e400\n- -1.25e+2\n- 10e3\n"
        "- 12345678901234567890\n- 123456789012345678901234567890.5\n- true\n- false\n"
        "- null\n");
}

TEST_CASE("to_json: hostile strings survive a round trip") {
  for (const std::string& s : hostile_strings()) {
    CAPTURE(printable(s));
    Node root = Node::object();
    root.set(s, Node::string(s));
    Node list = Node::array();
    list.items.push_back(Node::string(s));
    root.set(s + "-list", list);
    check_json_round_trip(root);
    check_json_round_trip(Node::string(s));
  }
}

TEST_CASE("the writers are deterministic and keep key order") {
  Node root = Node::object();
  for (const char* k : {"zeta", "alpha", "mid", "0", "Alpha"}) root.set(k, Node::string(k));
  CHECK(to_json(root, false) ==
        "{\"zeta\":\"zeta\",\"alpha\":\"alpha\",\"mid\":\"mid\",\"0\":\"0\",\"Alpha\":\"Alpha\"}");
  CHECK(to_yaml(root) == "zeta: zeta\nalpha: alpha\nmid: mid\n\"0\": \"0\"\nAlpha: Alpha\n");
  Parsed back = yaml(to_yaml(root));
  REQUIRE(back.ok);
  REQUIRE(back.root.members.size() == 5);
  CHECK(back.root.members[0].key == "zeta");
  CHECK(back.root.members[4].key == "Alpha");
  CHECK(to_yaml(back.root) == to_yaml(root));
}
