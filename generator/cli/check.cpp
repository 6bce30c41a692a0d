// apiref check: findings in every report format, baselines, exit codes for CI.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "check/check.h"
#include "cli/cli.h"
#include "report/report.h"
#include "text/file.h"
#include "text/percent.h"

namespace apiref::cli {

namespace fs = std::filesystem;

namespace {

std::optional<FindingSeverity> parse_fail_on(const std::string& s) {
  if (s == "error") return FindingSeverity::Error;
  if (s == "warning") return FindingSeverity::Warning;
  if (s == "info") return FindingSeverity::Info;
  return FindingSeverity::Hint;  // "hint"; "none" is handled by the caller
}

}  // namespace

int run_check_command(const CheckArgs& a) {
  StageClock phase(a.timings);
  CheckOptions o;
  o.profile = a.profile;
  o.config_path = a.config;
  o.allow_outside_root = a.allow_outside_root;
  std::error_code ec;
  for (const std::string& input : a.inputs) {
    std::string project = project_file_for(input);
    if (project.empty()) {
      o.inputs.push_back(input);
      continue;
    }
    // A project folder or apiref.yaml: check its bundles and constructs.
    if (a.inputs.size() > 1 || !a.config.empty()) {
      std::cerr << "apiref: give either a project (" << input << ") or files with --config, not both\n";
      return kUsage;
    }
    if (!project_exists(project)) {
      std::cerr << "apiref: no apiref.yaml (nor base_<audience>.yml files) in " << input << "\n";
      return kUsage;
    }
    o.config_path = project;
  }

  std::optional<FindingSeverity> fail_on;
  if (a.fail_on != "none") fail_on = parse_fail_on(a.fail_on);

  std::vector<ReportOutput> outputs;
  if (!parse_report_outputs(a.formats, outputs)) return kUsage;
  if (a.update_baseline && a.baseline.empty()) {
    std::cerr << "apiref: --update-baseline needs --baseline FILE\n";
    return kUsage;
  }

  std::vector<BaselineEntry> baseline;
  bool have_baseline = false;
  if (!a.baseline.empty() && fs::exists(a.baseline, ec)) {
    std::string contents;
    std::string error;
    if (!text::read_file(a.baseline, contents) || !parse_baseline(contents, baseline, error)) {
      std::cerr << "apiref: " << a.baseline << ": not a baseline file: " << error << "\n";
      return kUsage;
    }
    have_baseline = true;
  } else if (!a.baseline.empty() && !a.update_baseline) {
    std::cerr << "apiref: no such baseline file: " << a.baseline << " (create it with --update-baseline)\n";
    return kUsage;
  }

  // The parsed files are kept here, not freed by run_check: the process ends without freeing
  // them (exit_without_teardown).
  DocumentCache parsed;
  o.documents = &parsed;
  CheckResult result;
  std::string fatal;
  if (!run_check(o, result, fatal)) {
    std::cerr << "apiref: " << fatal << "\n";
    return kUsage;
  }
  phase("load, walk and rules");
  std::string base = check_base_dir(o);

  ReportContext ctx;
  ctx.fail_on = fail_on;
  ctx.quiet = a.quiet;
  ctx.baseline_file = a.baseline;
  for (const RuleInfo& r : check_rules()) ctx.rule_summaries[r.id] = r.summary;
  // Baselines hold project-relative paths (the same whatever folder CI runs in), so they are
  // applied before the paths are rebased for display.
  if (a.update_baseline) {
    baseline = updated_baseline(result, baseline);
    std::string text = baseline_to_json(baseline);
    if (!write_atomically(a.baseline, text)) {
      std::cerr << "apiref: cannot write " << a.baseline << "\n";
      return kUsage;
    }
    std::cerr << "wrote " << a.baseline << " (" << baseline.size() << (baseline.size() == 1 ? " entry" : " entries")
              << ")\n";
    have_baseline = true;
  }
  if (have_baseline) {
    BaselineOutcome outcome = apply_baseline(result, baseline, [&](const std::string& file) {
      std::error_code e;
      return !fs::exists(fs::path(base) / file, e);
    });
    ctx.suppressed = outcome.suppressed;
    ctx.stale = outcome.stale;
  }
  rebase_paths(result, base);
  ctx.source_root_uri = file_uri(fs::current_path(ec).generic_string());

  if (int code = write_report_outputs(outputs, result, ctx); code != kOk) return code;
  phase("report");
  bool failing = count_failing(result, fail_on) > 0;
  bool stale_fails = a.baseline_strict && !ctx.stale.empty();
  return exit_without_teardown(failing || stale_fails ? kInputErrors : kOk);
}

}  // namespace apiref::cli
