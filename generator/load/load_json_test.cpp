#include <doctest/doctest.h>

#include <chrono>

#include "test_util.h"
#include "tree/write.h"
#include "tree/yaml_scalar.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("json: scalar values and types") {
  Parsed p = json(R"({"s": "text", "t": true, "f": false, "n": null, "i": 42, "a": [], "o": {}})");
  REQUIRE(p.ok);
  CHECK(p.diags.empty());
  REQUIRE(p.root.is_object());
  REQUIRE(p.root.members.size() == 7);
  // Source order is kept.
  const char* keys[] = {"s", "t", "f", "n", "i", "a", "o"};
  for (size_t k = 0; k < 7; ++k) CHECK(p.root.members[k].key == keys[k]);
  CHECK(p.root.find("s")->kind == NodeKind::String);
  CHECK(p.root.find("s")->text == "text");
  CHECK(p.root.find("t")->kind == NodeKind::Bool);
  CHECK(p.root.find("t")->boolean == true);
  CHECK(p.root.find("f")->kind == NodeKind::Bool);
  CHECK(p.root.find("f")->boolean == false);
  CHECK(p.root.find("n")->kind == NodeKind::Null);
  CHECK(p.root.find("i")->kind == NodeKind::Number);
  CHECK(p.root.find("i")->text == "42");
  CHECK(p.root.find("a")->kind == NodeKind::Array);
  CHECK(p.root.find("a")->items.empty());
  CHECK(p.root.find("o")->kind == NodeKind::Object);
  CHECK(p.root.find("o")->members.empty());
}

TEST_CASE("json: top-level scalars") {
  CHECK(Tree{json("\"x\"").root} == Tree{Node::string("x")});
  CHECK(Tree{json("  7  ").root} == Tree{Node::number("7")});
  CHECK(json("null").ok);
  CHECK(json("null").root.is_null());
  CHECK(Tree{json("true").root} == Tree{Node::boolean_value(true)});
}

TEST_CASE("json: number literals are kept verbatim") {
  Parsed p = json(
      "[1.0, -0, 1e400, 12345678901234567890, 0.5E-3, 10e3, -1.25e+2, 0, 1E5, "
      "123456789012345678901234567890.000000000000000000001]");
  REQUIRE(p.ok);
  const char* want[] = {"1.0",   "-0",       "1e400",  "12345678901234567890",
                        "0.5E-3", "10e3",    "-1.25e+2", "0", "1E5",
                        "123456789012345678901234567890.000000000000000000001"};
  REQUIRE(p.root.items.size() == 10);
  for (size_t k = 0; k < 10; ++k) {
    CAPTURE(k);
    CHECK(p.root.items[k].kind == NodeKind::Number);
    CHECK(p.root.items[k].text == want[k]);
    CHECK(is_json_number(p.root.items[k].text));
  }
  // And they are written back unchanged.
  CHECK(to_json(p.root, false) ==
        "[1.0,-0,1e400,12345678901234567890,0.5E-3,10e3,-1.25e+2,0,1E5,"
        "123456789012345678901234567890.000000000000000000001]");
}

TEST_CASE("json: invalid number forms are syntax errors") {
  for (const char* bad : {"01", "-", "+1", ".5", "1.", "1e", "1e+", "-a", "0x1F", "1.e3",
                          "NaN", "Infinity", "-Infinity"}) {
    CAPTURE(std::string(bad));
    Parsed p = json(bad);
    CHECK_FALSE(p.ok);
    CHECK(p.root.is_null());
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "json-syntax");
    CHECK(p.diags[0].severity == Severity::Error);
  }
  // Where the error is reported.
  Parsed p = json("[1, 01]");
  REQUIRE(p.diags.size() == 1);
  CHECK(lc(p.diags[0].where.pos) == "1:6");  // after "0", at the "1"
  p = json("[1.]");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].message == "invalid number");
  CHECK(lc(p.diags[0].where.pos) == "1:4");
  CHECK(p.diags[0].where.pointer == "/0");
}

TEST_CASE("json: string escapes") {
  Parsed p = json(R"(["a\"b", "\\", "\/", "\b\f\n\r\t", "\u0041\u00e9\u20AC", "\u0000x"])");
  REQUIRE(p.ok);
  REQUIRE(p.root.items.size() == 6);
  CHECK(p.root.items[0].text == "a\"b");
  CHECK(p.root.items[1].text == "\\");
  CHECK(p.root.items[2].text == "/");
  CHECK(p.root.items[3].text == "\b\f\n\r\t");
  CHECK(p.root.items[4].text == "A\xC3\xA9\xE2\x82\xAC");
  CHECK(p.root.items[5].text == std::string("\0x", 2));
}

TEST_CASE("json: surrogate pairs and lone surrogates") {
  const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
  SUBCASE("a pair is one code point") {
    Parsed p = json(R"("\ud83d\ude00")");
    REQUIRE(p.ok);
    CHECK(p.root.text == "\xF0\x9F\x98\x80");  // U+1F600
    p = json(R"("\uD834\uDD1E")");               // upper-case hex
    CHECK(p.root.text == "\xF0\x9D\x84\x9E");    // U+1D11E
    p = json(R"("\udbff\udfff")");
    CHECK(p.root.text == "\xF4\x8F\xBF\xBF");    // U+10FFFF
  }
  SUBCASE("lone high surrogate") {
    Parsed p = json(R"("\ud83d x")");
    REQUIRE(p.ok);
    CHECK(p.root.text == replacement + " x");
    p = json(R"("\ud83d")");
    REQUIRE(p.ok);
    CHECK(p.root.text == replacement);
  }
  SUBCASE("lone low surrogate") {
    Parsed p = json(R"("\ude00")");
    REQUIRE(p.ok);
    CHECK(p.root.text == replacement);
  }
  SUBCASE("high surrogate followed by a non-surrogate escape keeps that escape") {
    Parsed p = json(R"("\ud83d\u0041")");
    REQUIRE(p.ok);
    CHECK(p.root.text == replacement + "A");
    p = json(R"("\ud83d\ud83d\ude00")");  // lone high, then a valid pair
    REQUIRE(p.ok);
    CHECK(p.root.text == replacement + "\xF0\x9F\x98\x80");
  }
  SUBCASE("raw UTF-8 passes through") {
    Parsed p = json("\"\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80\"");
    REQUIRE(p.ok);
    CHECK(p.root.text == "\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80");
  }
}

TEST_CASE("json: bad strings") {
  struct Case {
    const char* text;
    const char* message;
    const char* pos;
  } cases[] = {
      {"\"abc", "unterminated string", "1:5"},
      {"{\"a\": \"abc", "unterminated string", "1:11"},
      {"\"a\\", "unterminated string", "1:4"},
      {"\"\\x\"", "bad escape \\x", "1:4"},
      {"\"\\u12\"", "bad \\u escape", "1:4"},
      {"\"\\uZZZZ\"", "bad \\u escape", "1:4"},
      {"\"a\nb\"", "control character in string", "1:3"},
      {"\"a\tb\"", "control character in string", "1:3"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    Parsed p = json(c.text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "json-syntax");
    CHECK(p.diags[0].message == c.message);
    CHECK(lc(p.diags[0].where.pos) == c.pos);
  }
}

TEST_CASE("json: positions of nested nodes and keys are 1-based line:col") {
  const char* text =
      "{\n"                              // 1
      "  \"a\": 1,\n"                    // 2
      "  \"b\": {\n"                     // 3
      "    \"c\": [true, null, \"s\"],\n"  // 4
      "\t\"d\": {\"e\": -2.5}\n"         // 5  (a tab counts as one column)
      "  }\n"                            // 6
      "}";
  Parsed p = json(text);
  REQUIRE(p.ok);
  CHECK(lc(p.root.pos) == "1:1");
  CHECK(lc(member_at(p.root, "/a")->key_pos) == "2:3");
  CHECK(lc(at(p.root, "/a")->pos) == "2:8");
  CHECK(lc(member_at(p.root, "/b")->key_pos) == "3:3");
  CHECK(lc(at(p.root, "/b")->pos) == "3:8");
  CHECK(lc(member_at(p.root, "/b/c")->key_pos) == "4:5");
  CHECK(lc(at(p.root, "/b/c")->pos) == "4:10");
  CHECK(lc(at(p.root, "/b/c/0")->pos) == "4:11");
  CHECK(lc(at(p.root, "/b/c/1")->pos) == "4:17");
  CHECK(lc(at(p.root, "/b/c/2")->pos) == "4:23");
  CHECK(lc(member_at(p.root, "/b/d")->key_pos) == "5:2");
  CHECK(lc(at(p.root, "/b/d")->pos) == "5:7");
  CHECK(lc(member_at(p.root, "/b/d/e")->key_pos) == "5:8");
  CHECK(lc(at(p.root, "/b/d/e")->pos) == "5:13");
  CHECK(at(p.root, "/b/d/e")->text == "-2.5");
}

TEST_CASE("json: CRLF line ends count as one line break") {
  Parsed p = json("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}\r\n");
  REQUIRE(p.ok);
  CHECK(lc(member_at(p.root, "/b")->key_pos) == "3:3");
  CHECK(lc(at(p.root, "/b")->pos) == "3:8");
}

TEST_CASE("json: duplicate keys are reported with both places, the last value wins") {
  const char* text =
      "{\n"
      "  \"x\": {\"k\": 1},\n"
      "  \"y\": 0,\n"
      "  \"x\": {\"k\": 2, \"z\": true}\n"
      "}";
  Parsed p = json(text);
  CHECK(p.ok);  // legal JSON, reported as an error finding
  REQUIRE(p.diags.size() == 1);
  const Diagnostic& d = p.diags[0];
  CHECK(d.code == "duplicate-key");
  CHECK(d.severity == Severity::Error);
  CHECK(d.where.file == "t.json");
  CHECK(d.where.pointer == "/x");
  CHECK(lc(d.where.pos) == "4:3");  // the second (winning) key
  REQUIRE(d.related.size() == 1);
  CHECK(d.related[0].file == "t.json");
  CHECK(d.related[0].pointer == "/x");
  CHECK(lc(d.related[0].pos) == "2:3");  // the first key
  CHECK(d.message.find("'x'") != std::string::npos);

  // One member "x", holding the last value.
  REQUIRE(p.root.members.size() == 2);
  CHECK(count_diag(p.diags, "duplicate-key") == 1);
  const Node* x = p.root.find("x");
  REQUIRE(x);
  CHECK(x->find("k")->text == "2");
  CHECK(x->find("z")->boolean == true);
  CHECK(lc(x->pos) == "4:8");
}

TEST_CASE("json: duplicate keys in a nested object and three times") {
  Parsed p = json("{\"a\": {\"b\": 1, \"b\": 2, \"b\": 3}}");
  CHECK(p.ok);
  REQUIRE(count_diag(p.diags, "duplicate-key") == 2);
  for (const Diagnostic& d : p.diags) {
    CHECK(d.where.pointer == "/a/b");
    REQUIRE(d.related.size() == 1);
    CHECK(lc(d.related[0].pos) == "1:8");  // always the first "b"
  }
  CHECK(lc(p.diags[0].where.pos) == "1:16");
  CHECK(lc(p.diags[1].where.pos) == "1:24");
  CHECK(at(p.root, "/a/b")->text == "3");
  CHECK(at(p.root, "/a")->members.size() == 1);

  // Keys are compared after unescaping: "\u0062" is "b".
  p = json(R"({"b": 1, "\u0062": 2})");
  CHECK(count_diag(p.diags, "duplicate-key") == 1);
  CHECK(p.root.find("b")->text == "2");
}

TEST_CASE("json: syntax errors report line and column") {
  struct Case {
    const char* text;
    const char* message;
    const char* pos;
    const char* pointer;
  } cases[] = {
      {"[1,]", "unexpected character ']'", "1:4", "/1"},
      {"{\"a\": 1,}", "expected a quoted key", "1:9", ""},
      {"{\n  \"a\": 1,\n}", "expected a quoted key", "3:1", ""},
      {"{\"a\" 1}", "expected ':' after key", "1:6", ""},
      {"{\"a\": 1 \"b\": 2}", "expected ',' or '}'", "1:9", ""},
      {"[1 2]", "expected ',' or ']'", "1:4", ""},
      {"{} x", "unexpected text after the JSON value", "1:4", ""},
      {"{}\n\n  }", "unexpected text after the JSON value", "3:3", ""},
      {"[1]]", "unexpected text after the JSON value", "1:4", ""},
      {"{a: 1}", "expected a quoted key", "1:2", ""},
      {"{'a': 1}", "expected a quoted key", "1:2", ""},
      {"[tru]", "unexpected character", "1:2", "/0"},
      {"[nul]", "unexpected character", "1:2", "/0"},
      {"{\"a\": {\"b\": [1, x]}}", "unexpected character 'x'", "1:17", "/a/b/1"},
      {"{\"a\": [1, 2", "expected ',' or ']'", "1:12", "/a"},
      {"{\"a\":", "unexpected end of input", "1:6", "/a"},
      {"[", "unexpected end of input", "1:2", "/0"},
      {"// comment\n{}", "unexpected character '/'", "1:1", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    Parsed p = json(c.text);
    CHECK_FALSE(p.ok);
    CHECK(p.root.is_null());
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "json-syntax");
    CHECK(p.diags[0].severity == Severity::Error);
    CHECK(p.diags[0].where.file == "t.json");
    CHECK(p.diags[0].message == c.message);
    CHECK(lc(p.diags[0].where.pos) == c.pos);
    CHECK(p.diags[0].where.pointer == c.pointer);
  }
}

TEST_CASE("json: empty and blank input") {
  for (const char* text : {"", "   ", "\n\n", "\xEF\xBB\xBF"}) {
    CAPTURE(std::string(text));
    Parsed p = json(text);
    CHECK_FALSE(p.ok);
    CHECK(p.root.is_null());
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "json-syntax");
    CHECK(p.diags[0].message == "unexpected end of input");
  }
  CHECK(lc(json("").diags[0].where.pos) == "1:1");
  CHECK(lc(json("\n\n").diags[0].where.pos) == "3:1");
}

TEST_CASE("json: a UTF-8 byte order mark is skipped") {
  Parsed p = json("\xEF\xBB\xBF{\"a\": 1}");
  REQUIRE(p.ok);
  CHECK(p.diags.empty());
  CHECK(p.root.find("a")->text == "1");
  // Positions on later lines are unaffected by the BOM.
  p = json("\xEF\xBB\xBF{\n\"a\": 1}");
  REQUIRE(p.ok);
  CHECK(lc(member_at(p.root, "/a")->key_pos) == "2:1");
  CHECK(lc(at(p.root, "/a")->pos) == "2:6");
  // A BOM anywhere else is not whitespace.
  CHECK_FALSE(json("{}\xEF\xBB\xBF").ok);
  CHECK_FALSE(json(" \xEF\xBB\xBF{}").ok);
}

TEST_CASE("json: columns on the first line after a byte order mark" * doctest::description(
              "Regression, fixed: parse_json skips the BOM but keeps line_start at 0, so every column on "
              "line 1 is 3 too high; editors (and the YAML loader) do not count the BOM")) {
  Parsed p = json("\xEF\xBB\xBF{\"a\": 1}");
  REQUIRE(p.ok);
  CHECK(lc(p.root.pos) == "1:1");
  CHECK(lc(member_at(p.root, "/a")->key_pos) == "1:2");
  CHECK(lc(at(p.root, "/a")->pos) == "1:7");
  Parsed bad = json("\xEF\xBB\xBF{\"a\" 1}");
  REQUIRE(bad.diags.size() == 1);
  CHECK(lc(bad.diags[0].where.pos) == "1:6");
}

TEST_CASE("json: nesting depth is limited") {
  SUBCASE("100000 '[' fails cleanly") {
    std::string text(100000, '[');
    auto start = std::chrono::steady_clock::now();
    Parsed p = json(text);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 60.0);  // a hang guard only (the suite also runs under ASan on a loaded machine)
    CHECK_FALSE(p.ok);
    CHECK(p.root.is_null());
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "json-syntax");
    CHECK(p.diags[0].message == "nesting deeper than 400 levels");
    CHECK(lc(p.diags[0].where.pos) == "1:401");  // the 401st bracket
  }
  SUBCASE("deep objects too") {
    std::string text;
    for (int k = 0; k < 100000; ++k) text += "{\"a\":";
    Parsed p = json(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].message == "nesting deeper than 400 levels");
    CHECK(lc(p.diags[0].where.pos) == "1:2001");
  }
  SUBCASE("exactly at the limit is fine, one more is not") {
    std::string ok_text = std::string(400, '[') + std::string(400, ']');
    Parsed p = json(ok_text);
    CHECK(p.ok);
    CHECK(p.diags.empty());
    std::string too_deep = std::string(401, '[') + std::string(401, ']');
    CHECK_FALSE(json(too_deep).ok);
  }
  SUBCASE("the limit is configurable") {
    ParseLimits limits;
    limits.max_depth = 3;
    CHECK(json("[[[1]]]", limits).ok);
    Parsed p = json("[[[[1]]]]", limits);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].message == "nesting deeper than 3 levels");
    CHECK(lc(p.diags[0].where.pos) == "1:4");
    CHECK(p.diags[0].where.pointer == "/0/0/0");
  }
}

TEST_CASE("json: the file name given is the one reported") {
  Node root;
  Diagnostics d;
  CHECK_FALSE(parse_json("[", "specs/api.json", root, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].where.file == "specs/api.json");
  CHECK(format_diagnostic(d[0]) ==
        "specs/api.json:1:2: error: unexpected end of input [json-syntax] (at #/0)");
}

TEST_CASE("json: findings are appended, earlier ones kept") {
  Node root;
  Diagnostics d;
  d.push_back({Severity::Warning, "earlier", "x", {}, {}});
  CHECK_FALSE(parse_json("{", "f.json", root, d));
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == "earlier");
  CHECK(d[1].code == "json-syntax");
}

TEST_CASE("json: load_document picks the JSON parser by name or content") {
  TempDir dir;
  std::string a = dir.write("a.json", "{\"n\": 1.50}");
  std::string b = dir.write("b.yaml", "  {\"n\": 1.50}");  // JSON text in a .yaml file
  std::string c = dir.write("c.yaml", "{n: 1.50, m: yes}");  // flow YAML, not JSON
  std::string d = dir.write("d.json", "n: 1");            // .json is always JSON
  Diagnostics out;
  Document da = load_document(a, out);
  CHECK(da.ok);
  CHECK(da.path == a);
  CHECK(da.root.find("n")->text == "1.50");
  Document db = load_document(b, out);
  CHECK(db.ok);
  CHECK(db.root.find("n")->text == "1.50");
  CHECK(out.empty());
  Document dc = load_document(c, out);
  CHECK(dc.ok);
  CHECK(dc.root.find("n")->text == "1.50");
  CHECK(dc.root.find("m")->text == "yes");
  // Only the YAML findings are kept, not the failed JSON attempt.
  CHECK(count_diag(out, "json-syntax") == 0);
  CHECK(count_diag(out, "yaml-ambiguous-boolean") == 1);
  out.clear();
  Document dd = load_document(d, out);
  CHECK_FALSE(dd.ok);
  CHECK(count_diag(out, "json-syntax") == 1);
  out.clear();
  Document missing = load_document(dir.str() + "/missing.json", out);
  CHECK_FALSE(missing.ok);
  REQUIRE(out.size() == 1);
  CHECK(out[0].code == "file-unreadable");
}
