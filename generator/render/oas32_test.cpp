// OpenAPI 3.2 through the whole pipeline, on tests/oas32/api.yaml (one document using every
// 3.2 feature apiref shows): the model reads it, and the pages say what it means (QUERY and
// other methods with their badges and snippets, nested tags in the sidebar and overview,
// streams as several items, the querystring parameter, the device flow, named servers).
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "bundle/bundle.h"
#include "model/model.h"
#include "render/site.h"
#include "write/output.h"
#include "test_util.h"

using namespace apiref;

namespace {

struct Site32 {
  BundleResult bundles;
  ApiModel model;
  std::map<std::string, std::string> files;
};

const Site32& site32() {
  static const Site32 s = [] {
    Site32 out;
    out.bundles = bundle_file(apiref_test::source("tests/oas32/api.yaml"), {});
    REQUIRE(out.bundles.ok());
    Diagnostics d;
    out.model = build_model(out.bundles.bundles[0].document, {});
    TemplateSet templates;
    std::vector<MustacheError> errors;
    REQUIRE(templates.load(apiref_test::source("templates"), "", errors));
    std::vector<SiteBundle> site = {{"api", &out.bundles.bundles[0].document, &out.model}};
    for (SiteFile& f : render_site(site, templates, SiteOptions{}, d, nullptr)) {
      realise_in_memory(f);
      out.files[f.path] = std::move(f.content);
    }
    return out;
  }();
  return s;
}

const Operation& op(const std::string& id) {
  for (const Operation& o : site32().model.operations)
    if (o.id == id) return o;
  FAIL("no operation " << id);
  throw 0;
}

const std::string& file(const std::string& path) {
  auto it = site32().files.find(path);
  REQUIRE_MESSAGE(it != site32().files.end(), path);
  return it->second;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The text of the first <code class="language-curl"> block.
std::string curl_of(const std::string& html) {
  size_t at = html.find("<code class=\"language-curl\">");
  REQUIRE(at != std::string::npos);
  at += 28;
  return html.substr(at, html.find("</code>", at) - at);
}

}  // namespace

TEST_CASE("oas32: the model reads query, additionalOperations and the 3.2 fields") {
  const ApiModel& m = site32().model;
  CHECK(m.is_31);
  CHECK(m.self_uri == "https://api.example.com/specs/openapi.yaml");
  CHECK(op("searchCakes").method == "query");
  const Operation& purge = op("purgeCakeCache");
  CHECK(purge.method == "purge");
  CHECK(purge.pointer == "/paths/~1cakes/additionalOperations/PURGE");
  CHECK(m.servers.at(0).name == "Production");
  CHECK(op("searchCakes").responses.at(0).summary == "Matching cakes");
  // A media type by $ref to components/mediaTypes.
  REQUIRE(op("listCakes").responses.at(0).content.size() == 1);
  CHECK(op("listCakes").responses.at(0).content[0].schema != nullptr);
  CHECK(op("listBreads").responses.at(0).content.at(0).item_schema != nullptr);
  const Parameter& qs = op("listCakes").parameters.at(0);
  CHECK(qs.in == "querystring");
  bool device = false;
  for (const SecurityScheme& s : m.security_schemes)
    for (const OAuthFlow& f : s.flows)
      device = device || (f.kind == "deviceAuthorization" && f.device_authorization_url == "https://auth.example.com/device");
  CHECK(device);
}

TEST_CASE("oas32: tags nest by parent and replace x-tagGroups") {
  const ApiModel& m = site32().model;
  CHECK(m.nested_tags);
  CHECK(m.tag_groups.empty());
  REQUIRE(m.tags.size() >= 4);
  CHECK(m.tags[0].display_name == "Products");  // summary names it
  CHECK(m.tags[1].parent == 0);
  CHECK(m.tags[2].parent == 0);
  CHECK(m.tags[0].total_operations == 4);
  std::vector<std::pair<size_t, int>> order = tags_in_tree_order(m);
  REQUIRE(order.size() == 4);
  CHECK(order[0] == std::make_pair(size_t(0), 0));
  CHECK(order[1] == std::make_pair(size_t(1), 1));
  CHECK(order[3] == std::make_pair(size_t(3), 0));
  // The sidebar: Cakes and Breads inside Products' entry, Ovens beside it.
  const std::string& page = file("api/index.html");
  size_t products = page.find(">Products</a>");
  size_t sub = page.find("<ul class=\"sidebar-subtags\">", products);
  size_t cakes = page.find(">Cakes</a>", sub);
  size_t breads = page.find(">Breads</a>", cakes);
  size_t ovens = page.find(">Ovens</a>");
  REQUIRE(products != std::string::npos);
  REQUIRE(sub != std::string::npos);
  CHECK(cakes != std::string::npos);
  CHECK(breads != std::string::npos);
  CHECK(ovens > breads);
  CHECK(page.find("Ignored when tags nest") == std::string::npos);
  // The overview: Products a heading over its children's.
  CHECK(page.find("<h2 id=\"tag-Products\">") != std::string::npos);
  CHECK(page.find("<h3 id=\"tag-Cakes\">") != std::string::npos);
  CHECK(page.find("<h2 id=\"tag-Ovens\">") != std::string::npos);
}

TEST_CASE("oas32: QUERY and additional methods have their badge and snippets") {
  const std::string& query = file("api/operations/searchCakes.html");
  CHECK(query.find("<span class=\"method method-query\">QUERY</span>") != std::string::npos);
  std::string curl = curl_of(query);
  CHECK(curl.find("curl -X QUERY") != std::string::npos);
  CHECK(curl.find("https://api.example.com/v2/cakes") != std::string::npos);
  CHECK(curl.find("--data") != std::string::npos);
  CHECK(query.find("\"QUERY\"") != std::string::npos);  // python, JavaScript, Go
  const std::string& purge = file("api/operations/purgeCakeCache.html");
  CHECK(purge.find("method-purge\">PURGE</span>") != std::string::npos);
  CHECK(curl_of(purge).find("curl -X PURGE") != std::string::npos);
  CHECK(file("llms.txt").find("QUERY /cakes") != std::string::npos);
  CHECK(file("search-index.json").find("\"query\",\"/cakes\"") != std::string::npos);
}

TEST_CASE("oas32: a querystring parameter is the whole query string of the snippet") {
  const std::string& page = file("api/operations/listCakes.html");
  CHECK(curl_of(page).find("/cakes?flavour=lemon&amp;max=10") != std::string::npos);
  CHECK(page.find("application/x-www-form-urlencoded") != std::string::npos);
  CHECK(page.find("querystring") != std::string::npos);
}

TEST_CASE("oas32: streams show the item schema and several framed items") {
  const std::string& sse = file("api/operations/streamOvenEvents.html");
  CHECK(sse.find("A stream of server-sent events; each item:") != std::string::npos);
  // Three events, each with its data made from the contentSchema (Reading).
  CHECK(count(sse, "event: temperature") == 3);
  CHECK(count(sse, "data: {\"oven\":\"oven-1\",\"celsius\":220}") == 3);
  CHECK(count(sse, "id: 42") == 3);
  const std::string& jsonl = file("api/operations/listBreads.html");
  CHECK(jsonl.find("A stream of JSON Lines; each item:") != std::string::npos);
  CHECK(count(jsonl, "{\"name\":\"Sourdough\",\"grams\":800}") == 3);
  const std::string& seq = file("api/operations/ovenLog.html");
  CHECK(count(seq, "\u241E{\"oven\"") == 3);
}

TEST_CASE("oas32: named servers, response summaries, defaultMapping and the device flow are shown") {
  CHECK(file("api/schemas/Cake.html").find("any other value → <a href=\"../../api/schemas/Sponge.html\">Sponge</a>") != std::string::npos);
  CHECK(file("api/index.html").find("<span class=\"server-name\">Production</span>") != std::string::npos);
  CHECK(file("api/operations/searchCakes.html").find("Matching cakes") != std::string::npos);
  bool device = false;
  for (const auto& [path, text] : site32().files)
    if (path.rfind("authentication", 0) == 0 && text.find("https://auth.example.com/device") != std::string::npos) device = true;
  CHECK(device);
}

TEST_CASE("oas32: contentSchema is drawn under the string that holds it, on the page and in its twin") {
  const std::string& sse = file("api/operations/streamOvenEvents.html");
  CHECK(sse.find("<div class=\"schema-content-type\">holds <code>application/json</code></div>") != std::string::npos);
  size_t block = sse.find("<span class=\"schema-label\">decoded content</span>");
  REQUIRE(block != std::string::npos);
  // The decoded content is the Reading, linked to its page.
  size_t reading = sse.find("schemas/Reading.html", block);
  REQUIRE(reading != std::string::npos);
  CHECK(reading < block + 600);
  const std::string& twin = file("api/operations/streamOvenEvents.md");
  CHECK(twin.find("- `data` (string, required): Holds `application/json`.") != std::string::npos);
  CHECK(twin.find("  - Decoded content: [Reading](") != std::string::npos);
  // Encoded binary content: its media type and encoding, on the schema's page and in its twin.
  CHECK(file("api/schemas/Snapshot.html").find("holds <code>image/png</code>, <code>base64</code>-encoded") != std::string::npos);
  CHECK(file("api/schemas/Snapshot.md").find("- `image` (string): Holds `image/png`, `base64`-encoded.") != std::string::npos);
}

TEST_CASE("oas32: a tag page says its kind and parent, the bundle page its $self") {
  const std::string& cakes = file("api/tags/cakes.html");
  CHECK(cakes.find("<p class=\"tag-facts\"><span class=\"tag-kind\" title=\"Tag kind: nav\">navigation</span> · Part of "
                   "<a href=\"../../api/tags/products.html\">Products</a></p>") != std::string::npos);
  CHECK(file("api/tags/breads.html").find("<p class=\"tag-facts\">Part of <a") != std::string::npos);
  CHECK(file("api/tags/ovens.html").find("tag-facts") == std::string::npos);  // neither: nothing said
  CHECK(file("api/tags/cakes.md").find("Kind `nav` (navigation). Part of [Products](") != std::string::npos);
  CHECK(file("api/index.html").find("<p class=\"self-uri\">The description's canonical URI ($self): "
                                    "<a href=\"https://api.example.com/specs/openapi.yaml\"><code>") != std::string::npos);
  CHECK(file("llms.txt").find("its canonical URI (`$self`) https://api.example.com/specs/openapi.yaml") != std::string::npos);
}

TEST_CASE("oas32: the playground sends additional methods, querystring fields and shows streams") {
  // Swagger UI offers Try it out for the methods listed, as written.
  const std::string& config = file("playground/swagger-config.json");
  CHECK(config.find("\"PURGE\"") != std::string::npos);
  CHECK(file("api/operations/purgeCakeCache.html").find("class=\"try-it\"") != std::string::npos);
  // Its copy of the description: the form querystring split, the streams given a schema.
  const std::string& copy = file("playground/api.openapi.json");
  CHECK(copy.find("\"querystring\",\"content\":{\"application/x-www-form-urlencoded\"") == std::string::npos);
  CHECK(copy.find("{\"name\":\"flavour\",\"in\":\"query\",\"required\":true") != std::string::npos);
  CHECK(copy.find("{\"name\":\"max\",\"in\":\"query\",\"required\":true") != std::string::npos);
  CHECK(copy.find("\"schema\":{\"type\":\"array\",\"description\":\"A stream: the body is a sequence of these items") != std::string::npos);
  // A JSON querystring it cannot split: kept, and the operation page says so.
  CHECK(copy.find("\"in\":\"querystring\",\"description\":\"The whole query string is one JSON document.\"") != std::string::npos);
  CHECK(file("api/operations/findReadings.html").find("the playground cannot send its querystring parameter") != std::string::npos);
  CHECK(file("api/operations/listCakes.html").find("cannot send") == std::string::npos);
}
