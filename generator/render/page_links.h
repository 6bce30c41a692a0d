// Links between the site's pages: to the site's root, in a tag's sidebar script, and in the
// sitemap that lists them for search engines.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/model.h"
#include "render/changes.h"

namespace apiref {

// Where each page of a bundle is, relative to the site's root. A page per operation, tag and
// schema is a file, and every link names a file (index.html included): the site then works
// from disk (file://) and on any static host, and a build makes no folder per page. On ext4 a
// folder is an inode and a block: GitHub's 2,249 page folders were ~40% of the build's
// file-system time.
inline std::string operation_page_path(const std::string& bundle, const Operation& o) { return bundle + "/operations/" + o.slug + ".html"; }
inline std::string tag_page_path(const std::string& bundle, const Tag& t) { return bundle + "/tags/" + t.slug + ".html"; }
inline std::string tag_script_path(const std::string& bundle, const Tag& t) { return bundle + "/tags/" + t.slug + ".nav.js"; }
inline std::string schema_page_path(const std::string& bundle, const SchemaComponent& s) { return bundle + "/schemas/" + s.slug + ".html"; }
inline std::string bundle_page_path(const std::string& bundle) { return bundle + "/index.html"; }
inline std::string schemas_page_path(const std::string& bundle) { return bundle + "/schemas/index.html"; }

// Each operation's first tag and its place there, and the tags of each name: what an operation
// page's breadcrumbs, neighbours and tag links look up, rather than scanning every tag's list.
struct TagIndex {
  std::vector<std::pair<int, size_t>> of_operation;  // operation -> its first tag (-1: none), its place there
  std::unordered_map<std::string, std::vector<size_t>> by_name;  // tag name -> the tags of that name
};
TagIndex index_tags(const ApiModel& model);

// "../" once per folder level of a page, so links work wherever the site is published.
std::string root_of(const std::string& page_path);

// The shortest link from the page at `page_path` to the page `target` ("b/tags/x.html"): from
// b/operations/a.html to b/operations/c.html is "c.html", not "../../b/operations/c.html".
// The sidebar repeats a hundred such links on every page of a large tag, so this is a third of
// its bytes.
std::string relative_href(const std::string& page_path, const std::string& target);

// "/docs/api/" for base_url https://example.com/docs/api; "/" without a base URL.
std::string site_path(const std::string& base_url);

// <bundle>/tags/<tag>.nav.js: the tag's operations for the sidebar of its operation pages,
// which app.js lists under the tag (window.apirefTagNav). Links are relative to operations/.
// With `changes` (build --changes-since), each changed operation also has its badge.
std::string tag_nav_script(const ApiModel& model, const Tag& tag, const ChangeMap* changes = nullptr);

// JSON text made safe as a script's expression for any JavaScript engine and inside an HTML
// <script> element: U+2028 and U+2029 (line ends inside a string before ES2019) and '<' (so
// no "</script" or "<!--") as \u escapes. '<' and those two appear only inside JSON strings,
// where the escape reads back as the same character.
std::string script_json(std::string json_text);

// sitemap.xml: the URL of every page of `paths` (every page of the site, in the order they were
// made) below `base_url` ("" = relative URLs); not 404.html, a folder's index page by the folder.
std::string sitemap_xml(const std::vector<std::string>& paths, const std::string& base_url);

}  // namespace apiref
