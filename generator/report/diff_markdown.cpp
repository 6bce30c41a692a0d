// The pull-request comment of `apiref diff`: what a reviewer reads first is whether the change
// breaks clients, so the counts come first, then the changes by level, breaking first.
#include <map>

#include "report/report.h"
#include "report/text.h"

namespace apiref {

namespace {

std::string where(const std::string& file, const SourcePos& pos, const std::string& pointer) {
  std::string s = file.empty() ? "<input>" : file;
  if (pos.line) s += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col);
  return s + " #" + pointer;
}

// A code span, for names and places (markdown text when it holds a backtick or a line break).
std::string code(const std::string& s) {
  if (s.find_first_of("`\r\n") != std::string::npos) return report_text::markdown(s);
  return "`" + report_text::valid_utf8(s) + "`";
}

}  // namespace

void write_diff_markdown(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::markdown;
  constexpr size_t kMaxItems = 300;  // a GitHub comment holds 65,536 characters
  SeverityCounts c = count_severities(result);
  size_t failing = count_failing(result, ctx.fail_on);
  out << "## apiref diff\n\n";
  if (!c.total()) {
    out << "No changes to the API.\n";
    return;
  }
  const FindingSeverity levels[] = {FindingSeverity::Error, FindingSeverity::Warning, FindingSeverity::Info};
  const char* titles[] = {"Breaking", "Warning", "Info"};
  const char* icons[] = {"🔴", "🟡", "🔵"};
  out << (failing ? "**This change fails `--fail-on " : "This change passes `--fail-on ")
      << (ctx.fail_on ? severity_label(ctx, *ctx.fail_on) : "none") << (failing ? "`.**\n\n" : "`.\n\n");
  out << "| level | changes |\n| --- | ---: |\n";
  for (int i = 0; i < 3; ++i) out << "| " << icons[i] << " " << titles[i] << " | " << c.by[static_cast<int>(levels[i])] << " |\n";
  size_t shown = 0;
  for (int i = 0; i < 3; ++i) {
    size_t n = c.by[static_cast<int>(levels[i])];
    if (!n) continue;
    // Info is folded away: it is what a reviewer reads last.
    bool fold = levels[i] == FindingSeverity::Info;
    out << "\n" << (fold ? "<details><summary>" : "### ") << icons[i] << " " << titles[i] << " (" << n << ")"
        << (fold ? "</summary>\n\n" : "\n\n");
    // Grouped by rule within a level.
    std::map<std::string, std::vector<const Finding*>> by_rule;
    for (const Finding& f : result.findings)
      if (f.severity == levels[i]) by_rule[f.rule].push_back(&f);
    for (const auto& [rule, findings] : by_rule) {
      out << "- " << code(rule) << " (" << findings.size() << ")\n";
      for (const Finding* f : findings) {
        if (shown >= kMaxItems) break;
        ++shown;
        out << "  - " << markdown(f->message) << " — " << code(where(f->file, f->start, f->pointer)) << "\n";
      }
    }
    if (fold) out << "\n</details>\n";
  }
  if (c.total() > shown) out << "\n… and " << (c.total() - shown) << " more changes (see the job log).\n";
}

}  // namespace apiref
