// The reference for coding assistants on real descriptions (render/markdown_twin.h,
// render/llms_txt.h), built as `apiref build` builds them: Meshery's project (two bundles, each
// with the auth its apiref.yaml says) and GitHub's description. Every operation, tag and schema
// page has its Markdown twin and links it; every twin is CommonMark that cmark-gfm reads back
// with its headings and without raw HTML; an operation twin's auth is the page's auth panel
// and its credential lines and curl are the page's curl; every link of llms.txt names a file of
// the site. GitHub's llms-full files are measured.
#include <doctest/doctest.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "build/build.h"
#include "write/output.h"
#include "test_util.h"

using namespace apiref;

namespace {

std::string html_unescape(std::string s) {
  static const std::pair<const char*, const char*> kRefs[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kRefs)
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += std::string_view(to).size())
      s.replace(at, std::string_view(from).size(), to);
  return s;
}

std::string strip_tags(const std::string& html) { return std::regex_replace(html, std::regex("<[^>]*>"), ""); }

// The twin read back as HTML by cmark-gfm with its default (safe) options: raw HTML would show
// as "<!-- raw HTML omitted -->".
std::string cmark_html(const std::string& markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "autolink", "strikethrough", "tasklist"})
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

// The site's pages, twins and llms files by path, kept from a build's sink.
std::map<std::string, std::string> build(const std::string& input) {
  BuildRequest request;
  request.input = input;
  request.snippet_languages = "curl";
  request.spec_gate = false;
  request.data_dir = APIREF_SOURCE_DIR;
  std::mutex mutex;
  std::map<std::string, std::string> files;
  FileSink sink = [&](SiteFile&& f) {
    bool page = f.path.find("/operations/") != std::string::npos || f.path.find("/tags/") != std::string::npos ||
                f.path.find("/schemas/") != std::string::npos;
    bool keep = f.path.rfind("llms", 0) == 0 || (page && (f.path.size() > 3 && f.path.compare(f.path.size() - 3, 3, ".md") == 0)) ||
                (page && f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".html") == 0);
    std::lock_guard<std::mutex> lock(mutex);
    files[f.path] = keep ? std::move(f.content) : std::string();
    return true;
  };
  BuildHooks hooks;
  hooks.sink = &sink;
  BuildOutcome o = build_site(request, {}, hooks);
  REQUIRE_MESSAGE(o.status == BuildStatus::Built, o.failure);
  return files;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "$NAME"s in `text`.
std::set<std::string> variables(const std::string& text) {
  std::set<std::string> out;
  static const std::regex var("\\$\\{?([A-Z_][A-Z0-9_]*)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), var); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
  return out;
}

// The fenced block under "## <heading>"'s first fence, or "".
std::string block_after(const std::string& md, const std::string& marker) {
  size_t at = md.find(marker);
  if (at == std::string::npos) return "";
  size_t open = md.find("```", at);
  size_t body = md.find('\n', open) + 1;
  size_t close = md.find("\n```", body);
  return md.substr(body, close + 1 - body);
}

// What an operation page's auth panel lists: each alternative's text.
std::vector<std::string> panel_alternatives(const std::string& html) {
  std::vector<std::string> out;
  size_t ul = html.find("<ul class=\"security\">");
  if (ul == std::string::npos) return out;
  size_t end = html.find("</ul>", ul);
  std::string list = html.substr(ul, end - ul);
  for (size_t li = list.find("<li>"); li != std::string::npos; li = list.find("<li>", li + 4)) {
    std::string item = html_unescape(strip_tags(list.substr(li, list.find("</li>", li) - li)));
    item = item.substr(0, item.find(" with scopes"));
    while (!item.empty() && item.back() == ' ') item.pop_back();
    out.push_back(item);
  }
  return out;
}

// What a twin's "## Authentication" lists: each alternative's text, links and escapes undone.
std::vector<std::string> twin_alternatives(const std::string& md) {
  std::vector<std::string> out;
  size_t at = md.find("## Authentication\n");
  size_t end = md.find("\n## ", at + 1);
  std::string section = md.substr(at, end - at);
  for (size_t li = section.find("\n- "); li != std::string::npos; li = section.find("\n- ", li + 1)) {
    std::string item = section.substr(li + 3, section.find('\n', li + 3) - li - 3);
    item = std::regex_replace(item, std::regex("\\[([^\\]]*)\\]\\([^)]*\\)"), "$1");
    item = std::regex_replace(item, std::regex("\\\\(.)"), "$1");
    item = item.substr(0, item.find(" (scopes:"));
    item = std::regex_replace(item, std::regex(", and "), " ");  // the panel lists a combination's schemes side by side
    out.push_back(item);
  }
  return out;
}

struct Measure {
  size_t pages = 0, twins = 0, full_bytes = 0, full_words = 0, full_files = 0;
};

Measure check_site(const std::map<std::string, std::string>& files) {
  Measure m;
  for (const auto& file : files) {
    const std::string& path = file.first;  // not a structured binding: REQUIRE_MESSAGE captures it
    const std::string& content = file.second;
    bool page = path.find("/operations/") != std::string::npos || path.find("/tags/") != std::string::npos ||
                path.find("/schemas/") != std::string::npos;
    if (!page || !ends_with(path, ".html") || ends_with(path, "/index.html")) continue;
    ++m.pages;
    std::string twin_path = path.substr(0, path.size() - 5) + ".md";
    auto twin = files.find(twin_path);
    REQUIRE_MESSAGE(twin != files.end(), "no twin of " << path);
    ++m.twins;
    std::string slug = twin_path.substr(twin_path.rfind('/') + 1);
    CHECK_MESSAGE(content.find("<link rel=\"alternate\" type=\"text/markdown\" href=\"" + slug + "\">") != std::string::npos,
                  path << " does not link its twin");
    const std::string& md = twin->second;
    std::string html = cmark_html(md);
    CHECK_MESSAGE(html.rfind("<h1>", 0) == 0, twin_path << " does not start with its heading");
    CHECK_MESSAGE(html.find("raw HTML omitted") == std::string::npos, twin_path << " has raw HTML");
    if (path.find("/operations/") == std::string::npos) continue;
    CHECK_MESSAGE(html.find("<h2>Authentication</h2>") != std::string::npos, twin_path);
    CHECK_MESSAGE(twin_alternatives(md) == panel_alternatives(content), twin_path);
    // The curl the page shows first, and the twin's.
    size_t code = content.find("<code class=\"language-curl\">");
    if (code == std::string::npos) continue;
    code += std::string_view("<code class=\"language-curl\">").size();
    std::string page_curl = html_unescape(content.substr(code, content.find("</code>", code) - code));
    std::string twin_curl = block_after(md, "## Example request");
    if (page_curl.empty() || page_curl.back() != '\n') page_curl += '\n';  // a fence ends on a line of its own
    CHECK_MESSAGE(twin_curl == page_curl, twin_path);
    std::string sent = block_after(md, "The example request sends:");
    CHECK_MESSAGE(variables(sent) == variables(page_curl), twin_path << ": sends " << sent << " but the curl is " << page_curl);
  }
  // Every link of llms.txt names a file of the site.
  auto llms = files.find("llms.txt");
  REQUIRE(llms != files.end());
  static const std::regex link("\\]\\(([^)]+)\\)");
  size_t links = 0;
  for (auto it = std::sregex_iterator(llms->second.begin(), llms->second.end(), link); it != std::sregex_iterator(); ++it) {
    std::string target = (*it)[1];
    CHECK_MESSAGE(files.count(target) == 1, "llms.txt links " << target);
    ++links;
  }
  CHECK(links > m.pages / 3);
  for (const auto& entry : files) {
    // Named, not bound: doctest's messages capture them in a lambda, which C++17 forbids for bindings.
    const auto& path = entry.first;
    const auto& content = entry.second;
    if (path.rfind("llms-full", 0) != 0) continue;
    ++m.full_files;
    m.full_bytes += content.size();
    bool space = true;
    for (char c : content) {
      bool is_space = c == ' ' || c == '\n' || c == '\t';
      if (space && !is_space) ++m.full_words;
      space = is_space;
    }
    CHECK_MESSAGE(llms->second.find("](" + path + ")") != std::string::npos, "llms.txt does not name " << path);
  }
  return m;
}

}  // namespace

TEST_CASE("markdown twins: Meshery's project, every page's twin, its auth and curl, llms.txt") {
  Measure m = check_site(build(apiref_test::source("examples/meshery/apiref.yaml")));
  CHECK(m.pages > 400);
  CHECK(m.full_files >= 1);
  MESSAGE("Meshery: " << m.twins << " twins; llms-full " << m.full_bytes << " bytes in " << m.full_files << " files");
}

TEST_CASE("markdown twins: GitHub's description, every page's twin, llms-full measured") {
  Measure m = check_site(build(apiref_test::corpus("github/api.github.com.json")));
  CHECK(m.pages > 2000);
  MESSAGE("GitHub: " << m.twins << " twins; llms-full " << m.full_bytes << " bytes (~" << m.full_bytes / 4 << " tokens at 4 bytes a token), "
                     << m.full_words << " words, in " << m.full_files << " files");
}
