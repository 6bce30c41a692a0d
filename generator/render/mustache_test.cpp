// The Mustache engine as apiref uses it: compile errors with positions, the choices the spec
// leaves open, partial indentation and recursion, TemplateSet with user overrides, rendering
// from several threads, and a speed figure for a site-sized render.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "render/mustache.h"
#include "test_util.h"

using namespace apiref;
using Json = nlohmann::json;

namespace {

MustacheError compile_error(const std::string& source) {
  MustacheError err;
  std::optional<MustacheTemplate> t = compile_mustache(source, "page", &err);
  CHECK_MESSAGE(!t, "compiled: " << source);
  return err;
}

MustacheTemplate compile_ok(const std::string& source, const std::string& name = "t") {
  MustacheError err;
  std::optional<MustacheTemplate> t = compile_mustache(source, name, &err);
  REQUIRE_MESSAGE(t, format_mustache_error(err));
  return *t;
}

std::string render(const std::string& source, const Json& data,
                   const std::map<std::string, std::string>& partial_sources = {}) {
  MustacheTemplate t = compile_ok(source);
  std::map<std::string, MustacheTemplate> partials;
  for (const auto& [name, text] : partial_sources) partials.emplace(name, compile_ok(text, name));
  return render_mustache(t, data, [&](const std::string& name) -> const MustacheTemplate* {
    auto it = partials.find(name);
    return it == partials.end() ? nullptr : &it->second;
  });
}

std::string lc(const MustacheError& e) {
  return std::to_string(e.line) + ":" + std::to_string(e.col);
}

}  // namespace

TEST_CASE("mustache: compile errors name the template, line and column") {
  SUBCASE("unclosed section points at its opening tag") {
    MustacheError e = compile_error("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n");
    CHECK(e.template_name == "page");
    CHECK(lc(e) == "2:3");
    CHECK(e.message.find("{{#items}}") != std::string::npos);
    CHECK(e.message.find("never closed") != std::string::npos);
  }
  SUBCASE("mismatched closing tag points at the closing tag and names the open one") {
    MustacheError e = compile_error("a\n{{#outer}}\n  x {{^inner}}y{{/outer}}\n");
    CHECK(lc(e) == "3:16");
    CHECK(e.message.find("{{/outer}}") != std::string::npos);
    CHECK(e.message.find("{{^inner}}") != std::string::npos);
    CHECK(e.message.find("3:5") != std::string::npos);
  }
  SUBCASE("closing tag without an open section") {
    MustacheError e = compile_error("text {{/a}}");
    CHECK(lc(e) == "1:6");
    CHECK(e.message.find("no open section") != std::string::npos);
  }
  SUBCASE("unclosed tags") {
    CHECK(lc(compile_error("ok\nab {{name")) == "2:4");
    CHECK(lc(compile_error("{{{name}}")) == "1:1");
    CHECK(lc(compile_error("x{{! never ends")) == "1:2");
    CHECK(compile_error("{{=<% %>}}").message.find("unclosed") != std::string::npos);
    // After a delimiter change, the old closing delimiter no longer closes a tag.
    CHECK(lc(compile_error("{{=<% %>=}}\n<% a }}")) == "2:1");
  }
  SUBCASE("bad delimiter changes") {
    CHECK(compile_error("{{=<%%>=}}").message.find("bad delimiter") != std::string::npos);
    CHECK(compile_error("{{= a b c =}}").message.find("bad delimiter") != std::string::npos);
    CHECK(compile_error("{{==}}").message.find("bad delimiter") != std::string::npos);
    CHECK(lc(compile_error("x\n  {{=a= b=}}")) == "2:3");
  }
  SUBCASE("empty and malformed names") {
    CHECK(compile_error("{{}}").message.find("empty name") != std::string::npos);
    CHECK(compile_error("{{# }}{{/ }}").message.find("empty name") != std::string::npos);
    CHECK(compile_error("{{>  }}").message.find("empty partial name") != std::string::npos);
    CHECK(compile_error("{{a..b}}").message.find("a..b") != std::string::npos);
    CHECK(compile_error("{{.a}}").message.find(".a") != std::string::npos);
  }
  SUBCASE("template inheritance is refused, not silently ignored") {
    CHECK(compile_error("{{<layout}}{{/layout}}").message.find("not supported") != std::string::npos);
    CHECK(compile_error("{{$block}}x{{/block}}").message.find("not supported") != std::string::npos);
  }
  SUBCASE("sections nested too deep") {
    std::string deep;
    for (int i = 0; i < 150; ++i) deep += "{{#a}}";
    CHECK(compile_error(deep).message.find("nested") != std::string::npos);
  }
  SUBCASE("a null error pointer is allowed; format_mustache_error") {
    CHECK_FALSE(compile_mustache("{{#a}}", "x", nullptr));
    MustacheError e = compile_error("\n\n   {{/b}}");
    CHECK(format_mustache_error(e).rfind("page:3:4: ", 0) == 0);
    CHECK(format_mustache_error(MustacheError{"dir", 0, 0, "missing"}) == "dir: missing");
  }
}

TEST_CASE("mustache: truthiness choices where the spec is silent") {
  const char* t = "{{#v}}yes{{/v}}{{^v}}no{{/v}}";
  CHECK(render(t, Json{{"v", ""}}) == "no");         // empty string: falsey
  CHECK(render(t, Json{{"v", " "}}) == "yes");
  CHECK(render(t, Json{{"v", 0}}) == "yes");         // 0 is a value worth showing
  CHECK(render(t, Json{{"v", 0.0}}) == "yes");
  CHECK(render(t, Json{{"v", Json::object()}}) == "yes");
  CHECK(render(t, Json{{"v", Json::array()}}) == "no");
  CHECK(render(t, Json{{"v", nullptr}}) == "no");
  CHECK(render(t, Json{{"v", false}}) == "no");
  CHECK(render(t, Json::object()) == "no");
  // A scalar section pushes the value: {{.}} is the value.
  CHECK(render("{{#n}}[{{.}}]{{/n}}", Json{{"n", 0}}) == "[0]");
}

TEST_CASE("mustache: values print like JSON, escaped for HTML") {
  CHECK(render("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}", Json::parse(R"({"a": 1.0, "b": -3, "c": 1.5,
                    "d": 18446744073709551615, "e": 1e300})")) ==
        "1|-3|1.5|18446744073709551615|1e+300");
  CHECK(render("{{t}} {{f}} [{{n}}]", Json{{"t", true}, {"f", false}, {"n", nullptr}}) ==
        "true false []");
  CHECK(render("{{o}} {{{o}}}", Json::parse(R"({"o": {"k": "<v>", "n": [1, 2]}})")) ==
        "{&quot;k&quot;:&quot;&lt;v&gt;&quot;,&quot;n&quot;:[1,2]} {\"k\":\"<v>\",\"n\":[1,2]}");
  CHECK(render("{{s}}|{{{s}}}|{{&s}}", Json{{"s", "Tom's <b>\"&\"</b>"}}) ==
        "Tom&#39;s &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;|Tom's <b>\"&\"</b>|Tom's <b>\"&\"</b>");
  CHECK(render("{{s}}", Json{{"s", "caf\xc3\xa9 \xe2\x86\x92"}}) == "caf\xc3\xa9 \xe2\x86\x92");
}

TEST_CASE("mustache: name lookup") {
  Json data = Json::parse(R"({"items": [{"name": "first"}, {"name": "second"}],
                              "a": {"b": null}, "b": "outer", "title": "T"})");
  CHECK(render("{{items.1.name}} {{items.0.name}} [{{items.2.name}}] [{{items.x}}]", data) ==
        "second first [] []");
  // A key that is present with null masks the same key further out.
  CHECK(render("{{#a}}[{{b}}]{{/a}}", data) == "[]");
  CHECK(render("{{#items}}{{name}}:{{title}} {{/items}}", data) == "first:T second:T ");
  CHECK(render("{{ title }}{{#\titems\t}}.{{/ items }}", data) == "T..");
}

TEST_CASE("mustache: context stack rendering (site-wide data below page data)") {
  MustacheTemplate t = compile_ok("{{title}} / {{site}} / {{#nav}}{{.}}{{/nav}}");
  Json site_json = {{"site", "Docs"}, {"title", "site title"}, {"nav", {1, 2}}};
  Json page_json = {{"title", "Page"}};
  TemplateData site = TemplateData::from_json(site_json), page = TemplateData::from_json(page_json);
  std::string out = "<kept>";
  render_mustache_to(out, t, {&site, &page});
  CHECK(out == "<kept>Page / Docs / 12");
  out.clear();
  render_mustache_to(out, t, {});
  CHECK(out == " /  / ");
  out.clear();
  render_mustache_to(out, t, {nullptr, &page, nullptr});
  CHECK(out == "Page /  / ");
}

TEST_CASE("mustache: a writer writes in place, once per render") {
  struct Rows final : TemplateWriter {
    mutable int calls = 0;
    void write(std::string& out) const override {
      ++calls;
      out += "<b>&</b>";
    }
  };
  Rows rows;
  TemplateData d = template_fields("rows", TemplateData::writer(rows));
  auto run = [&](const std::string& source) {
    rows.calls = 0;
    std::string out = "[";
    render_mustache_one_to(out, compile_ok(source), d);
    return out;
  };
  CHECK(run("{{{rows}}}|{{{rows}}}") == "[<b>&</b>|<b>&</b>");
  CHECK(rows.calls == 1);
  // Anywhere else it is the string it writes.
  CHECK(run("{{rows}}{{#rows}}+{{.}}{{/rows}}{{^rows}}-{{/rows}}{{{rows}}}") ==
        "[&lt;b&gt;&amp;&lt;/b&gt;+&lt;b&gt;&amp;&lt;/b&gt;<b>&</b>");
  CHECK(rows.calls == 1);
  // In an indented standalone partial: indented where it starts a line, like other data.
  MustacheTemplate part = compile_ok("{{{rows}}}\n", "p");
  std::string out;
  render_mustache_one_to(out, compile_ok("<ul>\n  {{>p}}\n</ul>"), d,
                         [&](const std::string&) { return &part; });
  CHECK(out == "<ul>\n  <b>&</b>\n</ul>");
}

TEST_CASE("mustache: partial indentation") {
  SUBCASE("nested standalone partials accumulate indentation; data is never indented") {
    std::map<std::string, std::string> partials = {
        {"list", "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n"},
        {"item", "<li>\n  {{{body}}}\n</li>\n"}};
    Json data = Json::parse(R"({"items": [{"body": "a\nb"}, {"body": "c"}]})");
    CHECK(render("<nav>\n  {{>list}}\n</nav>\n", data, partials) ==
          "<nav>\n"
          "  <ul>\n"
          "    <li>\n"
          "      a\nb\n"
          "    </li>\n"
          "    <li>\n"
          "      c\n"
          "    </li>\n"
          "  </ul>\n"
          "</nav>\n");
  }
  SUBCASE("blank lines stay blank, CRLF too") {
    CHECK(render("  {{>p}}\n", Json::object(), {{"p", "a\n\nb\r\n\r\nc\n"}}) ==
          "  a\n\n  b\r\n\r\n  c\n");
  }
  SUBCASE("an inline partial inside an indented one keeps the outer indentation") {
    CHECK(render("  {{>outer}}\n", Json::object(),
                 {{"outer", "x {{>inner}} y\nz\n"}, {"inner", "1\n2"}}) ==
          "  x 1\n  2 y\n  z\n");
  }
  SUBCASE("a line that starts with data gets the indentation once") {
    CHECK(render("\t{{>p}}\n", Json{{"v", "V"}, {"e", ""}}, {{"p", "{{v}}{{v}}\n{{e}}\n"}}) ==
          "\tVV\n\n");
  }
}

TEST_CASE("mustache: delimiters") {
  CHECK(render("{{=<% %>=}}<%{ a }%> <%& a %> <% a %> {{a}}", Json{{"a", "<"}}) ==
        "< < &lt; {{a}}");
  CHECK(render("{{=| |=}}|#s||.||/s||={{ }}=|{{s}}", Json{{"s", "v"}}) == "vv");
}

TEST_CASE("mustache: missing partials and no lookup render as nothing") {
  MustacheTemplate t = compile_ok("[{{>nav}}]");
  CHECK(render_mustache(t, Json::object()) == "[]");
  CHECK(render_mustache(t, Json::object(), [](const std::string&) { return nullptr; }) == "[]");
}

TEST_CASE("mustache: partial recursion guard") {
  SUBCASE("a partial that includes itself stops at depth 100") {
    std::string out = render("{{>self}}", Json::object(), {{"self", "a{{>self}}"}});
    CHECK(out == std::string(100, 'a'));
  }
  SUBCASE("self-inclusion through sections and other partials") {
    std::string out = render("{{>a}}", Json{{"x", true}},
                             {{"a", "{{#x}}<{{>b}}>{{/x}}"}, {"b", "{{>a}}"}});
    CHECK(out.size() == 100);  // 50 levels of a and 50 of b; a renders "<" and ">"
    CHECK(out.substr(0, 3) == "<<<");
  }
  SUBCASE("a partial that includes itself twice terminates (expansion budget)") {
    auto start = std::chrono::steady_clock::now();
    std::string out = render("{{>p}}", Json::object(), {{"p", "{{>p}}{{>p}}."}});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(out.size() <= 1000000);
    CHECK(seconds < 60);
  }
}

TEST_CASE("mustache: TemplateSet loads a folder and applies user overrides file by file") {
  apiref_test::TempDir builtin, user;
  builtin.write("page.mustache", "{{>partials/nav}}|{{>partials/footer}}|{{title}}\n");
  builtin.write("partials/nav.mustache", "builtin nav");
  builtin.write("partials/footer.mustache", "builtin footer");
  builtin.write("README.md", "not a template {{");
  user.write("partials/nav.mustache", "user nav {{title}}");
  user.write("extra/new.mustache", "new");
  user.write("notes.txt", "ignored");

  SUBCASE("override replaces one file and keeps the others") {
    TemplateSet set;
    std::vector<MustacheError> errors;
    REQUIRE(set.load(builtin.str(), user.str(), errors));
    CHECK(errors.empty());
    CHECK(set.names() ==
          std::vector<std::string>{"extra/new", "page", "partials/footer", "partials/nav"});
    CHECK(set.render("page", Json{{"title", "T"}}) == "user nav T|builtin footer|T\n");
    CHECK(set.source_path("partials/nav").find(user.str()) == 0);
    CHECK(set.source_path("partials/footer").find(builtin.str()) == 0);
    REQUIRE(set.find("extra/new"));
    CHECK(set.find("extra/new")->name() == "extra/new");
    CHECK(set.find("nope") == nullptr);
    CHECK_THROWS_AS(set.render("nope", Json::object()), std::out_of_range);
    Json site_json = {{"title", "S"}};
    TemplateData site = TemplateData::from_json(site_json);
    std::string out;
    set.render_to(out, "page", {&site});
    CHECK(out == "user nav S|builtin footer|S\n");
    CHECK_THROWS_AS(set.render_to(out, "nope", {&site}), std::out_of_range);
  }
  SUBCASE("without an override folder the built-in files are used") {
    TemplateSet set;
    std::vector<MustacheError> errors;
    REQUIRE(set.load(builtin.str(), "", errors));
    CHECK(set.render("page", Json{{"title", "T"}}) == "builtin nav|builtin footer|T\n");
  }
  SUBCASE("compile errors carry the file's path, line and column") {
    user.write("partials/broken.mustache", "ok\n  {{#open}}\n");
    TemplateSet set;
    std::vector<MustacheError> errors;
    CHECK_FALSE(set.load(builtin.str(), user.str(), errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].template_name == user.str() + "/partials/broken.mustache");
    CHECK(lc(errors[0]) == "2:3");
    CHECK(set.find("page"));  // what compiled is still there
  }
  SUBCASE("a broken built-in file that the user replaces is not reported") {
    builtin.write("partials/footer.mustache", "{{/oops}}");
    user.write("partials/footer.mustache", "fixed footer");
    TemplateSet set;
    std::vector<MustacheError> errors;
    CHECK(set.load(builtin.str(), user.str(), errors));
    CHECK(errors.empty());
    CHECK(set.render("page", Json{{"title", "T"}}) == "user nav T|fixed footer|T\n");
  }
  SUBCASE("missing folders are errors") {
    TemplateSet set;
    std::vector<MustacheError> errors;
    CHECK_FALSE(set.load(builtin.str() + "/missing", "", errors));
    CHECK_FALSE(set.load(builtin.str(), user.str() + "/missing", errors));
    REQUIRE(errors.size() == 2);
    CHECK(errors[1].template_name == user.str() + "/missing");
    CHECK(set.find("page"));  // the built-in folder itself loaded fine
  }
  SUBCASE("add() compiles one template into the set") {
    TemplateSet set;
    MustacheError err;
    CHECK(set.add("a", "{{>b}}!"));
    CHECK(set.add("b", "B"));
    CHECK(set.render("a", Json::object()) == "B!");
    CHECK_FALSE(set.add("c", "{{#x}}", &err));
    CHECK(err.template_name == "c");
  }
}

TEST_CASE("mustache: one compiled template renders from two threads at once") {
  TemplateSet set;
  REQUIRE(set.add("page", "<h1>{{title}}</h1>\n  {{>list}}\n{{^items}}none{{/items}}"));
  REQUIRE(set.add("list", "{{#items}}\n<li>{{name}} {{n}}</li>\n{{/items}}\n"));
  Json data = {{"title", "T & U"}, {"items", Json::array()}};
  for (int i = 0; i < 50; ++i) data["items"].push_back({{"name", "item" + std::to_string(i)}, {"n", i}});
  const std::string expected = set.render("page", data);
  REQUIRE(expected.find("  <li>item49 49</li>\n") != std::string::npos);

  std::atomic<int> mismatches{0};
  auto work = [&] {
    for (int i = 0; i < 1000; ++i)
      if (set.render("page", data) != expected) ++mismatches;
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("mustache: speed of a site-sized render (printed, not asserted)") {
  // A ~5 KB page with a sidebar partial that loops over 1,200 operations, rendered for 200
  // pages: the shape of GitHub's API reference (kept small: the suite also runs under ASan;
  // the real measure is bench/build.sh). The sidebar's data is site-wide, below each
  // page's own data on the context stack.
  std::string page = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>{{title}} - {{site}}</title>\n"
                     "  <link rel=\"stylesheet\" href=\"{{root}}assets/site.css\">\n</head>\n<body>\n"
                     "  {{>partials/sidebar}}\n  <main>\n    <h1>{{title}}</h1>\n"
                     "    <p class=\"op\"><span class=\"method {{method}}\">{{method}}</span> <code>{{path}}</code></p>\n"
                     "    {{#description}}<div class=\"description\">{{{description}}}</div>{{/description}}\n"
                     "    <h2>Parameters</h2>\n    <table>\n    {{#parameters}}\n"
                     "      <tr><td><code>{{name}}</code></td><td>{{in}}</td><td>{{#required}}required{{/required}}{{^required}}optional{{/required}}</td><td>{{description}}</td></tr>\n"
                     "    {{/parameters}}\n    </table>\n";
  while (page.size() < 5000)
    page += "    <section class=\"prose\"><p>Lorem ipsum dolor sit amet, {{title}} consectetur "
            "adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p></section>\n";
  page += "  </main>\n</body>\n</html>\n";
  std::string sidebar =
      "<nav class=\"sidebar\">\n<ul>\n{{#operations}}\n"
      "  <li><a href=\"{{root}}{{href}}\" class=\"method-{{method}}\">{{summary}}</a></li>\n"
      "{{/operations}}\n</ul>\n</nav>\n";

  TemplateSet set;
  REQUIRE(set.add("page", page));
  REQUIRE(set.add("partials/sidebar", sidebar));

  Json site = {{"site", "GitHub REST API"}, {"root", "../"}, {"operations", Json::array()}};
  for (int i = 0; i < 1200; ++i)
    site["operations"].push_back({{"href", "operations/op-" + std::to_string(i) + ".html"},
                                  {"method", i % 3 ? "get" : "post"},
                                  {"summary", "List things & stuff #" + std::to_string(i)}});
  std::vector<Json> pages;
  for (int i = 0; i < 200; ++i)
    pages.push_back({{"title", "Operation " + std::to_string(i)},
                     {"method", "get"},
                     {"path", "/repos/{owner}/{repo}/things/" + std::to_string(i)},
                     {"description", "<p>Gets a <em>thing</em>.</p>"},
                     {"parameters", {{{"name", "owner"}, {"in", "path"}, {"required", true}},
                                     {{"name", "per_page"}, {"in", "query"}, {"required", false}}}}});

  TemplateData site_data = TemplateData::from_json(site);
  std::vector<TemplateData> page_data;
  for (const Json& p : pages) page_data.push_back(TemplateData::from_json(p));
  size_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  std::string out;  // one buffer reused for every page, as the site builder does per thread
  for (const TemplateData& p : page_data) {
    out.clear();
    set.render_to(out, "page", {&site_data, &p});
    bytes += out.size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(bytes > 200u * 100000u);
  char line[200];
  std::snprintf(line, sizeof line,
                "mustache speed: 200 renders of a %zu-byte page + 1,200-item sidebar: %.3f s "
                "(%.1f MB of HTML)",
                page.size(), seconds, static_cast<double>(bytes) / 1e6);
  MESSAGE(line);
}
