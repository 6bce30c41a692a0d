#include "write/output.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace apiref {

namespace fs = std::filesystem;

namespace {

bool write_whole_file(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace

bool write_site(const std::string& out_dir, const std::vector<SiteFile>& files,
                const std::vector<std::string>& assets_dirs, std::string& error) {
  std::error_code ec;
  fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::string suffix = "." + std::to_string(getpid());
  fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp" + suffix);
  fs::path old = target.parent_path() / ("." + target.filename().string() + ".old" + suffix);
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) {
    error = "cannot create " + tmp.string() + ": " + ec.message();
    return false;
  }
  auto fail = [&](const std::string& msg) {
    error = msg;
    std::error_code ignore;
    fs::remove_all(tmp, ignore);
    return false;
  };
  // Folders first, each once (create_directories per file stats every component of the
  // path again: thousands of pages share a handful of parents).
  std::set<std::string> folders;
  for (const SiteFile& f : files) {
    size_t slash = f.path.rfind('/');
    if (slash != std::string::npos) folders.insert(f.path.substr(0, slash));
  }
  for (const std::string& folder : folders) {
    fs::create_directories(tmp / folder, ec);
    if (ec) return fail("cannot create " + (tmp / folder).string() + ": " + ec.message());
  }
  // Files by two writers: most of the time is the file system's, which overlaps well.
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::string failure;
  auto writer = [&] {
    for (size_t i; (i = next++) < files.size();) {
      std::string path = (tmp / files[i].path).string();
      if (!write_whole_file(path, files[i].content)) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (failure.empty()) failure = "cannot write " + path + ": " + std::strerror(errno);
        return;
      }
    }
  };
  std::thread second(writer);
  writer();
  second.join();
  if (!failure.empty()) return fail(failure);
  // Later folders override earlier ones file by file (built-in assets, then the user's).
  for (const std::string& dir : assets_dirs) {
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    fs::copy(dir, tmp / "assets", fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) return fail("cannot copy assets from " + dir + ": " + ec.message());
  }
  bool had_old = fs::exists(target, ec);
  if (had_old) {
    fs::rename(target, old, ec);
    if (ec) return fail("cannot move the previous " + target.string() + " aside: " + ec.message());
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    if (had_old) fs::rename(old, target, ignore);  // put the previous site back
    return fail("cannot move the new site into " + target.string() + ": " + ec.message());
  }
  if (had_old) fs::remove_all(old, ec);
  return true;
}

}  // namespace apiref
