#include "write/host_output.h"

#include "write/interrupt.h"

#include <algorithm>
#include <cerrno>
#include <set>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "text/file.h"

namespace apiref {

namespace fs = std::filesystem;

namespace {

// Every file below `dir` (not folders), as '/'-separated paths relative to `base`.
void list_files(const fs::path& dir, const fs::path& base, std::vector<std::string>& out, std::vector<std::string>* folders,
                std::error_code& ec) {
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    fs::file_status st = it->symlink_status(ec);
    if (ec) return;
    std::string rel = it->path().lexically_relative(base).generic_string();
    if (fs::is_directory(st)) {
      if (folders) folders->push_back(rel);
    } else {
      out.push_back(rel);
    }
  }
}

// Puts the host's file `from` at `to`: a hard link (the same bytes, the same inode), else a
// copy (another file system, or links not allowed). Symbolic links stay links.
bool keep_file(const fs::path& from, const fs::path& to, std::error_code& ec) {
  fs::create_directories(to.parent_path(), ec);
  if (ec) return false;
  if (fs::is_symlink(fs::symlink_status(from, ec))) {
    fs::copy_symlink(from, to, ec);
    return !ec;
  }
  fs::create_hard_link(from, to, ec);
  if (!ec) return true;
  ec.clear();
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  return !ec;
}

fs::path aside_path(const fs::path& root) {
  return root.parent_path() / ("." + root.filename().string() + ".apiref-old." + std::to_string(getpid()));
}

}  // namespace

bool begin_host_site(const std::string& site_root, StagedSite& site, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(site_root, ec)) {
    error = site_root + " is not a folder: --format hugo and jekyll write into an existing site";
    return false;
  }
  return begin_site(site_root, site, error);
}

std::vector<std::string> read_host_manifest(const std::string& manifest_file) {
  std::string text;
  std::vector<std::string> files;
  if (!text::read_file(manifest_file, text)) return files;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) return files;
  for (const auto& f : j["files"])
    if (f.is_string()) files.push_back(f.get<std::string>());
  return files;
}

bool commit_host_site(StagedSite& site, const HostCommit& commit, std::string& error) {
  {
    std::lock_guard<std::mutex> lock(site.failure_mutex);
    if (!site.failure.empty()) {
      error = site.failure;
      return false;
    }
  }
  std::error_code ec;
  std::vector<std::string> made;
  list_files(site.staging, site.staging, made, nullptr, ec);
  if (ec) {
    error = "cannot list " + site.staging.string() + ": " + ec.message();
    return false;
  }
  std::sort(made.begin(), made.end());
  // What the previous build wrote: replaced or removed. Everything else below the roots is the
  // host's, kept. Without a manifest (a first build) every file there is the host's.
  std::vector<std::string> previous = read_host_manifest((site.target / commit.manifest).string());
  std::set<std::string> ours(previous.begin(), previous.end());
  ours.insert(commit.manifest);
  for (const std::string& root : commit.roots) {
    fs::path existing = site.target / root;
    fs::file_status status = fs::symlink_status(existing, ec);
    ec.clear();
    if (!fs::exists(status)) continue;
    if (!fs::is_directory(status)) {
      error = existing.string() + " is not a folder; apiref writes its pages into that folder";
      return false;
    }
    std::vector<std::string> files, folders;
    list_files(existing, site.target, files, &folders, ec);
    if (ec) {
      error = "cannot list " + existing.string() + ": " + ec.message();
      return false;
    }
    for (const std::string& folder : folders) fs::create_directories(site.staging / folder, ec);
    for (const std::string& f : files) {
      if (ours.count(f)) continue;
      if (std::binary_search(made.begin(), made.end(), f)) {
        error = (site.target / f).string() + " is the site's own file (no apiref build wrote it) and apiref would replace it; " +
                "move it, or build into another section";
        return false;
      }
      if (!keep_file(existing.string() + f.substr(root.size()), site.staging / f, ec)) {
        error = "cannot keep " + (site.target / f).string() + ": " + ec.message();
        return false;
      }
    }
  }
  nlohmann::json manifest = {{"generator", "apiref"}, {"format", commit.format}, {"roots", commit.roots}, {"files", made}};
  {
    SiteFile m{commit.manifest, manifest.dump(1) + "\n"};
    if (!stage_file(site, m)) {
      error = site.failure;
      return false;
    }
  }
  // Each root in two renames; a failure puts back every root already swapped. An interrupt
  // waits for all of them (write/interrupt.h).
  std::unique_lock<std::recursive_mutex> hold = hold_interrupts();
  std::vector<std::pair<fs::path, bool>> swapped;  // root, had an old copy
  auto roll_back = [&] {
    std::error_code ignore;
    for (auto it = swapped.rbegin(); it != swapped.rend(); ++it) {
      fs::rename(it->first, site.staging / it->first.lexically_relative(site.target), ignore);
      if (it->second) fs::rename(aside_path(it->first), it->first, ignore);
    }
  };
  for (const std::string& root : commit.roots) {
    fs::path target = site.target / root, staged = site.staging / root;
    std::error_code ignore;  // a missing folder is not an error here
    bool had_old = fs::exists(fs::symlink_status(target, ignore));
    fs::create_directories(staged, ec);
    if (!ec) fs::create_directories(target.parent_path(), ec);
    if (!ec && had_old) fs::rename(target, aside_path(target), ec);
    if (!ec) fs::rename(staged, target, ec);
    if (ec) {
      if (had_old && !fs::exists(target, ignore)) fs::rename(aside_path(target), target, ignore);
      roll_back();
      error = "cannot move the new " + target.string() + " into place: " + ec.message();
      return false;
    }
    swapped.emplace_back(target, had_old);
  }
  site.committed = true;
  std::vector<int> asides;  // the previous roots, removed by an interrupt from here on too
  for (const auto& [target, had_old] : swapped)
    if (had_old) asides.push_back(remove_on_interrupt(aside_path(target).string()));
  hold.unlock();
  for (const auto& [target, had_old] : swapped)
    if (had_old) fs::remove_all(aside_path(target), ec);
  for (int id : asides) forget_on_interrupt(id);
  fs::remove_all(site.staging, ec);
  return true;
}

}  // namespace apiref
