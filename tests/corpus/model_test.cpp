// The model stage on GitHub's description and oas-examples' webhooks.
// Moved from generator/model/model_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "corpus_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "model/model.h"
#include "model/model_test_fixtures.h"
#include "text/case.h"

using namespace apiref;
using apiref_test::find_op;

namespace {


}  // namespace

TEST_CASE("model: GitHub's 1,223 operations and 969 schemas, unique slugs") {
  Diagnostics d;
  Document doc = load_document(kCorpus + "/github/api.github.com.json", d);
  REQUIRE(doc.ok);
  ApiModel m = build_model(doc.root, {});
  CHECK(m.operations.size() == 1223);
  CHECK(m.schemas.size() == 969);
  CHECK(m.title == "GitHub's official OpenAPI spec + Octokit extension");
  std::set<std::string> slugs;
  for (const Operation& o : m.operations) {
    INFO(o.id);
    CHECK(!o.id_generated);
    CHECK(slugs.insert(text::ascii_lower(o.slug)).second);
    CHECK(o.slug.find('/') == std::string::npos);
    CHECK(!o.servers.empty());
    CHECK(o.servers[0].resolved_url.find('{') == std::string::npos);
    for (const Parameter& p : o.parameters) {
      CHECK(!p.name.empty());
      if (p.in == "path") CHECK(p.required);
    }
  }
  const Operation* get_repo = find_op(m, "repos/get");
  REQUIRE(get_repo);
  CHECK(get_repo->slug == "repos-get");
  CHECK(get_repo->summary == "Get a repository");
  CHECK(get_repo->method == "get");
  CHECK(get_repo->path == "/repos/{owner}/{repo}");
  REQUIRE(get_repo->parameters.size() == 2);
  CHECK(get_repo->parameters[0].name == "owner");
  CHECK(get_repo->parameters[0].schema != nullptr);  // resolved through #/components/parameters
  CHECK(!get_repo->responses.empty());
  CHECK(get_repo->responses[0].status == "200");
  // Every operation lands under at least one tag, and tags know their operations.
  size_t tagged = 0;
  for (const Tag& t : m.tags) tagged += t.operations.size();
  CHECK(tagged >= m.operations.size());
}

TEST_CASE("model: webhooks (3.1), x-tagGroups and x-displayName") {
  Diagnostics d;
  Document hooks = load_document(kCorpus + "/oas-examples/3.1/json/webhooks.json", d);
  REQUIRE(hooks.ok);
  ApiModel m = build_model(hooks.root, {});
  CHECK(m.is_31);
  CHECK(std::any_of(m.operations.begin(), m.operations.end(), [](const Operation& o) { return o.is_webhook; }));

  Node doc;
  REQUIRE(parse_yaml(R"(openapi: 3.1.0
info: {title: t, version: "1"}
tags:
  - {name: pets, x-displayName: All the pets}
  - {name: stores}
x-tagGroups:
  - {name: Animals, tags: [pets]}
  - {name: Shops, tags: [stores, missing]}
paths:
  /pets: {get: {tags: [pets], operationId: listPets, responses: {"200": {description: ok}}}}
)", "t.yaml", doc, d));
  ApiModel g = build_model(doc, {});
  REQUIRE(g.tags.size() == 2);
  CHECK(g.tags[0].display_name == "All the pets");
  CHECK(g.tags[1].display_name == "stores");
  REQUIRE(g.tag_groups.size() == 2);
  CHECK(g.tag_groups[0].tags == std::vector<size_t>{0});
  CHECK(g.tag_groups[1].tags == std::vector<size_t>{1});
}
