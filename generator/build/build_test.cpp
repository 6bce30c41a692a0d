// The build stage as a value: what build_site makes of an input, without printing or exiting.
#include <doctest/doctest.h>

#include <algorithm>

#include "build/build.h"
#include "test_util.h"
#include "write/output.h"

using namespace apiref;
using apiref_test::TempDir;

namespace {

const char* kApi = R"(openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200": {description: ok}
)";

BuildRequest request_for(const std::string& input) {
  BuildRequest r;
  r.input = input;
  r.data_dir = APIREF_SOURCE_DIR;
  r.output = "_site";
  return r;
}

const SiteFile* find_file(const BuildOutcome& o, const std::string& path) {
  auto it = std::find_if(o.files.begin(), o.files.end(), [&](const SiteFile& f) { return f.path == path; });
  return it == o.files.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("build stage: a description becomes the site's files, in memory, with the gate's findings") {
  TempDir tmp;
  std::string api = tmp.write("things.yaml", kApi);
  DocumentCache documents;
  BuildOutcome o = build_site(request_for(api), {&documents, nullptr});
  REQUIRE(o.status == BuildStatus::Built);
  CHECK(o.failure.empty());
  CHECK(o.operations == 1);
  CHECK(std::any_of(o.files.begin(), o.files.end(),
                    [](const SiteFile& f) { return f.path.rfind("things/operations/", 0) == 0; }));
  // openapi.yaml is a producer, realised in memory while o.sources holds the document.
  SiteFile yaml = *find_file(o, "things/openapi.yaml");
  CHECK(yaml.content.empty());
  REQUIRE(realise_in_memory(yaml));
  CHECK(yaml.content.find("listThings") != std::string::npos);
  CHECK(o.inputs.size() == 1);
  // The file was parsed once, for the bundler and the gate both.
  CHECK(documents.size() == 1);
}

TEST_CASE("build stage: what stops a build is an outcome, not an exit") {
  TempDir tmp;
  SUBCASE("no such input: unusable, one line says why") {
    BuildOutcome o = build_site(request_for(tmp.str() + "/missing.yaml"), {});
    CHECK(o.status == BuildStatus::Unusable);
    CHECK(o.failure.find("no such file") != std::string::npos);
    CHECK(o.files.empty());
  }
  SUBCASE("input that does not parse: unreadable, with the findings that say why") {
    std::string api = tmp.write("broken.yaml", "openapi: 3.0.3\ninfo: {title: x\n");
    BuildOutcome o = build_site(request_for(api), {});
    CHECK(o.status == BuildStatus::Unreadable);
    CHECK(o.failure.find("nothing to build") != std::string::npos);
    REQUIRE_FALSE(o.findings.empty());
    CHECK(o.findings[0].rule == "yaml-syntax");
  }
  SUBCASE("strict, and the input has errors: refused, the findings kept") {
    std::string api = tmp.write("dup.yaml", std::string(kApi) + "  /things/:\n    get:\n      operationId: listThings\n"
                                                                 "      responses:\n        \"200\": {description: ok}\n");
    BuildRequest r = request_for(api);
    r.strict = true;
    BuildOutcome o = build_site(r, {});
    CHECK(o.status == BuildStatus::Refused);
    CHECK(count_build_errors(o.findings) > 0);
  }
  SUBCASE("an unknown snippet language: unusable") {
    BuildRequest r = request_for(tmp.write("things.yaml", kApi));
    r.snippet_languages = "curl,cobol";
    BuildOutcome o = build_site(r, {});
    CHECK(o.status == BuildStatus::Unusable);
    CHECK(o.failure.find("cobol") != std::string::npos);
  }
}

TEST_CASE("build stage: a project's files are parsed once, for the bundler and the gate") {
  DocumentCache documents;
  BuildOutcome o = build_site(request_for(std::string(APIREF_SOURCE_DIR) + "/schemas"), {&documents, nullptr});
  REQUIRE(o.status == BuildStatus::Built);
  // The gate read every file from the cache the bundler filled, and found none other to read.
  CHECK(o.inputs.size() > 10);
  CHECK(documents.size() == o.inputs.size());
}
