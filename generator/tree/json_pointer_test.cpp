#include <doctest/doctest.h>

#include "test_util.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

using namespace apiref;
using namespace apiref_test;
using apiref::text::percent_decode;

namespace {

std::vector<std::string> toks(std::initializer_list<const char*> l) {
  return std::vector<std::string>(l.begin(), l.end());
}

}  // namespace

TEST_CASE("pointer_escape escapes ~ before / and leaves everything else") {
  CHECK(pointer_escape("") == "");
  CHECK(pointer_escape("plain") == "plain");
  CHECK(pointer_escape("a/b~c") == "a~1b~0c");
  CHECK(pointer_escape("~1") == "~01");  // a literal "~1" must not come back as "/"
  CHECK(pointer_escape("/") == "~1");
  CHECK(pointer_escape("~") == "~0");
  CHECK(pointer_escape("//~~") == "~1~1~0~0");
  CHECK(pointer_escape("{id} %20 é") == "{id} %20 é");  // no percent-encoding here
}

TEST_CASE("append_pointer adds one escaped token") {
  CHECK(append_pointer("", "paths") == "/paths");
  CHECK(append_pointer("/paths", "/pets") == "/paths/~1pets");
  CHECK(append_pointer("/paths", "/pets/{id}") == "/paths/~1pets~1{id}");
  CHECK(append_pointer("/a", "") == "/a/");
  CHECK(append_pointer("/a", "~x") == "/a/~0x");
}

TEST_CASE("parse_pointer splits and unescapes tokens") {
  CHECK(parse_pointer("") == std::optional<std::vector<std::string>>(toks({})));
  CHECK(*parse_pointer("/") == toks({""}));
  CHECK(*parse_pointer("//") == toks({"", ""}));
  CHECK(*parse_pointer("/a/b") == toks({"a", "b"}));
  CHECK(*parse_pointer("/a/") == toks({"a", ""}));
  CHECK(*parse_pointer("/a~1b~0c") == toks({"a/b~c"}));
  CHECK(*parse_pointer("/paths/~1pets~1{id}") == toks({"paths", "/pets/{id}"}));
  CHECK(*parse_pointer("/0/10") == toks({"0", "10"}));
  // RFC 6901 §4: ~1 is replaced first, then ~0; so "~01" is "~1", never "/".
  CHECK(*parse_pointer("/~01") == toks({"~1"}));
  CHECK(*parse_pointer("/~00") == toks({"~0"}));
  CHECK(*parse_pointer("/~10") == toks({"/0"}));
  CHECK(*parse_pointer("/a~0~1b") == toks({"a~/b"}));
  // Percent signs are not a pointer escape.
  CHECK(*parse_pointer("/a%20b") == toks({"a%20b"}));
}

TEST_CASE("parse_pointer refuses malformed pointers") {
  CHECK_FALSE(parse_pointer("a/b").has_value());   // no leading '/'
  CHECK_FALSE(parse_pointer("a").has_value());
  CHECK_FALSE(parse_pointer("#/a").has_value());   // URI fragment form, not a pointer
  CHECK_FALSE(parse_pointer("/~2").has_value());   // '~' must be followed by 0 or 1
  CHECK_FALSE(parse_pointer("/a~").has_value());   // trailing '~'
  CHECK_FALSE(parse_pointer("/~").has_value());
  CHECK_FALSE(parse_pointer("/~/a").has_value());  // '~' followed by '/'
  CHECK_FALSE(parse_pointer("/a/~x").has_value());
}

TEST_CASE("escape and parse are inverse") {
  for (const char* t : {"", "a", "~", "/", "~0", "~1", "a/b~c", "~01", "/~/~", "{x}"}) {
    CAPTURE(std::string(t));
    auto back = parse_pointer(append_pointer("", t));
    REQUIRE(back.has_value());
    CHECK(*back == toks({t}));
  }
}

TEST_CASE("percent_decode") {
  CHECK(*text::percent_decode("") == "");
  CHECK(*text::percent_decode("plain/path") == "plain/path");
  CHECK(*text::percent_decode("with%20space.yaml") == "with space.yaml");
  CHECK(*text::percent_decode("%7Bid%7D") == "{id}");
  CHECK(*text::percent_decode("%7bid%7d") == "{id}");  // lower-case hex
  CHECK(*text::percent_decode("%25") == "%");
  CHECK(*text::percent_decode("%2520") == "%20");      // decoded once only
  CHECK(*text::percent_decode("a%2Fb") == "a/b");
  CHECK(*text::percent_decode("%C3%A9") == "\xC3\xA9");  // UTF-8 bytes pass through
  CHECK(*text::percent_decode("%41") == "A");            // escape at the very end
  CHECK(*text::percent_decode("x%41") == "xA");

  CHECK_FALSE(text::percent_decode("%G1").has_value());  // not hex
  CHECK_FALSE(text::percent_decode("%1G").has_value());
  CHECK_FALSE(text::percent_decode("%4").has_value());   // truncated
  CHECK_FALSE(text::percent_decode("a%4").has_value());
  CHECK_FALSE(text::percent_decode("%").has_value());
  CHECK_FALSE(text::percent_decode("abc%").has_value());
  CHECK_FALSE(text::percent_decode("%%41").has_value());
}

TEST_CASE("fragment_encode keeps pointer characters and encodes the rest") {
  CHECK(fragment_encode("") == "");
  CHECK(fragment_encode("/components/schemas/Pet") == "/components/schemas/Pet");
  CHECK(fragment_encode("/paths/~1pets~1{id}") == "/paths/~1pets~1%7Bid%7D");
  CHECK(fragment_encode("/a b") == "/a%20b");
  CHECK(fragment_encode("/100%") == "/100%25");
  CHECK(fragment_encode("/\"<>") == "/%22%3C%3E");
  CHECK(fragment_encode("/#") == "/%23");
  CHECK(fragment_encode("/[x]|^`\\") == "/%5Bx%5D%7C%5E%60%5C");
  CHECK(fragment_encode("/\xC3\xA9") == "/%C3%A9");
  CHECK(fragment_encode("/-._~!$&'()*+,;=:@?") == "/-._~!$&'()*+,;=:@?");

  // Round trip: escaped pointer -> fragment -> percent_decode -> parse_pointer.
  std::vector<std::string> tokens = {"paths", "/pets/{id}", "a b", "100%", "x~y", "#hash",
                                     "\xC3\xA9", "\"q\"", "<>", ""};
  std::string pointer;
  for (const std::string& t : tokens) pointer = append_pointer(pointer, t);
  std::string fragment = fragment_encode(pointer);
  CHECK(fragment.find(' ') == std::string::npos);
  CHECK(fragment.find('{') == std::string::npos);
  CHECK(fragment.find('#') == std::string::npos);
  CHECK(fragment.find('"') == std::string::npos);
  CHECK(fragment.find('<') == std::string::npos);
  auto decoded = text::percent_decode(fragment);
  REQUIRE(decoded.has_value());
  CHECK(*decoded == pointer);
  auto back = parse_pointer(*decoded);
  REQUIRE(back.has_value());
  CHECK(*back == tokens);
}

TEST_CASE("resolve_pointer on objects and arrays") {
  Node root = Node::object();
  Node arr = Node::array();
  for (int i = 0; i < 12; ++i) arr.items.push_back(Node::number(std::to_string(i * 10)));
  root.set("arr", arr);
  Node inner = Node::object();
  inner.set("a/b", Node::string("slash"));
  inner.set("m~n", Node::string("tilde"));
  inner.set("", Node::string("empty key"));
  inner.set("07", Node::string("zero-seven"));
  root.set("obj", inner);
  root.set("str", Node::string("leaf"));

  SUBCASE("root and members") {
    CHECK(resolve_pointer(root, {}) == &root);
    const Node* n = resolve_pointer(root, toks({"obj", "a/b"}));
    REQUIRE(n);
    CHECK(n->text == "slash");
    CHECK(resolve_pointer(root, toks({"obj", "m~n"}))->text == "tilde");
    CHECK(resolve_pointer(root, toks({"obj", ""}))->text == "empty key");
    // Object keys that look like numbers are plain keys: "07" is found.
    CHECK(resolve_pointer(root, toks({"obj", "07"}))->text == "zero-seven");
  }

  SUBCASE("array indexes") {
    CHECK(resolve_pointer(root, toks({"arr", "0"}))->text == "0");
    CHECK(resolve_pointer(root, toks({"arr", "1"}))->text == "10");
    CHECK(resolve_pointer(root, toks({"arr", "11"}))->text == "110");
    CHECK(resolve_pointer(root, toks({"arr", "12"})) == nullptr);   // out of range
    CHECK(resolve_pointer(root, toks({"arr", "01"})) == nullptr);   // leading zero refused
    CHECK(resolve_pointer(root, toks({"arr", "00"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", "-"})) == nullptr);    // past-the-end marker
    CHECK(resolve_pointer(root, toks({"arr", "-1"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", "+1"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", " 1"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", "1a"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", ""})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", "99999999999999999999"})) == nullptr);
    CHECK(resolve_pointer(root, toks({"arr", "18446744073709551616"})) == nullptr);
  }

  SUBCASE("deepest_found is the longest prefix that resolved, escaped") {
    std::string found = "unset";
    CHECK(resolve_pointer(root, toks({"obj", "a/b", "deeper"}), &found) == nullptr);
    CHECK(found == "/obj/a~1b");  // a string has no members
    found = "unset";
    CHECK(resolve_pointer(root, toks({"obj", "missing", "x"}), &found) == nullptr);
    CHECK(found == "/obj");
    found = "unset";
    CHECK(resolve_pointer(root, toks({"nope"}), &found) == nullptr);
    CHECK(found == "");
    found = "unset";
    CHECK(resolve_pointer(root, toks({"arr", "12"}), &found) == nullptr);
    CHECK(found == "/arr");
    found = "unset";
    CHECK(resolve_pointer(root, toks({"arr", "3", "x"}), &found) == nullptr);
    CHECK(found == "/arr/3");
    found = "unset";
    CHECK(resolve_pointer(root, toks({"obj", "m~n"}), &found) != nullptr);
    CHECK(found == "/obj/m~0n");  // on success: the whole pointer
  }

  SUBCASE("scalars have no children") {
    CHECK(resolve_pointer(root, toks({"str", "0"})) == nullptr);
    Node null_root;
    std::string found = "unset";
    CHECK(resolve_pointer(null_root, toks({"a"}), &found) == nullptr);
    CHECK(found == "");
  }
}

TEST_CASE("find_members fills each slot with the first member of its name, in one pass") {
  Node s = Node::object();
  s.set("type", Node::string("object"));
  s.set("description", Node::string("d"));
  s.set("minimum", Node::number("1"));
  s.set("maximum", Node::number("2"));
  s.set("", Node::string("empty key"));
  // A second member of a name (the loaders refuse it; a tree made by code may hold one).
  s.members.push_back(Member{"minimum", {}, Node::number("99")});
  const Node *type = nullptr, *minimum = nullptr, *maximum = nullptr, *items = nullptr, *m2 = nullptr;
  const Node* stale = &s;  // a slot is reset even when its name is absent
  find_members(s, {{"type", &type}, {"minimum", &minimum}, {"maximum", &maximum}, {"items", &items},
                   {"mini", &m2}, {"enum", &stale}});
  REQUIRE(type);
  CHECK(type->text == "object");
  REQUIRE(minimum);
  CHECK(minimum->text == "1");  // the first one, as Node::find gives
  CHECK(minimum == s.find("minimum"));
  CHECK(maximum == s.find("maximum"));
  CHECK(items == nullptr);
  CHECK(m2 == nullptr);  // a prefix is not the name
  CHECK(stale == nullptr);
  // Not an object: every slot is null.
  Node arr = Node::array();
  arr.items.push_back(s);
  type = &s;
  find_members(arr, {{"type", &type}});
  CHECK(type == nullptr);
  find_members(Node::string("type"), {{"type", &type}});
  CHECK(type == nullptr);
}
