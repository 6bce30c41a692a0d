#include "write/output.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace apiref {

namespace fs = std::filesystem;

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
  for (const SiteFile& f : files) {
    fs::path p = tmp / f.path;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << f.content;
    out.close();
    if (!out) return fail("cannot write " + p.string());
  }
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
