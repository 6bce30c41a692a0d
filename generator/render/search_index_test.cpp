// The search index: what the site's search can find (operations by every name a reader types,
// tags, schemas and their fields), and that every entry leads to a page the site has.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "render/search_index.h"
#include "site_fixture.h"
#include "test_util.h"

using namespace apiref;
using json = nlohmann::json;

namespace {

const char* kPets = R"(openapi: 3.0.3
info: {title: Pet Store, version: 1.0.0}
tags:
  - {name: pets, x-displayName: Pets and owners}
  - {name: store}
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getPetById
      summary: Find a pet
      tags: [pets, store]
      parameters:
        - {name: include_owner, in: query, schema: {type: boolean}}
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
  /health:
    get:
      responses: {'200': {description: ok}}
components:
  schemas:
    Pet:
      allOf:
        - $ref: '#/components/schemas/Named'
        - type: object
          properties:
            tag: {type: string}
            name: {type: string}
    Named:
      type: object
      properties:
        name: {type: string}
        created_at: {type: string}
    Loop:
      allOf:
        - $ref: '#/components/schemas/Loop'
        - properties: {again: {type: string}}
)";

struct Built {
  apiref_test::Parsed parsed;
  ApiModel model;
};

void build(const char* yaml, Built& b) {
  b.parsed = apiref_test::yaml(yaml);
  REQUIRE(b.parsed.ok);
  b.model = build_model(b.parsed.root, {});
}

json index_of(const std::vector<SearchBundle>& bundles) { return json::parse(search_index_json(bundles)); }

const json* find_row(const json& rows, size_t column, const std::string& value) {
  for (const json& row : rows)
    if (row[column] == value) return &row;
  return nullptr;
}

// A row's parameter or property names, from their indexes into "names".
std::vector<std::string> names_of(const json& index, const json& list) {
  std::vector<std::string> out;
  for (const json& i : list) out.push_back(index["names"].at(i.get<size_t>()));
  return out;
}

// The page's slug: given, or (when "") slugify() of the name, as app.js makes it.
std::string slug_of(const json& row, size_t name_column) {
  std::string slug = row[1];
  return slug.empty() ? slugify(row[name_column].get<std::string>()) : slug;
}

}  // namespace

TEST_CASE("search index: operations by summary, operationId, method, path, tags and parameter names") {
  Built pets;
  build(kPets, pets);
  json index = index_of({{"pets", &pets.model}});
  REQUIRE(index["bundles"] == json::array({json::array({"pets", "Pet Store"})}));

  const json* op = find_row(index["operations"], 5, "getPetById");
  REQUIRE(op);
  CHECK((*op)[0] == 0);  // the bundle
  CHECK((*op)[1] == "");  // the page's slug is the operationId's: left out
  CHECK((*op)[2] == "get");
  CHECK((*op)[3] == "/pets/{petId}");
  CHECK((*op)[4] == "Find a pet");
  // The path item's petId and the operation's own are one parameter, named once.
  CHECK(names_of(index, (*op)[7]) == std::vector<std::string>{"petId", "include_owner"});
  // Its tags by index into "tags", with their names and display names.
  std::vector<std::string> tag_names;
  for (const json& t : (*op)[6]) tag_names.push_back(index["tags"][t.get<size_t>()][2]);
  CHECK(tag_names == std::vector<std::string>{"pets", "store"});

  // No operationId: the one the model makes up is no name a reader knows; the path finds it.
  const json* health = find_row(index["operations"], 3, "/health");
  REQUIRE(health);
  CHECK((*health)[5] == "");
  CHECK((*health)[1] == pets.model.operations[1].slug);
  CHECK(!(*health)[1].get<std::string>().empty());
}

TEST_CASE("search index: tags with their display names, and the untagged operations' tag") {
  Built pets;
  build(kPets, pets);
  json index = index_of({{"pets", &pets.model}});
  const json* tag = find_row(index["tags"], 2, "pets");
  REQUIRE(tag);
  CHECK((*tag)[3] == "Pets and owners");
  const json* store = find_row(index["tags"], 2, "store");
  REQUIRE(store);
  CHECK((*store)[3] == "");  // no display name of its own
  // Every operation is in at least one tag (the model's "default" holds the untagged).
  for (const json& op : index["operations"]) CHECK(!op[6].empty());
}

TEST_CASE("search index: schemas with their top-level property names, allOf members' included") {
  Built pets;
  build(kPets, pets);
  json index = index_of({{"pets", &pets.model}});
  const json* pet = find_row(index["schemas"], 2, "Pet");
  REQUIRE(pet);
  // Named's fields (through the $ref in allOf), then the inline member's; `name` once.
  CHECK(names_of(index, (*pet)[3]) == std::vector<std::string>{"name", "created_at", "tag"});
  const json* named = find_row(index["schemas"], 2, "Named");
  REQUIRE(named);
  CHECK(names_of(index, (*named)[3]) == std::vector<std::string>{"name", "created_at"});
  // A schema that is a member of its own allOf ends, each field named once.
  const json* loop = find_row(index["schemas"], 2, "Loop");
  REQUIRE(loop);
  CHECK(names_of(index, (*loop)[3]) == std::vector<std::string>{"again"});
  // Names are written once, the most used first: `name` (Pet, Named) before the others.
  CHECK(index["names"][0] == "name");
  std::set<std::string> distinct;
  for (const json& n : index["names"]) CHECK(distinct.insert(n.get<std::string>()).second);
}

TEST_CASE("search index: a schema's property names are capped") {
  std::string yaml = "openapi: 3.0.3\ninfo: {title: Wide, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Wide:\n      properties:\n";
  for (size_t i = 0; i < kSearchPropertiesPerSchema + 50; ++i) yaml += "        p" + std::to_string(i) + ": {type: string}\n";
  Built wide;
  build(yaml.c_str(), wide);
  json index = index_of({{"wide", &wide.model}});
  std::vector<std::string> props = names_of(index, index["schemas"][0][3]);
  CHECK(props.size() == kSearchPropertiesPerSchema);
  CHECK(props[0] == "p0");
  CHECK(props.back() == "p" + std::to_string(kSearchPropertiesPerSchema - 1));
}

TEST_CASE("search index: two bundles each keep their entries, told apart by bundle") {
  Built a, b;
  build(kPets, a);
  build(kPets, b);
  json index = index_of({{"public", &a.model}, {"internal", &b.model}});
  REQUIRE(index["bundles"].size() == 2);
  CHECK(index["bundles"][1][0] == "internal");
  size_t ops = a.model.operations.size();
  REQUIRE(index["operations"].size() == 2 * ops);
  CHECK(index["operations"][0][0] == 0);
  CHECK(index["operations"][ops][0] == 1);
  // Tag indexes are global: the second bundle's operations point at its own tags.
  for (size_t i = ops; i < 2 * ops; ++i)
    for (const json& t : index["operations"][i][6]) CHECK(index["tags"][t.get<size_t>()][0] == 1);
}

TEST_CASE("search index: every entry leads to a page the site has (the embedded example)") {
  apiref_test::PreparedSite p;
  apiref_test::prepare_site(std::string(APIREF_SOURCE_DIR) + "/schemas/apiref.yaml", p);
  std::map<std::string, std::string> files = apiref_test::render_files(p);
  REQUIRE(files.count("search-index.json") == 1);
  json index = json::parse(files["search-index.json"]);
  // site/app.js makes the addresses so: <bundle>/<folder>/<slug>.html.
  size_t checked = 0;
  // The name a derived slug comes from: an operation's operationId, a tag's or schema's name.
  for (auto [kind, name_column] : {std::pair{"operations", size_t{5}}, {"tags", size_t{2}}, {"schemas", size_t{2}}}) {
    REQUIRE(!index[kind].empty());
    for (const json& row : index[kind]) {
      std::string page = index["bundles"][row[0].get<size_t>()][0].get<std::string>() + "/" + kind + "/" +
                         slug_of(row, name_column) + ".html";
      INFO(page);
      CHECK(files.count(page) == 1);
      ++checked;
    }
  }
  size_t expected = 0;
  for (const ApiModel& m : p.models) expected += m.operations.size() + m.tags.size() + m.schemas.size();
  CHECK(checked == expected);
  // search-index.js is the same index, for pages opened from disk.
  const std::string& script = files["search-index.js"];
  const std::string head = "window.apirefSearchIndex = ";
  REQUIRE(script.rfind(head, 0) == 0);
  REQUIRE(script.size() > head.size() + 2);
  CHECK(script.compare(script.size() - 2, 2, ";\n") == 0);
  CHECK(json::parse(script.substr(head.size(), script.size() - head.size() - 2)) == json::parse(files["search-index.json"]));
  CHECK(script.find('<') == std::string::npos);
}
