// apiref.yaml is optional: a folder laid out like Meshery's schemas is a project by itself, and
// an apiref.yaml may wrap a single description (for auth and branding only).
#include <doctest/doctest.h>

#include "config/config.h"
#include "test_util.h"

using namespace apiref;
using apiref_test::TempDir;

namespace {
const char kBase[] = "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n";
}

TEST_CASE("zero-config: each base_<audience>.yml is a bundle named after its audience") {
  TempDir dir;
  dir.write("base_meshery.yml", kBase);
  dir.write("base_cloud.yaml", kBase);
  dir.write("base_.yml", kBase);             // no audience: not a bundle
  dir.write("base_bad name.yml", kBase);     // not a plain name: not a bundle
  dir.write("notes_base_x.yml", kBase);
  dir.write("constructs/v1beta1/user/api.yml", kBase);
  CHECK(is_layout_project(dir.str()));
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
  CHECK(d.empty());
  CHECK(config.zero_config);
  REQUIRE(config.bundles.size() == 2);
  CHECK(config.bundles[0].name == "cloud");
  CHECK(config.bundles[0].audience == "cloud");
  CHECK(config.bundles[0].base == dir.str() + "/base_cloud.yaml");
  CHECK(config.bundles[1].name == "meshery");
  CHECK(config.constructs_dir == dir.str() + "/constructs");
  CHECK(construct_folders(config).size() == 1);
}

TEST_CASE("zero-config: a folder without base files is not a project, and says so") {
  TempDir dir;
  dir.write("openapi.yaml", kBase);
  CHECK_FALSE(is_layout_project(dir.str()));
  ProjectConfig config;
  Diagnostics d;
  CHECK_FALSE(load_project_config(dir.str() + "/apiref.yaml", config, d));
}

TEST_CASE("apiref.yaml without bundles: the layout's bases, or the one description beside it") {
  TempDir dir;
  SUBCASE("base files beside it") {
    dir.write("base_public.yml", kBase);
    dir.write("apiref.yaml", "site: {title: Branded}\n");
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    CHECK_FALSE(config.zero_config);
    REQUIRE(config.bundles.size() == 1);
    CHECK(config.bundles[0].name == "public");
    CHECK(config.site.title == "Branded");
  }
  SUBCASE("one openapi.yaml beside it") {
    dir.write("openapi.yaml", kBase);
    dir.write("apiref.yaml", "auth: {name: Key, send: {headers: {X-Key: '${token}'}}}\n");
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    CHECK(config.bundles.empty());
    CHECK(config.description == dir.str() + "/openapi.yaml");
    CHECK(config.auth.configured);
  }
  SUBCASE("description: names it") {
    dir.write("specs/api.json", "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}}");
    dir.write("apiref.yaml", "description: specs/api.json\nbuild: {strict: true}\n");
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    CHECK(config.description == dir.str() + "/specs/api.json");
    CHECK(config.build_strict);
  }
  SUBCASE("nothing to build: an error that says what to write") {
    dir.write("apiref.yaml", "title: Empty\n");
    ProjectConfig config;
    Diagnostics d;
    CHECK_FALSE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    REQUIRE_FALSE(d.empty());
    CHECK(d.back().message.find("description: openapi.yaml") != std::string::npos);
  }
  SUBCASE("a description that does not exist") {
    dir.write("apiref.yaml", "description: missing.yaml\n");
    ProjectConfig config;
    Diagnostics d;
    CHECK_FALSE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    REQUIRE_FALSE(d.empty());
    CHECK(d.back().where.pointer == "/description");
    CHECK(d.back().where.pos.line == 1);
  }
}

TEST_CASE("a bundle without an audience is accepted (it keeps every operation)") {
  TempDir dir;
  dir.write("openapi.yaml", kBase);
  dir.write("apiref.yaml", "bundles:\n  - {name: all, base: openapi.yaml}\n");
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
  REQUIRE(config.bundles.size() == 1);
  CHECK(config.bundles[0].audience.empty());
}

TEST_CASE("site.favicon: a project's page icon, by its path from apiref.yaml") {
  TempDir dir;
  dir.write("openapi.yaml", kBase);
  SUBCASE("an .svg beside it") {
    dir.write("brand/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    dir.write("apiref.yaml", "description: openapi.yaml\nsite: {favicon: brand/icon.svg}\n");
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    CHECK(config.site.favicon == dir.str() + "/brand/icon.svg");
  }
  SUBCASE("none: apiref's own") {
    dir.write("apiref.yaml", "description: openapi.yaml\n");
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
    CHECK(config.site.favicon.empty());
  }
  SUBCASE("a file that is missing, or no image") {
    dir.write("icon.txt", "x");
    for (const char* icon : {"missing.png", "icon.txt"}) {
      CAPTURE(icon);
      dir.write("apiref.yaml", std::string("description: openapi.yaml\nsite: {favicon: ") + icon + "}\n");
      ProjectConfig config;
      Diagnostics d;
      CHECK_FALSE(load_project_config(dir.str() + "/apiref.yaml", config, d));
      REQUIRE_FALSE(d.empty());
      CHECK(d.back().where.pointer == "/site/favicon");
    }
  }
}

TEST_CASE("changes.since names the revision builds show the changes since") {
  TempDir dir;
  dir.write("openapi.yaml", kBase);
  dir.write("apiref.yaml", "changes: {since: v1.2.0}\n");
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
  CHECK(d.empty());
  CHECK(config.changes_since == "v1.2.0");

  // A number (since: 1.2) is its literal; a list, an empty revision or an unknown key is said.
  dir.write("apiref.yaml", "changes: {since: 1.2}\n");
  config = {};
  d.clear();
  REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
  CHECK(config.changes_since == "1.2");
  for (const char* bad : {"changes: [v1]\n", "changes: {since: ''}\n", "changes: {since: [a, b]}\n"}) {
    CAPTURE(bad);
    dir.write("apiref.yaml", bad);
    config = {};
    d.clear();
    load_project_config(dir.str() + "/apiref.yaml", config, d);
    REQUIRE(d.size() == 1);
    CHECK(d[0].severity == Severity::Error);
    CHECK(d[0].where.pointer.rfind("/changes", 0) == 0);
    CHECK(config.changes_since.empty());
  }
  dir.write("apiref.yaml", "changes: {since: v1, until: v2}\n");
  config = {};
  d.clear();
  REQUIRE(load_project_config(dir.str() + "/apiref.yaml", config, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "config-unknown-key");
  CHECK(d[0].where.pointer == "/changes/until");
}
