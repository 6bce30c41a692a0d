// The report stage: every output format of `apiref check` on a hand-built result full of hostile
// text (%, \r, \n, :, ',', <, &, quotes, unicode, control characters, invalid UTF-8). GitHub
// escaping is compared byte for byte; JSON, SARIF and GitLab are parsed back as JSON (JUnit, by
// python3's xml.etree, in tests/corpus/report_test.cpp). The SARIF written here is also
// validated against the official SARIF 2.1.0 schema by the ctest entry `report-sarif-schema`
// (tests/report/sarif-schema.sh), which sets APIREF_REPORT_OUT.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/report_test_fixtures.h"
#include "report/text.h"

using namespace apiref;
using namespace apiref_test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("report: github annotations escape data and properties exactly") {
  CHECK(github_escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f");
  CHECK(github_escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf");
  CHECK(github_escape_data("%0A") == "%250A");  // an escape in the input is not taken as one

  std::string out = render(write_github, hostile_result());
  std::string expected =
      "::error file=specs/a b%2Cc%3Ad%25.yaml,line=3,col=5,endLine=3,endColumn=12,title=oas-structure::"
      "bad 100%25 value%0D%0Aline2: a,b <tag> & \"q\" 'a' caf\xC3\xA9 \xE2\x98\x83 \x01\x1b[31m \xEF\xBF\xBD|x"
      "%0Aat #/paths/~1pets/get%0Avia $ref at root.yaml:10:7 #/paths/~1pets/$ref\n"
      "::warning file=specs/a b%2Cc%3Ad%25.yaml,line=7,col=9,endLine=7,endColumn=18,title=tag-defined::"
      "tag \"<script>\" is not declared%0Aat #/paths/~1pets/get/tags/0\n"
      "::notice file=z.yaml,line=2,col=1,endLine=2,endColumn=1,title=info-contact::info has no contact%0Aat #/info\n"
      "::notice file=z.yaml,line=2,col=1,endLine=2,endColumn=1,title=info-contact::consider a contact url%0Aat "
      "#/info\n";
  CHECK(out == expected);
  // Every annotation is exactly one line: no \r or \n survives unescaped.
  size_t lines = 0;
  for (char ch : out) lines += ch == '\n';
  CHECK(lines == 4);
  CHECK(out.find('\r') == std::string::npos);

  // A finding without a position: no line/col properties, and a title with ':' and ','.
  CheckResult r;
  Finding f;
  f.rule = "x:y,z";
  f.message = "whole file";
  f.file = "a.yaml";
  r.findings = {f};
  CHECK(render(write_github, r) == "::error file=a.yaml,title=x%3Ay%2Cz::whole file%0Aat #\n");
}

TEST_CASE("report: stylish lines, grouping, ref chain, summary, no raw control characters") {
  ReportContext ctx;
  ctx.suppressed = 3;
  std::string out = render(write_stylish, hostile_result(), ctx);
  std::string expected =
      "specs/a b,c:d%.yaml:3:5 error oas-structure bad 100% value\\r\\nline2: a,b <tag> & \"q\" 'a' caf\xC3\xA9 "
      "\xE2\x98\x83 \\x01\\x1b[31m \xEF\xBF\xBD|x\n"
      "    via $ref at root.yaml:10:7 #/paths/~1pets/$ref\n"
      "specs/a b,c:d%.yaml:7:9 warning tag-defined tag \"<script>\" is not declared\n"
      "\n"
      "z.yaml:2:1 info info-contact info has no contact\n"
      "z.yaml:2:1 hint info-contact consider a contact url\n"
      "\n"
      "4 findings (1 error, 1 warning, 1 info, 1 hint); 1 at or above --fail-on error\n"
      "3 findings suppressed by baseline\n";
  CHECK(out == expected);
  CHECK_FALSE(has_raw_control(out, true));

  SUBCASE("colours only when asked") {
    ctx.color = true;
    std::string coloured = render(write_stylish, hostile_result(), ctx);
    CHECK(coloured.find("\x1b[31merror\x1b[0m") != std::string::npos);
    CHECK(out.find("\x1b[") == std::string::npos);
  }
  SUBCASE("quiet shows only failing findings") {
    ctx.quiet = true;
    ctx.fail_on = FindingSeverity::Warning;
    std::string quiet = render(write_stylish, hostile_result(), ctx);
    CHECK(quiet.find("tag-defined") != std::string::npos);
    CHECK(quiet.find("info-contact") == std::string::npos);
    CHECK(quiet.find("2 at or above --fail-on warning") != std::string::npos);
  }
  SUBCASE("clean run and stale entries") {
    CheckResult clean;
    clean.files = {"a.yaml", "b.yaml"};
    CHECK(render(write_stylish, clean) == "no findings (2 files checked)\n");
    ReportContext stale;
    stale.stale = {{"r", "a.yaml", "/x", "ffff"}};
    stale.baseline_file = "base.json";
    std::string s = render(write_stylish, clean, stale);
    CHECK(s.find("1 stale baseline entry in base.json") != std::string::npos);
    CHECK(s.find("    a.yaml #/x r ffff\n") != std::string::npos);
    stale.quiet = true;  // quiet still tells of stale entries, but says nothing of a clean run
    CHECK(render(write_stylish, clean, stale).find("1 stale baseline entry") != std::string::npos);
    ReportContext quiet;
    quiet.quiet = true;
    CHECK(render(write_stylish, clean, quiet).empty());
  }
}

TEST_CASE("report: json is one parseable document with everything CI needs") {
  ReportContext ctx;
  ctx.suppressed = 2;
  ctx.stale = {{"r", "z.yaml", "/a", "abcd"}};
  ctx.baseline_file = "b.json";
  std::string out = render(write_json, hostile_result(), ctx);
  json doc = json::parse(out);  // throws (and fails the case) if not JSON
  REQUIRE(doc["findings"].size() == 4);
  const json& a = doc["findings"][0];
  CHECK(a["rule"] == "oas-structure");
  CHECK(a["severity"] == "error");
  CHECK(a["file"] == "specs/a b,c:d%.yaml");
  CHECK(a["pointer"] == "/paths/~1pets/get");
  CHECK(a["start"] == json{{"line", 3}, {"col", 5}});
  CHECK(a["end"] == json{{"line", 3}, {"col", 12}});
  CHECK(a["fingerprint"] == "0123456789abcdef");
  REQUIRE(a["refChain"].size() == 1);
  CHECK(a["refChain"][0] == json{{"file", "root.yaml"}, {"pointer", "/paths/~1pets/$ref"}, {"line", 10}, {"col", 7}});
  // The message survives, except the invalid byte, which becomes U+FFFD.
  std::string expected_message = kHostile;
  expected_message.replace(expected_message.find('\xFF'), 1, "\xEF\xBF\xBD");
  CHECK(a["message"] == expected_message);
  CHECK(doc["counts"] == json{{"error", 1}, {"warning", 1}, {"info", 1}, {"hint", 1}, {"total", 4},
                              {"failing", 1}, {"suppressed", 2}, {"stale", 1}});
  CHECK(doc["baseline"]["stale"][0]["fingerprint"] == "abcd");
  CHECK(doc["roots"] == json::array({"root.yaml"}));
  CHECK(doc["files"].size() == 4);
}

TEST_CASE("report: SARIF 2.1.0 structure (schema validation: ctest report-sarif-schema)") {
  ReportContext ctx;
  ctx.rule_summaries = {{"oas-structure", "The document follows the OpenAPI object model"},
                        {"unused-rule", "A rule that did not fire"}};
  ctx.source_root_uri = "file:///work/project/";
  ctx.stale = {{"r", "z.yaml", "/a", "abcd"}};
  std::string out = render(write_sarif, hostile_result(), ctx);
  json log = json::parse(out);
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 4);  // info-contact, oas-structure, tag-defined, unused-rule (sorted)
  CHECK(rules[1]["id"] == "oas-structure");
  CHECK(rules[1]["shortDescription"]["text"] == "The document follows the OpenAPI object model");
  CHECK(rules[0]["shortDescription"]["text"] == "info-contact");  // no summary given: the id
  for (const json& r : rules) CHECK_FALSE(r.contains("helpUri"));
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file:///work/project/");
  REQUIRE(run["results"].size() == 4);
  const json& a = run["results"][0];
  CHECK(a["ruleId"] == "oas-structure");
  CHECK(a["ruleIndex"] == 1);
  CHECK(a["level"] == "error");
  const json& phys = a["locations"][0]["physicalLocation"];
  CHECK(phys["artifactLocation"]["uri"] == "specs/a%20b%2Cc%3Ad%25.yaml");
  CHECK(phys["artifactLocation"]["uriBaseId"] == "SRCROOT");
  CHECK(phys["region"] == json{{"startLine", 3}, {"startColumn", 5}, {"endLine", 3}, {"endColumn", 13}});
  CHECK(a["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "#/paths/~1pets/get");
  CHECK(a["properties"]["jsonPointer"] == "/paths/~1pets/get");
  CHECK(a["partialFingerprints"]["apirefFingerprint/v1"] == "0123456789abcdef");
  REQUIRE(a["relatedLocations"].size() == 1);
  CHECK(a["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "root.yaml");
  CHECK(a["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 10);
  CHECK(run["results"][1]["level"] == "warning");
  CHECK(run["results"][2]["level"] == "note");
  CHECK(run["results"][3]["level"] == "note");
  CHECK(run["properties"]["staleBaselineEntries"].size() == 1);

  // For the schema check: the hostile SARIF, a clean run's, and one without a source root.
  if (const char* dir = std::getenv("APIREF_REPORT_OUT")) {
    write_file(std::string(dir) + "/hostile.sarif", out);
    write_file(std::string(dir) + "/clean.sarif", render(write_sarif, CheckResult{}, ReportContext{}));
    CheckResult nopos;
    Finding f;
    f.rule = "load-yaml";
    f.message = "";
    f.file = "broken.yaml";
    nopos.findings = {f};
    write_file(std::string(dir) + "/no-position.sarif", render(write_sarif, nopos, ReportContext{}));
  }
}

TEST_CASE("report: GitLab code quality is a JSON array with unique fingerprints") {
  json issues = json::parse(render(write_gitlab, hostile_result()));
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 4);
  CHECK(issues[0]["check_name"] == "oas-structure");
  CHECK(issues[0]["severity"] == "critical");
  CHECK(issues[1]["severity"] == "major");
  CHECK(issues[2]["severity"] == "minor");
  CHECK(issues[3]["severity"] == "info");
  CHECK(issues[0]["location"]["path"] == "specs/a b,c:d%.yaml");
  CHECK(issues[0]["location"]["lines"]["begin"] == 3);
  CHECK(issues[0]["fingerprint"] == "0123456789abcdef");
  CHECK(issues[2]["fingerprint"] == "2222222222222222");
  CHECK(issues[3]["fingerprint"] == "2222222222222222-2");  // the collision made unique
  CHECK(issues[1]["description"] == "tag \"<script>\" is not declared");
}

TEST_CASE("report: markdown table per file, step summary, text cannot break the table") {
  std::string md = render(write_markdown, hostile_result());
  CHECK(md.find("## specs/a b,c:d%.yaml") == std::string::npos);  // escaped, so not literally
  CHECK(md.find("## specs/a b\\,c\\:d\\%\\.yaml") != std::string::npos);
  CHECK(md.find("## z\\.yaml") != std::string::npos);
  // Every table row has exactly 6 unescaped pipes (5 columns), however hostile the message.
  std::istringstream lines(md);
  size_t rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| ", 0) != 0 || line.rfind("| ---", 0) == 0 || line.rfind("| line:col", 0) == 0) continue;
    size_t pipes = 0;
    for (size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    CHECK(pipes == 6);
    ++rows;
  }
  CHECK(rows == 4);
  CHECK_FALSE(has_raw_control(md, true));
  CHECK(md.find("\\<script\\>") != std::string::npos);

  ReportContext ctx;
  ctx.suppressed = 1;
  std::string summary = render(write_github_summary, hostile_result(), ctx);
  CHECK(summary.rfind("## apiref check\n", 0) == 0);
  CHECK(summary.find("| oas\\-structure | error | 1 |") != std::string::npos);
  CHECK(summary.find("| info\\-contact | info | 2 |") != std::string::npos);
  CHECK(summary.find("1 finding suppressed by baseline.") != std::string::npos);
  CHECK_FALSE(has_raw_control(summary, true));
}

TEST_CASE("report: text helpers") {
  using namespace report_text;
  CHECK(valid_utf8("a\xFF" "b\xC3") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate is invalid
  CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(visible("a\tb\x7f\xC2\x85") == "a\\tb\\x7f\\u0085");
  CHECK(xml("<&>\"'\x02\xEF\xBF\xBE") == "&lt;&amp;&gt;&quot;&apos;[U+0002][U+FFFE]");
  CHECK(uri_path("a b/c%d,é") == "a%20b/c%25d%2C%C3%A9");
  CHECK(markdown("a|b\n*c*") == "a\\|b \\*c\\*");
}

TEST_CASE("report: baseline round trip, suppression, stale entries, update") {
  CheckResult r = hostile_result();
  std::string text = baseline_to_json(baseline_entries(r));
  // Sorted by file, pointer, rule, fingerprint; one entry a line.
  CHECK(text.find("\"file\":\"specs/a b,c:d%.yaml\",\"pointer\":\"/paths/~1pets/get\"") <
        text.find("\"pointer\":\"/paths/~1pets/get/tags/0\""));
  CHECK(text.find("/paths/~1pets/get/tags/0") < text.find("z.yaml"));
  CHECK(baseline_to_json(baseline_entries(r)) == text);  // stable
  std::vector<BaselineEntry> reversed = baseline_entries(r);
  std::reverse(reversed.begin(), reversed.end());
  CHECK(baseline_to_json(reversed) == text);  // independent of input order
  std::vector<BaselineEntry> parsed;
  std::string error;
  REQUIRE(parse_baseline(text, parsed, error));
  CHECK(parsed.size() == 4);

  SUBCASE("everything suppressed, nothing stale") {
    BaselineOutcome o = apply_baseline(r, parsed);
    CHECK(o.suppressed == 4);
    CHECK(o.stale.empty());
    CHECK(r.findings.empty());
  }
  SUBCASE("a fixed finding makes its entry stale; a new one is reported") {
    r.findings.erase(r.findings.begin());  // oas-structure fixed
    Finding n;
    n.rule = "new-rule";
    n.file = "z.yaml";
    n.pointer = "/x";
    n.fingerprint = "9999999999999999";
    r.findings.push_back(n);
    BaselineOutcome o = apply_baseline(r, parsed);
    CHECK(o.suppressed == 3);
    REQUIRE(o.stale.size() == 1);
    CHECK(o.stale[0].rule == "oas-structure");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "new-rule");
  }
  SUBCASE("one entry suppresses one finding of a repeated fingerprint") {
    std::vector<BaselineEntry> one = {{"info-contact", "z.yaml", "/info", "2222222222222222"}};
    BaselineOutcome o = apply_baseline(r, one);
    CHECK(o.suppressed == 1);
    CHECK(r.findings.size() == 3);
  }
  SUBCASE("entries for files this run did not read are neither matched nor stale") {
    parsed.push_back({"x", "other/file.yaml", "/a", "7777777777777777"});
    CheckResult only_z;
    only_z.files = {"z.yaml"};
    BaselineOutcome o = apply_baseline(only_z, parsed);
    CHECK(o.suppressed == 0);
    CHECK(o.stale.size() == 2);  // the two z.yaml entries: the file was read, they are gone
    BaselineOutcome gone = apply_baseline(only_z, parsed, [](const std::string& f) { return f == "other/file.yaml"; });
    CHECK(gone.stale.size() == 3);  // a deleted file's entries are stale too
    // --update-baseline on z.yaml alone keeps the entries of the other files.
    std::vector<BaselineEntry> updated = updated_baseline(only_z, parsed);
    CHECK(updated.size() == 3);
  }
  SUBCASE("malformed baselines are rejected with a reason") {
    CHECK_FALSE(parse_baseline("not json", parsed, error));
    CHECK(error == "not valid JSON");
    CHECK_FALSE(parse_baseline("[]", parsed, error));
    CHECK_FALSE(parse_baseline(R"({"version": 2, "entries": []})", parsed, error));
    CHECK_FALSE(parse_baseline(R"({"entries": [{"rule": "x"}]})", parsed, error));
    CHECK(error.find("#/entries/0") != std::string::npos);
    CHECK(parse_baseline(R"({"entries": []})", parsed, error));
    CHECK(baseline_to_json({}) == "{\n  \"version\": 1,\n  \"tool\": \"apiref\",\n  \"entries\": []\n}\n");
  }
}

TEST_CASE("report: every format by name") {
  for (const std::string& format : report_formats()) {
    std::ostringstream out;
    CHECK(write_report(format, out, hostile_result(), ReportContext{}));
    CHECK_FALSE(out.str().empty());
  }
  std::ostringstream out;
  CHECK_FALSE(write_report("xml", out, hostile_result(), ReportContext{}));
}
