// Where the reference's files go in a Hugo or Jekyll site, and their front matter (host/host.h).
#include <doctest/doctest.h>

#include <string>

#include "host/host.h"

using namespace apiref;

namespace {

SiteFile operation_page(std::string body = "<div class=\"apiref\">x</div>\n") {
  SiteFile f{"meshery/operations/getWorkspaces.html", std::move(body)};
  f.page.kind = "operation";
  f.page.title = "Get \"workspaces\"";
  f.page.link_title = "Get workspaces";
  f.page.description = "Lists: the workspaces.";
  f.page.weight = 3;
  f.page.bundle = "meshery";
  f.page.tag = "workspaces";
  f.page.slug = "getWorkspaces";
  f.page.operation_id = "getWorkspaces";
  f.page.method = "GET";
  f.page.path = "/api/workspaces";
  return f;
}

SiteFile page(std::string path, std::string kind, std::string bundle = "", std::string tag = "", std::string slug = "") {
  SiteFile f{std::move(path), "<p>x</p>\n"};
  f.page.kind = std::move(kind);
  f.page.title = "T";
  f.page.bundle = std::move(bundle);
  f.page.tag = std::move(tag);
  f.page.slug = std::move(slug);
  return f;
}

std::string front_matter(const std::string& content) {
  REQUIRE(content.rfind("---\n", 0) == 0);
  size_t end = content.find("\n---\n", 4);
  REQUIRE(end != std::string::npos);
  return content.substr(4, end - 3);
}

}  // namespace

TEST_CASE("host: a Hugo operation page sits under its tag's section, at the HTML build's URL") {
  HostOptions o;
  o.section = "reference/rest-apis";
  o.content_dir = "content/en";
  SiteFile f = place_in_host(operation_page(), o);
  CHECK(f.path == "content/en/reference/rest-apis/meshery/workspaces/getWorkspaces.html");
  std::string fm = front_matter(f.content);
  CHECK(fm.find("title: \"Get \\\"workspaces\\\"\"\n") != std::string::npos);
  CHECK(fm.find("linkTitle: \"Get workspaces\"\n") != std::string::npos);
  CHECK(fm.find("description: \"Lists: the workspaces.\"\n") != std::string::npos);
  CHECK(fm.find("weight: 3\n") != std::string::npos);
  CHECK(fm.find("url: \"/reference/rest-apis/meshery/operations/getWorkspaces.html\"\n") != std::string::npos);
  CHECK(fm.find("  operationId: \"getWorkspaces\"\n  method: \"GET\"\n  path: \"/api/workspaces\"\n") != std::string::npos);
  CHECK(fm.find("render_with_liquid") == std::string::npos);
  CHECK(fm.find("outputs: [\"html\"]\n") != std::string::npos);  // no RSS feed over a section page
  CHECK(f.content.substr(f.content.size() - 28) == "<div class=\"apiref\">x</div>\n");
}

TEST_CASE("host: the section tree of a Hugo site, whatever the pages' names") {
  HostOptions o;
  CHECK(place_in_host(page("index.html", "overview"), o).path == "content/api/_index.html");
  CHECK(place_in_host(page("authentication/index.html", "authentication"), o).path == "content/api/authentication.html");
  CHECK(place_in_host(page("b/index.html", "bundle", "b"), o).path == "content/api/b/_index.html");
  CHECK(place_in_host(page("b/tags/pets.html", "tag", "b", "pets", "pets"), o).path == "content/api/b/pets/_index.html");
  CHECK(place_in_host(page("b/schemas/index.html", "schemas", "b"), o).path == "content/api/b/schemas/_index.html");
  CHECK(place_in_host(page("b/schemas/Pet.html", "schema", "b", "", "Pet"), o).path == "content/api/b/schemas/Pet.html");
  // A tag called "schemas" does not share the schemas' section; pages named index or _index
  // do not turn their folder into a bundle.
  CHECK(place_in_host(page("b/tags/schemas.html", "tag", "b", "schemas", "schemas"), o).path == "content/api/b/schemas-tag/_index.html");
  CHECK(place_in_host(page("b/operations/index.html", "operation", "b", "t", "index"), o).path == "content/api/b/t/page-index.html");
  CHECK(place_in_host(page("b/schemas/_index.html", "schema", "b", "", "_index"), o).path == "content/api/b/schemas/page-_index.html");
  // Folder pages answer at their folder.
  CHECK(front_matter(place_in_host(page("index.html", "overview"), o).content).find("url: \"/api/\"\n") != std::string::npos);
  CHECK(front_matter(place_in_host(page("b/index.html", "bundle", "b"), o).content).find("url: \"/api/b/\"\n") != std::string::npos);
  CHECK(front_matter(place_in_host(page("authentication/index.html", "authentication"), o).content)
            .find("url: \"/api/authentication/\"\n") != std::string::npos);
}

TEST_CASE("host: Jekyll pages keep their paths, a permalink, and no Liquid") {
  HostOptions o;
  o.format = HostFormat::Jekyll;
  SiteFile f = place_in_host(operation_page("<p>{{ x }} {% raw %}</p>\n"), o);
  CHECK(f.path == "api/meshery/operations/getWorkspaces.html");
  std::string fm = front_matter(f.content);
  CHECK(fm.find("permalink: \"/api/meshery/operations/getWorkspaces.html\"\n") != std::string::npos);
  CHECK(fm.find("render_with_liquid: false\n") != std::string::npos);
  CHECK(fm.find("layout: \"default\"\n") != std::string::npos);  // else Jekyll wraps it in nothing
  CHECK(fm.find("linkTitle") == std::string::npos);
  CHECK(f.content.find("<p>{{ x }} {% raw %}</p>") != std::string::npos);  // as written: Liquid is off
}

TEST_CASE("host: Hugo shortcode syntax in a page is text, not a call") {
  HostOptions o;
  SiteFile f = place_in_host(operation_page("<p>{{% note %}} and {{&lt; x &gt;}}</p>\n"), o);
  CHECK(f.content.find("{{") == std::string::npos);
  CHECK(f.content.find("<p>&#123;{% note %}} and &#123;{&lt; x &gt;}}</p>") != std::string::npos);
}

TEST_CASE("host: layout, type, aliases and the project's own front matter") {
  HostOptions o;
  o.layout = "rest-apis";
  o.type = "docs";
  o.aliases = {"/{section}/endpoints/{operationId}/", "/old/{bundle}/{tag}/{slug}"};
  o.front_matter = {{"no_list", "true"}, {"toc_hide", "false"}, {"sidebar", "{\"nav\":\"api\"}"}};
  std::string fm = front_matter(place_in_host(operation_page(), o).content);
  CHECK(fm.find("layout: \"rest-apis\"\n") != std::string::npos);
  CHECK(fm.find("type: \"docs\"\n") != std::string::npos);
  CHECK(fm.find("aliases:\n  - \"/api/endpoints/getWorkspaces/\"\n  - \"/old/meshery/workspaces/getWorkspaces\"\n") != std::string::npos);
  CHECK(fm.find("\"no_list\": true\n\"toc_hide\": false\n\"sidebar\": {\"nav\":\"api\"}\n") != std::string::npos);
  // Aliases are an operation page's; Jekyll calls them redirect_from.
  CHECK(front_matter(place_in_host(page("b/index.html", "bundle", "b"), o).content).find("aliases") == std::string::npos);
  o.format = HostFormat::Jekyll;
  CHECK(front_matter(place_in_host(operation_page(), o).content).find("redirect_from:\n  - ") != std::string::npos);
}

TEST_CASE("host: files that are not pages are the host's static files, models its data") {
  HostOptions o;
  CHECK(place_in_host(SiteFile{"assets/app.js", "x"}, o).path == "static/api/assets/app.js");
  CHECK(place_in_host(SiteFile{"meshery/openapi.json", "x"}, o).path == "static/api/meshery/openapi.json");
  CHECK(place_in_host(SiteFile{"playground/index.html", "<html>"}, o).path == "static/api/playground/index.html");
  CHECK(place_in_host(SiteFile{"playground/index.html", "<html>"}, o).content == "<html>");
  CHECK(place_in_host(SiteFile{"meshery/model.json", "{}"}, o).path == "data/api/meshery.json");
  o.format = HostFormat::Jekyll;
  CHECK(place_in_host(SiteFile{"assets/app.js", "x"}, o).path == "api/assets/app.js");
  CHECK(place_in_host(SiteFile{"meshery/model.json", "{}"}, o).path == "_data/api/meshery.json");
  CHECK(host_roots(o) == std::vector<std::string>{"api", "_data/api"});
  CHECK(manifest_path(o) == "api/.apiref-manifest.json");
}

TEST_CASE("host: sections that would leave the host's folders are refused") {
  CHECK(section_problem("api") == "");
  CHECK(section_problem("reference/rest-apis") == "");
  for (const char* bad : {"", "/api", "api/", "../api", "a/../b", "a//b", ".hidden", "_data", "a b", "a\\b"})
    CHECK_MESSAGE(!section_problem(bad).empty(), bad);
}
