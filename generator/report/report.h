// Report stage: writes the findings of `apiref check` in the formats CI systems read, and
// applies a baseline (findings known and accepted, suppressed until they change). Every writer
// is a free function onto a std::ostream; none of them prints anything else or reads the
// environment, so each is testable on a hand-built CheckResult.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"

namespace apiref {

// One accepted finding. The fingerprint alone decides a match; rule, file and pointer are there
// so that a reviewer reading the baseline's diff sees what was accepted.
struct BaselineEntry {
  std::string rule;
  std::string file;
  std::string pointer;
  std::string fingerprint;
};

// What a writer needs besides the findings.
struct ReportContext {
  std::string tool_version = "0.1.0";
  // Findings at or above this severity fail the run; nullopt = --fail-on none. JUnit marks
  // only those as failures; stylish and the step summary say how many there are.
  std::optional<FindingSeverity> fail_on = FindingSeverity::Error;
  std::map<std::string, std::string> rule_summaries;  // rule id -> one-line description (SARIF)
  size_t suppressed = 0;                 // findings hidden by the baseline
  std::vector<BaselineEntry> stale;      // baseline entries this run no longer produced
  std::string baseline_file;             // shown next to the stale entries
  // SARIF: absolute file:// URI (ending in '/') of the folder the files are relative to;
  // "" leaves originalUriBaseIds out.
  std::string source_root_uri;
  bool color = false;  // stylish: ANSI colours (the CLI sets it only for a terminal)
  bool quiet = false;  // stylish: only findings that fail the run, no summary when clean
  // The command the report is of ("check", "diff"): titles and the summary line name it.
  std::string command = "check";
  // apiref diff: the severities are change levels, named breaking / warning / info, and
  // markdown is the pull-request comment (write_diff_markdown).
  bool change_levels = false;
};

// A severity as the report names it: finding_severity_name(), or for change levels
// "breaking" for an error.
const char* severity_label(const ReportContext& ctx, FindingSeverity s);

// `file:line:col severity rule message`, grouped by file, the $ref chain indented under a
// finding, then one summary line. Control characters in text are shown escaped.
void write_stylish(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// One JSON document: tool, roots, files, findings (with ref chain and fingerprint), counts and
// the baseline's suppressed count and stale entries.
void write_json(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// SARIF 2.1.0: one run, tool.driver.rules, results with physical and logical locations,
// relatedLocations for the $ref chain and partialFingerprints.
void write_sarif(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::M`.
void write_github(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// Markdown for $GITHUB_STEP_SUMMARY: counts, findings per rule, the findings (bounded).
void write_github_summary(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// JUnit XML: a testsuite per checked file, a testcase per rule that fired there (a passing
// "apiref check" case for a clean file); failures for findings at or above fail_on.
void write_junit(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// GitLab code quality report (a JSON array of issues).
void write_gitlab(std::ostream& out, const CheckResult& result, const ReportContext& ctx);
// Markdown: a summary and a table of findings per file.
void write_markdown(std::ostream& out, const CheckResult& result, const ReportContext& ctx);

// Markdown for a pull-request comment on `apiref diff`: a table of counts by level, then the
// changes grouped by level (bounded), each with its place in the new and the old version.
void write_diff_markdown(std::ostream& out, const CheckResult& result, const ReportContext& ctx);

// One line for standard error when every report goes to a file: what was found, how much of it
// fails the run, and where the reports went.
std::string summary_line(const CheckResult& result, const ReportContext& ctx, const std::vector<std::string>& written);

// The findings a quiet run reports: those at or above fail_on (none with --fail-on none).
CheckResult failing_only(const CheckResult& result, std::optional<FindingSeverity> fail_on);

// The formats above by name ("stylish", "json", ...); false for an unknown name.
const std::vector<std::string>& report_formats();
bool write_report(const std::string& format, std::ostream& out, const CheckResult& result,
                  const ReportContext& ctx);

// The escaping of GitHub workflow commands: data escapes % \r \n; a property value also : and ,.
std::string github_escape_data(const std::string& s);
std::string github_escape_property(const std::string& s);

// --- baseline --------------------------------------------------------------------------------

// The baseline file: {"version": 1, "entries": [...]}, entries sorted by file, pointer, rule,
// fingerprint, one entry a line, so that an update reads as a small diff.
std::string baseline_to_json(std::vector<BaselineEntry> entries);
std::vector<BaselineEntry> baseline_entries(const CheckResult& result);
// false with error set when text is not a baseline file.
bool parse_baseline(const std::string& text, std::vector<BaselineEntry>& entries, std::string& error);

struct BaselineOutcome {
  size_t suppressed = 0;
  std::vector<BaselineEntry> stale;
};
// Removes from result.findings each finding a baseline entry matches (by fingerprint; an entry
// matches one finding). Unmatched entries are stale when this run read their file, or when
// `file_is_gone` says the file no longer exists; entries for files outside this run are neither
// matched nor stale (a check of one file does not make the rest of the baseline stale).
BaselineOutcome apply_baseline(CheckResult& result, const std::vector<BaselineEntry>& baseline,
                               const std::function<bool(const std::string& file)>& file_is_gone = nullptr);
// The baseline `--update-baseline` writes: this run's findings, plus the old entries for files
// this run did not read.
std::vector<BaselineEntry> updated_baseline(const CheckResult& result, const std::vector<BaselineEntry>& old);

// Counts by severity (index = FindingSeverity).
struct SeverityCounts {
  size_t by[4] = {0, 0, 0, 0};
  size_t total() const { return by[0] + by[1] + by[2] + by[3]; }
};
SeverityCounts count_severities(const CheckResult& result);
// Findings at or above fail_on (0 when fail_on is nullopt).
size_t count_failing(const CheckResult& result, std::optional<FindingSeverity> fail_on);

}  // namespace apiref
