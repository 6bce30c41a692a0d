// JUnit XML, for CI systems that show test results but no linter formats (GitLab, Jenkins,
// Azure). A testsuite per checked file, a testcase per rule that fired in it; a clean file gets
// one passing case so that it shows up as checked. Only findings at or above --fail-on fail a
// case; the others are listed in its system-out.
#include <map>
#include <set>
#include <sstream>

#include "report/report.h"
#include "report/text.h"

namespace apiref {

void write_junit(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::xml;
  // file -> rule -> findings (in the result's order)
  std::map<std::string, std::map<std::string, std::vector<const Finding*>>> by_file;
  for (const std::string& file : result.files) by_file[file];
  for (const Finding& f : result.findings) by_file[f.file][f.rule].push_back(&f);

  auto failing = [&](const Finding& f) { return ctx.fail_on && f.severity >= *ctx.fail_on; };
  auto line_of = [](const Finding& f) {
    std::string s = std::to_string(f.start.line) + ":" + std::to_string(f.start.col) + " " +
                    finding_severity_name(f.severity) + " " + f.message + " (#" + f.pointer + ")";
    for (const RefHop& hop : f.ref_chain)
      s += "\n    via $ref at " + hop.file + ":" + std::to_string(hop.pos.line) + ":" + std::to_string(hop.pos.col) +
           " (#" + hop.pointer + ")";
    return s + "\n";
  };

  size_t total_tests = 0, total_failures = 0;
  std::ostringstream suites;
  for (const auto& [file, rules] : by_file) {
    size_t tests = rules.empty() ? 1 : rules.size(), failures = 0;
    std::ostringstream cases;
    std::string name = file.empty() ? "<input>" : file;
    if (rules.empty())
      cases << "    <testcase classname=\"" << xml(name) << "\" name=\"apiref check\"/>\n";
    for (const auto& [rule, findings] : rules) {
      std::string failed_text, passed_text;
      const Finding* first_failing = nullptr;
      size_t failing_count = 0;
      for (const Finding* f : findings) {
        if (failing(*f)) {
          failing_count++;
          if (!first_failing) first_failing = f;
          failed_text += line_of(*f);
        } else {
          passed_text += line_of(*f);
        }
      }
      cases << "    <testcase classname=\"" << xml(name) << "\" name=\"" << xml(rule) << "\">\n";
      if (first_failing) {
        failures++;
        std::string message = first_failing->message;
        if (failing_count > 1) message += " (and " + std::to_string(failing_count - 1) + " more)";
        cases << "      <failure type=\"" << finding_severity_name(first_failing->severity) << "\" message=\""
              << xml(message) << "\">" << xml(failed_text) << "</failure>\n";
      }
      if (!passed_text.empty()) cases << "      <system-out>" << xml(passed_text) << "</system-out>\n";
      cases << "    </testcase>\n";
    }
    total_tests += tests;
    total_failures += failures;
    suites << "  <testsuite name=\"" << xml(name) << "\" tests=\"" << tests << "\" failures=\"" << failures
           << "\" errors=\"0\" skipped=\"0\">\n"
           << cases.str() << "  </testsuite>\n";
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"apiref check\" tests=\"" << total_tests << "\" failures=\"" << total_failures
      << "\" errors=\"0\">\n"
      << suites.str() << "</testsuites>\n";
}

}  // namespace apiref
