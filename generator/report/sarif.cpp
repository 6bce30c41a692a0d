// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most IDE viewers read. One run; the
// fingerprint goes to partialFingerprints so that a viewer tracks a finding across commits even
// when its line moves; the JSON pointer is the logical location.
#include <map>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/text.h"

namespace apiref {

namespace {

using ojson = nlohmann::ordered_json;

const char* sarif_level(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::Error: return "error";
    case FindingSeverity::Warning: return "warning";
    case FindingSeverity::Info:
    case FindingSeverity::Hint: return "note";
  }
  return "error";
}

// A physicalLocation; the region only when the place has a position (SARIF lines and columns
// are 1-based, endColumn is one past the last character).
ojson physical_location(const std::string& file, SourcePos start, SourcePos end) {
  ojson loc = ojson::object();
  // Relative paths are relative to SRCROOT; a file outside it keeps its absolute file: URI.
  if (!file.empty() && file[0] == '/')
    loc["artifactLocation"] = {{"uri", "file://" + report_text::uri_path(file)}};
  else
    loc["artifactLocation"] = {{"uri", report_text::uri_path(file)}, {"uriBaseId", "SRCROOT"}};
  if (start.line && start.col) {
    if (!end.line || !end.col || end.line < start.line || (end.line == start.line && end.col < start.col))
      end = start;
    loc["region"] = {{"startLine", start.line},
                     {"startColumn", start.col},
                     {"endLine", end.line},
                     {"endColumn", end.col + 1}};
  }
  return loc;
}

}  // namespace

void write_sarif(std::ostream& out, const CheckResult& result, const ReportContext& ctx) {
  // The rules: every rule the caller describes plus any that fired without a description.
  std::map<std::string, std::string> rules = ctx.rule_summaries;
  for (const Finding& f : result.findings) rules.emplace(f.rule, "");
  std::map<std::string, size_t> rule_index;
  ojson rule_list = ojson::array();
  for (const auto& [id, summary] : rules) {
    rule_index[id] = rule_list.size();
    ojson r = ojson::object();
    r["id"] = id;
    r["shortDescription"] = {{"text", summary.empty() ? id : summary}};
    rule_list.push_back(std::move(r));
  }

  ojson results = ojson::array();
  for (const Finding& f : result.findings) {
    ojson r = ojson::object();
    r["ruleId"] = f.rule;
    r["ruleIndex"] = rule_index[f.rule];
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", f.message.empty() ? f.rule : f.message}};
    if (!f.file.empty()) {
      ojson location = ojson::object();
      location["physicalLocation"] = physical_location(f.file, f.start, f.end);
      ojson logical = ojson::object();
      logical["fullyQualifiedName"] = "#" + f.pointer;
      logical["kind"] = "object";
      location["logicalLocations"] = ojson::array();
      location["logicalLocations"].push_back(std::move(logical));
      r["locations"] = ojson::array();
      r["locations"].push_back(std::move(location));
    }
    if (!f.ref_chain.empty() || !f.related.empty()) {
      ojson related = ojson::array();
      for (size_t i = 0; i < f.ref_chain.size(); ++i) {
        const RefHop& hop = f.ref_chain[i];
        ojson rel = ojson::object();
        rel["id"] = i + 1;
        rel["physicalLocation"] = physical_location(hop.file, hop.pos, hop.pos);
        rel["message"] = {{"text", "reached through $ref " + std::to_string(i + 1) + " of " +
                                       std::to_string(f.ref_chain.size()) + " at #" + hop.pointer}};
        related.push_back(std::move(rel));
      }
      for (const RelatedPlace& place : f.related) {
        ojson rel = ojson::object();
        rel["id"] = related.size() + 1;
        rel["physicalLocation"] = physical_location(place.file, place.pos, place.pos);
        rel["message"] = {{"text", place.label + " at #" + place.pointer}};
        related.push_back(std::move(rel));
      }
      r["relatedLocations"] = std::move(related);
    }
    if (!f.fingerprint.empty()) r["partialFingerprints"] = {{"apirefFingerprint/v1", f.fingerprint}};
    r["properties"] = {{"jsonPointer", f.pointer}, {"severity", severity_label(ctx, f.severity)}};
    results.push_back(std::move(r));
  }

  ojson run = ojson::object();
  run["tool"] = {{"driver",
                  {{"name", "apiref"},
                   {"version", ctx.tool_version},
                   {"semanticVersion", ctx.tool_version},
                   {"rules", std::move(rule_list)}}}};
  if (!ctx.source_root_uri.empty()) run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", ctx.source_root_uri}}}};
  ojson invocation = ojson::object();
  invocation["executionSuccessful"] = true;
  run["invocations"] = ojson::array();
  run["invocations"].push_back(std::move(invocation));
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ojson stale = ojson::array();
  for (const BaselineEntry& e : ctx.stale)
    stale.push_back({{"rule", e.rule}, {"file", e.file}, {"pointer", e.pointer}, {"fingerprint", e.fingerprint}});
  run["properties"] = {{"suppressedByBaseline", ctx.suppressed}, {"staleBaselineEntries", std::move(stale)}};

  ojson log = ojson::object();
  log["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ojson::array();
  log["runs"].push_back(std::move(run));
  out << log.dump(2, ' ', false, ojson::error_handler_t::replace) << "\n";
}

}  // namespace apiref
