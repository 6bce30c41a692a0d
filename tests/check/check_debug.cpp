// Debug driver for the check engine while `apiref check` (report branch) is not merged:
// prints findings as "file:line:col severity rule message [pointer]" and counts per rule.
//   check_debug [--config apiref.yaml] [--profile P] [--counts] [files...]
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "check/check.h"

int main(int argc, char** argv) {
  apiref::CheckOptions o;
  bool counts = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--config") && i + 1 < argc) o.config_path = argv[++i];
    else if (!std::strcmp(argv[i], "--profile") && i + 1 < argc) o.profile = argv[++i];
    else if (!std::strcmp(argv[i], "--counts")) counts = true;
    else if (!std::strcmp(argv[i], "--quiet")) quiet = true;
    else o.inputs.push_back(argv[i]);
  }
  apiref::CheckResult r;
  std::string err;
  if (!apiref::run_check(o, r, err)) {
    std::fprintf(stderr, "fatal: %s\n", err.c_str());
    return 2;
  }
  std::map<std::string, std::map<std::string, int>> per;
  for (const apiref::Finding& f : r.findings) {
    per[f.rule][apiref::finding_severity_name(f.severity)]++;
    if (quiet) continue;
    std::printf("%s:%u:%u %s %s %s [%s]", f.file.c_str(), f.start.line, f.start.col,
                apiref::finding_severity_name(f.severity), f.rule.c_str(), f.message.c_str(),
                f.pointer.c_str());
    for (const apiref::RefHop& h : f.ref_chain) std::printf(" <- %s:%u:%u", h.file.c_str(), h.pos.line, h.pos.col);
    std::printf("\n");
  }
  if (counts) {
    for (const auto& [rule, sev] : per) {
      std::printf("%-34s", rule.c_str());
      for (const auto& [s, n] : sev) std::printf(" %s=%d", s.c_str(), n);
      std::printf("\n");
    }
    std::printf("total %zu findings, %zu files\n", r.findings.size(), r.files.size());
  }
  return 0;
}
