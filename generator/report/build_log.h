// What `apiref build` and `apiref serve` print about their input: the loader's, bundler's and
// model's diagnostics and the spec gate's findings, merged into one list in one format,
// `file:line:col severity rule message`, each place and rule once with one severity, then a
// summary (counts by rule). A build renders what it can read: unless it is strict, nothing in
// this list stops it.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "check/finding.h"
#include "diag/diagnostic.h"

namespace apiref {

struct BuildFinding {
  std::string file;
  SourcePos pos;
  FindingSeverity severity = FindingSeverity::Warning;
  std::string rule;
  std::string message;
  std::string pointer;
};

// The one list: diagnostics (loader, bundler, model; paths as display_path gives them) and the
// gate's findings (paths rebased the same way). A place and rule both report is kept once, with
// the gate's severity: the project's check settings apply to it. Sorted by file, line, column.
std::vector<BuildFinding> merge_build_findings(const Diagnostics& diagnostics, const CheckResult& gate);

// Findings that stop a strict build: errors.
size_t count_build_errors(const std::vector<BuildFinding>& findings);

struct BuildLogOptions {
  bool strict = false;   // errors stop the build (the summary says so, or that it went on)
  bool quiet = false;    // only errors and the summary line
  bool verbose = false;  // every finding, not the first `limit`
  size_t limit = 20;
};

// The findings (the first `limit` unless verbose), then one line per rule with its count, then
// the summary line. Nothing when there are no findings.
void write_build_log(std::ostream& out, const std::vector<BuildFinding>& findings, const BuildLogOptions& options);

}  // namespace apiref
