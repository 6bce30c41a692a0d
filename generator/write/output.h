// Write stage: a whole output folder, atomically. Everything is written into a staging folder
// beside the target, which then replaces the target in two renames, so a failed or
// interrupted build leaves the previous site untouched and a reader never sees half a site.
// It is also where each kind of SiteFile content (render/site_file.h) is turned into bytes:
// on disk here, in memory for serve (realise_in_memory).
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <string>
#include <vector>

#include "render/site_file.h"

namespace apiref {

// A site being written. Files are staged as the render makes them (from any thread), so
// writing overlaps rendering and the site is never held whole in memory; commit_site() swaps
// the staging folder in. A StagedSite destroyed before its commit removes what it staged.
struct StagedSite {
  std::filesystem::path target;   // the output folder
  std::filesystem::path staging;  // .<name>.tmp.<pid> beside it
  std::filesystem::path old;      // .<name>.old.<pid>: the previous site during the swap
  bool committed = false;
  int interrupt_id = -1;  // `staging` removed on SIGINT/SIGTERM (write/interrupt.h)
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

// Writes one file into the staging folder (creating its folders), whatever its kind: text, made
// by its producer, or its source copied (made by its producer when the source changed).
// Thread-safe. False when it or an earlier file could not be written (site.failure says why).
bool stage_file(StagedSite& site, const SiteFile& file);

// One thread that writes the files handed to it, in order, into a staged site. The render
// workers hand their pages over rather than write them: a folder's entries are created under
// the folder's lock, and on ext4 a second thread creating files in the same folder (every
// operation page is in operations/) spins on that lock while the first allocates its inode.
// That spinning was 5 to 10% of a GitHub build's CPU, on a 2-core machine whose other core
// had pages to render. The queue is bounded (in bytes): a slow disk slows the render down
// rather than filling memory.
class SiteWriter {
 public:
  explicit SiteWriter(StagedSite& site, size_t max_queued_bytes = size_t{4} << 20);
  ~SiteWriter();  // finish()es
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  // Queues a file, from any thread; waits while the queue is full. A file made in pieces
  // (SiteFile::produce, and a source that changed) is not queued: it is made and written on
  // the calling thread. False once a file could not be written (site.failure says why).
  bool add(SiteFile&& file);
  // Writes what is queued, then stops the thread. False when any file could not be written.
  bool finish();
  size_t written() const { return written_; }

 private:
  void run();
  bool batch_ready() const;  // with mutex_ held
  static constexpr size_t kBatchFiles = 16;
  static constexpr size_t kBatchBytes = size_t{1} << 20;

  StagedSite& site_;
  size_t max_queued_bytes_;
  std::mutex mutex_;
  // Signalled only when someone waits: a wake-up is a system call, and a site is thousands
  // of files.
  std::condition_variable has_work_;  // the writer waits for files (or closing)
  std::condition_variable has_room_;  // renderers wait for room in the queue
  bool writer_waiting_ = false;
  size_t renderers_waiting_ = 0;
  std::deque<SiteFile> queue_;
  size_t queued_bytes_ = 0;
  bool closing_ = false;
  bool failed_ = false;
  size_t written_ = 0;  // under mutex_; read after finish()
  std::thread thread_;
};

// Copies every file below each of `assets_dirs` (later ones override earlier ones) into
// assets/, then replaces the target with the staging folder. False with `error` set on
// failure (including an earlier stage_file failure); the old folder stays.
bool commit_site(StagedSite& site, const std::vector<std::string>& assets_dirs, std::string& error);

// Turns `file` into text, as serve keeps files in memory: a source read while it is unchanged
// (else made by its producer), a producer's pieces joined. False when the producer fails.
bool realise_in_memory(SiteFile& file);

}  // namespace apiref
