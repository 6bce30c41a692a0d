// Render stage: from API models to the files of a static site (pages through the Mustache
// templates in templates/, plus search index, sitemap and the bundled descriptions). It sees
// only the model and the bundled document the model points into, never the source YAML.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "diff/diff.h"
#include "diag/diagnostic.h"
#include "model/model.h"
#include "render/mustache.h"
#include "render/site_file.h"
#include "snippets/request.h"

namespace apiref {

struct SiteBundle {
  std::string name;        // URL segment: <name>/operations/<slug>.html
  const Node* document;    // the bundled description (also published as openapi.json/.yaml)
  const ApiModel* model;
  // A file whose bytes are `document` as JSON (BundleOutput::json_source): openapi.json is
  // that file, while it is unchanged, rather than the tree written out again.
  InputFile json_source = {};
  // How this bundle's server takes credentials (apiref.yaml: the bundle's `auth:`, else the
  // project's), or null. Its pages, snippets, guide section and playground all follow it.
  const AuthConfig* auth = nullptr;
  SnippetOptions snippets = {};
  // The operation the overview offers as the first call (render/overview.h), or none.
  const Operation* first_call = nullptr;
  // What changed since an earlier version (apiref build --changes-since), or null: the bundle
  // then has a "What changed" page and badges on its changed operations (render/changes.h).
  const std::vector<Change>* changes = nullptr;
  // The auth the pages state: configured and saying how the server reads it.
  bool project_auth() const { return auth && auth->configured; }
};

struct SiteOptions {
  std::string title;     // site title (default: the first bundle's info.title)
  std::string base_url;  // absolute URL the site is published at, for sitemap.xml ("" = none)
  std::string logo;      // URL or path of a logo image
  // The page icon, relative to the site's root: apiref's own (site/favicon.svg), or the
  // project's (site.favicon), which the build copies into the site under this name.
  std::string favicon = "assets/favicon.svg";
  std::string primary_color;
  std::string description_link_base;  // base for relative links inside descriptions
  std::vector<std::pair<std::string, std::string>> footer_links;  // label, URL
  std::vector<std::string> snippet_languages = {"curl", "httpie", "python", "javascript", "go"};
  bool persist_authorization = false;  // the playground keeps what the reader authorised across reloads
  // Pages for a host site (Hugo, Jekyll: host/host.h) rather than a site of their own: each
  // page is its content without the site's chrome (header, sidebar, search, footer: the host's
  // layout gives those), in one element of class "apiref" that the scoped stylesheet styles,
  // with PageFacts for the host's front matter. No search index, sitemap or 404 page (the host
  // makes its own); a data file of each bundle's model (<bundle>/model.json) instead.
  bool host_pages = false;
  // llms-full.txt, the whole reference as Markdown for coding assistants, is one file up to
  // this size; over it, one file per bundle, a bundle over it in parts (render/llms_txt.h).
  size_t llms_full_max_bytes = 2000000;
  // The earlier version the bundles' changes are since, as the user named it (a git revision).
  std::string changes_since;
};

// The name of the scheme that stands for the project's credential in the model.
inline const char* kProjectScheme = "project-auth";

// What one render remembers for the next (apiref serve): a key per page, a hash of the page's
// inputs. A page whose key did not change is not rendered again, and not returned either: its
// path is listed in `unchanged`, and the caller keeps the content it got last time. The caller
// must clear() the memo when the templates or the site options change (the keys cover the
// descriptions only), and when it did not keep a render's output.
struct RenderMemo {
  std::map<std::string, uint64_t> keys;  // page path -> key, of the last render
  std::vector<std::string> unchanged;    // out: pages of the last call left out of its result
  size_t rendered = 0;                   // out: pages rendered by the last call
  // Each Markdown twin as llms-full.txt holds it, by the twin's path: a twin left out of a call
  // is still in llms-full.
  std::map<std::string, std::string> twins;
  void clear() { keys.clear(); unchanged.clear(); twins.clear(); }
};

// Renders every page. Template problems (a missing template) are reported; a page whose
// template is missing is not written. With `memo`, pages whose inputs did not change since
// the previous call are left out (listed in memo->unchanged), and the memo is updated.
//
// With `sink`, every file goes to the sink as soon as it is made, from the render workers (so
// the sink must be thread-safe), and the returned vector is empty: `apiref build` writes pages
// while others are still rendering and never holds the whole site in memory. A sink that
// returns false (it could not write) stops the render; the caller knows why.
//
// The bundled descriptions are producers (site_file.h) that read `bundles`' documents: the
// documents must outlive the files.
std::vector<SiteFile> render_site(const std::vector<SiteBundle>& bundles, const TemplateSet& templates,
                                  const SiteOptions& options, Diagnostics& out, RenderMemo* memo = nullptr,
                                  const FileSink* sink = nullptr);

}  // namespace apiref
