// apiref build: the site, written into a staging folder as it is rendered and swapped into
// place only once everything succeeded.
#include <filesystem>
#include <iomanip>

#include "cli/cli.h"
#include "host/host.h"
#include "write/host_output.h"
#include "write/output.h"

namespace apiref::cli {

namespace {

HostCommit host_commit(const HostOptions& host, const std::string& format) {
  HostCommit c;
  c.roots = host_roots(host);
  c.manifest = manifest_path(host);
  c.format = format;
  return c;
}

// The revision apiref.yaml's `changes: {since: REV}` names, "" for none (or for a single
// description, or a project file that cannot be read: the build reports that itself).
std::string configured_changes_since(const std::string& input) {
  std::string project = project_file_for(input);
  std::error_code ec;
  if (project.empty() || !std::filesystem::is_regular_file(project, ec)) return "";
  ProjectConfig config;
  Diagnostics ignored;
  return load_project_config(project, config, ignored) ? config.changes_since : "";
}

}  // namespace

int run_build(const BuildArgs& a) {
  StageClock phase(a.timings);
  // --changes-since REV: the input compared with itself at REV, as `apiref diff --base REV`
  // compares them, before anything is staged.
  Comparison compared;
  std::string since = a.changes_since.empty() ? configured_changes_since(a.input) : a.changes_since;
  if (!since.empty()) {
    if (!compare_versions("", a.input, {since, a.only, a.allow_outside_root}, compared)) return kUsage;
    if (compared.truncated) std::cerr << "apiref: warning: the schemas are too large to compare in full; some changes may be missing\n";
    phase("changes");
  }
  // Pages are written into a staging folder as they are rendered; the site replaces the
  // output folder only once everything succeeded (`staged` removes itself otherwise).
  StagedSite staged;
  std::string error;
  bool into_host = a.format == "hugo" || a.format == "jekyll";
  if (!(into_host ? begin_host_site(a.output, staged, error) : begin_site(a.output, staged, error))) {
    std::cerr << "apiref: " << error << "\n";
    return kUsage;
  }
  // One thread writes, the others render (see SiteWriter).
  SiteWriter writer(staged);
  FileSink sink = [&](SiteFile&& f) { return writer.add(std::move(f)); };
  // The parsed files are kept here, not freed with the build: the process ends without freeing
  // them (exit_without_teardown).
  DocumentCache documents;
  BuildHooks hooks;
  hooks.phase = [&phase](const char* name) { phase(name); };
  hooks.sink = &sink;
  BuildRequest request = request_for(a);
  if (!since.empty()) {
    request.changes = &compared.by_bundle;
    request.changes_since = since;
  }
  BuildOutcome site = build_site(request, {&documents, nullptr}, hooks);
  writer.finish();  // a failed write is in staged.failure, reported by commit_site
  if (site.status == BuildStatus::Unusable || site.status == BuildStatus::Unreadable) {
    print_failure(site, a, std::cerr);
    return site.status == BuildStatus::Unusable ? kUsage : kInputErrors;
  }
  write_build_log(std::cerr, site.findings, build_log_options(a, site));
  if (site.status == BuildStatus::Refused) {
    std::cerr << "apiref: not building a site from input with errors (strict); " << a.output << " is unchanged\n";
    return kInputErrors;
  }
  bool committed = into_host ? commit_host_site(staged, host_commit(site.host, a.format), error)
                             : commit_site(staged, site.asset_dirs, error);
  if (!committed) {
    std::cerr << "apiref: " << error << "; " << a.output << " is unchanged\n";
    return kUsage;
  }
  phase("write");
  double seconds = phase.seconds();
  std::cerr << "built " << a.output << ": " << writer.written() << " files, " << site.operations << " operations, "
            << site.schemas << " schemas in " << std::fixed << std::setprecision(2) << seconds << " s\n";
  return exit_without_teardown(kOk);
}

}  // namespace apiref::cli
