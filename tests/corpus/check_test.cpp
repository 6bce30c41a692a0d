// The check engine on the corpus (oas-examples, GitHub).
// Moved from generator/check/check_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/check.h"
#include "check/engine.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace apiref;

namespace {

const fs::path kCorpusPath = fs::path(APIREF_CORPUS_DIR);

}  // namespace

TEST_CASE("check: clean real documents produce no error findings") {
  std::vector<fs::path> docs;
  for (const char* v : {"3.0", "3.1"})
    for (const auto& e : fs::directory_iterator(kCorpusPath / "oas-examples" / v / "yaml")) docs.push_back(e.path());
  std::sort(docs.begin(), docs.end());
  // These examples are deliberately odd, and the errors are real: a fragment in a path key
  // (parameters-style), a security requirement naming an undefined scheme
  // (response-http-behavior), an array without items (schema-types), a boolean
  // exclusiveMinimum in 3.1 (schema-validation-*).
  std::set<std::string> known_bad = {"3.0/parameters-style.yaml", "3.1/parameters-style.yaml",
                                     "3.0/response-http-behavior.yaml", "3.0/schema-types.yaml",
                                     "3.1/schema-validation-local.yaml",
                                     "3.1/schema-validation-top-level.yaml"};
  size_t clean = 0;
  for (const fs::path& d : docs) {
    CAPTURE(d.string());
    CheckOptions o;
    o.inputs = {d.string()};
    CheckResult r;
    std::string fatal;
    REQUIRE(run_check(o, r, fatal));
    size_t errors = 0;
    std::string first;
    for (const Finding& f : r.findings)
      if (f.severity == FindingSeverity::Error) {
        if (first.empty()) first = f.rule + " " + f.pointer + " " + f.message;
        ++errors;
      }
    if (known_bad.count(d.parent_path().parent_path().filename().string() + "/" + d.filename().string())) {
      CHECK(errors > 0);
    } else {
      CHECK_MESSAGE(errors == 0, first);
      ++clean;
    }
  }
  CHECK(clean >= 40);
}

TEST_CASE("check: GitHub's description, counts per rule are stable") {
  fs::path gh = kCorpusPath / "github/api.github.com.json";
  if (!fs::exists(gh)) return;
  CheckOptions o;
  o.inputs = {gh.string()};
  CheckResult r;
  std::string fatal;
  REQUIRE(run_check(o, r, fatal));
  std::map<std::string, int> n;
  for (const Finding& f : r.findings) n[f.rule]++;
  // Reviewed: two pairs of identical attestation paths, examples that contradict their
  // schemas (e.g. /markdown/raw's text/plain example is an object).
  CHECK(n["paths-identical"] == 2);
  // The same counts as `redocly lint` (2.77.0) on this file: no-identical-paths 2,
  // no-unused-components 9, operation-4xx-response 382, no-invalid-parameter-examples 540
  // (the x-webhooks header examples that are numbers for string schemas).
  CHECK(n["component-unused"] == 9);
  CHECK(n["operation-4xx-response"] == 382);
  int webhook_examples = 0;
  for (const Finding& f : r.findings)
    if (f.rule == "example-valid" && f.pointer.rfind("/x-webhooks/", 0) == 0) ++webhook_examples;
  CHECK(webhook_examples == 540);
  CHECK(n["example-valid"] > 600);
  CHECK(n.count("spec-structure") == 0);
  CHECK(n.count("spec-unknown-field") == 0);
  CHECK(n.count("ref-not-found") == 0);
}
