// The write stage: a site is staged beside the output folder, file by file from several
// threads, and replaces the output folder only on commit; a failure or an abandoned build
// leaves the previous site as it was and no staging folder behind.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "load/load.h"
#include "test_util.h"
#include "write/output.h"

using namespace apiref;
using apiref_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every entry below `dir`, relative, sorted: what a reader of the folder sees.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

// A whole site in one go: the previous one to replace, or a build that finds debris.
bool write_site(const std::string& out_dir, const std::vector<SiteFile>& files, std::string& error) {
  StagedSite site;
  if (!begin_site(out_dir, site, error)) return false;
  for (const SiteFile& f : files) stage_file(site, f);
  return commit_site(site, {}, error);
}

std::vector<std::string> hidden_siblings(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind('.', 0) == 0) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("write: files staged from several threads replace the previous site on commit") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  REQUIRE(write_site(out.string(), {{"index.html", "old"}, {"gone/index.html", "old page"}}, error));

  StagedSite site;
  REQUIRE(begin_site(out.string(), site, error));
  // 4 threads, 2,000 pages in 500 folders shared between threads: folders are made on first
  // use by whichever thread gets there first.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&site, t] {
      for (int i = t; i < 2000; i += 4) {
        std::string folder = "operations/op-" + std::to_string(i % 500) + "/";
        CHECK(stage_file(site, {folder + "page-" + std::to_string(i) + ".html", "page " + std::to_string(i)}));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(stage_file(site, {"index.html", "new"}));
  CHECK(fs::exists(out / "gone/index.html"));  // not yet: the old site is served until commit
  TempDir assets;
  assets.write("style.css", "body{}");
  REQUIRE(commit_site(site, {assets.str()}, error));
  CHECK(slurp(out / "index.html") == "new");
  CHECK(slurp(out / "operations/op-7/page-1507.html") == "page 1507");
  CHECK(slurp(out / "assets/style.css") == "body{}");
  CHECK_FALSE(fs::exists(out / "gone"));
  CHECK(listing(out).size() == 1 + 500 + 2000 + 1 + 1 + 1);  // index, folders, pages, operations/, assets/, css
  CHECK(hidden_siblings(tmp.path()).empty());
}

TEST_CASE("write: SiteWriter writes what several threads hand it, with a bounded queue") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  StagedSite site;
  REQUIRE(begin_site(out.string(), site, error));
  {
    // A queue of 64 bytes: render threads wait for the writer most of the time, and a file
    // larger than the whole queue (a bundled description) still goes through.
    SiteWriter writer(site, 64);
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&writer, t] {
        for (int i = t; i < 900; i += 3)
          CHECK(writer.add({"operations/op-" + std::to_string(i) + ".html", "page " + std::to_string(i)}));
      });
    }
    CHECK(writer.add({"openapi.json", std::string(100000, 'j')}));
    for (std::thread& th : threads) th.join();
    CHECK(writer.finish());
    CHECK(writer.written() == 901);
    CHECK_FALSE(writer.add({"late.html", "after finish"}));  // refused, not lost silently
  }
  REQUIRE(commit_site(site, {}, error));
  CHECK(slurp(out / "operations/op-899.html") == "page 899");
  CHECK(slurp(out / "openapi.json").size() == 100000);
  CHECK(listing(out).size() == 1 + 900 + 1);
  CHECK_FALSE(fs::exists(out / "late.html"));
}

TEST_CASE("write: SiteWriter stops at the first file it cannot write, and the commit says why") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  StagedSite site;
  REQUIRE(begin_site(out.string(), site, error));
  SiteWriter writer(site);
  CHECK(writer.add({"a.html", "a"}));
  // A file where a folder must go: "a.html/b.html" cannot be made.
  writer.add({"a.html/b.html", "b"});
  CHECK_FALSE(writer.finish());
  CHECK_FALSE(writer.add({"c.html", "c"}));
  CHECK(writer.written() == 1);
  CHECK_FALSE(commit_site(site, {}, error));
  CHECK(error.find("a.html") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("write: a file made in pieces is written as made, on the thread that hands it over, a failed one fails the build") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  StagedSite site;
  REQUIRE(begin_site(out.string(), site, error));
  SiteWriter writer(site);
  CHECK(writer.add({"a.html", "a"}));
  std::string want;
  for (int i = 0; i < 3000; ++i) want += "piece " + std::to_string(i) + "\n";
  SiteFile big;
  big.path = "bundle/openapi.yaml";
  std::thread::id made_on;
  big.produce = [&](const std::function<bool(std::string_view)>& write) {
    made_on = std::this_thread::get_id();
    for (size_t at = 0; at < want.size(); at += 1000)
      if (!write(std::string_view(want).substr(at, 1000))) return false;
    return true;
  };
  CHECK(writer.add(std::move(big)));
  CHECK(made_on == std::this_thread::get_id());
  CHECK(writer.add({"b.html", "b"}));
  CHECK(writer.finish());
  CHECK(writer.written() == 3);
  REQUIRE(commit_site(site, {}, error));
  CHECK(slurp(out / "bundle/openapi.yaml") == want);
  CHECK(slurp(out / "a.html") == "a");

  // A maker that fails: the build fails, the previous site stays.
  StagedSite again;
  REQUIRE(begin_site(out.string(), again, error));
  SiteWriter writer2(again);
  SiteFile broken;
  broken.path = "bundle/openapi.yaml";
  broken.produce = [](const std::function<bool(std::string_view)>& write) { return write("half") && false; };
  CHECK_FALSE(writer2.add(std::move(broken)));
  CHECK_FALSE(writer2.add({"c.html", "c"}));
  CHECK_FALSE(writer2.finish());
  CHECK_FALSE(commit_site(again, {}, error));
  CHECK(error.find("openapi.yaml") != std::string::npos);
  CHECK(slurp(out / "bundle/openapi.yaml") == want);
  CHECK_FALSE(fs::exists(out / "c.html"));
}

TEST_CASE("write: a file to copy is copied byte for byte, one changed since its stamp fails the build") {
  TempDir tmp;
  // Larger than any one copy_file_range call may copy, with every byte value.
  std::string bytes;
  for (size_t i = 0; i < (size_t{5} << 20) + 123; ++i) bytes.push_back(static_cast<char>((i * 7919) & 0xff));
  fs::path source = tmp.path() / "api.json";
  std::ofstream(source, std::ios::binary) << bytes;
  FileStamp stamp = stamp_of(source.string());
  REQUIRE(stamp.size == static_cast<int64_t>(bytes.size()));
  InputFile as_read{source.string(), stamp.size, stamp.mtime_ns};

  SUBCASE("unchanged: the site's file is the source's bytes") {
    fs::path out = tmp.path() / "site";
    std::string error;
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    SiteWriter writer(site);
    CHECK(writer.add({"b/openapi.json", "", as_read}));
    CHECK(writer.add({"b/index.html", "page"}));
    CHECK(writer.finish());
    REQUIRE(commit_site(site, {}, error));
    CHECK(slurp(out / "b/openapi.json") == bytes);
    CHECK(slurp(out / "b/index.html") == "page");
  }
  SUBCASE("changed since the stamp (same size, a later time): nothing is replaced, the error says so") {
    fs::path out = tmp.path() / "site";
    std::string error;
    REQUIRE(write_site(out.string(), {{"index.html", "previous"}}, error));
    fs::last_write_time(source, fs::last_write_time(source) + std::chrono::seconds(5));
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    CHECK_FALSE(stage_file(site, {"b/openapi.json", "", as_read}));
    CHECK_FALSE(commit_site(site, {}, error));
    CHECK(error.find("b/openapi.json") != std::string::npos);
    CHECK(error.find("changed while the site was built") != std::string::npos);
    CHECK(slurp(out / "index.html") == "previous");
  }
  SUBCASE("changed before it is copied, with a producer: the producer makes it, on disk and in memory") {
    fs::last_write_time(source, fs::last_write_time(source) + std::chrono::seconds(5));
    SiteFile f{"b/openapi.json", "", as_read, [](const std::function<bool(std::string_view)>& write) {
                 return write("{") && write("}");
               }};
    fs::path out = tmp.path() / "site";
    std::string error;
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    SiteWriter writer(site);
    CHECK(writer.add(SiteFile(f)));
    CHECK(writer.finish());
    REQUIRE(commit_site(site, {}, error));
    CHECK(slurp(out / "b/openapi.json") == "{}");
    SiteFile in_memory = f;
    CHECK(realise_in_memory(in_memory));
    CHECK(in_memory.content == "{}");
  }
  SUBCASE("unchanged, in memory: the source's bytes, not the producer's") {
    SiteFile f{"b/openapi.json", "", as_read, [](const std::function<bool(std::string_view)>& write) { return write("{}"); }};
    CHECK(realise_in_memory(f));
    CHECK(f.content == bytes);
    CHECK_FALSE(f.produce);
  }
  SUBCASE("gone: the error names it") {
    fs::path out = tmp.path() / "site";
    std::string error;
    fs::remove(source);
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    CHECK_FALSE(stage_file(site, {"openapi.json", "", as_read}));
    CHECK_FALSE(commit_site(site, {}, error));
    CHECK(error.find(source.string()) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("write: a build that fails or is abandoned leaves the previous site and no staging folder") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  REQUIRE(write_site(out.string(), {{"index.html", "old"}, {"a/index.html", "old a"}}, error));
  auto before = listing(out);

  SUBCASE("abandoned after staging some files (the spec gate refused the description)") {
    {
      StagedSite site;
      REQUIRE(begin_site(out.string(), site, error));
      CHECK(stage_file(site, {"index.html", "new"}));
      CHECK(stage_file(site, {"b/index.html", "new b"}));
      CHECK(hidden_siblings(tmp.path()).size() == 1);
    }
    CHECK(hidden_siblings(tmp.path()).empty());
  }
  SUBCASE("a file that cannot be written: later files are refused and commit reports the first error") {
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    CHECK(stage_file(site, {"x", "a file"}));
    CHECK_FALSE(stage_file(site, {"x/index.html", "under a file"}));  // ENOTDIR
    CHECK_FALSE(stage_file(site, {"fine.html", "refused after a failure"}));
    CHECK_FALSE(commit_site(site, {}, error));
    CHECK(error.find("x/index.html") != std::string::npos);
  }
  SUBCASE("an assets folder that cannot be copied") {
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    CHECK(stage_file(site, {"assets", "a file where the assets folder goes"}));
    TempDir assets;
    assets.write("app.js", "1");
    CHECK_FALSE(commit_site(site, {assets.str()}, error));
    CHECK(error.find("cannot copy assets") != std::string::npos);
  }
  CHECK(listing(out) == before);
  CHECK(slurp(out / "index.html") == "old");
  CHECK(hidden_siblings(tmp.path()).empty());
}

TEST_CASE("write: an output folder that cannot be made is an error naming it") {
  TempDir tmp;
  tmp.write("file", "not a folder");
  StagedSite site;
  std::string error;
  CHECK_FALSE(begin_site((tmp.path() / "file" / "site").string(), site, error));
  CHECK(error.find("cannot create") != std::string::npos);
  CHECK(error.find("file") != std::string::npos);
}

namespace {
// The PID of a process that has ended: what a killed build's folders are named after.
pid_t ended_pid() {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  int status = 0;
  waitpid(pid, &status, 0);
  return pid;
}
}  // namespace

TEST_CASE("write: what a killed build left beside the output is cleaned up by the next build") {
  TempDir tmp;
  fs::path out = tmp.path() / "site";
  std::string error;
  REQUIRE(write_site(out.string(), {{"index.html", "v1"}}, error));
  std::string dead = std::to_string(ended_pid());
  std::string alive = std::to_string(getppid());  // a running process: its folders stay

  SUBCASE("a staging folder of a build killed while rendering is removed") {
    tmp.write(".site.tmp." + dead + "/index.html", "half a site");
    tmp.write(".site.tmp." + alive + "/index.html", "another build, still running");
    tmp.write(".sitex.tmp." + dead + "/index.html", "another output folder's");
    REQUIRE(write_site(out.string(), {{"index.html", "v2"}}, error));
    CHECK(slurp(out / "index.html") == "v2");
    CHECK(hidden_siblings(tmp.path()) ==
          std::vector<std::string>{".site.tmp." + alive, ".sitex.tmp." + dead});
  }
  SUBCASE("a build killed between its two renames: the previous site is put back first") {
    fs::rename(out, tmp.path() / (".site.old." + dead));
    StagedSite site;
    REQUIRE(begin_site(out.string(), site, error));
    CHECK(slurp(out / "index.html") == "v1");  // served again even if this build fails
    CHECK(stage_file(site, {"index.html", "v3"}));
    REQUIRE(commit_site(site, {}, error));
    CHECK(slurp(out / "index.html") == "v3");
    CHECK(hidden_siblings(tmp.path()).empty());
  }
}
