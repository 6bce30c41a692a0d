#include "render/page_links.h"

#include <nlohmann/json.hpp>

#include "markdown/markdown.h"
#include "text/escape.h"

namespace apiref {

using json = nlohmann::json;

std::string root_of(const std::string& page_path) {
  std::string root;
  for (char c : page_path)
    if (c == '/') root += "../";
  return root;
}

std::string relative_href(const std::string& page_path, const std::string& target) {
  size_t common = 0;  // length of the shared leading folders, up to and including a '/'
  for (size_t i = 0; i < page_path.size() && i < target.size() && page_path[i] == target[i]; ++i)
    if (page_path[i] == '/') common = i + 1;
  std::string href;
  for (size_t i = common; i < page_path.size(); ++i)
    if (page_path[i] == '/') href += "../";
  href.append(target, common, std::string::npos);
  return href;  // never empty: a target names a file, which is past the shared folders
}

std::string site_path(const std::string& base_url) {
  const std::string& b = base_url;
  size_t scheme = b.find("://");
  if (scheme == std::string::npos) return "/";
  size_t slash = b.find('/', scheme + 3);
  std::string p = slash == std::string::npos ? "/" : b.substr(slash);
  if (p.back() != '/') p += '/';
  return p;
}

std::string tag_nav_script(const ApiModel& model, const Tag& t, const ChangeMap* changes) {
  json ops = json::array();
  for (size_t oi : t.operations) {
    const Operation& o = model.operations[oi];
    json op = json::array({o.slug + ".html", o.method, o.summary.empty() ? o.path : o.summary, o.deprecated});
    if (changes) {
      TemplateData badge = change_badge_data(*changes, "", oi, "", "");
      op.push_back(badge.is_null() ? json(nullptr) : json::array({badge.find("kind")->text(), badge.find("label")->text()}));
    }
    ops.push_back(std::move(op));
  }
  json fields = {"href", "method", "label", "deprecated"};
  if (changes) fields.push_back("change");
  json data = {{"fields", std::move(fields)}, {"operations", std::move(ops)}};
  return "window.apirefTagNav && window.apirefTagNav(" +
         script_json(data.dump(-1, ' ', false, json::error_handler_t::replace)) + ");\n";
}

std::string script_json(std::string json_text) {
  size_t at = json_text.find_first_of("<\xE2");
  if (at == std::string::npos) return json_text;  // the usual case: no copy
  std::string out(json_text, 0, at);
  out.reserve(json_text.size() + 64);
  for (; at < json_text.size(); ++at) {
    char c = json_text[at];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '\xE2' && json_text.compare(at, 2, "\xE2\x80") == 0 && at + 2 < json_text.size() &&
               (json_text[at + 2] == '\xA8' || json_text[at + 2] == '\xA9')) {
      out += json_text[at + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      at += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string sitemap_xml(const std::vector<std::string>& paths, const std::string& base_url) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  std::string base = base_url;
  if (!base.empty() && base.back() != '/') base += '/';
  for (const std::string& path : paths) {
    if (path == "404.html" || path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
    // A folder's index page is listed by the folder's URL, which every host serves.
    bool index = path == "index.html" || (path.size() > 11 && path.compare(path.size() - 11, 11, "/index.html") == 0);
    std::string url = index ? path.substr(0, path.size() - 10) : path;
    xml += "  <url><loc>" + text::html_escape(base + url) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

TagIndex index_tags(const ApiModel& model) {
  TagIndex index;
  index.of_operation.assign(model.operations.size(), {-1, 0});
  for (size_t t = 0; t < model.tags.size(); ++t) {
    const Tag& tag = model.tags[t];
    index.by_name[tag.name].push_back(t);
    for (size_t at = 0; at < tag.operations.size(); ++at) {
      auto& place = index.of_operation[tag.operations[at]];
      if (place.first < 0) place = {static_cast<int>(t), at};  // its first tag, first place there
    }
  }
  return index;
}

}  // namespace apiref
