// The Swagger 2.0 conversion on Kubernetes' description: everything converts, nothing is lost,
// and what it costs (printed, not asserted: the machine is shared).
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>

#include "oas/oas.h"
#include "swagger2/swagger2.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("swagger2 corpus: Kubernetes converts whole, every definition a schema") {
  Diagnostics parse;
  Document doc = load_document(corpus("swagger2/canary/kubernetes/swagger.json"), parse);
  REQUIRE(doc.ok);
  size_t definitions = doc.root.find("definitions")->members.size();
  size_t operations = 0;
  for (const Member& p : doc.root.find("paths")->members)
    for (const Member& m : p.value.members) operations += oas::is_http_method(m.key);
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  Diagnostics out;
  auto others = convert_swagger2(doc, nullptr, out);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  MESSAGE("Kubernetes (" << operations << " operations, " << definitions << " definitions): converted in "
                         << ms << " ms (" << cpu_ms << " ms of CPU)");
  CHECK_MESSAGE(out.empty(), dump(out));
  CHECK(others.empty());
  CHECK(operations == 531);
  CHECK(doc.root.string_at("openapi") == "3.0.3");
  CHECK(at(doc.root, "/components/schemas")->members.size() == definitions);
  size_t converted_operations = 0, bodies = 0;
  for (const Member& p : doc.root.find("paths")->members) {
    for (const Member& m : p.value.members) {
      if (!oas::is_http_method(m.key)) continue;
      ++converted_operations;
      bodies += m.value.find("requestBody") != nullptr;
      for (const Node& param : m.value.find("parameters") ? m.value.find("parameters")->items : std::vector<Node>{})
        CHECK_MESSAGE(param.find("schema"), p.key << " " << m.key);
    }
  }
  CHECK(converted_operations == operations);
  CHECK(bodies > 100);
}
