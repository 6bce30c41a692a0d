// The line-oriented and JSON formats: stylish, json, github (+ step summary), gitlab, markdown,
// and the dispatch by format name. SARIF and JUnit are in their own files.
#include "report/report.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "report/text.h"

namespace apiref {

using ojson = nlohmann::ordered_json;

namespace {

std::string dump(const ojson& j, int indent) {
  // replace: invalid UTF-8 in description text must not abort the report.
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string position(const SourcePos& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

// "file:line:col" (or just the file when the place has no position).
std::string place(const std::string& file, const SourcePos& p) {
  std::string s = file.empty() ? "<input>" : file;
  if (p.line) s += ":" + position(p);
  return s;
}

SourcePos end_of(const Finding& f) { return f.end.line ? f.end : f.start; }

bool fails(const Finding& f, std::optional<FindingSeverity> fail_on) {
  return fail_on && f.severity >= *fail_on;
}

ojson counts_json(const CheckResult& result, const ReportContext& ctx) {
  SeverityCounts c = count_severities(result);
  ojson j = ojson::object();
  j["error"] = c.by[static_cast<int>(FindingSeverity::Error)];
  j["warning"] = c.by[static_cast<int>(FindingSeverity::Warning)];
  j["info"] = c.by[static_cast<int>(FindingSeverity::Info)];
  j["hint"] = c.by[static_cast<int>(FindingSeverity::Hint)];
  j["total"] = c.total();
  j["failing"] = count_failing(result, ctx.fail_on);
  j["suppressed"] = ctx.suppressed;
  j["stale"] = ctx.stale.size();
  return j;
}

ojson entry_json(const BaselineEntry& e) {
  ojson j = ojson::object();
  j["rule"] = e.rule;
  j["file"] = e.file;
  j["pointer"] = e.pointer;
  j["fingerprint"] = e.fingerprint;
  return j;
}

// "5 findings (2 errors, 3 warnings, 0 info, 0 hints)"; for changes "5 changes (2 breaking, ...)"
std::string counts_phrase(const SeverityCounts& c, const ReportContext& ctx) {
  if (ctx.change_levels)
    return plural(c.total(), "change", "changes") + " (" + std::to_string(c.by[static_cast<int>(FindingSeverity::Error)]) +
           " breaking, " + plural(c.by[static_cast<int>(FindingSeverity::Warning)], "warning", "warnings") + ", " +
           std::to_string(c.by[static_cast<int>(FindingSeverity::Info)]) + " info)";
  return plural(c.total(), "finding", "findings") + " (" +
         plural(c.by[static_cast<int>(FindingSeverity::Error)], "error", "errors") + ", " +
         plural(c.by[static_cast<int>(FindingSeverity::Warning)], "warning", "warnings") + ", " +
         std::to_string(c.by[static_cast<int>(FindingSeverity::Info)]) + " info, " +
         plural(c.by[static_cast<int>(FindingSeverity::Hint)], "hint", "hints") + ")";
}

std::string fail_on_name(const ReportContext& ctx) {
  return ctx.fail_on ? severity_label(ctx, *ctx.fail_on) : "none";
}

// How a related place reads after a finding: "was at file:line:col #pointer".
std::string related_text(const RelatedPlace& r) {
  return r.label + " at " + place(r.file, r.pos) + " #" + r.pointer;
}

}  // namespace

const char* severity_label(const ReportContext& ctx, FindingSeverity s) {
  if (ctx.change_levels && s == FindingSeverity::Error) return "breaking";
  return finding_severity_name(s);
}

CheckResult failing_only(const CheckResult& result, std::optional<FindingSeverity> fail_on) {
  CheckResult r;
  r.files = result.files;
  r.roots = result.roots;
  for (const Finding& f : result.findings)
    if (fails(f, fail_on)) r.findings.push_back(f);
  return r;
}

std::string summary_line(const CheckResult& result, const ReportContext& ctx, const std::vector<std::string>& written) {
  SeverityCounts c = count_severities(result);
  std::string line = "apiref " + ctx.command + ": " +
                     (c.total() ? counts_phrase(c, ctx) : std::string(ctx.change_levels ? "no changes" : "no findings"));
  line += "; " + std::to_string(count_failing(result, ctx.fail_on)) + " at or above --fail-on " + fail_on_name(ctx);
  if (!written.empty()) {
    line += "; wrote";
    for (size_t i = 0; i < written.size(); ++i) line += (i ? ", " : " ") + written[i];
  }
  return line;
}

SeverityCounts count_severities(const CheckResult& result) {
  SeverityCounts c;
  for (const Finding& f : result.findings) c.by[static_cast<int>(f.severity)]++;
  return c;
}

size_t count_failing(const CheckResult& result, std::optional<FindingSeverity> fail_on) {
  size_t n = 0;
  for (const Finding& f : result.findings) n += fails(f, fail_on);
  return n;
}

// --- stylish ---------------------------------------------------------------------------------

void write_stylish(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::visible;
  auto paint = [&](const char* code, const std::string& s) {
    return ctx.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  auto severity_colour = [](FindingSeverity s) {
    switch (s) {
      case FindingSeverity::Error: return "31";    // red
      case FindingSeverity::Warning: return "33";  // yellow
      case FindingSeverity::Info: return "36";     // cyan
      case FindingSeverity::Hint: return "90";     // grey
    }
    return "0";
  };
  const std::string* previous_file = nullptr;
  size_t shown = 0;
  for (const Finding& f : result.findings) {
    if (ctx.quiet && !fails(f, ctx.fail_on)) continue;
    if (previous_file && *previous_file != f.file) out << "\n";  // a blank line between files
    previous_file = &f.file;
    ++shown;
    out << visible(place(f.file, f.start)) << " " << paint(severity_colour(f.severity), severity_label(ctx, f.severity))
        << " " << paint("2", visible(f.rule)) << " " << visible(f.message) << "\n";
    for (const RefHop& hop : f.ref_chain)
      out << "    " << paint("2", "via $ref at " + visible(place(hop.file, hop.pos)) + " #" + visible(hop.pointer))
          << "\n";
    for (const RelatedPlace& r : f.related) out << "    " << paint("2", visible(related_text(r))) << "\n";
  }
  SeverityCounts c = count_severities(result);
  size_t failing = count_failing(result, ctx.fail_on);
  bool anything = c.total() || ctx.suppressed || !ctx.stale.empty();
  if (ctx.quiet && !failing && ctx.stale.empty()) return;
  if (shown) out << "\n";
  if (!anything) {
    out << paint("32", ctx.change_levels ? "no changes" : "no findings") << " (" << plural(result.files.size(), "file", "files") << " checked)\n";
    return;
  }
  std::string summary = counts_phrase(c, ctx);
  if (ctx.fail_on)
    summary += "; " + std::to_string(failing) + " at or above --fail-on " + fail_on_name(ctx);
  out << paint(failing ? "1;31" : "1", summary) << "\n";
  if (ctx.suppressed)
    out << plural(ctx.suppressed, "finding", "findings") << " suppressed by baseline\n";
  if (!ctx.stale.empty()) {
    out << plural(ctx.stale.size(), "stale baseline entry", "stale baseline entries")
        << (ctx.baseline_file.empty() ? "" : " in " + visible(ctx.baseline_file))
        << " (no longer produced; rerun with --update-baseline):\n";
    for (const BaselineEntry& e : ctx.stale)
      out << "    " << visible(e.file) << " #" << visible(e.pointer) << " " << visible(e.rule) << " "
          << visible(e.fingerprint) << "\n";
  }
}

// --- json ------------------------------------------------------------------------------------

void write_json(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  ojson doc = ojson::object();
  doc["tool"] = {{"name", "apiref"}, {"version", ctx.tool_version}};
  doc["roots"] = result.roots;
  doc["files"] = result.files;
  doc["failOn"] = fail_on_name(ctx);
  ojson findings = ojson::array();
  for (const Finding& f : result.findings) {
    ojson j = ojson::object();
    j["rule"] = f.rule;
    j["severity"] = severity_label(ctx, f.severity);
    j["message"] = f.message;
    j["file"] = f.file;
    j["pointer"] = f.pointer;
    SourcePos end = end_of(f);
    j["start"] = {{"line", f.start.line}, {"col", f.start.col}};
    j["end"] = {{"line", end.line}, {"col", end.col}};
    ojson chain = ojson::array();
    for (const RefHop& hop : f.ref_chain)
      chain.push_back({{"file", hop.file}, {"pointer", hop.pointer}, {"line", hop.pos.line}, {"col", hop.pos.col}});
    j["refChain"] = chain;
    if (!f.related.empty()) {
      ojson related = ojson::array();
      for (const RelatedPlace& r : f.related)
        related.push_back({{"label", r.label}, {"file", r.file}, {"pointer", r.pointer}, {"line", r.pos.line}, {"col", r.pos.col}});
      j["related"] = std::move(related);
    }
    j["fingerprint"] = f.fingerprint;
    findings.push_back(std::move(j));
  }
  doc["findings"] = std::move(findings);
  doc["counts"] = counts_json(result, ctx);
  ojson stale = ojson::array();
  for (const BaselineEntry& e : ctx.stale) stale.push_back(entry_json(e));
  doc["baseline"] = {{"file", ctx.baseline_file}, {"suppressed", ctx.suppressed}, {"stale", stale}};
  out << dump(doc, 2) << "\n";
}

// --- github ----------------------------------------------------------------------------------

std::string github_escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(const std::string& s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void write_github(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::valid_utf8;
  for (const Finding& f : result.findings) {
    if (ctx.quiet && !fails(f, ctx.fail_on)) continue;
    const char* command = f.severity == FindingSeverity::Error     ? "error"
                          : f.severity == FindingSeverity::Warning ? "warning"
                                                                   : "notice";
    std::vector<std::string> props;
    if (!f.file.empty()) props.push_back("file=" + github_escape_property(valid_utf8(f.file)));
    if (f.start.line) {
      SourcePos end = end_of(f);
      props.push_back("line=" + std::to_string(f.start.line));
      props.push_back("col=" + std::to_string(f.start.col));
      props.push_back("endLine=" + std::to_string(end.line));
      props.push_back("endColumn=" + std::to_string(end.col));
    }
    props.push_back("title=" + github_escape_property(valid_utf8(f.rule)));
    std::string message = f.message + "\nat #" + f.pointer;
    for (const RefHop& hop : f.ref_chain) message += "\nvia $ref at " + place(hop.file, hop.pos) + " #" + hop.pointer;
    for (const RelatedPlace& r : f.related) message += "\n" + related_text(r);
    out << "::" << command << " ";
    for (size_t i = 0; i < props.size(); ++i) out << (i ? "," : "") << props[i];
    out << "::" << github_escape_data(valid_utf8(message)) << "\n";
  }
}

void write_github_summary(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::markdown;
  constexpr size_t kMaxRows = 200;  // the step summary is capped at 1 MiB by GitHub
  SeverityCounts c = count_severities(result);
  size_t failing = count_failing(result, ctx.fail_on);
  out << "## apiref " << ctx.command << "\n\n";
  if (!c.total()) {
    out << (ctx.change_levels ? "No changes in " : "No findings in ") << plural(result.files.size(), "file", "files") << ".";
  } else {
    out << "**" << markdown(counts_phrase(c, ctx)) << "** in " << plural(result.files.size(), "file", "files") << "; "
        << failing << " at or above `--fail-on " << fail_on_name(ctx) << "`.";
  }
  if (ctx.suppressed) out << " " << plural(ctx.suppressed, "finding", "findings") << " suppressed by baseline.";
  out << "\n\n";
  if (c.total()) {
    std::map<std::string, std::pair<size_t, FindingSeverity>> rules;
    for (const Finding& f : result.findings) {
      auto& r = rules.emplace(f.rule, std::make_pair(size_t{0}, f.severity)).first->second;
      r.first++;
      r.second = std::max(r.second, f.severity);
    }
    out << "| rule | severity | findings |\n| --- | --- | ---: |\n";
    for (const auto& [rule, r] : rules)
      out << "| " << markdown(rule) << " | " << severity_label(ctx, r.second) << " | " << r.first << " |\n";
    out << "\n| location | severity | rule | message |\n| --- | --- | --- | --- |\n";
    size_t rows = 0;
    for (const Finding& f : result.findings) {
      if (rows++ == kMaxRows) break;
      out << "| " << markdown(place(f.file, f.start)) << " | " << severity_label(ctx, f.severity) << " | " << markdown(f.rule)
          << " | " << markdown(f.message) << " |\n";
    }
    if (result.findings.size() > kMaxRows)
      out << "\n… and " << (result.findings.size() - kMaxRows) << " more findings (see the job log).\n";
    out << "\n";
  }
  if (!ctx.stale.empty()) {
    out << plural(ctx.stale.size(), "stale baseline entry", "stale baseline entries")
        << " (no longer produced):\n\n";
    for (const BaselineEntry& e : ctx.stale)
      out << "- " << markdown(e.file + " #" + e.pointer + " " + e.rule) << "\n";
    out << "\n";
  }
}

// --- gitlab ----------------------------------------------------------------------------------

void write_gitlab(std::ostream& out, const CheckResult& result, const ReportContext&) {
  ojson issues = ojson::array();
  std::map<std::string, size_t> seen;  // GitLab needs a unique fingerprint per issue
  for (const Finding& f : result.findings) {
    const char* severity = f.severity == FindingSeverity::Error     ? "critical"
                           : f.severity == FindingSeverity::Warning ? "major"
                           : f.severity == FindingSeverity::Info    ? "minor"
                                                                    : "info";
    std::string fingerprint = f.fingerprint;
    size_t n = ++seen[fingerprint];
    if (n > 1) fingerprint += "-" + std::to_string(n);
    SourcePos end = end_of(f);
    ojson j = ojson::object();
    j["type"] = "issue";
    j["description"] = f.message;
    j["check_name"] = f.rule;
    j["fingerprint"] = fingerprint;
    j["severity"] = severity;
    j["location"] = {{"path", f.file},
                     {"lines", {{"begin", std::max<uint32_t>(f.start.line, 1)}, {"end", std::max<uint32_t>(end.line, 1)}}}};
    issues.push_back(std::move(j));
  }
  out << dump(issues, 2) << "\n";
}

// --- markdown --------------------------------------------------------------------------------

void write_markdown(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  using report_text::markdown;
  SeverityCounts c = count_severities(result);
  out << "# apiref " << ctx.command << "\n\n";
  if (!c.total())
    out << "No findings in " << plural(result.files.size(), "file", "files") << ".\n";
  else
    out << markdown(counts_phrase(c, ctx)) << " in " << plural(result.files.size(), "file", "files") << "; "
        << count_failing(result, ctx.fail_on) << " at or above `--fail-on " << fail_on_name(ctx) << "`.\n";
  if (ctx.suppressed) out << "\n" << plural(ctx.suppressed, "finding", "findings") << " suppressed by baseline.\n";
  const std::string* current = nullptr;
  for (const Finding& f : result.findings) {
    if (!current || *current != f.file) {
      current = &f.file;
      out << "\n## " << markdown(f.file.empty() ? "<input>" : f.file) << "\n\n"
          << "| line:col | severity | rule | message | pointer |\n| --- | --- | --- | --- | --- |\n";
    }
    out << "| " << position(f.start) << " | " << severity_label(ctx, f.severity) << " | " << markdown(f.rule) << " | "
        << markdown(f.message) << " | " << markdown("#" + f.pointer) << " |\n";
  }
  if (!ctx.stale.empty()) {
    out << "\n## Stale baseline entries\n\n";
    for (const BaselineEntry& e : ctx.stale)
      out << "- " << markdown(e.file + " #" + e.pointer + " " + e.rule + " " + e.fingerprint) << "\n";
  }
}

// --- dispatch --------------------------------------------------------------------------------

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> names = {"stylish", "json", "sarif", "github", "junit", "gitlab", "markdown"};
  return names;
}

bool write_report(const std::string& format, std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  if (format == "stylish") write_stylish(out, result, ctx);
  else if (format == "json") write_json(out, result, ctx);
  else if (format == "sarif") write_sarif(out, result, ctx);
  else if (format == "github") write_github(out, result, ctx);
  else if (format == "junit") write_junit(out, result, ctx);
  else if (format == "gitlab") write_gitlab(out, result, ctx);
  else if (format == "markdown" && ctx.change_levels) write_diff_markdown(out, result, ctx);
  else if (format == "markdown") write_markdown(out, result, ctx);
  else return false;
  return true;
}

// --- baseline --------------------------------------------------------------------------------

std::vector<BaselineEntry> baseline_entries(const CheckResult& result) {
  std::vector<BaselineEntry> entries;
  for (const Finding& f : result.findings) entries.push_back({f.rule, f.file, f.pointer, f.fingerprint});
  return entries;
}

std::string baseline_to_json(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.file, a.pointer, a.rule, a.fingerprint) < std::tie(b.file, b.pointer, b.rule, b.fingerprint);
  });
  std::string out = "{\n  \"version\": 1,\n  \"tool\": \"apiref\",\n  \"entries\": [";
  for (size_t i = 0; i < entries.size(); ++i)
    out += std::string(i ? "," : "") + "\n    " + dump(entry_json(entries[i]), -1);
  out += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

bool parse_baseline(const std::string& text, std::vector<BaselineEntry>& entries, std::string& error) {
  entries.clear();
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    error = "not valid JSON";
    return false;
  }
  if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array()) {
    error = "expected an object with an \"entries\" array";
    return false;
  }
  if (doc.contains("version") && doc["version"] != 1) {
    error = "unsupported baseline version " + doc["version"].dump();
    return false;
  }
  size_t index = 0;
  for (const auto& e : doc["entries"]) {
    auto text_at = [&](const char* key) -> std::string {
      auto it = e.find(key);
      return it != e.end() && it->is_string() ? it->get<std::string>() : "";
    };
    if (!e.is_object() || !e.contains("fingerprint") || !e["fingerprint"].is_string() ||
        e["fingerprint"].get<std::string>().empty()) {
      error = "entry " + std::to_string(index) + " (#/entries/" + std::to_string(index) +
              ") has no \"fingerprint\" string";
      return false;
    }
    entries.push_back({text_at("rule"), text_at("file"), text_at("pointer"), text_at("fingerprint")});
    ++index;
  }
  return true;
}

namespace {
std::set<std::string> files_read(const CheckResult& result) {
  std::set<std::string> files(result.files.begin(), result.files.end());
  for (const Finding& f : result.findings) files.insert(f.file);
  return files;
}
}  // namespace

BaselineOutcome apply_baseline(CheckResult& result, const std::vector<BaselineEntry>& baseline,
                               const std::function<bool(const std::string& file)>& file_is_gone) {
  BaselineOutcome outcome;
  std::map<std::string, std::vector<size_t>> by_fingerprint;  // fingerprint -> unused entries
  for (size_t i = 0; i < baseline.size(); ++i) by_fingerprint[baseline[i].fingerprint].push_back(i);
  std::vector<bool> used(baseline.size(), false);
  std::set<std::string> read = files_read(result);
  std::vector<Finding> kept;
  kept.reserve(result.findings.size());
  for (Finding& f : result.findings) {
    auto it = by_fingerprint.find(f.fingerprint);
    if (!f.fingerprint.empty() && it != by_fingerprint.end() && !it->second.empty()) {
      used[it->second.back()] = true;
      it->second.pop_back();
      outcome.suppressed++;
    } else {
      kept.push_back(std::move(f));
    }
  }
  result.findings = std::move(kept);
  for (size_t i = 0; i < baseline.size(); ++i) {
    if (used[i]) continue;
    const BaselineEntry& e = baseline[i];
    if (read.count(e.file) || (file_is_gone && file_is_gone(e.file))) outcome.stale.push_back(e);
  }
  return outcome;
}

std::vector<BaselineEntry> updated_baseline(const CheckResult& result, const std::vector<BaselineEntry>& old) {
  std::set<std::string> read = files_read(result);
  std::vector<BaselineEntry> entries = baseline_entries(result);
  for (const BaselineEntry& e : old)
    if (!read.count(e.file)) entries.push_back(e);
  return entries;
}

}  // namespace apiref
