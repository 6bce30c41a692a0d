// Write stage: a whole output folder, atomically. Everything is written into a staging folder
// beside the target, which then replaces the target in two renames, so a failed or
// interrupted build leaves the previous site untouched and a reader never sees half a site.
#pragma once

#include <filesystem>
#include <mutex>
#include <unordered_set>
#include <string>
#include <vector>

#include "render/site.h"

namespace apiref {

// A site being written. Files are staged as the render makes them (from any thread), so
// writing overlaps rendering and the site is never held whole in memory; commit_site() swaps
// the staging folder in. A StagedSite destroyed before its commit removes what it staged.
struct StagedSite {
  std::filesystem::path target;   // the output folder
  std::filesystem::path staging;  // .<name>.tmp.<pid> beside it
  std::filesystem::path old;      // .<name>.old.<pid>: the previous site during the swap
  bool committed = false;
  std::mutex failure_mutex;
  std::string failure;  // the first write error; once set, nothing more is staged
  // Folders below `staging` known to exist (relative, "" for staging itself): a page's folder
  // is made once, by whichever writer gets there first, without a failed open or a stat.
  std::mutex folders_mutex;
  std::unordered_set<std::string> folders{""};

  StagedSite() = default;
  StagedSite(const StagedSite&) = delete;
  StagedSite& operator=(const StagedSite&) = delete;
  ~StagedSite();
};

// Creates the staging folder for `out_dir`. False with `error` set when it cannot.
bool begin_site(const std::string& out_dir, StagedSite& site, std::string& error);

// Writes one file into the staging folder (creating its folders). Thread-safe. False when it
// or an earlier file could not be written (site.failure says why).
bool stage_file(StagedSite& site, const SiteFile& file);

// Copies every file below each of `assets_dirs` (later ones override earlier ones) into
// assets/, then replaces the target with the staging folder. False with `error` set on
// failure (including an earlier stage_file failure); the old folder stays.
bool commit_site(StagedSite& site, const std::vector<std::string>& assets_dirs, std::string& error);

}  // namespace apiref
