#include "host/host.h"

#include <set>

#include "render/scoped_css.h"
#include "text/case.h"
#include "text/replace.h"
#include "text/escape.h"

namespace apiref {

namespace {

std::string_view strip_suffix(std::string_view s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) s.remove_suffix(suffix.size());
  return s;
}

// The page's URL below the host's base URL: a folder's index page by its folder.
std::string page_url(const HostOptions& o, const std::string& path) {
  std::string_view p = path;
  if (p == "index.html") p = "";
  else p = strip_suffix(p, "/index.html").size() < p.size() ? p.substr(0, p.size() - 10) : p;
  return "/" + o.section + "/" + std::string(p);
}

// A page's file name in a Hugo section folder: "index.html" would make the folder a leaf
// bundle and "_index.html" its list page, so an operation or schema named so is renamed (the
// URL comes from the front matter, not the file name).
std::string content_file_name(const std::string& slug) {
  if (slug == "index" || slug == "_index") return "page-" + slug + ".html";
  return slug + ".html";
}

// The folder of a tag in its bundle's section: the tag's slug, unless it is the schemas'.
std::string tag_folder(const std::string& tag) { return tag == "schemas" ? "schemas-tag" : tag; }

// The path of a page in Hugo's content tree: sections the host's menu walks (bundle > tag >
// operations, bundle > schemas > schema), whatever the page's URL.
std::string hugo_content_path(const HostOptions& o, const SiteFile& f) {
  const PageFacts& p = f.page;
  std::string base = o.content_dir + "/" + o.section + "/";
  if (p.kind == "overview") return base + "_index.html";
  if (p.kind == "authentication") return base + "authentication.html";
  std::string bundle = base + p.bundle + "/";
  if (p.kind == "bundle") return bundle + "_index.html";
  if (p.kind == "tag") return bundle + tag_folder(p.tag) + "/_index.html";
  if (p.kind == "operation") return bundle + (p.tag.empty() ? "" : tag_folder(p.tag) + "/") + content_file_name(p.slug);
  if (p.kind == "schemas") return bundle + "schemas/_index.html";
  if (p.kind == "schema") return bundle + "schemas/" + content_file_name(p.slug);
  return base + f.path;  // a kind this stage does not know yet: beside the others, by its path
}


std::string alias_for(const HostOptions& o, const PageFacts& p, std::string pattern) {
  pattern = text::replace_all(std::move(pattern), "{section}", o.section);
  pattern = text::replace_all(std::move(pattern), "{bundle}", p.bundle);
  pattern = text::replace_all(std::move(pattern), "{operationId}", p.operation_id.empty() ? p.slug : p.operation_id);
  pattern = text::replace_all(std::move(pattern), "{slug}", p.slug);
  return text::replace_all(std::move(pattern), "{tag}", p.tag);
}

void line(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += ": ";
  text::append_json_string(out, value);
  out += '\n';
}

std::string front_matter(const HostOptions& o, const SiteFile& f) {
  const PageFacts& p = f.page;
  bool hugo = o.format == HostFormat::Hugo;
  std::string out = "---\n";
  line(out, "title", p.title);
  if (hugo) line(out, "linkTitle", p.link_title);
  if (!p.description.empty()) line(out, "description", p.description);
  out += "weight: " + std::to_string(p.weight) + "\n";
  line(out, hugo ? "url" : "permalink", page_url(o, f.path));
  // A Hugo section page is also an RSS feed by default, written at the same URL when the URL
  // names a file (tags/x.html): the feed would replace the page.
  if (hugo) out += "outputs: [\"html\"]\n";
  // Jekyll wraps a page in no layout unless it names one (or _config.yml's defaults do):
  // "default" is the layout every Jekyll theme has. Hugo picks its own by the page's kind.
  if (!o.layout.empty()) line(out, "layout", o.layout);
  else if (!hugo) line(out, "layout", "default");
  if (hugo && !o.type.empty()) line(out, "type", o.type);
  if (p.kind == "operation" && !o.aliases.empty()) {
    out += hugo ? "aliases:\n" : "redirect_from:\n";
    for (const std::string& a : o.aliases) {
      out += "  - ";
      text::append_json_string(out, alias_for(o, p, a));
      out += '\n';
    }
  }
  // Jekyll would run the page through Liquid: a description's "{{ x }}" must stay text.
  if (!hugo) out += "render_with_liquid: false\n";
  out += "apiref:\n";
  line(out, "  kind", p.kind);
  if (!p.bundle.empty()) line(out, "  bundle", p.bundle);
  if (!p.tag_name.empty()) line(out, "  tag", p.tag_name);
  if (p.kind == "operation") {
    if (!p.operation_id.empty()) line(out, "  operationId", p.operation_id);
    line(out, "  method", p.method);
    line(out, "  path", p.path);
  }
  for (const auto& [key, value] : o.front_matter) {
    text::append_json_string(out, key);
    out += ": " + value + "\n";
  }
  out += "---\n";
  return out;
}

// Hugo reads shortcodes ({{< x >}}, {{% x %}}) in every content file, HTML included: a
// description's "{{%" would be a call. The first brace as a character reference reads the same
// in the browser (pages have no inline script, where it would not).
std::string without_shortcodes(std::string body) { return text::replace_all(std::move(body), "{{", "&#123;{"); }

}  // namespace

void lower_case_section_names(ApiModel& model) {
  std::set<std::string> taken;
  for (Tag& t : model.tags) {
    std::string base = text::ascii_lower(t.slug), slug = base;
    for (int n = 2; !taken.insert(slug).second; ++n) slug = base + "-" + std::to_string(n);
    t.slug = slug;
  }
}

std::string host_bundle_name(const std::string& bundle) { return text::ascii_lower(bundle); }

std::string section_problem(std::string_view section, std::string_view what) {
  if (section.empty()) return "the " + std::string(what) + " is empty";
  if (section.front() == '/' || section.back() == '/') return "the " + std::string(what) + " '" + std::string(section) + "' starts or ends with '/'";
  size_t start = 0;
  while (start <= section.size()) {
    size_t end = section.find('/', start);
    if (end == std::string_view::npos) end = section.size();
    std::string_view part = section.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.front() == '.' || part.front() == '_')
      return "the " + std::string(what) + " '" + std::string(section) + "' has a segment that is empty or starts with '.' or '_'";
    for (char c : part)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
        return "the " + std::string(what) + " '" + std::string(section) +
               "' may hold only lower-case letters, digits, '-', '_', '.' and '/' (Hugo lower-cases section URLs)";
    start = end + 1;
  }
  return "";
}

std::vector<std::string> host_roots(const HostOptions& o) {
  if (o.format == HostFormat::Hugo) return {o.content_dir + "/" + o.section, "static/" + o.section, "data/" + o.section};
  return {o.section, "_data/" + o.section};
}

std::string manifest_path(const HostOptions& o) { return host_roots(o).front() + "/.apiref-manifest.json"; }

SiteFile place_in_host(SiteFile&& f, const HostOptions& o) {
  bool hugo = o.format == HostFormat::Hugo;
  if (f.page.kind.empty()) {
    // A bundle's model is the host's data: .Site.Data.<section>.<bundle>, site.data.<...>.
    std::string_view path = f.path;
    if (path.size() > 11 && path.substr(path.size() - 11) == "/model.json" && path.find('/') == path.size() - 11) {
      f.path = (hugo ? "data/" : "_data/") + o.section + "/" + std::string(path.substr(0, path.size() - 11)) + ".json";
      return std::move(f);
    }
    f.path = (hugo ? "static/" : "") + o.section + "/" + f.path;
    return std::move(f);
  }
  std::string body = front_matter(o, f) + (hugo ? without_shortcodes(std::move(f.content)) : std::move(f.content));
  f.path = hugo ? hugo_content_path(o, f) : o.section + "/" + f.path;
  f.content = std::move(body);
  return std::move(f);
}

// The reference reads as part of the host's page: the host's background, text colour and font
// (code stays monospace), its theme switch rather than the system's.
std::string host_stylesheet(std::string_view css) {
  return scoped_stylesheet(css, "apiref", false) + ".apiref { background: transparent; color: inherit; font: inherit; }\n";
}

}  // namespace apiref
