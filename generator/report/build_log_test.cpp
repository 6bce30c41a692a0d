// What a build prints about its input: one list, each place and rule once, one format.
#include <doctest/doctest.h>

#include <sstream>

#include "report/build_log.h"

using namespace apiref;

namespace {

Finding gate_finding(const std::string& file, uint32_t line, uint32_t col, const std::string& rule, FindingSeverity s) {
  Finding f;
  f.file = file;
  f.start = {line, col};
  f.rule = rule;
  f.severity = s;
  f.message = rule + " message";
  return f;
}

Diagnostic diagnostic(const std::string& file, uint32_t line, uint32_t col, const std::string& code, Severity s) {
  return Diagnostic{s, code, code + " from the loader", {file, "/x", {line, col}}, {}};
}

size_t count_lines(const std::string& text, const std::string& needle) {
  size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("build log: a place the loader and the gate both report is listed once, at the gate's severity") {
  CheckResult gate;
  // The project turned yaml-non-string-key down to a warning; the loader calls it a warning too,
  // the spec gate would call it an error without the project's settings.
  gate.findings.push_back(gate_finding("api.yml", 146, 5, "yaml-non-string-key", FindingSeverity::Warning));
  gate.findings.push_back(gate_finding("api.yml", 10, 3, "spec-structure", FindingSeverity::Error));
  Diagnostics diags = {diagnostic("api.yml", 146, 5, "yaml-non-string-key", Severity::Error),
                       diagnostic("api.yml", 4, 1, "ref-file-not-found", Severity::Error)};
  std::vector<BuildFinding> merged = merge_build_findings(diags, gate);
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].rule == "ref-file-not-found");  // sorted by line
  CHECK(merged[1].rule == "spec-structure");
  CHECK(merged[2].rule == "yaml-non-string-key");
  CHECK(merged[2].severity == FindingSeverity::Warning);
  CHECK(count_build_errors(merged) == 2);
}

TEST_CASE("build log: file:line:col severity rule message, the first 20, a summary by rule") {
  std::vector<BuildFinding> findings;
  for (uint32_t i = 1; i <= 30; ++i)
    findings.push_back({"a.yaml", {i, 2}, FindingSeverity::Warning, "yaml-non-string-key", "quote it", "/p"});
  findings.push_back({"b.yaml", {1, 1}, FindingSeverity::Error, "spec-structure", "missing 'description'", "/q"});
  std::ostringstream out;
  write_build_log(out, findings, {});
  std::string text = out.str();
  CHECK(text.find("a.yaml:1:2 warning yaml-non-string-key quote it\n") != std::string::npos);
  CHECK(count_lines(text, "a.yaml:") + count_lines(text, "b.yaml:") == 20);
  CHECK(text.find("... and 11 more (--verbose") != std::string::npos);
  CHECK(text.find("by rule: yaml-non-string-key 30, spec-structure 1\n") != std::string::npos);
  CHECK(text.find("31 findings in the input (1 error, 30 warnings, 0 info); built anyway") != std::string::npos);

  SUBCASE("verbose lists all") {
    std::ostringstream v;
    BuildLogOptions o;
    o.verbose = true;
    write_build_log(v, findings, o);
    CHECK(count_lines(v.str(), "a.yaml:") == 30);
    CHECK(v.str().find("more (--verbose") == std::string::npos);
  }
  SUBCASE("quiet: the errors and the summary line only") {
    std::ostringstream q;
    BuildLogOptions o;
    o.quiet = true;
    write_build_log(q, findings, o);
    CHECK(q.str() ==
          "b.yaml:1:1 error spec-structure missing 'description'\n"
          "31 findings in the input (1 error, 30 warnings, 0 info); built anyway (--strict refuses input with errors)\n");
  }
  SUBCASE("strict: the summary does not say it built") {
    std::ostringstream s;
    BuildLogOptions o;
    o.strict = true;
    write_build_log(s, findings, o);
    CHECK(s.str().find("built anyway") == std::string::npos);
  }
}

TEST_CASE("build log: nothing to say for clean input, and hostile text cannot break a line") {
  std::ostringstream out;
  write_build_log(out, {}, {});
  CHECK(out.str().empty());
  write_build_log(out, {{"a.yaml", {1, 1}, FindingSeverity::Error, "r", "two\nlines\x1b[31m", ""}}, {});
  CHECK(out.str().find("two\\nlines\\x1b[31m") != std::string::npos);
}
