// Two versions of an input compared bundle by bundle: what `apiref diff` reports and what
// `apiref build --changes-since` shows. With a base revision the old version is the input as it
// was at that revision, read with `git show` into a temporary folder: the working tree is not
// touched.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "diff/diff.h"
#include "text/file.h"
#include "write/interrupt.h"

namespace apiref::cli {

namespace fs = std::filesystem;

namespace {

// What a child process printed and how it ended.
struct ChildRun {
  std::string out;
  std::string err;
  bool ran = false;  // started and exited with 0
  std::string failure;  // why it could not be started, or how it ended badly
};

// Runs `argv` (argv[0] looked up on PATH) with no shell in between, so that a revision or a
// path is one argument whatever characters it holds, and collects its standard output and
// error. The child must not inherit what apiref did to its own signals: apiref blocks SIGINT,
// SIGTERM and SIGHUP in every thread (a thread of its own takes them, write/interrupt.h) and
// ignores SIGXFSZ. A child started with that mask would ignore the user's Ctrl-C and then die
// of SIGPIPE once apiref had gone. So the child starts with an empty mask and those signals at
// their default, except a SIGHUP that nohup made apiref ignore: the child keeps ignoring it.
ChildRun run_child(const std::vector<std::string>& argv) {
  ChildRun r;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return r.failure = std::strerror(errno), r;
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    r.failure = std::strerror(errno);
    ::close(out_pipe[0]), ::close(out_pipe[1]);
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGXFSZ}) sigaddset(&defaults, sig);
  struct sigaction hup {};
  if (::sigaction(SIGHUP, nullptr, &hup) == 0 && hup.sa_handler != SIG_IGN) sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int started = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (started != 0) {
    ::close(out_pipe[0]), ::close(err_pipe[0]);
    r.failure = "cannot run " + argv[0] + ": " + std::strerror(started);
    return r;
  }
  // Both pipes at once: a child that fills one while we wait on the other would never end.
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buffer[1 << 16];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    r.ran = WEXITSTATUS(status) == 0;
    if (!r.ran) r.failure = argv[0] + " exited with " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    r.failure = argv[0] + " was killed by signal " + std::to_string(WTERMSIG(status));
  }
  return r;
}

// The first line git wrote to its standard error ("fatal: ..."), or why it did not run.
std::string git_said(const ChildRun& r) {
  std::string line = r.err.substr(0, r.err.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line.empty() ? r.failure : line;
}

// Runs git with `args`, its standard output into `out`; false when it fails, with what git
// said in `said`.
bool git(const std::vector<std::string>& args, std::string& out, std::string* said = nullptr) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildRun r = run_child(argv);
  out = std::move(r.out);
  if (!r.ran && said) *said = git_said(r);
  return r.ran;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

bool described(const std::string& name) {
  for (const char* ext : {".yaml", ".yml", ".json"})
    if (ends_with(name, ext)) return true;
  return false;
}

// The input as it was at a revision: its files written under a temporary folder, at the
// places they have in the repository.
struct Snapshot {
  std::string dir;    // the temporary folder ("" when none was made)
  std::string input;  // the input, in there
  std::string repo;   // the repository's root
  std::string rev;
  int interrupt_id = -1;  // the folder is removed if apiref is interrupted meanwhile
};

// Fills `snap` for `input` at `rev`: the description files under the input's folder at that
// revision, and those files the current input reads from elsewhere in the repository.
bool snapshot_at(const std::string& input, const std::string& rev, const std::vector<std::string>& also_read,
                 Snapshot& snap, std::string& failure) {
  std::string out, said;
  // git would read "-..." as an option (ls-tree takes the revision on its own).
  if (rev.empty() || rev[0] == '-') return failure = "--base " + rev + ": not a revision", false;
  if (!git({"rev-parse", "--show-toplevel"}, out, &said))
    return failure = "--base needs a git repository (" + said + ")", false;
  snap.repo = fs::weakly_canonical(trimmed(out)).string();
  snap.rev = rev;
  if (!git({"-C", snap.repo, "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, out))
    return failure = "--base " + rev + ": no such revision", false;
  std::string project = project_file_for(input);
  fs::path target = fs::weakly_canonical(fs::absolute(project.empty() ? input : project));
  fs::path folder = target.parent_path();
  fs::path rel_folder = folder.lexically_relative(snap.repo);
  if (rel_folder.empty() || *rel_folder.begin() == "..")
    return failure = "--base: " + input + " is outside the repository " + snap.repo, false;
  std::vector<std::string> files;
  if (!git({"-C", snap.repo, "ls-tree", "-r", "--name-only", rev, "--", rel_folder.generic_string() == "." ? "." : rel_folder.generic_string()},
           out, &said))
    return failure = "--base: cannot list the files at " + rev + " (" + said + ")", false;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string name = out.substr(start, end - start);
    if (described(name)) files.push_back(name);
    start = end + 1;
  }
  for (const std::string& f : also_read) {
    fs::path rel = fs::path(f).lexically_relative(snap.repo);
    if (!rel.empty() && *rel.begin() != "..") files.push_back(rel.generic_string());
  }
  char tmpl[] = "/tmp/apiref-diff-XXXXXX";
  if (!mkdtemp(tmpl)) return failure = "cannot make a temporary folder", false;
  snap.dir = tmpl;
  snap.interrupt_id = remove_on_interrupt(snap.dir);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  for (const std::string& f : files) {
    std::string contents;
    if (!git({"-C", snap.repo, "show", rev + ":" + f}, contents)) continue;  // not there at rev
    fs::path dest = fs::path(snap.dir) / f;
    std::error_code ec;
    fs::create_directories(dest.parent_path(), ec);
    if (!write_atomically(dest.string(), contents)) return failure = "cannot write " + dest.string(), false;
  }
  // A project folder (or none given: the current one) may have no apiref.yaml: the folder.
  bool folder_input = !project.empty() && (input.empty() || fs::is_directory(input));
  fs::path rel = (folder_input ? folder : target).lexically_relative(snap.repo);
  snap.input = (fs::path(snap.dir) / rel).lexically_normal().string();
  return true;
}

// One side: its bundles and their models.
struct Side {
  LoadedInput in;
  std::vector<ApiModel> models;
};

bool load_side(const std::string& input, const CompareOptions& o, Side& side, const std::string& what) {
  BundleOptions options;
  options.allow_outside_root = o.allow_outside_root;
  side.in = load_input(input, options, o.only);
  if (!side.in.usable) {
    if (side.in.failure.empty()) print_diagnostics(side.in.result.diagnostics, true);
    else std::cerr << side.in.failure << "\n";
    std::cerr << "apiref: cannot read the " << what << " version\n";
    return false;
  }
  if (input_lost(side.in.result.diagnostics)) {
    print_diagnostics(side.in.result.diagnostics, true);
    std::cerr << "apiref: the " << what << " version has files that cannot be read; nothing compared\n";
    return false;
  }
  side.models = build_models(side.in);
  return true;
}

// How locations name a bundle's document: a single description's file, or a project bundle's
// base document (whose positions are not the bundle's: it is made of many files). A file of a
// --base snapshot is named as git names it, "path@REV".
std::string shown_file(const std::string& absolute, const Snapshot* snap) {
  std::error_code ec;
  if (snap && !snap->dir.empty()) {
    fs::path rel = fs::path(absolute).lexically_relative(snap->dir);
    if (!rel.empty() && *rel.begin() != "..") {
      fs::path in_repo = fs::path(snap->repo) / rel;
      fs::path here = in_repo.lexically_relative(fs::current_path(ec));
      return (here.empty() ? in_repo : here).generic_string() + "@" + snap->rev;
    }
  }
  fs::path p = fs::absolute(absolute, ec);
  fs::path here = p.lexically_normal().lexically_relative(fs::current_path(ec));
  return here.empty() || *here.begin() == ".." ? p.generic_string() : here.generic_string();
}

DiffSide side_of(const Side& s, size_t i, const std::string& input, const Snapshot* snap) {
  DiffSide d;
  d.model = &s.models[i];
  if (s.in.project) {
    const BundleSpec* spec = find_bundle_spec(s.in.config, s.in.result.bundles[i].name);
    std::string base = spec ? spec->base : s.in.config.description;
    d.file = shown_file(base.empty() ? s.in.config.file : base, snap);
    d.positions = false;
  } else {
    d.file = shown_file(input, snap);
  }
  // Each node at its place in the file it came from (a construct, a referenced file).
  d.origins = &s.in.result.bundles[i].origins;
  auto names = std::make_shared<std::map<std::string, std::string>>();
  d.file_name = [names, snap](const std::string& absolute) {
    auto it = names->find(absolute);
    return it != names->end() ? it->second : names->emplace(absolute, shown_file(absolute, snap)).first->second;
  };
  return d;
}

}  // namespace

bool compare_versions(const std::string& old_input_arg, const std::string& new_input, const CompareOptions& o,
                      Comparison& out) {
  std::string old_input = old_input_arg;
  Side now, before;
  if (!load_side(new_input, o, now, "new")) return false;
  Snapshot snap;
  if (!o.base.empty()) {
    std::string failure;
    std::vector<std::string> read = now.in.result.files;
    if (now.in.project && !now.in.config.file.empty()) read.push_back(fs::absolute(now.in.config.file).string());
    bool ok = snapshot_at(new_input, o.base, read, snap, failure);
    if (ok) ok = load_side(snap.input, o, before, "old (" + o.base + ")");
    else std::cerr << "apiref: " << failure << "\n";
    std::error_code ec;
    if (!snap.dir.empty()) fs::remove_all(snap.dir, ec);  // the models hold what they need
    if (snap.interrupt_id >= 0) forget_on_interrupt(snap.interrupt_id);
    if (!ok) return false;
    old_input = snap.input;
  } else if (!load_side(old_input, o, before, "old")) {
    return false;
  }
  const Snapshot* old_snap = o.base.empty() ? nullptr : &snap;

  // Bundles by name; two single descriptions are one bundle whatever their files are called.
  auto& ob = before.in.result.bundles;
  auto& nb = now.in.result.bundles;
  bool single = ob.size() == 1 && nb.size() == 1;
  for (size_t i = 0; i < ob.size(); ++i) {
    size_t j = 0;
    while (j < nb.size() && !single && nb[j].name != ob[i].name) ++j;
    DiffSide os = side_of(before, i, old_input, old_snap);
    if (j == nb.size()) {
      out.all.push_back(bundle_change(ob[i].name, true, {os.file, "", {}}, {}));
      continue;
    }
    DiffSide ns = side_of(now, j, new_input, nullptr);
    out.files.push_back(os.file);
    out.files.push_back(ns.file);
    DiffResult r = diff_models(os, ns);
    out.truncated = out.truncated || r.truncated;
    std::vector<Change>& mine = out.by_bundle[nb[j].name];
    mine = r.changes;
    for (Change& c : r.changes) {
      if (!single && ob.size() + nb.size() > 2) c.message = "[" + nb[j].name + "] " + c.message;
      out.all.push_back(std::move(c));
    }
  }
  for (size_t j = 0; j < nb.size() && !single; ++j) {
    bool known = false;
    for (const BundleOutput& b : ob) known = known || b.name == nb[j].name;
    if (!known) {
      out.all.push_back(bundle_change(nb[j].name, false, {}, {side_of(now, j, new_input, nullptr).file, "", {}}));
      out.added_bundles.push_back(nb[j].name);
    }
  }
  return true;
}

}  // namespace apiref::cli
