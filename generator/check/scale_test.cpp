// The check's cost grows with the description, not with its square: the rules over the whole
// API (paths that collide, operations defined twice) once compared every pair of paths, and
// took 44 s on 32,000 operations. Timed by CPU time, not wall time, and as a ratio between two
// sizes, so that a loaded machine slows both alike: eight times the operations may cost up to
// 24 times the time (linear is about 8; the pairwise comparison made it about 50).
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <string>

#include "check/check.h"
#include "test_util.h"

using namespace apiref;
using apiref_test::TempDir;

namespace {

// As bench/scale_gen.py writes them: N GETs on paths of their own with one path parameter,
// one shared schema, 50 tags.
std::string synthetic_description(size_t n) {
  std::string paths;
  for (size_t i = 0; i < n; ++i) {
    std::string tag = "tag" + std::to_string(i % 50);
    paths += std::string(i ? "," : "") + "\"/" + tag + "/items" + std::to_string(i) + "/{id}\":{\"get\":{" +
             "\"operationId\":\"getItem" + std::to_string(i) + "\",\"summary\":\"Get item\",\"tags\":[\"" + tag +
             "\"],\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}]," +
             "\"responses\":{\"200\":{\"description\":\"The item.\",\"content\":{\"application/json\":" +
             "{\"schema\":{\"$ref\":\"#/components/schemas/Item\"}}}}}}}";
  }
  std::string tags;
  for (int t = 0; t < 50; ++t) tags += std::string(t ? "," : "") + "{\"name\":\"tag" + std::to_string(t) + "\"}";
  return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Scale\",\"version\":\"1\"},\"tags\":[" + tags + "],\"paths\":{" +
         paths + "},\"components\":{\"schemas\":{\"Item\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}}}}";
}

// The least CPU time (all threads) of three checks of `n` operations, in seconds.
double check_seconds(size_t n) {
  TempDir dir;
  CheckOptions o;
  o.inputs.push_back(dir.write("api.json", synthetic_description(n)));
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    CheckResult result;
    std::string fatal;
    std::clock_t start = std::clock();
    REQUIRE(run_check(o, result, fatal));
    best = std::min(best, static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
    // Every operation is checked: each lacks a 4xx response.
    CHECK(std::count_if(result.findings.begin(), result.findings.end(),
                        [](const Finding& f) { return f.rule == "operation-4xx-response"; }) == static_cast<long>(n));
  }
  return best;
}

}  // namespace

TEST_CASE("check scale: eight times the operations cost less than 24 times the time") {
  double small = check_seconds(500), large = check_seconds(4000);
  CAPTURE(small);
  CAPTURE(large);
  CHECK(large < 24 * std::max(small, 0.005));
}
