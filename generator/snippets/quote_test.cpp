// String literals and comments of the snippet languages (snippets/snippets.h) on hostile text, and
// a description that tries to break out of each: the fuzz target fuzz/fuzz_quoting.cpp reads
// every literal back as the language's parser does; these pin what it found.
#include <doctest/doctest.h>

#include <string>

#include "load/load.h"
#include "model/model.h"
#include "snippets/snippets.h"

using namespace apiref;

namespace {

const std::string kNulText("a\0b", 3);

}  // namespace

TEST_CASE("quote: Python str literals escape what ends or hides a line, invalid bytes as U+FFFD") {
  CHECK(python_string("it's \"x\" \\ y") == R"("it's \"x\" \\ y")");
  CHECK(python_string("a\nb\rc\td") == R"("a\nb\rc\td")");
  CHECK(python_string(kNulText) == R"("a\x00b")");
  CHECK(python_string("\x7f\xc2\x85") == R"("\x7f\u0085")");  // DEL, NEL
  CHECK(python_string("\xe2\x80\xa8\xe2\x80\xa9\xef\xbb\xbf") == R"("\u2028\u2029\ufeff")");
  CHECK(python_string("caf\xc3\xa9 \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");  // UTF-8 as it is
  CHECK(python_string("a\xff\xc3") == R"("a\ufffd\ufffd")");  // not UTF-8: one U+FFFD a byte
  CHECK(python_string("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");  // a surrogate's bytes
  CHECK(python_string("</script>") == R"("</script>")");  // a snippet is shown as text, not run
}

TEST_CASE("quote: Python bytes literals keep every byte") {
  CHECK(python_bytes("a\xff\"\\\n\xc3\xa9") == R"(b"a\xff\"\\\n\xc3\xa9")");
  CHECK(python_bytes(kNulText) == R"(b"a\x00b")");
  CHECK(python_bytes("") == R"(b"")");
}

TEST_CASE("quote: JavaScript literals read the same in engines before ES2019") {
  CHECK(js_string("\xe2\x80\xa8x\xe2\x80\xa9") == R"("\u2028x\u2029")");
  CHECK(js_string("'\"\\\n") == R"("'\"\\\n")");
  CHECK(js_string(kNulText) == R"("a\x00b")");
  CHECK(js_string("\xc0\xaf") == R"("\ufffd\ufffd")");  // an overlong '/'
}

TEST_CASE("quote: Go literals keep every byte and hold no BOM or NUL") {
  CHECK(go_string("a\xff\xfe") == R"("a\xff\xfe")");  // Go strings are bytes
  CHECK(go_string("\xef\xbb\xbf") == R"("\ufeff")");  // a BOM past the start fails to compile
  CHECK(go_string(kNulText) == R"("a\x00b")");
  CHECK(go_string("'`\"") == R"("'`\"")");  // \' is not an escape of Go strings
  CHECK(go_string("\xe2\x80\xa8") == R"("\u2028")");
}

TEST_CASE("quote: a shell word cannot hold NUL") {
  CHECK(shell_word("it's") == R"('it'\''s')");
  CHECK(shell_word(kNulText) == "'ab'");
  CHECK(shell_word("$(id)`id`\n") == "'$(id)`id`\n'");
}

TEST_CASE("quote: comment text stays on its line") {
  CHECK(comment_text("a\nb\rc\xe2\x80\xa8" "d\xe2\x80\xa9" "e\xc2\x85" "f") == "a b c d e f");
  CHECK(comment_text(kNulText) == "a b");
  CHECK(comment_text("x\xef\xbb\xbfy\xff") == "xy\xef\xbf\xbd");
}

TEST_CASE("quote: a description cannot break out of a snippet") {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(R"(openapi: 3.2.0
info: {title: t, version: "1"}
servers: [{url: "/v1\ncoding: utf-7\nimport os; os.system('id') #"}]
paths:
  /x:
    additionalOperations:
      "PURGE;touch /tmp/pwned":
        parameters:
          - {name: X-H, in: header, required: true, schema: {type: string}, example: "a\"b\\c\n\u2028\uFEFF</script>"}
        responses: {"200": {description: ok}}
)", "t.yaml", doc, d));
  ApiModel m = build_model(doc, {});
  REQUIRE(m.operations.size() == 1);
  Request r = build_request(doc, m, m.operations[0], {});
  REQUIRE(!r.notes.empty());

  std::string curl = curl_snippet(r);
  INFO(curl);
  CHECK(curl.find("-X 'PURGE;TOUCH /TMP/PWNED'") != std::string::npos);
  CHECK(httpie_snippet(r).find("http 'PURGE;TOUCH /TMP/PWNED'") != std::string::npos);
  std::string python = python_snippet(r);
  INFO(python);
  // No coding declaration can reach lines 1 and 2; the note is one comment line.
  CHECK(python.rfind("import os\n\nimport requests\n\n# the description's server is relative (/v1 coding: utf-7 import os;", 0) == 0);
  CHECK(python.find(R"("X-H": "a\"b\\c\n\u2028\ufeff</script>")") != std::string::npos);
  CHECK(js_string("a\"b\\c\n\xe2\x80\xa8\xef\xbb\xbf</script>") == R"("a\"b\\c\n\u2028\ufeff</script>")");
  CHECK(javascript_snippet(r).find(R"("X-H": "a\"b\\c\n\u2028\ufeff</script>")") != std::string::npos);
  CHECK(go_snippet(r).find(R"(req.Header.Set("X-H", "a\"b\\c\n\u2028\ufeff</script>"))") != std::string::npos);
  // The note is one comment line; the shell's next line is the command (the URL's own line
  // ends are inside its single quotes, as the server wrote them).
  CHECK(curl.substr(curl.find('\n') + 1).rfind("curl -X", 0) == 0);
  for (const Snippet& s : snippets_for(r, {"python", "javascript", "go"})) {
    INFO(s.code);
    CHECK(s.code.find("\ncoding") == std::string::npos);
    CHECK(s.code.find("\nimport os;") == std::string::npos);
  }
}

TEST_CASE("quote: HTTPie takes no option from the description's names") {
  Request r;
  r.method = "GET";
  r.url = literal("https://example.com/a");
  r.headers.push_back({"X-A", literal("1")});
  // Nothing starts with '-': no `--`, the snippet as before.
  CHECK(httpie_snippet(r) == "http GET \\\n  'https://example.com/a' \\\n  'X-A:1'\n");
  // A header named '--output=f' would make HTTPie write the response to a file.
  r.headers.push_back({"--output=f", literal("v")});
  CHECK(httpie_snippet(r) == "http -- GET \\\n  'https://example.com/a' \\\n  'X-A:1' \\\n  '--output=f:v'\n");
  r.headers.pop_back();
  r.body_kind = BodyKind::Form;
  r.form = {{"-f", "1"}};
  CHECK(httpie_snippet(r).rfind("http --form \\\n  -- GET ", 0) == 0);
  r.body_kind = BodyKind::None;
  r.method = "-X";
  CHECK(httpie_snippet(r).rfind("http -- ", 0) == 0);
}

TEST_CASE("quote: HTTPie's option values that start with '-' are joined with '='") {
  Request r;
  r.method = "POST";
  r.url = literal("https://example.com/a");
  // argparse takes `--auth -u:p` for an option with no value: the value is joined to it.
  r.basic_user = literal("-u");
  r.basic_password = literal("p");
  r.body_kind = BodyKind::Json;
  r.body = "-1";
  CHECK(httpie_snippet(r) == "http --raw='-1' \\\n  --auth='-u:p' \\\n  POST \\\n  'https://example.com/a'\n");
  // Otherwise the usual space, so the snippets of every other description stay as they were.
  r.basic_user = literal("user");
  r.body = "{}";
  CHECK(httpie_snippet(r) == "http --raw '{}' \\\n  --auth 'user:p' \\\n  POST \\\n  'https://example.com/a'\n");
}

TEST_CASE("quote: a body that is not UTF-8 goes to Python as bytes") {
  Request r;
  r.method = "POST";
  r.url = literal("https://example.com/");
  r.body_kind = BodyKind::Raw;
  r.body.assign("\xff\x00z", 3);
  CHECK(python_snippet(r).find(R"(data=b"\xff\x00z",)") != std::string::npos);
  r.body = "caf\xc3\xa9";
  CHECK(python_snippet(r).find("data=\"caf\xc3\xa9\".encode(),") != std::string::npos);
  CHECK(go_snippet(r).find("strings.NewReader(\"caf\xc3\xa9\")") != std::string::npos);
}
