// The diff stage on real pairs: Docker Engine's API v1.40 (19.03.13) against v1.41, both Swagger
// 2.0 converted on input, and GitHub's description against itself. Counts were reviewed
// against the two files' textual diff (most of it is reflowed descriptions, no change).
#include <doctest/doctest.h>

#include <chrono>
#include <map>

#include "bundle/bundle.h"
#include "diff/diff.h"
#include "model/model.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

struct Version {
  BundleResult bundle;
  ApiModel model;
};

std::unique_ptr<Version> version_at(const std::string& path) {
  auto v = std::make_unique<Version>();
  v->bundle = bundle_file(path, {});
  REQUIRE(v->bundle.bundles.size() == 1);
  v->model = build_model(v->bundle.bundles[0].root(), {});
  return v;
}

std::map<std::string, int> by_rule(const DiffResult& r) {
  std::map<std::string, int> n;
  for (const Change& c : r.changes) n[c.rule]++;
  return n;
}

}  // namespace

TEST_CASE("diff corpus: Docker Engine API v1.40 to v1.41") {
  std::string old_path = corpus("swagger2/canary/docker-v19.03.13/swagger.yaml");
  std::string new_path = corpus("swagger2/canary/docker-v1.41/swagger.yaml");
  if (!fs::exists(old_path)) return;
  auto o = version_at(old_path);
  auto n = version_at(new_path);
  DiffResult r = diff_models({&o->model, old_path, true}, {&n->model, new_path, true});
  CHECK_FALSE(r.truncated);
  std::map<std::string, int> rules = by_rule(r);
  size_t breaking = 0;
  for (const Change& c : r.changes) breaking += c.level == ChangeLevel::Breaking;
  MESSAGE(r.changes.size() << " changes, " << breaking << " breaking, " << r.schema_pairs << " schema pairs compared");
  // basePath /v1.40 -> /v1.41: the server's URL.
  CHECK(rules["server-removed"] == 1);
  CHECK(rules["server-added"] == 1);
  // ContainerState.Health is no longer in GET /containers/{id}/json's State; BuildCache's
  // CreatedAt and LastUsedAt became integers (Unix time) in GET /system/df.
  CHECK(rules["response-property-removed"] == 1);
  CHECK(rules["response-type-changed"] == 2);
  // POST /images/create lost `message`; GET /services gained `status`.
  CHECK(rules["parameter-removed"] == 1);
  CHECK(rules["parameter-added"] == 1);
  // HostConfig.CgroupnsMode, ContainerSpec.Capabilities (requests), and their echoes in
  // responses with ServiceStatus and Info's OSVersion.
  CHECK(rules["request-property-added"] == 2);
  CHECK(rules["response-property-added"] == 4);
  CHECK(breaking == 4);
  CHECK(r.changes.size() == 13);
  // Every change is placed in both files with a line.
  for (const Change& c : r.changes) {
    CHECK(c.old_place.pos.line > 0);
    CHECK(c.new_place.pos.line > 0);
  }
}

TEST_CASE("diff corpus: GitHub's description against itself is no change, in bounded time") {
  std::string path = corpus("github/api.github.com.json");
  if (!fs::exists(path)) return;
  auto o = version_at(path);
  auto n = version_at(path);
  auto start = std::chrono::steady_clock::now();
  DiffResult r = diff_models({&o->model, path, true}, {&n->model, path, true});
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("GitHub against itself: " << r.schema_pairs << " schema pairs in " << ms << " ms");
  CHECK(r.changes.empty());
  CHECK_FALSE(r.truncated);
}
