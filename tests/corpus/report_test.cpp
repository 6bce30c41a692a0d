// JUnit output parsed by python3's xml.etree.
// Moved from generator/report/report_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <string>

#include "report/report.h"
#include "report/report_test_fixtures.h"
#include "run_command.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

TEST_CASE("report: JUnit is valid XML (parsed by python3 xml.etree) and keeps the text") {
  REQUIRE_MESSAGE(run_command("python3 -c 'import xml.etree.ElementTree'") == 0,
                  "python3 with xml.etree is needed for this test");
  ReportContext ctx;
  ctx.fail_on = FindingSeverity::Warning;
  std::string out = render(write_junit, hostile_result(), ctx);
  CHECK_FALSE(has_raw_control(out, true));
  TempDir tmp;
  std::string path = tmp.write("junit.xml", out);
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
  std::string script_path = tmp.write("junit.py", script);
  std::string parsed;
  CHECK(run_command("PYTHONIOENCODING=utf-8 python3 " + script_path + " " + path, &parsed) == 0);
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
}
