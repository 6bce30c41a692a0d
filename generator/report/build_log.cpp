#include "report/build_log.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "report/text.h"

namespace apiref {

namespace {

FindingSeverity from_diagnostic(Severity s) {
  switch (s) {
    case Severity::Error: return FindingSeverity::Error;
    case Severity::Warning: return FindingSeverity::Warning;
    case Severity::Info: return FindingSeverity::Info;
  }
  return FindingSeverity::Warning;
}

std::string place_key(const std::string& file, SourcePos pos, const std::string& rule) {
  return file + '\n' + std::to_string(pos.line) + ':' + std::to_string(pos.col) + '\n' + rule;
}

}  // namespace

std::vector<BuildFinding> merge_build_findings(const Diagnostics& diagnostics, const CheckResult& gate) {
  std::vector<BuildFinding> out;
  std::set<std::string> seen;
  for (const Finding& f : gate.findings) {
    if (!seen.insert(place_key(f.file, f.start, f.rule)).second) continue;
    out.push_back({f.file, f.start, f.severity, f.rule, f.message, f.pointer});
  }
  for (const Diagnostic& d : diagnostics) {
    if (!seen.insert(place_key(d.where.file, d.where.pos, d.code)).second) continue;
    out.push_back({d.where.file, d.where.pos, from_diagnostic(d.severity), d.code, d.message, d.where.pointer});
  }
  std::stable_sort(out.begin(), out.end(), [](const BuildFinding& a, const BuildFinding& b) {
    return std::tie(a.file, a.pos.line, a.pos.col, a.rule) < std::tie(b.file, b.pos.line, b.pos.col, b.rule);
  });
  return out;
}

size_t count_build_errors(const std::vector<BuildFinding>& findings) {
  size_t n = 0;
  for (const BuildFinding& f : findings) n += f.severity == FindingSeverity::Error;
  return n;
}

void write_build_log(std::ostream& out, const std::vector<BuildFinding>& findings, const BuildLogOptions& options) {
  if (findings.empty()) return;
  size_t counts[4] = {0, 0, 0, 0};
  std::map<std::string, size_t> by_rule;
  for (const BuildFinding& f : findings) {
    counts[static_cast<size_t>(f.severity)]++;
    by_rule[f.rule]++;
  }
  size_t printed = 0, eligible = 0;
  for (const BuildFinding& f : findings) {
    if (options.quiet && f.severity != FindingSeverity::Error) continue;
    ++eligible;
    if (!options.verbose && printed >= options.limit) continue;
    out << report_text::visible(f.file) << ':' << f.pos.line << ':' << f.pos.col << ' '
        << finding_severity_name(f.severity) << ' ' << f.rule << ' ' << report_text::visible(f.message) << '\n';
    ++printed;
  }
  if (printed < eligible)
    out << "  ... and " << (eligible - printed) << " more (--verbose lists them all; `apiref check` reports them)\n";
  if (!options.quiet) {
    std::vector<std::pair<std::string, size_t>> rules(by_rule.begin(), by_rule.end());
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out << "by rule:";
    for (size_t i = 0; i < rules.size(); ++i) out << (i ? ", " : " ") << rules[i].first << ' ' << rules[i].second;
    out << '\n';
  }
  auto count = [&](size_t n, const char* one, const char* many) {
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
  };
  size_t errors = counts[static_cast<size_t>(FindingSeverity::Error)];
  out << count(findings.size(), "finding", "findings") << " in the input ("
      << count(errors, "error", "errors") << ", "
      << count(counts[static_cast<size_t>(FindingSeverity::Warning)], "warning", "warnings") << ", "
      << counts[static_cast<size_t>(FindingSeverity::Info)] + counts[static_cast<size_t>(FindingSeverity::Hint)]
      << " info)";
  if (errors && !options.strict) out << "; built anyway (--strict refuses input with errors)";
  out << '\n';
}

}  // namespace apiref
