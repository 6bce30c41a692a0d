#include "write/output.h"

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "write/interrupt.h"

namespace apiref {

namespace fs = std::filesystem;

namespace {

int open_for_writing(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

// Writes all `size` bytes at `p` to `fd`; false (errno set) on an error.
bool write_all(int fd, const char* p, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool write_whole_file(int fd, const std::string& content) {
  if (!write_all(fd, content.data(), content.size())) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return false;
  }
  return ::close(fd) == 0;
}

// Copies the file `from`, which must still be as `stamp` says, into `fd` (closed either way).
// copy_file_range copies in the kernel, page cache to page cache; where it cannot (another
// file system on an old kernel, ...) read and write do. `error` says what went wrong.
bool copy_whole_file(const std::string& from, const FileStamp& stamp, int fd, std::string& error) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    error = "cannot read " + from + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  auto finish = [&](bool ok) {
    ::close(in);
    if (::close(fd) != 0 && ok) {
      error = std::strerror(errno);
      return false;
    }
    return ok;
  };
  // `stamp.size` bytes are copied, then the stamp is checked: a file edited before or during
  // the copy has another time (or size) by then.
  int64_t left = stamp.size;
  bool kernel_copy = true;
  char buffer[1 << 16];
  while (left > 0) {
    ssize_t n = -1;
    if (kernel_copy) {
      n = ::copy_file_range(in, nullptr, fd, nullptr, static_cast<size_t>(left), 0);
      if (n < 0 && (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP)) {
        kernel_copy = false;
        continue;
      }
    } else {
      n = ::read(in, buffer, sizeof buffer);
      if (n > 0 && !write_all(fd, buffer, static_cast<size_t>(n))) {
        error = std::strerror(errno);
        return finish(false);
      }
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      return finish(false);
    }
    if (n == 0) break;  // shorter than its stamp said: caught below
    left -= n;
  }
  if (left != 0 || !(stamp_of(from) == stamp)) {
    error = from + " changed while the site was built; build again";
    return finish(false);
  }
  return finish(true);
}

FileStamp stamp_as_read(const InputFile& f) { return FileStamp{f.size, f.mtime_ns}; }

// Whether a file's source is still as the build read it.
bool source_unchanged(const InputFile& f) { return f.size >= 0 && stamp_of(f.path) == stamp_as_read(f); }

bool record_failure(StagedSite& site, const std::string& message) {
  park_if_interrupted();
  std::lock_guard<std::mutex> lock(site.failure_mutex);
  if (site.failure.empty()) site.failure = message;
  return false;
}

}  // namespace

StagedSite::~StagedSite() {
  if (interrupt_id >= 0) forget_on_interrupt(interrupt_id);
  if (committed || staging.empty()) return;
  std::error_code ignore;
  fs::remove_all(staging, ignore);
}

namespace {

// What a build that was killed (Ctrl-C, kill -9, a crash) left beside the output folder: its
// staging folder, removed here, or, when it died between its two renames, the previous site
// moved aside while the output folder is missing, which is put back. Only folders of processes
// that no longer run are touched (another build into the same folder may be under way).
void recover_interrupted(const fs::path& target) {
  std::error_code ec;
  std::string prefix = "." + target.filename().string() + ".";
  for (const fs::directory_entry& e : fs::directory_iterator(target.parent_path(), ec)) {
    std::string name = e.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = name.substr(prefix.size());  // "tmp.<pid>" or "old.<pid>"
    bool staging = rest.rfind("tmp.", 0) == 0, previous = rest.rfind("old.", 0) == 0;
    std::string pid_text = rest.size() > 4 ? rest.substr(4) : "";
    if ((!staging && !previous) || pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos ||
        pid_text.size() > 9)
      continue;
    pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to ask)
    std::error_code ignore;
    if (previous && !fs::exists(target, ignore)) fs::rename(e.path(), target, ignore);
    else fs::remove_all(e.path(), ignore);
  }
}

}  // namespace

bool begin_site(const std::string& out_dir, StagedSite& site, std::string& error) {
  std::error_code ec;
  fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::string suffix = "." + std::to_string(getpid());
  site.target = target;
  site.staging = target.parent_path() / ("." + target.filename().string() + ".tmp" + suffix);
  site.old = target.parent_path() / ("." + target.filename().string() + ".old" + suffix);
  recover_interrupted(target);
  fs::remove_all(site.staging, ec);
  site.interrupt_id = remove_on_interrupt(site.staging.string());
  fs::create_directories(site.staging, ec);
  if (ec) {
    error = "cannot create " + site.staging.string() + ": " + ec.message();
    site.staging.clear();  // not ours to remove
    return false;
  }
  return true;
}

bool stage_file(StagedSite& site, const SiteFile& file) {
  {
    std::lock_guard<std::mutex> lock(site.failure_mutex);
    if (!site.failure.empty()) return false;
  }
  std::string path = (site.staging / file.path).string();
  // A site has few folders (operations/, tags/, ...), each made once, with one mkdir when its
  // parent exists, and never probed: on these disks a folder is dear (a mkdir took ~65 us, a
  // failed open and create_directories' stats more).
  size_t slash = file.path.rfind('/');
  std::string folder = slash == std::string::npos ? std::string() : file.path.substr(0, slash);
  bool known;
  {
    std::lock_guard<std::mutex> lock(site.folders_mutex);
    known = site.folders.count(folder) > 0;
  }
  if (!known) {
    if (interrupted()) return record_failure(site, "interrupted");
    fs::path dir = site.staging / folder;
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      std::error_code ec;  // a parent is missing too (or the mkdir failed): every level
      fs::create_directories(dir, ec);
      if (ec) return record_failure(site, "cannot create " + dir.string() + ": " + ec.message());
    }
    std::lock_guard<std::mutex> lock(site.folders_mutex);
    site.folders.insert(folder);
  }
  int fd = open_for_writing(path);
  if (fd < 0) return record_failure(site, "cannot write " + path + ": " + std::strerror(errno));
  if (!file.source.path.empty() && (!file.produce || source_unchanged(file.source))) {
    std::string error;
    if (!copy_whole_file(file.source.path, stamp_as_read(file.source), fd, error))
      return record_failure(site, "cannot write " + path + ": " + error);
    return true;
  }
  if (file.produce) {
    errno = 0;
    bool ok = file.produce([fd](std::string_view piece) { return write_all(fd, piece.data(), piece.size()); });
    int saved = errno;
    if (::close(fd) != 0 && ok) {
      saved = errno;
      ok = false;
    }
    if (!ok) return record_failure(site, "cannot write " + path + ": " + (saved ? std::strerror(saved) : "its content could not be made"));
    return true;
  }
  if (!write_whole_file(fd, file.content))
    return record_failure(site, "cannot write " + path + ": " + std::strerror(errno));
  return true;
}

SiteWriter::SiteWriter(StagedSite& site, size_t max_queued_bytes)
    : site_(site), max_queued_bytes_(max_queued_bytes), thread_([this] { run(); }) {}

SiteWriter::~SiteWriter() { finish(); }

bool SiteWriter::add(SiteFile&& file) {
  // A source still as read is copied by the writer thread; one that changed is made instead.
  if (!file.source.path.empty()) {
    if (source_unchanged(file.source)) file.produce = nullptr;
    else file.source = {};
  }
  if (file.produce) {
    // Made and written here, on the render worker handing it over: queued, its making would
    // hold up every page behind it on the writer thread. One file, so no folder contention.
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (failed_ || closing_) return false;
    }
    bool ok = stage_file(site_, file);  // a failure is kept in site_: the writer stops at it too
    std::lock_guard<std::mutex> lock(mutex_);
    if (!ok) {
      failed_ = true;
      return false;
    }
    ++written_;
    return true;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  // One file is always let in, however large (openapi.json), so that nothing waits forever.
  auto can_add = [&] { return failed_ || closing_ || queue_.empty() || queued_bytes_ < max_queued_bytes_; };
  if (!can_add()) {
    ++renderers_waiting_;
    has_room_.wait(lock, can_add);
    --renderers_waiting_;
  }
  if (failed_ || closing_) return false;
  queued_bytes_ += file.content.size();
  queue_.push_back(std::move(file));
  if (writer_waiting_ && batch_ready()) has_work_.notify_one();
  return true;
}

// The writer is woken for a batch, not for every page: each wake-up is a context switch.
bool SiteWriter::batch_ready() const {
  return closing_ || queue_.size() >= kBatchFiles || queued_bytes_ >= kBatchBytes || queued_bytes_ >= max_queued_bytes_;
}

void SiteWriter::run() {
  std::deque<SiteFile> batch;
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (!batch_ready()) {
      writer_waiting_ = true;
      has_work_.wait(lock, [&] { return batch_ready(); });
      writer_waiting_ = false;
    }
    if (queue_.empty()) return;  // closing, and everything written
    // Everything queued, written without the lock; the queue has room again once it is.
    batch.swap(queue_);
    lock.unlock();
    size_t bytes = 0, ok = 0;
    for (SiteFile& file : batch) {
      if (!stage_file(site_, file)) break;
      bytes += file.content.size();
      ++ok;
    }
    bool failed = ok < batch.size();
    batch.clear();  // freed outside the lock
    lock.lock();
    written_ += ok;
    if (failed) {
      failed_ = true;
      queue_.clear();
      queued_bytes_ = 0;
    } else {
      queued_bytes_ -= bytes;
    }
    if (renderers_waiting_) has_room_.notify_all();
  }
}

bool SiteWriter::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    has_work_.notify_one();
    has_room_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  return !failed_;
}

bool commit_site(StagedSite& site, const std::vector<std::string>& assets_dirs, std::string& error) {
  {
    std::lock_guard<std::mutex> lock(site.failure_mutex);
    if (!site.failure.empty()) {
      error = site.failure;
      return false;
    }
  }
  std::error_code ec;
  for (const std::string& dir : assets_dirs) {
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    fs::copy(dir, site.staging / "assets", fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) {
      error = "cannot copy assets from " + dir + ": " + ec.message();
      return false;
    }
  }
  // The two renames and the bookkeeping of what an interrupt removes, as one step for it.
  std::unique_lock<std::recursive_mutex> hold = hold_interrupts();
  bool had_old = fs::exists(site.target, ec);
  if (had_old) {
    fs::rename(site.target, site.old, ec);
    if (ec) {
      error = "cannot move the previous " + site.target.string() + " aside: " + ec.message();
      return false;
    }
  }
  fs::rename(site.staging, site.target, ec);
  if (ec) {
    std::error_code ignore;
    if (had_old) fs::rename(site.old, site.target, ignore);  // put the previous site back
    error = "cannot move the new site into " + site.target.string() + ": " + ec.message();
    return false;
  }
  site.committed = true;
  forget_on_interrupt(site.interrupt_id);
  site.interrupt_id = had_old ? remove_on_interrupt(site.old.string()) : -1;
  hold.unlock();
  if (had_old) fs::remove_all(site.old, ec);
  if (site.interrupt_id >= 0) forget_on_interrupt(site.interrupt_id);
  site.interrupt_id = -1;
  return true;
}

bool realise_in_memory(SiteFile& file) {
  if (!file.source.path.empty()) {
    std::string text;
    bool read = read_file_if_unchanged(file.source.path, stamp_as_read(file.source), text);
    file.source = {};
    if (read) {
      file.content = std::move(text);
      file.produce = nullptr;
      return true;
    }
  }
  if (!file.produce) return true;
  std::string text;
  bool ok = file.produce([&text](std::string_view piece) {
    text.append(piece);
    return true;
  });
  file.produce = nullptr;
  file.content = std::move(text);
  return ok;
}

}  // namespace apiref
