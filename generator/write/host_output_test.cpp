// Writing into a host site: only apiref's folders, the host's own files kept, a rebuild removes
// what it no longer makes (write/host_output.h).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "test_util.h"
#include "write/host_output.h"

using namespace apiref;
using apiref_test::TempDir;
using apiref_test::read_text;
namespace fs = std::filesystem;

namespace {

HostCommit hugo_commit() { return {{"content/api", "static/api", "data/api"}, "content/api/.apiref-manifest.json", "hugo"}; }

// One build: `files` staged and committed; false with `error` set when refused.
bool build(const TempDir& site, const std::vector<std::pair<std::string, std::string>>& files, std::string& error) {
  StagedSite staged;
  REQUIRE(begin_host_site(site.str(), staged, error));
  for (const auto& [path, content] : files) REQUIRE(stage_file(staged, SiteFile{path, content}));
  return commit_host_site(staged, hugo_commit(), error);
}

ino_t inode(const fs::path& p) {
  struct stat st{};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

// Every file below the site, relative, sorted.
std::vector<std::string> files_of(const TempDir& site) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(site.path()))
    if (e.is_regular_file()) out.push_back(e.path().lexically_relative(site.path()).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("host output: the first build writes its roots and keeps the host's files there") {
  TempDir site;
  site.write("config.toml", "baseURL = 'x'\n");
  site.write("content/about.md", "# About\n");
  std::string team = site.write("content/api/notes.md", "the team's own page\n");
  ino_t before = inode(team);
  std::string error;
  REQUIRE_MESSAGE(build(site, {{"content/api/_index.html", "overview"}, {"content/api/b/t/op.html", "op"},
                               {"static/api/assets/app.js", "js"}, {"data/api/b.json", "{}"}}, error), error);
  CHECK(read_text(site.str() + "/content/api/b/t/op.html") == "op");
  CHECK(read_text(site.str() + "/static/api/assets/app.js") == "js");
  CHECK(read_text(team) == "the team's own page\n");
  CHECK(inode(team) == before);  // the same file, not a copy
  CHECK(read_text(site.str() + "/content/about.md") == "# About\n");
  CHECK(read_host_manifest(site.str() + "/content/api/.apiref-manifest.json") ==
        std::vector<std::string>{"content/api/_index.html", "content/api/b/t/op.html", "data/api/b.json", "static/api/assets/app.js"});
  // No staging folder or old copy is left behind.
  for (const auto& e : fs::directory_iterator(site.path().parent_path()))
    CHECK(e.path().filename().string().find("." + site.path().filename().string() + ".tmp") != 0);
  for (const std::string& f : files_of(site)) CHECK(f.find(".apiref-old") == std::string::npos);
}

TEST_CASE("host output: a rebuild removes exactly the files the previous build wrote and this one did not") {
  TempDir site;
  site.write("content/about.md", "# About\n");
  std::string error;
  REQUIRE(build(site, {{"content/api/_index.html", "v1"}, {"content/api/b/t/a.html", "a"}, {"content/api/b/t/gone.html", "g"},
                       {"static/api/b/openapi.json", "{}"}, {"static/api/old.js", "old"}}, error));
  site.write("content/api/b/t/team.md", "added by hand between builds\n");
  std::vector<std::string> before = files_of(site);
  REQUIRE_MESSAGE(build(site, {{"content/api/_index.html", "v2"}, {"content/api/b/t/a.html", "a"}, {"static/api/b/openapi.json", "{}"}}, error),
                  error);
  std::vector<std::string> after = files_of(site);
  std::vector<std::string> removed;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(removed));
  CHECK(removed == std::vector<std::string>{"content/api/b/t/gone.html", "static/api/old.js"});
  CHECK(read_text(site.str() + "/content/api/_index.html") == "v2");
  CHECK(read_text(site.str() + "/content/api/b/t/team.md") == "added by hand between builds\n");
}

TEST_CASE("host output: a build that would overwrite a host file changes nothing") {
  TempDir site;
  site.write("content/api/_index.md", "the team's section page\n");
  site.write("static/api/logo.svg", "<svg/>");
  std::vector<std::string> before = files_of(site);
  std::string error;
  CHECK_FALSE(build(site, {{"content/api/_index.md", "ours"}, {"static/api/x.js", "x"}}, error));
  CHECK(error.find("content/api/_index.md") != std::string::npos);
  CHECK(error.find("site's own file") != std::string::npos);
  CHECK(files_of(site) == before);
  CHECK(read_text(site.str() + "/content/api/_index.md") == "the team's section page\n");
}

TEST_CASE("host output: a host that is not a folder, or a root that is a file, is refused") {
  TempDir site;
  StagedSite staged;
  std::string error;
  CHECK_FALSE(begin_host_site(site.str() + "/missing", staged, error));
  CHECK(error.find("existing site") != std::string::npos);
  site.write("static/api", "a file where a folder should be");
  CHECK_FALSE(build(site, {{"static/api/x.js", "x"}}, error));
  CHECK(error.find("is not a folder") != std::string::npos);
  CHECK(read_text(site.str() + "/static/api") == "a file where a folder should be");
}
