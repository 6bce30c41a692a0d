// The site's scripts (render/page_links.h): JSON that reads the same as JavaScript in any engine
// and cannot end the <script> element that would hold it.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "load/load.h"
#include "model/model.h"
#include "render/page_links.h"

using namespace apiref;

TEST_CASE("page_links: script_json escapes what ends a script or a line") {
  CHECK(script_json(R"(["</script><!--"])") == R"(["\u003c/script>\u003c!--"])");
  CHECK(script_json("[\"a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\"]") == R"(["a\u2028b\u2029c"])");
  CHECK(script_json("[\"\xe2\x80\xa6\xe2\x80\"]") == "[\"\xe2\x80\xa6\xe2\x80\"]");  // other E2 80 xx kept
  CHECK(script_json("[1,2]") == "[1,2]");
  // What it writes is the same JSON value.
  std::string hostile = nlohmann::json::array({"</script>\xe2\x80\xa8<b>"}).dump();
  CHECK(nlohmann::json::parse(script_json(hostile)) == nlohmann::json::parse(hostile));
}

TEST_CASE("page_links: a tag's sidebar script reads back hostile summaries") {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      tags: [t]
      summary: "a\u2028b </script><script>alert(1)</script>"
      responses: {"200": {description: ok}}
)", "t.yaml", doc, d));
  ApiModel m = build_model(doc, {});
  REQUIRE(m.tags.size() == 1);
  std::string script = tag_nav_script(m, m.tags[0]);
  CHECK(script.find('<') == std::string::npos);
  CHECK(script.find("\xe2\x80\xa8") == std::string::npos);
  const std::string call = "window.apirefTagNav && window.apirefTagNav(";
  REQUIRE(script.rfind(call, 0) == 0);
  nlohmann::json data = nlohmann::json::parse(script.substr(call.size(), script.size() - call.size() - 3));
  CHECK(data["operations"][0][2] == "a\xe2\x80\xa8" "b </script><script>alert(1)</script>");
}
