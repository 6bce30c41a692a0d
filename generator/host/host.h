// Host stage: the reference as pages of a site the team already has (Hugo, Jekyll). It takes
// the files render_site made with SiteOptions::host_pages (pages without chrome, with their
// PageFacts) and says where each goes in the host site and what it holds there: a page gets
// the front matter its generator reads (title, weight, URL, layout) before its HTML; every
// other file (assets, descriptions, the playground) is copied as it is. apiref writes only
// below its own folders of the host (host_roots); write/ replaces them, keeping the host's
// own files there and removing what an earlier build wrote and this one did not.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/site_file.h"

namespace apiref {

enum class HostFormat { Hugo, Jekyll };

struct HostOptions {
  HostFormat format = HostFormat::Hugo;
  // Where the reference lives below the host's content root and its URL: "api",
  // "reference/rest-apis". '/'-separated, no "." or ".." segment, no leading or trailing '/'.
  std::string section = "api";
  std::string content_dir = "content";  // Hugo's contentDir ("content/en" for a language)
  std::string layout;  // front matter `layout` of every page ("" = Hugo's choice; Jekyll's "default")
  std::string type;    // Hugo's `type` of every page ("" = the section's)
  // URL patterns an operation page also answers at (Hugo `aliases`, Jekyll `redirect_from`):
  // {section}, {bundle}, {operationId}, {slug}, {tag} are replaced.
  std::vector<std::string> aliases;
  // More front matter for every page: key, value as JSON (valid YAML in flow style).
  std::vector<std::pair<std::string, std::string>> front_matter;
};

// Why `section` cannot be used as a folder of the host site ("" when it can); `what` names it.
std::string section_problem(std::string_view section, std::string_view what = "section");

// The folders of the host site (relative to its root, '/'-separated) that hold apiref's files:
// Hugo <content_dir>/<section>, static/<section>, data/<section>; Jekyll <section>,
// _data/<section>. The first one holds the manifest.
std::vector<std::string> host_roots(const HostOptions& options);

// The manifest of what a build wrote (host-relative paths), in the first root: hidden from
// Hugo's content and Jekyll's pages by its leading dot.
std::string manifest_path(const HostOptions& options);

// `file` (a path of the standalone site) as a file of the host site: its host-relative path
// and, for a page, its front matter and body.
SiteFile place_in_host(SiteFile&& file, const HostOptions& options);

// The site's own stylesheet (site/style.css) for the host: every rule under `.apiref`, the
// host's theme switch followed rather than the system's, the host's background, colour and font.
std::string host_stylesheet(std::string_view css);

}  // namespace apiref
