// The check engine: every case under tests/check/cases must produce exactly the findings its
// expect.txt lists (file:line:col severity rule, in the engine's order); clean real documents
// must produce no error; plus fingerprints, globs, profiles and fatal errors.
//
// expect.txt directives: "# family: paths" (the rule family, generator/check/rules/paths.cpp,
// whose golden case it is; "engine" for the walk, profiles, suppressions and hostile input),
// "# profile: strict", "# inputs: a.yaml b.yaml" (default api.yaml or api.json); an
// apiref.yaml beside the inputs is used as the project config.
// APIREF_UPDATE_CHECK_CASES=1 rewrites the expectations from the current output (review the
// diff before committing).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "bundle/bundle.h"
#include "bundle/project_plan.h"
#include "check/check.h"
#include "check/engine.h"
#include "check/rule.h"
#include "resolve/oas_context.h"
#include "text/regex.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace apiref;

namespace {

const fs::path kCases = fs::path(APIREF_SOURCE_DIR) / "tests/check/cases";

struct Case {
  std::vector<std::string> header;  // directive lines, kept on rewrite
  std::string family;
  std::string profile;
  bool project = false;  // "# project": no inputs, the apiref.yaml's bundles and constructs
  std::vector<std::string> inputs;
  std::vector<std::string> expected;
};

Case read_case(const fs::path& dir) {
  Case c;
  std::ifstream in(dir / "expect.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      c.header.push_back(line);
      if (line.rfind("# family:", 0) == 0) c.family = line.substr(10);
      if (line.rfind("# profile:", 0) == 0) c.profile = line.substr(11);
      if (line == "# project") c.project = true;
      if (line.rfind("# inputs:", 0) == 0) {
        std::istringstream s(line.substr(9));
        std::string f;
        while (s >> f) c.inputs.push_back(f);
      }
      continue;
    }
    c.expected.push_back(line);
  }
  if (c.inputs.empty() && !c.project) c.inputs.push_back(fs::exists(dir / "api.json") ? "api.json" : "api.yaml");
  return c;
}

std::string rel_to(const std::string& file, const fs::path& dir) {
  fs::path p = fs::absolute(fs::path(file)).lexically_normal();
  return p.lexically_relative(fs::absolute(dir).lexically_normal()).generic_string();
}

std::vector<std::string> run_case(const fs::path& dir, const Case& c, CheckResult& r) {
  CheckOptions o;
  for (const std::string& i : c.inputs) o.inputs.push_back((dir / i).string());
  if (fs::exists(dir / "apiref.yaml")) o.config_path = (dir / "apiref.yaml").string();
  o.profile = c.profile;
  std::string fatal;
  REQUIRE_MESSAGE(run_check(o, r, fatal), fatal);
  std::vector<std::string> got;
  for (const Finding& f : r.findings) {
    std::string file = o.config_path.empty() ? rel_to(f.file, dir) : f.file;
    got.push_back(file + ":" + std::to_string(f.start.line) + ":" + std::to_string(f.start.col) + " " +
                  finding_severity_name(f.severity) + " " + f.rule);
  }
  return got;
}

bool is_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += x + "\n";
  return s;
}

}  // namespace

TEST_CASE("check: every case produces exactly its expected findings") {
  REQUIRE(fs::is_directory(kCases));
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(kCases))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 40);
  bool update = std::getenv("APIREF_UPDATE_CHECK_CASES") != nullptr;
  // Each case belongs to a family, and finds at least one of that family's rules.
  std::map<std::string, std::set<std::string>> family_rules;
  for (const check_internal::RuleFamily* f : check_internal::rule_families())
    for (const RuleInfo& r : f->rules) family_rules[f->name].insert(r.id);
  std::map<std::string, int> cases_of;
  for (const fs::path& dir : dirs) {
    CAPTURE(dir.filename().string());
    Case c = read_case(dir);
    CHECK_MESSAGE((c.family == "engine" || family_rules.count(c.family)), "expect.txt needs '# family: <name>'");
    cases_of[c.family]++;
    CheckResult r;
    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> got = run_case(dir, c, r);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK_MESSAGE(secs < 20.0, "hang guard");  // hostile inputs must not hang
    if (update) {
      std::ofstream out(dir / "expect.txt");
      for (const std::string& h : c.header) out << h << "\n";
      out << join(got);
      continue;
    }
    CHECK_MESSAGE(join(got) == join(c.expected), "got:\n" << join(got));
    // Every finding is complete: a position, a fingerprint, a message.
    for (const Finding& f : r.findings) {
      CHECK(f.fingerprint.size() == 16);
      CHECK(!f.message.empty());
      CHECK(is_utf8(f.message));  // reports are JSON / SARIF / XML
      CHECK(f.start.line > 0);
      CHECK(!f.file.empty());
    }
    // A case named after a rule must find that rule.
    std::string name = dir.filename().string();
    if (name.rfind("clean", 0) != 0 && name.rfind("hostile", 0) != 0) CHECK_MESSAGE(!got.empty(), "case finds nothing");
    if (c.family != "engine") {
      bool own = false;
      for (const Finding& f : r.findings) own = own || family_rules[c.family].count(f.rule) > 0;
      CHECK_MESSAGE(own, "case finds none of its family's rules");
    }
  }
  for (const auto& entry : family_rules) {
    const std::string& family = entry.first;  // not a structured binding: CAPTURE captures it
    CAPTURE(family);
    CHECK(cases_of[family] > 0);
  }
}

TEST_CASE("check: ref chains lead from the root to the shared file, reported once") {
  CheckOptions o;
  o.inputs = {(kCases / "multi-root-shared/a.yaml").string(), (kCases / "multi-root-shared/b.yaml").string()};
  CheckResult r;
  std::string fatal;
  REQUIRE(run_check(o, r, fatal));
  int inverted = 0;
  for (const Finding& f : r.findings) {
    if (f.rule != "type-consistent") continue;
    ++inverted;
    REQUIRE(f.ref_chain.size() == 1);
    CHECK(rel_to(f.ref_chain[0].file, kCases / "multi-root-shared") == "a.yaml");
    CHECK(f.ref_chain[0].pointer == "/paths/~1items~1{id}/get/parameters/0/schema/$ref");
    CHECK(f.ref_chain[0].pos.line == 18);  // the $ref value
    CHECK(f.ref_chain[0].pos.col == 19);
    CHECK(f.pointer == "/Id/minLength");
  }
  CHECK(inverted == 1);
  CHECK(r.roots.size() == 2);
  CHECK(r.files.size() == 3);
}

TEST_CASE("check: the repository's own example project passes the spec profile") {
  CheckOptions o;
  o.config_path = (fs::path(APIREF_SOURCE_DIR) / "schemas/apiref.yaml").string();
  o.profile = "spec";
  CheckResult r;
  std::string fatal;
  REQUIRE_MESSAGE(run_check(o, r, fatal), fatal);
  CHECK(r.roots.size() >= 2);
  std::string errors;
  for (const Finding& f : r.findings)
    if (f.severity == FindingSeverity::Error) errors += f.file + ":" + std::to_string(f.start.line) + " " + f.rule + " " + f.message + "\n";
  CHECK_MESSAGE(errors.empty(), errors);
}

TEST_CASE("check: fingerprints depend on rule, file, pointer and discriminator only") {
  std::string a = finding_fingerprint("r", "f.yaml", "/a", "");
  CHECK(a.size() == 16);
  CHECK(a == finding_fingerprint("r", "f.yaml", "/a", ""));
  CHECK(a != finding_fingerprint("r", "f.yaml", "/a", "x"));
  CHECK(a != finding_fingerprint("r2", "f.yaml", "/a", ""));
  CHECK(finding_fingerprint("ab", "c", "", "") != finding_fingerprint("a", "bc", "", ""));
  // FNV-1a 64 of the fields, pinned so that baselines survive refactoring.
  CHECK(finding_fingerprint("", "", "", "") == finding_fingerprint("", "", "", ""));
  CHECK(std::string(finding_severity_name(FindingSeverity::Warning)) == "warning");
  CHECK(std::string(finding_severity_name(FindingSeverity::Hint)) == "hint");
}

TEST_CASE("check: globs") {
  using check_internal::glob_match;
  CHECK(glob_match("**/api.yml", "constructs/v1/x/api.yml"));
  CHECK(glob_match("**/api.yml", "api.yml"));
  CHECK(glob_match("constructs/*/api.yml", "constructs/v1/api.yml"));
  CHECK_FALSE(glob_match("constructs/*/api.yml", "constructs/v1/x/api.yml"));
  CHECK(glob_match("constructs/**", "constructs/v1/x/api.yml"));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
  CHECK_FALSE(glob_match("*.yaml", "dir/x.yaml"));
}

TEST_CASE("check: the validator's regex guard and formats") {
  text::PatternCache patterns;  // what a check run owns
  CHECK(patterns.compiles("^[a-z]+$"));
  CHECK_FALSE(patterns.compiles("([a-z"));
  CHECK(patterns.compiles("^{x}[0-9]{2}$"));  // Annex B literal braces
  CHECK(patterns.matches("^{x}[0-9]{2}$", "{x}12"));
  CHECK(patterns.matches("^(a+)+$", std::string(5000, 'a') + "!"));  // too long: not judged
}

TEST_CASE("check: fatal errors only when the tool cannot run") {
  CheckResult r;
  std::string fatal;
  CheckOptions none;
  none.config_path = "/nonexistent/apiref.yaml";
  CHECK_FALSE(run_check(none, r, fatal));
  CHECK(fatal.find("apiref.yaml") != std::string::npos);
  CheckOptions missing;
  missing.inputs = {"/nonexistent/api.yaml"};
  CHECK_FALSE(run_check(missing, r, fatal));
  CheckOptions bad_profile;
  bad_profile.inputs = {(kCases / "clean-minimal/api.yaml").string()};
  bad_profile.profile = "nope";
  CHECK_FALSE(run_check(bad_profile, r, fatal));
  CHECK(fatal.find("nope") != std::string::npos);
  // A broken document is findings, not a fatal error.
  CheckOptions broken;
  broken.inputs = {(kCases / "yaml-syntax/api.yaml").string()};
  CHECK(run_check(broken, r, fatal));
  CHECK(!r.findings.empty());
}

TEST_CASE("check: every rule has a severity in each profile, spec is a subset of recommended") {
  std::set<std::string> ids;
  for (const RuleInfo& r : check_rules()) {
    CAPTURE(r.id);
    CHECK(ids.insert(r.id).second);
    CHECK(r.spec <= 3);
    if (r.spec >= 0) CHECK(r.recommended >= 0);
  }
  CHECK(ids.size() >= 60);
}

TEST_CASE("project plan: exclude drops the folders below a listed one, for bundle and check alike") {
  apiref_test::TempDir t;
  t.write("apiref.yaml", "bundles:\n  - {name: pub, base: base.yml, audience: public}\nexclude: [constructs/v1, constructs/v2/b/]\n");
  t.write("base.yml", "openapi: 3.0.3\ninfo: {title: Base, version: '1'}\npaths: {}\n");
  auto construct = [&](const std::string& dir, const std::string& path) {
    t.write(dir + "/api.yml", "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  " + path +
                                  ": {get: {x-internal: [public], operationId: get, responses: {'200': {description: ok}}}}\n");
  };
  construct("constructs/v1/a", "/a");  // below the excluded constructs/v1
  construct("constructs/v2/b", "/b");  // listed with a trailing slash
  construct("constructs/v2/c", "/c");
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(t.str() + "/apiref.yaml", config, d));
  ProjectPlan plan = plan_project(config);
  REQUIRE(plan.constructs.size() == 1);
  CHECK(plan.constructs[0].version == "v2");
  CHECK(fs::path(plan.constructs[0].dir).filename() == "c");
  // One plan, made once, read by both.
  BundleOptions bo;
  bo.plan = &plan;
  BundleResult b = bundle_project(config, bo);
  REQUIRE(b.bundles.size() == 1);
  const Node* paths = b.bundles[0].document.find("paths");
  REQUIRE(paths);
  CHECK(paths->members.size() == 1);
  CHECK(paths->find("/c"));
  CheckOptions o;
  o.config_path = t.str() + "/apiref.yaml";
  o.plan = &plan;
  CheckResult r;
  std::string fatal;
  REQUIRE(run_check(o, r, fatal));
  CHECK(r.roots == std::vector<std::string>{"base.yml", "constructs/v2/c/api.yml"});
  // Without a plan given, each makes the same one.
  o.plan = nullptr;
  CheckResult r2;
  REQUIRE(run_check(o, r2, fatal));
  CHECK(r2.roots == r.roots);
  CHECK(bundle_project(config, BundleOptions{}).bundles[0].document.find("paths")->members.size() == 1);
}

TEST_CASE("project plan: x-deprecated and audiences") {
  Node op = Node::object();
  op.set("x-internal", Node::string("cloud"));
  CHECK(in_audience(op, "cloud"));
  CHECK(in_audience(op, ""));
  CHECK_FALSE(in_audience(op, "meshery"));
  CHECK(operation_audiences(op) == std::vector<std::string>{"cloud"});
  CHECK(operation_audiences(Node::object()).empty());
  Node doc = Node::object();
  CHECK_FALSE(construct_deprecated(doc));
  Node info = Node::object();
  info.set("x-deprecated", Node::boolean_value(true));
  doc.set("info", std::move(info));
  CHECK(construct_deprecated(doc));
}

TEST_CASE("oas vocabulary: one table for the checker's fields and the resolver's contexts") {
  using oas::Kind;
  // The checker: versions, and draft keywords that only the resolver reads.
  const oas::Field* webhooks = check_internal::field_of(Kind::Root, "webhooks");
  REQUIRE(webhooks);
  CHECK(webhooks->versions == oas::V31U);
  CHECK(check_internal::field_of(Kind::Schema, "definitions") == nullptr);
  CHECK(oas::find_field(Kind::Schema, "definitions") != nullptr);
  // The resolver: contexts derived from the same fields.
  CHECK(child_context(OasContext::Root, "webhooks") == OasContext::PathItemMap);
  CHECK(child_context(OasContext::PathItemMap, "x-a") == OasContext::Any);
  CHECK(child_context(OasContext::HeaderMap, "x-a") == OasContext::Header);
  CHECK(child_context(OasContext::Schema, "definitions") == OasContext::SchemaMap);
  CHECK(child_context(OasContext::Schema, "discriminator") == OasContext::Opaque);
  CHECK(child_context(OasContext::Schema, "allOf") == OasContext::SchemaList);
  CHECK(item_context(OasContext::SchemaList) == OasContext::Schema);
  CHECK(child_context(OasContext::MediaType, "example") == OasContext::Opaque);
  CHECK(child_context(OasContext::SecurityScheme, "flows") == OasContext::Opaque);
  CHECK(child_context(OasContext::Root, "info") == OasContext::Any);
  CHECK(child_context(OasContext::Responses, "200") == OasContext::Response);
  CHECK(std::string(component_kind(OasContext::Parameter)) == "parameters");
  CHECK(component_kind(OasContext::PathItem) == nullptr);
  CHECK(context_of_component_kind("requestBodies") == OasContext::RequestBody);
}
