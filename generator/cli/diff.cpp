// apiref diff: the changes between two versions of an API, graded for its clients, in every
// report format `check` writes, with its exit codes (0 nothing at or above --fail-on, 1 a
// change at or above it, 2 could not run). With --base REV the old version is the input as it
// was at REV (compare_versions, compare.cpp).
#include <filesystem>
#include <optional>

#include "cli/cli.h"
#include "diff/diff.h"

namespace apiref::cli {

namespace fs = std::filesystem;

namespace {

std::optional<FindingSeverity> fail_on_of(const std::string& s) {
  if (s == "breaking") return FindingSeverity::Error;
  if (s == "warning") return FindingSeverity::Warning;
  if (s == "info") return FindingSeverity::Info;
  return std::nullopt;
}

}  // namespace

int run_diff(const DiffArgs& a) {
  std::vector<ReportOutput> outputs;
  if (!parse_report_outputs(a.formats, outputs)) return kUsage;
  std::string old_input, new_input;
  if (!a.base.empty()) {
    if (a.inputs.size() > 1) {
      std::cerr << "apiref: with --base, give one input (the version now), not two\n";
      return kUsage;
    }
    new_input = a.inputs.empty() ? "" : a.inputs[0];
  } else {
    if (a.inputs.size() != 2) {
      std::cerr << "apiref: give two versions (apiref diff OLD NEW), or one input and --base REV\n";
      return kUsage;
    }
    old_input = a.inputs[0];
    new_input = a.inputs[1];
  }
  Comparison compared;
  if (!compare_versions(old_input, new_input, {a.base, a.only, a.allow_outside_root}, compared)) return kUsage;
  if (compared.truncated) std::cerr << "apiref: warning: the schemas are too large to compare in full; some changes may be missing\n";

  CheckResult result = diff_findings(compared.all, compared.files);
  ReportContext ctx;
  ctx.command = "diff";
  ctx.change_levels = true;
  ctx.fail_on = fail_on_of(a.fail_on);
  ctx.quiet = a.quiet;
  for (const DiffRuleInfo& r : diff_rules()) ctx.rule_summaries[r.id] = r.summary;
  std::error_code ec;
  ctx.source_root_uri = file_uri(fs::current_path(ec).generic_string());
  if (int code = write_report_outputs(outputs, result, ctx); code != kOk) return code;
  return exit_without_teardown(count_failing(result, ctx.fail_on) ? kInputErrors : kOk);
}

}  // namespace apiref::cli
