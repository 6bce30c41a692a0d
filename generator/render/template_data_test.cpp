// TemplateData: the page data the templates read (render/template_data.h).
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "render/mustache.h"
#include "render/template_data.h"

using apiref::TemplateData;
using json = nlohmann::json;

namespace {

std::string render(const std::string& tmpl, const TemplateData& data) {
  apiref::MustacheError error;
  auto t = apiref::compile_mustache(tmpl, "test", &error);
  REQUIRE(t);
  std::string out;
  apiref::render_mustache_to(out, *t, {&data});
  return out;
}

}  // namespace

TEST_CASE("TemplateData: kinds, and what a template prints for each") {
  TemplateData d = TemplateData::object();
  d.set("null", nullptr);
  d.set("yes", true);
  d.set("no", false);
  d.set("int", -3);
  d.set("count", size_t{18446744073709551615u});
  d.set("float", 1.5);
  d.set("whole", 2.0);
  d.set("text", "a < b");
  d.set("empty", "");
  CHECK(d.find("null")->is_null());
  CHECK(d.find("int")->kind() == TemplateData::Kind::Int);
  CHECK(d.find("count")->kind() == TemplateData::Kind::UInt);
  CHECK(render("[{{null}}][{{yes}}][{{no}}][{{int}}][{{count}}][{{float}}][{{whole}}][{{text}}][{{{text}}}]", d) ==
        "[][true][false][-3][18446744073709551615][1.5][2][a &lt; b][a < b]");
  // Falsey: null, false, "" and the empty list; 0 and the empty object show.
  d.set("zero", 0);
  d.set("list", TemplateData::list());
  d.set("object", TemplateData::object());
  CHECK(render("{{#null}}n{{/null}}{{#no}}f{{/no}}{{#empty}}e{{/empty}}{{#list}}l{{/list}}"
               "{{#zero}}0{{/zero}}{{#object}}o{{/object}}{{^list}}!{{/list}}", d) == "0o!");
}

TEST_CASE("TemplateData: objects keep insertion order, set() replaces, push() and set() start from null") {
  TemplateData o;
  o.set("b", 1);
  o.set("a", 2);
  REQUIRE(o.is_object());
  o.set("b", "replaced");
  REQUIRE(o.members().size() == 2);
  CHECK(o.members()[0].key == "b");
  CHECK(o.members()[0].value.text() == "replaced");
  CHECK(o.members()[1].key == "a");
  CHECK(o.contains("a"));
  CHECK_FALSE(o.contains("c"));
  CHECK(o.find("c") == nullptr);

  TemplateData l;
  l.push("x");
  l.push(TemplateData::object()).set("name", "y");
  REQUIRE(l.is_list());
  CHECK(l.size() == 2);
  CHECK(l.item(1).find("name")->text() == "y");
  CHECK_THROWS(l.set("k", 1));       // a list is not an object
  CHECK_THROWS(o.push(1));           // nor the other way round
  CHECK(TemplateData("s").find("k") == nullptr);  // look-ups on a string find nothing
  CHECK(render("{{#.}}<{{name}}>{{/.}} {{1.name}} {{0}}", l) == "<><y> y x");
}

TEST_CASE("TemplateData: a borrowed string is read where it lies, a given one is owned") {
  std::string shared = "<b>shared tree</b>";
  TemplateData borrowed = TemplateData::borrow(shared);
  CHECK(borrowed.text().data() == shared.data());  // not copied
  std::string given = "given";
  TemplateData owned = given;
  given = "changed";
  CHECK(owned.text() == "given");
  // Moving the data (into a list, which may reallocate) keeps both readable.
  TemplateData list = TemplateData::list();
  for (int i = 0; i < 100; ++i) list.push(i % 2 ? TemplateData::borrow(shared) : TemplateData("short"));
  CHECK(list.item(99).text().data() == shared.data());
  CHECK(list.item(98).text() == "short");
  CHECK(render("{{#.}}{{{.}}}{{/.}}", list).size() == 50 * (shared.size() + 5));
}

TEST_CASE("TemplateData: from_json and to_json round-trip, a whole object prints as compact JSON") {
  json j = {{"name", "n"}, {"list", {1, -2, 3.5, true, nullptr, "s"}}, {"nested", {{"z", 1}, {"a", {{"b", "c"}}}}},
            {"big", 18446744073709551615u}};
  TemplateData d = TemplateData::from_json(j);
  CHECK(d.to_json() == j);
  CHECK(d.find("nested")->find("a")->find("b")->text() == "c");
  CHECK(render("{{nested}}|{{{list}}}", d) ==
        "{&quot;a&quot;:{&quot;b&quot;:&quot;c&quot;},&quot;z&quot;:1}|[1,-2,3.5,true,null,\"s\"]");
  // Insertion order in the data; nlohmann's (sorted) order when printed as JSON.
  TemplateData o = TemplateData::object();
  o.set("z", 1);
  o.set("a", 2);
  CHECK(render("{{{.}}}", o) == "{\"a\":2,\"z\":1}");
}
