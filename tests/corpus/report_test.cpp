// JUnit output parsed by python3's xml.etree.
// Moved from generator/report/report_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
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
#include "report/text.h"

using namespace apiref;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Every kind of text a description can smuggle into a message or a path.
const std::string kHostile = "bad 100% value\r\nline2: a,b <tag> & \"q\" 'a' caf\xC3\xA9 \xE2\x98\x83 \x01\x1b[31m \xFF|x";

CheckResult hostile_result() {
  CheckResult r;
  r.roots = {"root.yaml"};
  r.files = {"clean.yaml", "root.yaml", "specs/a b,c:d%.yaml", "z.yaml"};
  Finding a;
  a.rule = "oas-structure";
  a.severity = FindingSeverity::Error;
  a.message = kHostile;
  a.file = "specs/a b,c:d%.yaml";
  a.pointer = "/paths/~1pets/get";
  a.start = {3, 5};
  a.end = {3, 12};
  a.ref_chain = {{"root.yaml", "/paths/~1pets/$ref", {10, 7}}};
  a.fingerprint = "0123456789abcdef";
  Finding b;
  b.rule = "tag-defined";
  b.severity = FindingSeverity::Warning;
  b.message = "tag \"<script>\" is not declared";
  b.file = "specs/a b,c:d%.yaml";
  b.pointer = "/paths/~1pets/get/tags/0";
  b.start = {7, 9};
  b.end = {7, 18};
  b.fingerprint = "1111111111111111";
  Finding c;
  c.rule = "info-contact";
  c.severity = FindingSeverity::Info;
  c.message = "info has no contact";
  c.file = "z.yaml";
  c.pointer = "/info";
  c.start = {2, 1};
  c.end = {2, 1};
  c.fingerprint = "2222222222222222";
  Finding d = c;  // a second finding at the same place: fingerprints collide on purpose
  d.severity = FindingSeverity::Hint;
  d.rule = "info-contact";
  d.message = "consider a contact url";
  r.findings = {a, b, c, d};
  return r;
}

std::string render(void (*writer)(std::ostream&, const CheckResult&, const ReportContext&), const CheckResult& r,
                   const ReportContext& ctx = {}) {
  std::ostringstream out;
  writer(out, r, ctx);
  return out.str();
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("apiref-report-" + std::to_string(getpid()) + "-" + name)).string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Runs a command and returns its standard output; exit status in `status`.
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = pclose(p);
  return out;
}

bool has_raw_control(const std::string& s, bool allow_newline) {
  for (unsigned char c : s)
    if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7F) return true;
  return false;
}

}  // namespace

TEST_CASE("report: JUnit is valid XML (parsed by python3 xml.etree) and keeps the text") {
  int status = 0;
  run("python3 -c 'import xml.etree.ElementTree' 2>&1", status);
  REQUIRE_MESSAGE(status == 0, "python3 with xml.etree is needed for this test");
  ReportContext ctx;
  ctx.fail_on = FindingSeverity::Warning;
  std::string out = render(write_junit, hostile_result(), ctx);
  CHECK_FALSE(has_raw_control(out, true));
  std::string path = temp_path("junit.xml");
  write_file(path, out);
  const char* script =
      "import sys, xml.etree.ElementTree as E\n"
      "root = E.parse(sys.argv[1]).getroot()\n"
      "print(root.tag, root.get('tests'), root.get('failures'))\n"
      "for s in root.findall('testsuite'):\n"
      "  print('suite', s.get('name'), s.get('tests'), s.get('failures'))\n"
      "  for c in s.findall('testcase'):\n"
      "    f = c.find('failure'); o = c.find('system-out')\n"
      "    print('case', c.get('name'), 'failure' if f is not None else 'pass', 'out' if o is not None else '')\n"
      "    if f is not None: print('message', repr(f.get('message')))\n";
  std::string script_path = temp_path("junit.py");
  write_file(script_path, script);
  std::string parsed = run("PYTHONIOENCODING=utf-8 python3 " + script_path + " " + path + " 2>&1", status);
  CHECK(status == 0);
  std::string expected_message =
      "'bad 100% value\\r\\nline2: a,b <tag> & \"q\" \\'a\\' caf\xC3\xA9 \xE2\x98\x83 [U+0001][U+001B][31m \xEF\xBF\xBD|x'";
  std::string expected =
      "testsuites 5 2\n"
      "suite clean.yaml 1 0\n"
      "case apiref check pass \n"
      "suite root.yaml 1 0\n"
      "case apiref check pass \n"
      "suite specs/a b,c:d%.yaml 2 2\n"
      "case oas-structure failure \n"
      "message " + expected_message + "\n"
      "case tag-defined failure \n"
      "message 'tag \"<script>\" is not declared'\n"
      "suite z.yaml 1 0\n"
      "case info-contact pass out\n";
  CHECK(parsed == expected);
  fs::remove(path);
  fs::remove(script_path);
}
