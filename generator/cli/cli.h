// The command line's parts: each command's arguments and its run_* (one file per command),
// and what they share: exit codes, printing, writing a file atomically.
#pragma once

#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "build/build.h"
#include "diff/diff.h"
#include "diag/diagnostic.h"
#include "report/report.h"

namespace apiref::cli {

// The documented exit codes.
constexpr int kOk = 0;
constexpr int kInputErrors = 1;  // the input has errors
constexpr int kUsage = 2;        // usage, configuration or I/O

struct BundleArgs {
  std::string input;
  std::string output;
  std::string format;
  std::string to;  // "3.0": the bundles must be OpenAPI 3.0 (a Swagger 2.0 input is converted)
  std::vector<std::string> only;
  std::string root;
  bool dereference = false;
  bool allow_outside_root = false;
  bool quiet = false;
  bool timings = false;
};

struct BuildArgs {
  std::string input;
  std::string output = "_site";
  std::string templates;
  std::vector<std::string> only;
  std::string root;
  bool allow_outside_root = false;
  bool quiet = false;
  bool verbose = false;
  bool timings = false;
  bool strict = false;  // refuse input with errors (also apiref.yaml's build.strict)
  std::string snippet_languages;  // comma-separated, "none", or "" for the project's choice
  std::string format = "html";    // html, hugo, jekyll
  std::string section;            // hugo, jekyll: the reference's folder in the host site
  std::string content_dir;        // hugo: the host's content folder
  std::string changes_since;      // a git revision: the site shows what changed since it
};

struct ServeArgs {
  BuildArgs build;
  std::string host = "127.0.0.1";
  int port = 8080;
  bool proxy = false;
  std::vector<std::string> open_allow;
};

struct SnippetsArgs {
  std::string input;
  std::vector<std::string> only;
  std::vector<std::string> languages;
  std::string server;
  bool optional_parameters = false;
  bool description_auth = false;
};

struct CheckArgs {
  std::vector<std::string> inputs;
  std::string config;
  std::string profile;
  std::vector<std::string> formats;  // "F" or "F=path"
  std::string fail_on = "error";
  std::string baseline;
  bool update_baseline = false;
  bool baseline_strict = false;
  bool allow_outside_root = false;
  bool quiet = false;
  bool timings = false;
};

struct DiffArgs {
  std::vector<std::string> inputs;  // OLD NEW; or, with --base, the input ("" = ./apiref.yaml)
  std::string base;                 // --base REV: the old side is the input as it was at REV
  std::vector<std::string> only;    // --bundle
  std::vector<std::string> formats;  // "F" or "F=path"
  std::string fail_on = "breaking";
  bool allow_outside_root = false;
  bool quiet = false;
};

// Two versions compared bundle by bundle (compare.cpp): what `diff` reports, and what
// `build --changes-since` shows.
struct CompareOptions {
  std::string base;               // a git revision: the old version is the new input as it was there
  std::vector<std::string> only;  // --bundle
  bool allow_outside_root = false;
};
struct Comparison {
  std::vector<Change> all;  // every change, a project's messages led by "[bundle] " when it has several
  std::map<std::string, std::vector<Change>> by_bundle;  // each compared bundle's, by its new name
  std::vector<std::string> added_bundles;  // bundles the old version did not have
  std::vector<std::string> files;          // the documents compared, as locations name them
  bool truncated = false;                  // some schemas were too large to compare in full
};
// False after saying why on standard error, when a version cannot be read. `old_input` is
// unused when options.base is given.
bool compare_versions(const std::string& old_input, const std::string& new_input, const CompareOptions& options,
                      Comparison& out);

int run_bundle(const BundleArgs& args);
int run_build(const BuildArgs& args);
// serve.cpp, the one file compiled apart for each program: in apiref-serve (APIREF_SERVER) it
// serves; in apiref it runs apiref-serve with the same arguments.
int run_serve_command(const ServeArgs& args, char** argv);
int run_snippets(const SnippetsArgs& args);
int run_check_command(const CheckArgs& args);
int run_diff(const DiffArgs& args);

// "file:///dir/" for SARIF's source root.
std::string file_uri(const std::string& dir);

// Where one report goes: a format and a file ("" = standard output).
struct ReportOutput {
  std::string format, path;
};
// The --format values ("F" or "F=path", at most one to standard output; none: stylish);
// false after saying why on standard error.
bool parse_report_outputs(const std::vector<std::string>& specs, std::vector<ReportOutput>& outputs);
// Writes every report (quiet: only what fails the run, in every format), the GitHub step
// summary beside the github format, and, when no report went to standard output, the summary
// line on standard error. kOk, or kUsage when a report could not be written.
int write_report_outputs(const std::vector<ReportOutput>& outputs, const CheckResult& result, const ReportContext& ctx);

// Where the built-in templates and assets are (common.cpp says where it looks).
std::string data_dir();

// The build a `build` or `serve` command line asks for.
BuildRequest request_for(const BuildArgs& args);

// How a build's findings are printed for these arguments.
BuildLogOptions build_log_options(const BuildArgs& args, const BuildOutcome& outcome);

// Diagnostics as format_diagnostic() writes them, then a count (bundle, snippets, a broken
// apiref.yaml).
void print_diagnostics(const Diagnostics& diags, bool quiet, std::ostream& log = std::cerr);

// What a build that made nothing prints before its failure line, to `log`.
void print_failure(const BuildOutcome& outcome, const BuildArgs& args, std::ostream& log);

// Writes through a temporary file in the same folder and renames it into place, so a reader
// (or a failed or interrupted run) never sees half a file. On failure `why` (when given) says
// what the system said.
bool write_atomically(const std::string& path, const std::string& contents, std::string* why = nullptr);

bool ends_with(const std::string& s, const std::string& suffix);

// --timings: each stage's wall time on stderr as it ends ("  render: 1.234 s"), for finding
// what grows with the input (bench/scale.sh reads these lines). Silent when off.
class StageClock {
 public:
  explicit StageClock(bool print) : print_(print) {}
  void operator()(const char* stage);           // the stage that just ended
  double seconds() const;                       // since the command started
 private:
  using Clock = std::chrono::steady_clock;
  bool print_;
  Clock::time_point started_ = Clock::now(), stage_started_ = started_;
};

// Ends the process once its work is done, without running destructors (see common.cpp).
int exit_without_teardown(int code);

}  // namespace apiref::cli
