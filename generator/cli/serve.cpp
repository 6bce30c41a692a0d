// apiref serve: the site in memory, served and rebuilt on every save (apiref-serve), or, in
// `apiref` itself, the program that does so.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <unistd.h>

#include "cli/cli.h"
#include "serve/serve.h"
#include "write/output.h"

namespace apiref::cli {

namespace fs = std::filesystem;

#ifdef APIREF_SERVER
// Parsed files are kept between builds, so a save parses only the files it changed.
int run_serve_command(const ServeArgs& s, char** /*argv*/) {
  DocumentCache cache;
  RenderMemo memo;
  const BuildArgs& a = s.build;
  BuildRequest request = request_for(a);
  // serve does not run the spec check (it would reread every file on each save): what it
  // reports is what the loader, bundler and model found.
  request.spec_gate = false;
  std::string config_file, templates_dir = a.templates.empty() ? "" : normalise_path(a.templates);
  SiteBuilder builder = [&](const std::vector<std::string>& changed) {
    for (const std::string& f : changed) {
      cache.forget(f);
      // Page keys cover the descriptions; the project file and the templates touch every page.
      if (f == config_file || (!templates_dir.empty() && path_is_within(f, templates_dir))) memo.clear();
    }
    std::ostringstream log, timings;
    auto phase_start = std::chrono::steady_clock::now();
    BuildHooks hooks;
    hooks.phase = [&](const char* name) {
      auto now = std::chrono::steady_clock::now();
      timings << (timings.tellp() > 0 ? ", " : "") << name << " " << std::fixed << std::setprecision(0)
              << std::chrono::duration<double, std::milli>(now - phase_start).count() << " ms";
      phase_start = now;
    };
    std::vector<std::string> servers;
    hooks.models = [&](const std::vector<const ApiModel*>& models) { servers = declared_server_urls(models); };
    BuildOutcome r = build_site(request, {&cache, &memo}, hooks);
    config_file = r.config_file;
    SiteSnapshot snap;
    snap.ok = r.status == BuildStatus::Built || r.status == BuildStatus::Refused;
    std::string failure = r.failure;
    if (snap.ok) {
      write_build_log(log, r.findings, build_log_options(a, r));
      if (r.status == BuildStatus::Refused) {
        snap.ok = false;
        failure = "apiref: input with errors (strict)";
      }
    } else {
      print_failure(r, a, log);
    }
    if (snap.ok) {
      timings << ", " << memo.rendered << " pages rendered, " << memo.unchanged.size() << " unchanged";
      snap.unchanged = memo.unchanged;
    } else {
      memo.clear();  // serve keeps the last good site, which this memo no longer describes
    }
    snap.log = log.str();
    if (!snap.ok)
      for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Severity::Error) snap.errors += format_diagnostic(d) + "\n";
    // The failure line speaks of an output folder; serve has none, so only when it is all there is.
    if (!snap.ok && snap.errors.empty() && !failure.empty()) snap.errors = failure + "\n";
    if (!snap.ok && snap.errors.empty()) snap.errors = snap.log;
    for (SiteFile& f : r.files) realise_in_memory(f);  // while r.sources holds what they read
    snap.files = std::move(r.files);
    snap.asset_dirs = r.asset_dirs;
    snap.watch = r.inputs;
    if (!r.config_file.empty()) snap.watch.push_back(r.config_file);
    if (!r.constructs_dir.empty()) snap.watch.push_back(r.constructs_dir);
    if (!a.templates.empty()) snap.watch.push_back(normalise_path(a.templates));
    snap.proxy_allow = servers;
    snap.proxy_allow.insert(snap.proxy_allow.end(), r.proxy_allow.begin(), r.proxy_allow.end());
    snap.config_allow = r.proxy_allow;
    snap.timings = timings.str();
    return snap;
  };
  ServeOptions options;
  options.host = s.host;
  options.port = s.port;
  options.proxy = s.proxy;
  options.open_allow = s.open_allow;
  return serve(options, builder);
}
#else
// `apiref serve` runs apiref-serve, the same program built with the HTTP server, from the
// folder this binary is in. The server's libraries (cpp-httplib, and through it OpenSSL, zlib
// and brotli) cost every run of every command 5 to 15 ms of CPU and 7 to 35 ms of wall time to
// load and start (`apiref --version`: 15.8 -> 8.6 ms on an idle machine, 54 -> 18 ms on a busy
// one), a few percent of a GitHub build and most of a small `apiref check`. Only serve needs them.
int run_serve_command(const ServeArgs& /*args*/, char** argv) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  fs::path server = (ec ? fs::path(argv[0]) : self).parent_path() / "apiref-serve";
  std::string path = server.string();
  argv[0] = path.data();
  ::execv(path.c_str(), argv);
  std::cerr << "apiref: serve runs " << path << ", which could not be started: " << std::strerror(errno)
            << " (it is built beside apiref: cmake --build build)\n";
  return kUsage;
}
#endif

}  // namespace apiref::cli
