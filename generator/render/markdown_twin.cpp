#include "render/markdown_twin.h"

#include <algorithm>
#include <mutex>

#include "examples/stream.h"
#include "markdown/markdown.h"
#include "render/auth_guide.h"
#include "render/markdown_text.h"
#include "render/operation_snippets.h"
#include "render/page_links.h"
#include "render/responses.h"
#include "render/schema_outline.h"
#include "render/schema_tree.h"
#include "render/sidebar.h"
#include "text/case.h"

namespace apiref {

namespace {

// Lengths of one-line descriptions: a parameter's cell, a property's bullet.
constexpr size_t kCellChars = 400;
constexpr size_t kBulletChars = 300;

// A page's link with `root` in front ("../../" beside the page, "" at the site's root).
std::string link(const std::string& root, const std::string& page_path) { return root + twin_path(page_path); }

class TwinWriter {
 public:
  TwinWriter(const TwinContext& c, const SiteBundle& b, const std::string& root) : c_(c), b_(b), root_(root) {}

  // A description as blocks of the twin, its headings from `base` down.
  std::string blocks(std::string_view markdown, int base) const {
    std::string text = markdown_for_embedding(markdown, base, c_.link_base);
    text.erase(std::remove(text.begin(), text.end(), kRootMark), text.end());
    return text.empty() ? "" : text + "\n\n";
  }

  // As a line: plain text from the page's own parse (the description cache), cut to `chars`.
  std::string line(std::string_view markdown, int heading_base, size_t chars, bool in_table = false) const {
    if (markdown.empty()) return "";
    DescriptionStyle style;
    style.heading_base = heading_base;
    style.link_base = c_.link_base;
    return md_text(c_.descriptions->plain_text(markdown, style, chars), in_table);
  }

  // The component `schema` is: by its {$ref}, or the component's own node (the model hands
  // bodies over with their top reference followed); "" for an anonymous schema.
  std::string component_of(const Node& schema) const {
    std::string name = schema_component_name(schema);
    if (!name.empty()) return name;
    for (const SchemaComponent& s : b_.model->schemas)
      if (s.schema == &schema) return s.name;
    return "";
  }

  std::string shown(const std::string& name) const {
    auto it = b_.model->schema_display_names.find(name);
    return it == b_.model->schema_display_names.end() ? name : it->second;
  }

  // `own`: the component the outline is of, whose references back to it are recursion.
  std::string outline(const Node& schema, ExampleFor dir, const std::string& own, bool all_directions) const {
    OutlineOptions o;
    o.direction = dir;
    o.all_directions = all_directions;
    o.root_component = own;
    o.display_names = &b_.model->schema_display_names;
    o.href = [this](const std::string& name) { return schema_href(name); };
    DescriptionStyle style = schema_description_style(c_.link_base);
    o.plain_text = [this, style](std::string_view md) { return c_.descriptions->plain_text(md, style, kBulletChars); };
    // Most bodies are a few shared schemas (GitHub: 2,414 uses of 278): each outline is made
    // once. Links start at the root mark, so an outline is the same on every page.
    std::string key = std::to_string(reinterpret_cast<uintptr_t>(&schema)) + "/" + std::to_string(static_cast<int>(dir)) +
                      "/" + (all_directions ? "a" : "d") + root_ + "/" + own;
    return c_.outlines->get(key, [&] { return schema_outline(*b_.document, schema, o); });
  }

  std::string schema_href(const std::string& name) const {
    if (c_.schema_index) {
      auto bundle = c_.schema_index->find(&b_);
      if (bundle != c_.schema_index->end()) {
        auto it = bundle->second.find(name);
        return it == bundle->second.end() ? "" : link(root_, schema_page_path(b_.name, *it->second));
      }
    }
    for (const SchemaComponent& s : b_.model->schemas)
      if (s.name == name) return link(root_, schema_page_path(b_.name, s));
    return "";
  }

  // "In [API](../index.html)": where the page sits.
  std::string bundle_link() const {
    return "[" + md_text(b_.model->title) + "](" + root_ + bundle_page_path(b_.name) + ")";
  }

  // The bodies of a request or response, media types with the same schema together.
  std::string media(const std::vector<MediaType>& content, ExampleFor dir) const {
    std::string out;
    for (size_t i = 0; i < content.size(); ++i) {
      const MediaType& mt = content[i];
      auto same = [&](const MediaType& other) { return other.schema == mt.schema && other.item_schema == mt.item_schema; };
      bool told = false;
      for (size_t j = 0; j < i && !told; ++j) told = same(content[j]);
      if (told) continue;
      std::string names = md_code(mt.name);
      for (size_t j = i + 1; j < content.size(); ++j)
        if (same(content[j])) names += ", " + md_code(content[j].name);
      if (!mt.schema && mt.item_schema) {
        // 3.2's streams: the outline is of one item, as the page shows it.
        std::string name = component_of(*mt.item_schema);
        std::string href = name.empty() ? "" : schema_href(name);
        std::string label = md_text(name.empty() ? schema_type_label(*b_.document, *mt.item_schema) : shown(name));
        std::string_view kind = stream_kind(mt.name);
        out += "Content " + names + ": a stream of " + (kind.empty() ? std::string("items") : md_text(kind)) + ", each item " +
               (href.empty() ? label : "[" + label + "](" + href + ")");
        std::string lines = outline(*mt.item_schema, dir, name, false);
        out += lines.empty() ? ".\n\n" : "\n\n" + lines + "\n";
        continue;
      }
      if (!mt.schema) {
        out += "Content " + names + ".\n\n";
        continue;
      }
      std::string name = component_of(*mt.schema);
      std::string href = name.empty() ? "" : schema_href(name);
      std::string label = md_text(name.empty() ? schema_type_label(*b_.document, *mt.schema) : shown(name));
      out += "Content " + names + ": " + (href.empty() ? label : "[" + label + "](" + href + ")");
      std::string lines = outline(*mt.schema, dir, name, false);
      out += lines.empty() ? ".\n\n" : "\n\n" + lines + "\n";
    }
    return out;
  }

  const TwinContext& c_;
  const SiteBundle& b_;
  const std::string& root_;
};

std::string security_section(const TwinWriter& w, const Operation& o, const Request* request) {
  const EffectiveSecurity& sec = o.security;
  std::string out = "## Authentication\n\n";
  if (sec.source == SecuritySource::Unspecified) return out + "The description does not say.\n\n";
  std::vector<const SecurityAlternative*> alts;
  for (const SecurityAlternative& a : sec.alternatives)
    if (!a.empty()) alts.push_back(&a);
  if (alts.empty()) return out + "None: called without credentials.\n\n";
  bool optional = sec.anonymous_allowed();
  out += std::string(optional ? "Optional" : "Required") + (alts.size() > 1 ? ", any one of:\n\n" : ":\n\n");
  for (const SecurityAlternative* a : alts) {
    std::string item;
    for (const SecurityRequirement& r : *a) {
      RequirementStatement said = requirement_statement(*w.c_.bundles, w.b_, r, w.root_);
      if (!item.empty()) item += ", and ";
      item += said.href.empty() ? md_text(said.label) : "[" + md_text(said.label) + "](" + said.href + ")";
      if (!said.how.empty()) item += ", " + md_text(said.how);
      if (!r.scopes.empty()) {
        item += " (scopes:";
        for (size_t i = 0; i < r.scopes.size(); ++i) item += (i ? ", " : " ") + md_code(r.scopes[i]);
        item += ")";
      }
    }
    out += "- " + item + "\n";
  }
  out += "\n";
  std::vector<std::string> sent = request ? sent_credentials(*request) : std::vector<std::string>{};
  if (!sent.empty()) {
    std::string lines;
    for (const std::string& s : sent) lines += s + "\n";
    out += "The example request sends:\n\n" + md_code_block(lines, "http") + "\n";
  }
  return out;
}

std::string parameters_section(const TwinWriter& w, const Operation& o) {
  if (o.parameters.empty() && o.unresolved_parameters.empty()) return "";
  std::string out = "## Parameters\n\n";
  if (!o.parameters.empty()) out += "| Name | In | Type | Required | Description |\n|---|---|---|---|---|\n";
  for (const char* loc : {"path", "query", "querystring", "header", "cookie"}) {
    for (const Parameter& p : o.parameters) {
      if (p.in != loc) continue;
      std::string type = p.schema ? md_text(schema_type_label(*w.b_.document, *p.schema), true) : "";
      std::string text = w.line(p.description, 4, kCellChars, true);
      if (p.schema) text += schema_values_note(*p.schema, true);
      if (!text.empty() && text[0] == ' ') text.erase(0, 1);
      if (p.deprecated) text = "Deprecated. " + text;
      out += "| " + md_code(p.name, true) + " | " + loc + " | " + type + " | " + (p.required ? "yes" : "no") + " | " + text + " |\n";
    }
  }
  if (!o.unresolved_parameters.empty()) {
    out += "\nNot found in the description:";
    for (const std::string& r : o.unresolved_parameters) out += " " + md_code(r);
    out += "\n";
  }
  return out + "\n";
}

std::string body_and_responses(const TwinWriter& w, const Operation& o) {
  std::string out;
  if (o.has_request_body) {
    out += "## Request body\n\n";
    out += o.request_body.required ? "Required.\n\n" : "Optional.\n\n";
    if (!o.request_body.unresolved_ref.empty()) out += "Not found in the description: " + md_code(o.request_body.unresolved_ref) + ".\n\n";
    out += w.blocks(o.request_body.description, 3);
    out += w.media(o.request_body.content, ExampleFor::Request);
  }
  if (o.responses.empty()) return out;
  out += "## Responses\n\n";
  for (const Response& r : o.responses) {
    std::string_view reason = status_reason(r.status);
    out += "### " + md_heading(r.status + (reason.empty() ? "" : " " + std::string(reason))) + "\n\n";
    if (!r.unresolved_ref.empty()) out += "Not found in the description: " + md_code(r.unresolved_ref) + ".\n\n";
    out += w.blocks(r.description, 4);
    if (!r.headers.empty()) {
      out += "Headers:\n\n";
      for (const Header& h : r.headers) {
        std::string type = h.schema ? md_text(schema_type_label(*w.b_.document, *h.schema)) : "";
        std::string text = w.line(h.description, 4, kBulletChars);
        out += "- " + md_code(h.name) + " (" + type + (h.required ? ", required" : "") + ")" + (text.empty() ? "" : ": " + text) + "\n";
      }
      out += "\n";
    }
    out += w.media(r.content, ExampleFor::Response);
  }
  return out;
}

}  // namespace

std::string twin_path(const std::string& page_path) {
  if (page_path.size() > 5 && page_path.compare(page_path.size() - 5, 5, ".html") == 0)
    return page_path.substr(0, page_path.size() - 5) + ".md";
  return page_path + ".md";
}

std::vector<std::string> sent_credentials(const Request& request) {
  auto reads_variable = [](const Value& v) {
    for (const Segment& s : v)
      if (s.is_env) return true;
    return false;
  };
  std::vector<std::string> out;
  for (const NamedValue& h : request.headers)
    if (reads_variable(h.value)) out.push_back(h.name + ": " + value_as_text(h.value));
  std::string cookies;
  for (const NamedValue& c : request.cookies)
    if (reads_variable(c.value)) cookies += (cookies.empty() ? "" : "; ") + c.name + "=" + value_as_text(c.value);
  if (!cookies.empty()) out.push_back("Cookie: " + cookies);
  if (reads_variable(request.basic_user) || reads_variable(request.basic_password))
    out.push_back("Basic auth: " + value_as_text(request.basic_user) + ":" + value_as_text(request.basic_password));
  if (reads_variable(request.url)) out.push_back("URL: " + value_as_text(request.url));
  return out;
}

std::string operation_twin(const TwinContext& c, const SiteBundle& b, const Operation& o, const std::string& root) {
  TwinWriter w(c, b, root);
  const ApiModel& m = *b.model;
  std::string title = o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary;
  std::string out = "# " + md_heading(title) + "\n\n";
  out += o.is_webhook ? "Webhook " + md_code(o.path) + ", sent as " + md_code(text::ascii_upper(o.method)) : md_code(text::ascii_upper(o.method) + " " + o.path);
  if (!o.servers.empty() && !o.is_webhook) out += " on " + md_code(o.servers[0].resolved_url);
  out += "\n\n";
  if (o.deprecated) out += "**Deprecated.**\n\n";
  std::string where = "In " + w.bundle_link();
  for (const std::string& name : o.tags)
    for (const Tag& t : m.tags)
      if (t.name == name) where += ", tag [" + md_text(t.display_name) + "](" + link(root, tag_page_path(b.name, t)) + ")";
  if (!o.id_generated) where += ". Operation ID " + md_code(o.id);
  out += where + ".\n\n";
  out += w.blocks(o.description, 2);
  Request request;
  bool has_request = !o.is_webhook;
  if (has_request) request = page_request(b, o, *c.samples);
  out += security_section(w, o, has_request ? &request : nullptr);
  out += parameters_section(w, o);
  out += body_and_responses(w, o);
  if (!o.callbacks.empty()) {
    out += "## Callbacks\n\n";
    for (const Callback& cb : o.callbacks) {
      out += "- " + md_code(cb.name) + " to " + md_code(cb.expression) + ":";
      for (const Operation& co : cb.operations) out += " " + md_code(text::ascii_upper(co.method)) + (co.summary.empty() ? "" : " " + md_text(co.summary));
      out += "\n";
    }
    out += "\n";
  }
  if (has_request) out += "## Example request\n\n" + md_code_block(page_curl(o, request), "sh");
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string tag_twin(const TwinContext& c, const SiteBundle& b, const Tag& t, const std::string& root) {
  TwinWriter w(c, b, root);
  std::string out = "# " + md_heading(t.display_name) + "\n\n";
  out += "Tag of " + w.bundle_link() + ": " + std::to_string(t.operations.size()) +
         (t.operations.size() == 1 ? " operation" : " operations") + ".";
  // 3.2: what sort of tag it is, and the tag it is nested in.
  if (!t.kind.empty()) {
    std::string label = tag_kind_label(t.kind);
    out += " Kind " + md_code(t.kind) + (label == t.kind ? "" : " (" + md_text(label) + ")") + ".";
  }
  if (t.parent >= 0 && static_cast<size_t>(t.parent) < b.model->tags.size()) {
    const Tag& parent = b.model->tags[static_cast<size_t>(t.parent)];
    out += " Part of [" + md_text(parent.display_name) + "](" + link(root, tag_page_path(b.name, parent)) + ").";
  }
  out += "\n\n";
  out += w.blocks(t.description, 2);
  if (!t.operations.empty()) out += "## Operations\n\n";
  for (size_t i : t.operations) {
    const Operation& o = b.model->operations[i];
    std::string label = o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary;
    out += "- [" + md_text(label) + "](" + link(root, operation_page_path(b.name, o)) + "): " + md_code(text::ascii_upper(o.method) + " " + o.path) +
           (o.deprecated ? " (deprecated)" : "") + "\n";
  }
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string schema_twin(const TwinContext& c, const SiteBundle& b, const SchemaComponent& s, const std::string& root) {
  TwinWriter w(c, b, root);
  std::string out = "# " + md_heading(s.display_name) + "\n\n";
  out += "Schema " + md_code(s.name) + " of " + w.bundle_link() + ": " + md_text(schema_type_label(*b.document, *s.schema)) + "." +
         schema_values_note(*s.schema) + "\n\n";
  out += w.blocks(s.schema->string_at("description"), 2);
  std::string lines = w.outline(*s.schema, ExampleFor::Response, s.name, true);
  if (!lines.empty()) out += "## Structure\n\n" + lines;
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string OutlineCache::get(const std::string& key, const std::function<std::string()>& make) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
  }
  std::string made = make();
  std::lock_guard<std::mutex> lock(mutex_);
  return map_.emplace(key, std::move(made)).first->second;
}

namespace {

// The twin with its links starting at `root` in place of the mark.
std::string with_root(const std::string& twin, const std::string& root) {
  std::string out;
  out.reserve(twin.size() + 64 * root.size());
  size_t from = 0;
  for (size_t mark = twin.find(kRootMark); mark != std::string::npos; mark = twin.find(kRootMark, from)) {
    out.append(twin, from, mark - from);
    out += root;
    from = mark + 1;
  }
  out.append(twin, from, std::string::npos);
  return out;
}

}  // namespace

std::vector<TwinJob> twin_jobs(const TwinContext& c, std::vector<BundleTwins>& twins) {
  const std::vector<SiteBundle>& bundles = *c.bundles;
  twins.assign(bundles.size(), BundleTwins{});
  std::vector<TwinJob> jobs;
  for (size_t bi = 0; bi < bundles.size(); ++bi) {
    const SiteBundle& b = bundles[bi];
    const ApiModel& m = *b.model;
    BundleTwins& t = twins[bi];
    t.operations.resize(m.operations.size());
    t.tags.resize(m.tags.size());
    t.schemas.resize(m.schemas.size());
    for (size_t i = 0; i < m.operations.size(); ++i) {
      const Operation& o = m.operations[i];
      std::string* piece = &t.operations[i];
      std::string path = twin_path(operation_page_path(b.name, o));
      jobs.push_back({[&c, &b, &o, piece, path] {
                        std::string twin = operation_twin(c, b, o, std::string(1, kRootMark));
                        *piece = with_root(twin, "");
                        return SiteFile{path, with_root(twin, "../../")};
                      }, path, 'o', bi, i, piece});
    }
    for (size_t i = 0; i < m.tags.size(); ++i) {
      const Tag& tag = m.tags[i];
      std::string* piece = &t.tags[i];
      std::string path = twin_path(tag_page_path(b.name, tag));
      jobs.push_back({[&c, &b, &tag, piece, path] {
                        std::string twin = tag_twin(c, b, tag, std::string(1, kRootMark));
                        *piece = with_root(twin, "");
                        return SiteFile{path, with_root(twin, "../../")};
                      }, path, 't', bi, i, piece});
    }
    for (size_t i = 0; i < m.schemas.size(); ++i) {
      const SchemaComponent& s = m.schemas[i];
      std::string* piece = &t.schemas[i];
      std::string path = twin_path(schema_page_path(b.name, s));
      jobs.push_back({[&c, &b, &s, piece, path] {
                        std::string twin = schema_twin(c, b, s, std::string(1, kRootMark));
                        *piece = with_root(twin, "");
                        return SiteFile{path, with_root(twin, "../../")};
                      }, path, 's', bi, i, piece});
    }
  }
  return jobs;
}

}  // namespace apiref
