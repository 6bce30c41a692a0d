// What the commands share: printing diagnostics and failures, writing a file, exiting.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "text/percent.h"
#include "write/interrupt.h"

namespace apiref::cli {

namespace fs = std::filesystem;

void print_diagnostics(const Diagnostics& diags, bool quiet, std::ostream& log) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diags) {
    (d.severity == Severity::Error ? errors : warnings)++;
    if (quiet && d.severity != Severity::Error) continue;
    log << format_diagnostic(d) << "\n";
  }
  if (errors || warnings) {
    log << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning\n" : " warnings\n");
  }
}

BuildRequest request_for(const BuildArgs& a) {
  BuildRequest r;
  r.input = a.input;
  r.only = a.only;
  r.root = a.root;
  r.allow_outside_root = a.allow_outside_root;
  r.templates = a.templates;
  r.snippet_languages = a.snippet_languages;
  r.strict = a.strict;
  r.output = a.output;
  r.format = a.format;
  r.section = a.section;
  r.content_dir = a.content_dir;
  r.data_dir = data_dir();
  return r;
}

// Where the built-in templates/, site/, playground/ and pinned Swagger UI are: APIREF_DATA_DIR
// when set; else installed beside the program (<prefix>/bin/apiref and <prefix>/share/apiref,
// as the Debian package lays them out), found from the program's own path so that a package
// unpacked anywhere works; else the source tree this binary was built from.
std::string data_dir() {
  if (const char* env = std::getenv("APIREF_DATA_DIR")) return env;
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed = self.parent_path().parent_path() / "share" / "apiref";
    if (std::filesystem::is_directory(installed / "templates", ec)) return installed.string();
  }
  return APIREF_DATA_DIR;
}

BuildLogOptions build_log_options(const BuildArgs& a, const BuildOutcome& outcome) {
  BuildLogOptions o;
  o.strict = outcome.strict;
  o.quiet = a.quiet;
  o.verbose = a.verbose;
  return o;
}

void print_failure(const BuildOutcome& outcome, const BuildArgs& a, std::ostream& log) {
  if (outcome.status == BuildStatus::Unreadable) {
    // The findings that stopped it, as a build that went on prints them; nothing was built.
    BuildLogOptions o = build_log_options(a, outcome);
    o.strict = true;
    write_build_log(log, outcome.findings, o);
  } else if (outcome.failure.empty()) {
    print_diagnostics(outcome.diagnostics, false, log);  // apiref.yaml's
  }
  if (!outcome.failure.empty()) log << outcome.failure << "\n";
}

bool write_atomically(const std::string& path, const std::string& contents, std::string* why) {
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  // Removed by an interrupt (SIGINT, SIGTERM) as well as by a failure: the target is either
  // what it was or the whole new text.
  int interrupt_id = remove_on_interrupt(tmp);
  auto fail = [&](int err) {
    park_if_interrupted();
    if (why) *why = std::strerror(err);
    std::error_code ignore;
    fs::remove(tmp, ignore);
    forget_on_interrupt(interrupt_id);
    return false;
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail(errno);
  for (size_t done = 0; done < contents.size();) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      return fail(err);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return fail(errno);
  {
    std::unique_lock<std::recursive_mutex> hold = hold_interrupts();
    fs::rename(tmp, target, ec);
    if (ec) return fail(ec.value());
    forget_on_interrupt(interrupt_id);
  }
  return true;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The parsed tree, the model and the render caches are hundreds of thousands of allocations,
// and freeing them one by one only to exit took ~10 ms of a 0.37 s build of GitHub's
// description, and 4% of checking it (the kernel takes the whole address space back at once).
// Sanitizer builds return normally instead, so that LeakSanitizer still checks these paths.
void StageClock::operator()(const char* stage) {
  auto now = Clock::now();
  if (print_)
    std::cerr << "  " << stage << ": " << std::fixed << std::setprecision(3)
              << std::chrono::duration<double>(now - stage_started_).count() << " s\n";
  stage_started_ = now;
}

double StageClock::seconds() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }

int exit_without_teardown(int code) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  _exit(code);
#endif
}

std::string file_uri(const std::string& dir) {
  std::string out = "file://" + text::percent_encode(dir, "/");
  if (out.back() != '/') out += '/';
  return out;
}

bool parse_report_outputs(const std::vector<std::string>& specs, std::vector<ReportOutput>& outputs) {
  size_t to_stdout = 0;
  for (const std::string& spec : specs) {
    size_t eq = spec.find('=');
    ReportOutput out{spec.substr(0, eq), eq == std::string::npos ? "" : spec.substr(eq + 1)};
    const auto& known = report_formats();
    if (std::find(known.begin(), known.end(), out.format) == known.end()) {
      std::cerr << "apiref: unknown format '" << out.format << "' (stylish, json, sarif, github, junit, gitlab, markdown)\n";
      return false;
    }
    if (out.path == "-") out.path.clear();
    to_stdout += out.path.empty();
    outputs.push_back(out);
  }
  if (outputs.empty()) outputs.push_back({"stylish", ""}), to_stdout = 1;
  if (to_stdout > 1) {
    std::cerr << "apiref: only one --format may write to standard output; give the others a file (F=path)\n";
    return false;
  }
  return true;
}

int write_report_outputs(const std::vector<ReportOutput>& outputs, const CheckResult& result, const ReportContext& ctx) {
  // Quiet: stylish leaves out what does not fail itself (and its summary when nothing does);
  // the other formats get only the failing findings.
  CheckResult failing;
  if (ctx.quiet) failing = failing_only(result, ctx.fail_on);
  std::vector<std::string> written;
  for (const ReportOutput& out : outputs) {
    const CheckResult& shown = ctx.quiet && out.format != "stylish" ? failing : result;
    if (out.path.empty()) {
      ReportContext c = ctx;
      c.color = out.format == "stylish" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
      write_report(out.format, std::cout, shown, c);
      std::cout.flush();
      if (!std::cout) return kUsage;
    } else {
      std::ostringstream text;
      write_report(out.format, text, shown, ctx);
      if (!write_atomically(out.path, text.str())) {
        std::cerr << "apiref: cannot write " << out.path << "\n";
        return kUsage;
      }
      written.push_back(out.path);
    }
    // GitHub Actions: the annotations go to the log, a markdown summary to the job's page.
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (out.format == "github" && summary && *summary) {
      std::ofstream s(summary, std::ios::app | std::ios::binary);
      if (ctx.change_levels)
        write_diff_markdown(s, result, ctx);
      else
        write_github_summary(s, result, ctx);
      if (!s) std::cerr << "apiref: cannot append to GITHUB_STEP_SUMMARY " << summary << "\n";
    }
  }
  // Every report went to a file: a failing CI job's log still says why.
  if (written.size() == outputs.size()) std::cerr << summary_line(result, ctx, written) << "\n";
  return kOk;
}

}  // namespace apiref::cli
