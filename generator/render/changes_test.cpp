// Where the What changed page puts each change, and which operations get which badge: a change
// is listed once (under its operation, or under the shared part it is in, with the operations
// that use that part through any chain of $refs), and an operation's badge is the strongest of
// its own changes and its parts'.
#include <doctest/doctest.h>

#include <memory>

#include "diff/diff.h"
#include "load/load.h"
#include "model/model.h"
#include "model_version.h"
#include "render/changes.h"

using namespace apiref;

namespace {

const char* kOld = R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Page'}}}}}}
    post:
      operationId: addPet
      responses: {'201': {description: ok}}
  /stores:
    get:
      operationId: listStores
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: {'200': {description: ok}}
components:
  schemas:
    Page: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}
    Pet: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
)";

// Pet.name optional (listPets, through Page), addPet removed, listStores's q required, a new path.
const char* kNew = R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Page'}}}}}}
  /stores:
    get:
      operationId: listStores
      parameters: [{name: q, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /owners:
    get:
      operationId: listOwners
      responses: {'200': {description: ok}}
components:
  schemas:
    Page: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}
    Pet: {type: object, required: [id], properties: {id: {type: integer}, name: {type: string}}}
)";

size_t index_of(const ApiModel& m, const std::string& id) {
  for (size_t i = 0; i < m.operations.size(); ++i)
    if (m.operations[i].id == id) return i;
  FAIL("no operation " << id);
  return 0;
}

}  // namespace

TEST_CASE("changes: each change once, grouped, and badges through chains of refs") {
  auto o = version_of(kOld);
  auto n = version_of(kNew);
  DiffResult r = diff_models({&o->model, "old.yaml", true}, {&n->model, "new.yaml", true});
  ChangeMap map = map_changes(n->doc, n->model, r.changes);

  size_t listed = 0;
  for (const ChangeGroup& g : map.groups) listed += g.changes.size();
  CHECK(listed == r.changes.size());
  CHECK(map.breaking + map.warnings + map.info == r.changes.size());

  const ApiModel& m = n->model;
  CHECK(map.badges[index_of(m, "listPets")] == ChangeBadge::Breaking);    // through Page -> Pet
  CHECK(map.badges[index_of(m, "listStores")] == ChangeBadge::Breaking);  // its own parameter
  CHECK(map.badges[index_of(m, "listOwners")] == ChangeBadge::New);

  bool schema_group = false, removed_group = false, stores_group = false;
  for (const ChangeGroup& g : map.groups) {
    if (g.kind == "schema") {
      schema_group = true;
      CHECK(g.title == "Pet");
      REQUIRE(g.affected.size() == 1);
      CHECK(m.operations[g.affected[0]].id == "listPets");
    }
    if (g.kind == "removed") {
      removed_group = true;
      CHECK(g.title == "POST /pets");
    }
    if (g.operation >= 0 && m.operations[static_cast<size_t>(g.operation)].id == "listStores") {
      stores_group = true;
      CHECK(g.title == "GET /stores");
      CHECK(map.anchors[static_cast<size_t>(g.operation)] == g.anchor);
    }
  }
  CHECK(schema_group);
  CHECK(removed_group);
  CHECK(stores_group);
  // listPets changed only through the schema: its badge links to the schema's group.
  CHECK(map.anchors[index_of(m, "listPets")] == "schema-pet");
}

TEST_CASE("changes: no change, no badge") {
  auto o = version_of(kOld);
  auto n = version_of(kOld);
  DiffResult r = diff_models({&o->model, "old.yaml", true}, {&n->model, "new.yaml", true});
  ChangeMap map = map_changes(n->doc, n->model, r.changes);
  CHECK(r.changes.empty());
  CHECK(map.groups.empty());
  for (ChangeBadge b : map.badges) CHECK(b == ChangeBadge::None);
  CHECK(change_badge_data(map, "b", 0, "HEAD", "").is_null());
}

TEST_CASE("changes: the Markdown twin links operations from its folder, or from the site's root") {
  auto o = version_of(kOld);
  auto n = version_of(kNew);
  DiffResult r = diff_models({&o->model, "old.yaml", true}, {&n->model, "new.yaml", true});
  ChangeMap map = map_changes(n->doc, n->model, r.changes);
  std::string twin = changes_markdown(map, "pets", n->model, "v1");
  std::string full = changes_markdown(map, "pets", n->model, "v1", true);
  CHECK(twin.find("## [GET /stores](operations/listStores.md) (Breaking)") != std::string::npos);
  CHECK(full.find("## [GET /stores](pets/operations/listStores.md) (Breaking)") != std::string::npos);
  CHECK(full.rfind("# What changed since v1 · t\n", 0) == 0);
}
