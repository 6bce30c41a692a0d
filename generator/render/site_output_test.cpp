// The site as a whole, on the embedded example: files streamed to a sink (as `apiref build`
// writes them) are exactly the files returned in memory (as `apiref serve` keeps them), and the
// sidebar's links are the shortest relative ones, resolve, and mark only the page itself.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <mutex>
#include <regex>

#include "render/site.h"
#include "site_fixture.h"
#include "test_util.h"

using namespace apiref;
using apiref_test::PreparedSite;
using apiref_test::TempDir;

namespace {

std::string sidebar_of(const std::string& html) {
  size_t start = html.find("<nav class=\"sidebar\"");
  size_t end = html.find("</nav>", start);
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  return html.substr(start, end - start);
}

// `href` as seen from the page at `page_path`, back to a site path ("a/b/" or "a/b/c.html").
std::string resolve(const std::string& page_path, const std::string& href) {
  std::vector<std::string> parts;
  size_t slash = page_path.rfind('/');
  std::string folder = slash == std::string::npos ? "" : page_path.substr(0, slash);
  for (size_t i = 0; !folder.empty() && i <= folder.size();) {
    size_t j = folder.find('/', i);
    if (j == std::string::npos) j = folder.size();
    parts.push_back(folder.substr(i, j - i));
    i = j + 1;
  }
  size_t i = 0;
  while (i < href.size()) {
    size_t j = href.find('/', i);
    bool last = j == std::string::npos;
    std::string seg = href.substr(i, last ? std::string::npos : j - i);
    if (seg == "..") {
      REQUIRE_MESSAGE(!parts.empty(), href << " leaves the site from " << page_path);
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (last) break;
    i = j + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// A project in `tmp` whose one bundle, `api` (audience public), is `base_yml` plus one construct,
// `api_yml`; bundled into `p`, ready to render.
void prepare_construct_site(const TempDir& tmp, const std::string& api_yml, const std::string& base_yml, PreparedSite& p) {
  tmp.write("constructs/v1/things/api.yml", api_yml);
  tmp.write("base.yml", base_yml);
  tmp.write("apiref.yaml", "constructs: constructs\nbundles:\n  - {name: api, base: base.yml, audience: public}\n");
  apiref_test::prepare_site(tmp.str() + "/apiref.yaml", p);
}

}  // namespace

TEST_CASE("site: files streamed to a sink from the render workers equal the files returned") {
  PreparedSite ex;
  apiref_test::prepare_site(std::string(APIREF_SOURCE_DIR) + "/schemas/apiref.yaml", ex);
  Diagnostics d2;
  auto in_memory = apiref_test::render_files(ex);
  std::mutex mutex;
  std::map<std::string, std::string> streamed;
  size_t calls = 0;
  std::set<std::string> made_in_pieces;
  FileSink sink = [&](SiteFile&& f) {
    std::string content = std::move(f.content);
    if (f.produce) {  // made here, on the worker that hands it over, as the write stage does
      CHECK(content.empty());
      CHECK(f.produce([&](std::string_view piece) {
        content.append(piece);
        return true;
      }));
    }
    std::lock_guard<std::mutex> lock(mutex);
    ++calls;
    if (f.produce) made_in_pieces.insert(f.path);
    CHECK_MESSAGE(streamed.count(f.path) == 0, "sent twice: " << f.path);
    streamed[f.path] = std::move(content);
    return true;
  };
  CHECK(render_site(ex.site, ex.templates, SiteOptions{}, d2, nullptr, &sink).empty());
  CHECK(calls == in_memory.size());
  CHECK(streamed == in_memory);
  // The bundled descriptions (YAML input: openapi.json is serialised too) come in pieces.
  CHECK(made_in_pieces == std::set<std::string>{"internal/openapi.json", "internal/openapi.yaml",
                                                "public/openapi.json", "public/openapi.yaml"});
  CHECK(in_memory.count("sitemap.xml") == 1);
  CHECK(in_memory.count("search-index.json") == 1);

  SUBCASE("a sink that fails stops the render early") {
    std::atomic<size_t> accepted{0};
    FileSink failing = [&](SiteFile&&) { return ++accepted < 5; };
    Diagnostics d3;
    CHECK(render_site(ex.site, ex.templates, SiteOptions{}, d3, nullptr, &failing).empty());
    // One job per worker may already be running when the fifth file fails.
    CHECK(accepted.load() < 5 + 8);
  }
}

TEST_CASE("site: sidebar links are the shortest relative ones, resolve, and mark only the page itself") {
  PreparedSite ex;
  apiref_test::prepare_site(std::string(APIREF_SOURCE_DIR) + "/schemas/apiref.yaml", ex);
  auto files = apiref_test::render_files(ex);
  std::regex link("<a href=\"([^\"]*)\"( aria-current=\"page\")?");
  size_t op_pages = 0, tag_pages = 0, schema_pages = 0;
  for (const auto& file : files) {
    const std::string& path = file.first;  // not a structured binding: CHECK_MESSAGE captures it
    const std::string& html = file.second;
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;  // tags' .nav.js
    bool op_page = path.find("/operations/") != std::string::npos;
    bool tag_page = path.find("/tags/") != std::string::npos;
    if (path.find("/schemas/") != std::string::npos && path.find("/schemas/index.html") == std::string::npos) {
      // A schema page is in no tag: nothing in its sidebar (or anywhere) is the current page.
      CHECK_MESSAGE(html.find("aria-current=\"page\"") == std::string::npos, path);
      ++schema_pages;
      continue;
    }
    if (!op_page && !tag_page) continue;
    (op_page ? op_pages : tag_pages)++;
    std::string nav = sidebar_of(html);
    size_t current = 0;
    for (std::sregex_iterator it(nav.begin(), nav.end(), link), end; it != end; ++it) {
      std::string href = (*it)[1];
      std::string target = resolve(path, href);
      // Every link names a file (index.html included): the site works from disk too.
      CHECK_MESSAGE(files.count(target) == 1, path << ": " << href << " -> " << target);
      if ((*it)[2].matched) {
        ++current;
        CHECK_MESSAGE(target == path, path << ": aria-current on " << href);
        // An operation's own link is the shortest one: its file name.
        if (op_page) CHECK_MESSAGE(href == path.substr(path.rfind('/') + 1), path << ": " << href);
      }
      // Links within the bundle never climb to the site root and back down.
      if (op_page) CHECK_MESSAGE(href.rfind("../../", 0) == std::string::npos, path << ": " << href);
    }
    CHECK_MESSAGE(current == 1, path << ": " << current << " links marked as the current page");
    if (op_page) {
      CHECK_MESSAGE(nav.find("class=\"sidebar-tag active\"") != std::string::npos, path);
      // Under its tag, the page lists only itself; the tag's script has the others.
      size_t list = nav.find("<ul data-tag-nav>");
      REQUIRE_MESSAGE(list != std::string::npos, path);
      std::string own = nav.substr(list, nav.find("</ul>", list) - list);
      CHECK_MESSAGE(std::distance(std::sregex_iterator(own.begin(), own.end(), link), std::sregex_iterator()) == 1, path);
      std::smatch script;
      std::string tail = nav.substr(list);
      REQUIRE_MESSAGE(std::regex_search(tail, script, std::regex("<script src=\"(\\.\\./tags/[^\"]+\\.nav\\.js)\" defer></script>")), path);
      CHECK_MESSAGE(files.count(resolve(path, script[1])) == 1, path << ": " << script[1]);
    } else {
      CHECK_MESSAGE(nav.find("data-tag-nav") == std::string::npos, path);
      CHECK_MESSAGE(nav.find("<script") == std::string::npos, path);
    }
  }
  CHECK(op_pages >= 70);
  CHECK(tag_pages >= 5);
  CHECK(schema_pages >= 100);
}

TEST_CASE("site: a tag's script lists the operations its tag page lists, in order, for its operation pages") {
  PreparedSite ex;
  apiref_test::prepare_site(std::string(APIREF_SOURCE_DIR) + "/schemas/apiref.yaml", ex);
  auto files = apiref_test::render_files(ex);
  const std::string call = "window.apirefTagNav && window.apirefTagNav(";
  std::regex tag_list_link("<a href=\"[./a-z]*/operations/([^\"/]+)\"( class=\"deprecated\")?>");
  size_t scripts = 0;
  for (const auto& entry : files) {
    // Named, not bound: doctest's messages capture them in a lambda, which C++17 forbids for bindings.
    const auto& path = entry.first;
    const auto& text = entry.second;
    if (path.size() < 7 || path.compare(path.size() - 7, 7, ".nav.js") != 0) continue;
    ++scripts;
    REQUIRE_MESSAGE(text.rfind(call, 0) == 0, path);
    REQUIRE_MESSAGE(text.size() > call.size() + 3, path);
    REQUIRE(text.compare(text.size() - 3, 3, ");\n") == 0);
    nlohmann::json data = nlohmann::json::parse(text.substr(call.size(), text.size() - call.size() - 3));
    CHECK(data["fields"] == nlohmann::json({"href", "method", "label", "deprecated"}));
    std::vector<std::string> listed;
    for (const auto& op : data["operations"]) {
      listed.push_back(op[0].get<std::string>() + (op[3].get<bool>() ? " (deprecated)" : ""));
      std::string folder = path.substr(0, path.rfind("/tags/"));
      CHECK_MESSAGE(files.count(folder + "/operations/" + op[0].get<std::string>()) == 1, path << ": " << op[0]);
    }
    // The tag page beside the script lists the same operations in the same order.
    std::string tag_page = path.substr(0, path.size() - 7) + ".html";
    REQUIRE_MESSAGE(files.count(tag_page) == 1, tag_page);
    const std::string& html = files.at(tag_page);
    std::string main_part = html.substr(html.find("<main"));
    std::vector<std::string> on_page;
    for (std::sregex_iterator it(main_part.begin(), main_part.end(), tag_list_link), end; it != end; ++it)
      on_page.push_back((*it)[1].str() + ((*it)[2].matched ? " (deprecated)" : ""));
    CHECK_MESSAGE(listed == on_page, path);
  }
  CHECK(scripts >= 5);
}

TEST_CASE("site: examples and snippets are code text: quotes as typed, markup escaped") {
  // A documented example and a query example that try to close the code block and run script.
  TempDir tmp;
  PreparedSite p;
  prepare_construct_site(tmp, R"(openapi: 3.0.3
info: {title: Things, version: v1}
paths:
  /things:
    get:
      x-internal: [public]
      operationId: getThings
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}, example: "</code><script>alert(1)</script>"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object}
              example: {note: "</code></pre><img src=x onerror=alert(2)> & \"quoted\""}
)",
                         "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\nservers: [{url: \"https://api.example.com\"}]\npaths: {}\n", p);
  auto files = apiref_test::render_files(p);
  REQUIRE(files.count("api/operations/getThings.html"));
  const std::string& html = files["api/operations/getThings.html"];
  // The example block: JSON's quotes stay quotes; <, > and & are escaped, so nothing closes.
  CHECK(html.find("\"note\": \"&lt;/code&gt;&lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt; &amp; \\\"quoted\\\"\"") !=
        std::string::npos);
  // The snippets carry the query example, escaped the same way.
  bool encoded = html.find("q=%3C%2Fcode%3E") != std::string::npos;
  bool escaped = html.find("&lt;/code&gt;&lt;script&gt;") != std::string::npos;
  CHECK((encoded || escaped));
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(html.find("&quot;") == std::string::npos);  // no attribute on this page holds a quote
}

TEST_CASE("site: schema trees' descriptions follow description_link_base, and their unlinked links are counted") {
  TempDir tmp;
  PreparedSite p;
  prepare_construct_site(tmp, R"(openapi: 3.0.3
info: {title: Things, version: v1}
paths:
  /things:
    get:
      x-internal: [public]
      operationId: getThings
      description: See [the operation guide](guides/op.md).
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      description: A thing, as [the model guide](guides/model.md) says.
      properties:
        size: {type: integer, description: "Measured as [the size guide](guides/size.md) says."}
)",
                         "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths: {}\n", p);
  auto render = [&](const std::string& link_base, Diagnostics& d) {
    SiteOptions options;
    options.description_link_base = link_base;
    std::map<std::string, std::string> files;
    for (SiteFile& f : render_site(p.site, p.templates, options, d, nullptr)) files[f.path] = std::move(f.content);
    return files;
  };
  Diagnostics linked_diags;
  auto linked = render("https://docs.example.com/", linked_diags);
  REQUIRE(linked.count("api/operations/getThings.html"));
  REQUIRE(linked.count("api/schemas/Thing.html"));  // a construct's schema: the author's name
  for (const char* page : {"api/operations/getThings.html", "api/schemas/Thing.html"}) {
    CAPTURE(page);
    CHECK(linked[page].find("href=\"https://docs.example.com/guides/size.md\"") != std::string::npos);
    CHECK(linked[page].find("href=\"https://docs.example.com/guides/model.md\"") != std::string::npos);
  }
  CHECK(linked["api/operations/getThings.html"].find("href=\"https://docs.example.com/guides/op.md\"") != std::string::npos);
  for (const Diagnostic& x : linked_diags) CHECK(x.code != "description-relative-link");

  Diagnostics text_diags;
  auto text = render("", text_diags);
  for (const char* page : {"api/operations/getThings.html", "api/schemas/Thing.html"}) {
    CAPTURE(page);
    CHECK(text[page].find("guides/size.md") == std::string::npos);
    CHECK(text[page].find("the size guide") != std::string::npos);  // the link's text stays
  }
  size_t warnings = 0;
  for (const Diagnostic& x : text_diags) {
    if (x.code != "description-relative-link") continue;
    ++warnings;
    // The operation's own link, and the tree links of both pages (the operation's tree shows
    // the schema's description and its property's; the schema page's tree the same two).
    CHECK(x.message.rfind("5 relative links", 0) == 0);
  }
  CHECK(warnings == 1);
}

TEST_CASE("site: a parameter's bounds read as a property's do, and its pattern is code") {
  TempDir tmp;
  PreparedSite p;
  prepare_construct_site(tmp, R"(openapi: 3.0.3
info: {title: Things, version: v1}
paths:
  /things:
    get:
      x-internal: [public]
      operationId: getThings
      parameters:
        - {name: id, in: query, schema: {type: string, maxLength: 36, pattern: "^[a-z]+$"}}
        - {name: page, in: query, schema: {type: integer, minimum: 0, maximum: 10, exclusiveMaximum: true}}
      responses:
        "200": {description: ok}
)",
                         "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\nservers: [{url: \"https://api.example.com\"}]\npaths: {}\n", p);
  auto files = apiref_test::render_files(p);
  REQUIRE(files.count("api/operations/getThings.html"));
  const std::string& html = files["api/operations/getThings.html"];
  CHECK(html.find("<div class=\"schema-constraints\">max length 36</div>") != std::string::npos);
  CHECK(html.find("<div class=\"schema-constraints\">≥ 0, &lt; 10</div>") != std::string::npos);
  CHECK(html.find("<div class=\"schema-pattern\">pattern <code>^[a-z]+$</code></div>") != std::string::npos);
  CHECK(html.find("maxLength 36") == std::string::npos);  // not the keyword's own name
}
