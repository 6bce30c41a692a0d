#include "render/site.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "markdown/markdown.h"
#include "render/auth_guide.h"
#include "render/brand.h"
#include "render/changes.h"
#include "render/description.h"
#include "render/llms_txt.h"
#include "render/markdown_twin.h"
#include "examples/example.h"
#include "examples/pattern_sample.h"
#include "examples/stream.h"
#include "render/operation_snippets.h"
#include "render/overview.h"
#include "render/responses.h"
#include "render/page_keys.h"
#include "render/page_links.h"
#include "render/parameters.h"
#include "render/playground.h"
#include "render/playground_oas32.h"
#include "render/model_data.h"
#include "render/once_map.h"
#include "render/schema_tree.h"
#include "render/scoped_css.h"
#include "render/sidebar.h"
#include "render/search_index.h"
#include "snippets/snippets.h"
#include "text/case.h"
#include "text/escape.h"
#include "tree/write.h"

namespace apiref {

using json = nlohmann::json;
using Data = TemplateData;

namespace {

// 3.2's $self as a link: an absolute http(s) URI is one a reader can open; a relative one
// (resolved against where the document was fetched from) is shown, not linked.
std::string canonical_href(const std::string& self) {
  return self.rfind("https://", 0) == 0 || self.rfind("http://", 0) == 0 ? self : std::string();
}

// What a schema tree or generated example of `s` depends on besides the options: the referenced
// component when `s` is only a $ref (so every {$ref: X} is one entry), else the node itself.
std::string schema_identity(const Node& s) {
  if (s.is_object() && s.members.size() == 1 && s.members[0].key == "$ref" && s.members[0].value.is_string()) {
    const std::string& ref = s.members[0].value.text;
    return "r" + std::to_string(ref.size()) + ":" + ref;
  }
  return "p" + std::to_string(reinterpret_cast<uintptr_t>(&s));
}

class SiteRenderer {
 public:
  SiteRenderer(const std::vector<SiteBundle>& bundles, const TemplateSet& templates,
               const SiteOptions& options, Diagnostics& out, RenderMemo* memo, const FileSink* sink)
      : bundles_(bundles), templates_(templates), options_(options), out_(out), memo_(memo), sink_(sink),
        brand_css_(options.host_pages ? scoped_stylesheet(brand_css(options.primary_color), "apiref")
                                      : brand_css(options.primary_color)) {
    // Schema links are looked up for every $ref of every tree: by name, not by a scan.
    for (const SiteBundle& b : bundles_) {
      auto& index = schema_index_[&b];
      for (const SchemaComponent& s : b.model->schemas) index.emplace(s.name, &s);  // the first of a name wins
      tag_index_[&b] = index_tags(*b.model);
      if (b.changes) change_maps_[&b] = map_changes(*b.document, *b.model, *b.changes);
    }
  }

  std::vector<SiteFile> run() {
    title_ = options_.title;
    if (title_.empty() && !bundles_.empty()) title_ = bundles_[0].model->title;
    if (title_.empty()) title_ = "API reference";

    // Page jobs first (cheap), then rendered on all cores into their own slots.
    std::vector<std::function<SiteFile()>> jobs;
    // With a memo: the page each job makes and the key of its inputs (empty: always render).
    std::vector<std::pair<std::string, uint64_t>> keys;
    auto add = [&](std::function<SiteFile()> job, std::string path = "", uint64_t key = 0) {
      jobs.push_back(std::move(job));
      keys.emplace_back(memo_ ? std::move(path) : std::string(), key);
    };
    // The bundled descriptions first: the longest jobs, and they change on every edit.
    for (const SiteBundle& b : bundles_) {
      // The description's own file when bundling changed nothing and it is still as read: no
      // serialising (GitHub's 13 MB took ~20 ms of CPU), and the file readers download is the
      // one its authors wrote.
      const Node* doc = b.document;
      SiteFile json = in_pieces(b.name + "/openapi.json", [doc](const PieceWriter& write) { return write_json_in_pieces(*doc, kPieceSize, write); });
      json.source = b.json_source;
      add([json] { return json; });
      add([doc, path = b.name + "/openapi.yaml"] {
        return in_pieces(path, [doc](const PieceWriter& write) { return write_yaml_in_pieces(*doc, kPieceSize, write); });
      });
    }
    // The playground's per-tag descriptions of a large bundle, made beside the pages.
    for (std::function<SiteFile()>& job : playground_slice_jobs(bundles_)) add(std::move(job));
    // The search index reads only the models: made beside the pages, not after them on one core.
    if (options_.host_pages) {
      for (const SiteBundle& b : bundles_)
        add([&b] { return SiteFile{b.name + "/model.json", model_data_json(b)}; });
    } else add([this] {
      std::vector<SearchBundle> searched;
      for (const SiteBundle& b : bundles_) searched.push_back({b.name, b.model});
      std::string index = search_index_json(searched);
      // The same index as a script: a page opened from disk (file://) cannot fetch a file, but it
      // can load a script (app.js picks the form that works). Passed on after the pages.
      search_script_ = "window.apirefSearchIndex = " + script_json(index) + ";\n";
      return SiteFile{"search-index.json", std::move(index)};
    });
    add([this] { return page("index.html", "overview", overview(), facts("overview", title_, title_, 1)); });
    add([this] {
      return page("authentication/index.html", "authentication", authentication(),
                  facts("authentication", "Authentication", "Authentication", static_cast<int>(bundles_.size()) + 2));
    });
    if (!options_.host_pages) add([this] {
      return page("404.html", "not-found",
                  fields("page", fields("title", "Page not found · " + title_, "description", "There is no page at this address.")),
                  PageFacts{});
    });
    uint64_t site = memo_ ? site_key(bundles_) : 0;
    add([this] {
      return page("playground/index.html", "playground",
                  fields("page", fields("title", "Playground · " + title_, "description", "Try the operations of " + title_)),
                  PageFacts{});
    });
    std::vector<BundleKeys> bundle_keys;
    for (const SiteBundle& b : bundles_) {
      const ApiModel& m = *b.model;
      const BundleKeys& k = bundle_keys.emplace_back(memo_ ? page_keys(b, site) : BundleKeys{});
      for (size_t i = 0; i < m.operations.size(); ++i)
        add([this, &b, i] { return operation_page(b, i); }, memo_ ? operation_page_path(b.name, m.operations[i]) : "",
            memo_ ? k.operations[i] : 0);
      for (size_t i = 0; i < m.tags.size(); ++i) {
        add([this, &b, i] { return tag_page(b, i); }, memo_ ? tag_page_path(b.name, m.tags[i]) : "",
            memo_ ? k.tags[i] : 0);
        if (!m.tags[i].operations.empty()) add([this, &b, i] { return tag_script(b, b.model->tags[i]); });
      }
      for (size_t i = 0; i < m.schemas.size(); ++i)
        add([this, &b, i] { return schema_page(b, i); }, memo_ ? schema_page_path(b.name, m.schemas[i]) : "",
            memo_ ? k.schemas[i] : 0);
      add([this, &b] { return bundle_page(b); });
      add([this, &b] { return schema_index_page(b); });
      if (b.changes) add([this, &b] { return changes_page(b); });
      if (b.changes) add([this, &b] { return SiteFile{b.name + "/changes.md", changes_markdown(change_maps_.at(&b), b.name, *b.model, options_.changes_since)}; });
    }
    // A twin has its page's inputs, and so its key.
    twin_context_ = TwinContext{&bundles_, &descriptions_, options_.description_link_base, &pattern_samples_, &schema_index_, &outlines_};
    std::vector<TwinJob> twin_list = twin_jobs(twin_context_, twins_);
    size_t first_twin = jobs.size();
    for (TwinJob& t : twin_list) {
      const BundleKeys& k = bundle_keys[t.bundle];
      uint64_t key = !memo_ ? 0 : (t.kind == 'o' ? k.operations : t.kind == 't' ? k.tags : k.schemas)[t.index];
      add(std::move(t.make), memo_ ? t.path : "", key);
    }
    std::vector<SiteFile> files(jobs.size());
    std::atomic<size_t> next{0};
    std::vector<char> skipped(jobs.size(), 0);
    std::atomic<bool> sink_failed{false};
    auto run_job = [&](size_t i) {
      const auto& [path, key] = keys[i];
      if (!path.empty()) {
        auto old = memo_->keys.find(path);
        if (old != memo_->keys.end() && old->second == key) {
          skipped[i] = 1;
          return;
        }
      }
      if (sink_failed) return;
      SiteFile file = jobs[i]();
      if (!sink_ || file.path.empty()) {
        files[i] = std::move(file);
        return;
      }
      // Streamed: only the path stays, for the memo and the sitemap.
      files[i].path = file.path;
      if (!(*sink_)(std::move(file))) sink_failed = true;
    };
    std::vector<std::thread> pool;
    size_t workers = std::max(1u, std::thread::hardware_concurrency());
    for (size_t w = 0; w < workers; ++w) {
      pool.emplace_back([&] {
        for (size_t i = next++; i < jobs.size(); i = next++) run_job(i);
      });
    }
    for (std::thread& t : pool) t.join();
    std::vector<std::string> unchanged;
    if (memo_) {
      std::map<std::string, uint64_t> next_keys;
      for (size_t i = 0; i < files.size(); ++i) {
        if (keys[i].first.empty()) continue;
        if (skipped[i]) unchanged.push_back(keys[i].first);
        if (skipped[i] || files[i].path == keys[i].first) next_keys[keys[i].first] = keys[i].second;
      }
      memo_->keys = std::move(next_keys);
      std::map<std::string, std::string> twins;
      for (size_t i = 0; i < twin_list.size(); ++i) {
        if (skipped[first_twin + i]) *twin_list[i].piece = memo_->twins[twin_list[i].path];
        twins[twin_list[i].path] = *twin_list[i].piece;
      }
      memo_->twins = std::move(twins);
      memo_->unchanged = unchanged;
      memo_->rendered = jobs.size() - unchanged.size();
    }
    std::vector<SiteFile> out;
    std::vector<std::string> page_paths;
    for (size_t i = 0; i < files.size(); ++i) {
      if (skipped[i]) page_paths.push_back(keys[i].first);
      if (files[i].path.empty()) continue;
      page_paths.push_back(files[i].path);
      if (!sink_) out.push_back(std::move(files[i]));
    }
    if (!options_.host_pages) out.push_back({"search-index.js", std::move(search_script_)});
    for (SiteFile& f : playground_config_files(bundles_, options_)) out.push_back(std::move(f));
    for (size_t i = 0; i < bundles_.size() && i < twins_.size(); ++i)
      if (auto m = change_maps_.find(&bundles_[i]); m != change_maps_.end())
        twins_[i].changes = changes_markdown(m->second, bundles_[i].name, *bundles_[i].model, options_.changes_since, true);
    for (SiteFile& f : llms_files(bundles_, twins_, title_, options_)) out.push_back(std::move(f));
    twins_.clear();
    if (!options_.host_pages) out.push_back({"sitemap.xml", sitemap_xml(page_paths, options_.base_url)});
    if (sink_) {
      for (SiteFile& f : out)
        if (sink_failed || !(*sink_)(std::move(f))) sink_failed = true;
      out.clear();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    out_.insert(out_.end(), problems_.begin(), problems_.end());
    if (stats_.unlinked) {
      out_.push_back({Severity::Warning, "description-relative-link",
                      std::to_string(stats_.unlinked.load()) +
                          " relative links in descriptions have no base in this site and were left as text; "
                          "set site.description_link_base in apiref.yaml to keep them as links",
                      {"descriptions", "", {}}, {}});
    }
    return out;
  }

 private:
  // The bundled descriptions are made and written in pieces of this size (SiteFile::produce):
  // GitHub's openapi.yaml is 10 MB, and a string that size was ~40% of its making in page
  // faults alone.
  static constexpr size_t kPieceSize = size_t{1} << 20;
  static SiteFile in_pieces(std::string path, std::function<bool(const PieceWriter&)> make) {
    SiteFile f;
    f.path = std::move(path);
    f.produce = std::move(make);
    return f;
  }

  static PageFacts facts(std::string kind, std::string title, std::string link_title, int weight,
                         const SiteBundle* bundle = nullptr) {
    PageFacts f;
    f.kind = std::move(kind);
    f.title = std::move(title);
    f.link_title = std::move(link_title);
    f.weight = weight;
    if (bundle) f.bundle = bundle->name;
    return f;
  }

  SiteFile page(const std::string& path, const std::string& page_template, Data ctx, PageFacts facts,
                const SiteBundle* bundle = nullptr, int active_tag = -1, bool is_operation_page = false) {
    // A host site's page is the same content in the host's layout (templates/host/).
    std::string tpl = options_.host_pages && page_template != "playground" ? "host/" + page_template : page_template;
    if (!templates_.find(tpl)) {
      std::lock_guard<std::mutex> lock(mutex_);
      problems_.push_back({Severity::Error, "template-missing", "no template named '" + tpl + "'", {"templates", "", {}}, {}});
      return {};
    }
    // 404.html is served at any depth, so its links start at the site's path on its host.
    std::string root = path == "404.html" ? site_path(options_.base_url) : root_of(path);
    ctx.set("assets", root + "assets/");
    Data footer = Data::list();
    for (const auto& [label, url] : options_.footer_links) footer.push(fields("label", ref(label), "url", ref(url)));
    ctx.set("site", fields("title", ref(title_), "logo", ref(options_.logo), "primary_color", ref(options_.primary_color),
                           "brand_css", ref(brand_css_), "favicon", ref(options_.favicon),
                           "footer_links", std::move(footer)));
    Data bundles = Data::list();
    for (const SiteBundle& b : bundles_) {
      bundles.push(fields("name", ref(b.name), "title", ref(b.model->title), "href", root + bundle_page_path(b.name),
                          "active", bundle == &b, "spec_json", root + b.name + "/openapi.json",
                          "spec_yaml", root + b.name + "/openapi.yaml"));
    }
    ctx.set("bundles", std::move(bundles));
    ctx.set("multiple_bundles", bundles_.size() > 1);
    // The host's layout shows the page's title (front matter): the content leaves its <h1> out.
    if (options_.host_pages) ctx.set("host_pages", true);
    ctx.set("root", std::move(root));
    // The sidebar ("nav") is an outer context, shared (read-only) by the pages with the same
    // sidebar. Links in it are relative to the page's folder, and the same for every page of a
    // folder (operations/, tags/, ...).
    const Data* nav = nullptr;
    if (bundle && !options_.host_pages) {
      bool tag_page = active_tag >= 0 && !is_operation_page;
      nav = &sidebar(*bundle, active_tag, nav_origin(path), tag_page);
    }
    std::string html = templates_.render(tpl, {nav, &ctx});
    SiteFile file{path, std::move(html)};
    if (facts.description.empty()) {
      const Data* p = ctx.find("page");
      const Data* d = p ? p->find("description") : nullptr;
      if (d) facts.description = std::string(d->text());
    }
    if (options_.host_pages) file.page = std::move(facts);
    return file;
  }

  // The sidebar's data for one bundle, open tag, folder and page kind: {"nav": {...}}.
  using NavKey = std::tuple<const SiteBundle*, int, std::string, bool>;

  // Where the sidebar's links start from: the page's folder with a made-up file name
  // ("b/operations/*" for b/operations/x.html), so that every page of a folder gets the same
  // links. The link to the page itself is then "x.html": still right.
  static std::string nav_origin(const std::string& page_path) {
    size_t file = page_path.rfind('/');
    if (file == std::string::npos) return page_path;  // a page at the site's root
    return page_path.substr(0, file + 1) + "*";
  }

  // Made once per key, by the first page that needs it (two racing threads both make it; the
  // first stored is kept). The reference stays valid while the renderer lives.
  const Data& sidebar(const SiteBundle& b, int active_tag, const std::string& origin, bool tag_page) {
    NavKey key{&b, active_tag, origin, tag_page};
    {
      std::lock_guard<std::mutex> lock(nav_mutex_);
      auto it = navs_.find(key);
      if (it != navs_.end()) return *it->second;
    }
    auto made = std::make_unique<Data>(fields("nav", sidebar_data(b.name, *b.model, origin, active_tag, tag_page, changes_of(b),
                                                                  options_.changes_since)));
    std::lock_guard<std::mutex> lock(nav_mutex_);
    return *navs_.emplace(std::move(key), std::move(made)).first->second;
  }

  Data servers(const std::vector<Server>& list) {
    Data out = Data::list();
    for (const Server& s : list) {
      Data vars = Data::list();
      for (const ServerVariable& v : s.variables) {
        Data e = Data::list();
        for (const std::string& x : v.enum_values) e.push(ref(x));
        bool has_enum = !e.empty();
        vars.push(fields("name", ref(v.name), "default", ref(v.default_value), "enum", std::move(e), "has_enum", has_enum,
                         "description", ref(v.description)));
      }
      out.push(fields("url", ref(s.resolved_url), "template", ref(s.url), "templated", s.url != s.resolved_url, "name", ref(s.name),
                      "description_html", ref(descriptions_.inline_html(s.description)), "variables", std::move(vars)));
    }
    return out;
  }

  Data security(const SiteBundle& b, const EffectiveSecurity& sec, const std::string& root) {
    std::string guide = auth_guide_href(bundles_, b, root);
    Data alts = Data::list();
    for (const SecurityAlternative& a : sec.alternatives) {
      if (a.empty()) continue;
      Data schemes = Data::list();
      for (const SecurityRequirement& r : a) {
        RequirementStatement said = requirement_statement(bundles_, b, r, root);
        Data scopes = Data::list();
        for (const std::string& sc : r.scopes) scopes.push(ref(sc));
        schemes.push(fields("name", ref(r.scheme), "label", std::move(said.label), "how", std::move(said.how), "scopes", std::move(scopes),
                            "has_scopes", !r.scopes.empty(), "href", std::move(said.href)));
      }
      alts.push(fields("schemes", std::move(schemes)));
    }
    // "Optional: any one of:"; no paragraph at all when there is nothing to say.
    bool optional = !alts.empty() && sec.anonymous_allowed();
    std::string intro = optional ? "Optional:" : "";
    if (alts.size() > 1) intro += optional ? " any one of:" : "Any one of:";
    bool has_alternatives = !alts.empty();
    return fields("alternatives", std::move(alts), "intro", std::move(intro),
                  "required", has_alternatives && !sec.anonymous_allowed(),
                  "optional", has_alternatives && sec.anonymous_allowed(),
                  "none", sec.source != SecuritySource::Unspecified && !has_alternatives,
                  "unspecified", sec.source == SecuritySource::Unspecified,
                  "from_project", sec.source == SecuritySource::ProjectDefault,
                  "guide_href", std::move(guide));
  }

  Data media_types(const SiteBundle& b, const std::vector<MediaType>& list, ExampleFor dir, const std::string& root) {
    Data out = Data::list();
    // Most media types refer to a few shared schemas (GitHub: 2,414 uses of 278 components):
    // each tree and example is made once per bundle, direction and page depth.
    std::string where = std::to_string(reinterpret_cast<uintptr_t>(&b)) + "/" + std::to_string(static_cast<int>(dir)) + "/" + root + "/";
    for (const MediaType& mt : list) {
      Data e = fields("name", ref(mt.name));
      if (mt.schema) {
        e.set("schema_html", ref(media_parts_.get("t" + where + schema_identity(*mt.schema), [&] {
          SchemaTreeOptions o = tree_options();
          o.display_names = &b.model->schema_display_names;
          o.direction = dir;
          return render_schema_tree(*b.document, *mt.schema, o, schema_href(b, root));
        })));
      }
      const Node* ex = documented_example(*b.document, mt.example, mt.examples);
      if (mt.item_schema) {
        // 3.2's streams: the item's schema, and several items as the medium frames them.
        std::string_view kind = stream_kind(mt.name);
        e.set("stream", true);
        e.set("stream_kind", kind.empty() ? Data("items") : Data::borrow(kind));
        e.set("item_schema_html", ref(media_parts_.get("i" + where + schema_identity(*mt.item_schema), [&] {
          SchemaTreeOptions o = tree_options();
          o.display_names = &b.model->schema_display_names;
          o.direction = dir;
          return render_schema_tree(*b.document, *mt.item_schema, o, schema_href(b, root));
        })));
      }
      if (mt.item_schema && !ex) {
        e.set("example_html", ref(media_parts_.get("s" + where + mt.name + schema_identity(*mt.item_schema), [&] {
          ExampleOptions eo;
          eo.direction = dir;
          eo.pattern_samples = &pattern_samples_;
          return text::html_escape_text(stream_example(*b.document, mt.name, *mt.item_schema, eo));
        })));
        e.set("example_generated", true);
      } else if (ex) {
        e.set("example_html", ref(media_parts_.get("d" + std::to_string(reinterpret_cast<uintptr_t>(ex)), [&] { return text::html_escape_text(pretty_json(*ex)); })));
        e.set("example_generated", false);
      } else if (mt.schema && mt.name.find("json") != std::string::npos) {
        e.set("example_html", ref(media_parts_.get("g" + where + schema_identity(*mt.schema), [&] {
          ExampleOptions eo;
          eo.direction = dir;
          eo.pattern_samples = &pattern_samples_;
          return text::html_escape_text(pretty_json(example_from_schema(*b.document, *mt.schema, eo)));
        })));
        e.set("example_generated", true);
      }
      out.push(std::move(e));
    }
    return out;
  }

  SchemaHref schema_href(const SiteBundle& b, const std::string& root) {
    const auto& index = schema_index_.at(&b);
    return [&b, &index, root](const std::string& name) -> std::string {
      auto it = index.find(name);
      return it == index.end() ? "" : root + schema_page_path(b.name, *it->second);
    };
  }

  Data operation_context(const SiteBundle& b, const Operation& o, const std::string& root) {
    const ApiModel& m = *b.model;
    Data ctx = fields("id", ref(o.id), "id_generated", o.id_generated, "slug", ref(o.slug), "method", ref(o.method),
                      "method_upper", text::ascii_upper(o.method), "path", ref(o.path), "summary", ref(o.summary),
                      "title", o.summary.empty() ? Data(text::ascii_upper(o.method) + " " + o.path) : ref(o.summary),
                      "description_html", ref(describe(o.description, 2)), "deprecated", o.deprecated,
                      "webhook", o.is_webhook);
    ctx.set("servers", servers(o.servers));
    ctx.set("security", security(b, o.security, root));
    Data groups = parameter_groups(*b.document, o.parameters, [this](const std::string& md) -> const std::string& { return describe(md, 4); });
    Data unresolved = Data::list();
    for (const std::string& r : o.unresolved_parameters) unresolved.push(ref(r));
    ctx.set("has_parameters", !groups.empty() || !unresolved.empty());
    ctx.set("parameter_groups", std::move(groups));
    ctx.set("unresolved_parameters", std::move(unresolved));
    if (o.has_request_body) {
      ctx.set("request_body", fields("required", o.request_body.required,
                                     "unresolved_ref", ref(o.request_body.unresolved_ref),
                                     "description_html", ref(describe(o.request_body.description, 3)),
                                     "media_types", media_types(b, o.request_body.content, ExampleFor::Request, root)));
    }
    Data responses = Data::list();
    for (const Response& r : o.responses) {
      Data headers = Data::list();
      for (const Header& h : r.headers) {
        headers.push(fields("name", ref(h.name), "required", h.required,
                            "type", h.schema ? schema_type_label(*b.document, *h.schema) : "",
                            "description_html", ref(describe(h.description, 4))));
      }
      bool has_headers = !headers.empty();
      responses.push(fields("status", ref(r.status), "class", status_class(r.status), "reason", Data::borrow(status_reason(r.status)),
                            "has_headers", has_headers, "response_summary", ref(r.summary),
                            "description_html", ref(describe(r.description, 4)), "headers", std::move(headers),
                            "media_types", media_types(b, r.content, ExampleFor::Response, root),
                            "unresolved_ref", ref(r.unresolved_ref)));
    }
    // The examples go beside the responses (the page's samples column), with the snippets.
    Data examples = take_response_examples(responses);
    ctx.set("responses", std::move(responses));
    Data callbacks = Data::list();
    for (const Callback& c : o.callbacks) {
      Data ops = Data::list();
      for (const Operation& co : c.operations) ops.push(operation_context(b, co, root));
      callbacks.push(fields("name", ref(c.name), "expression", ref(c.expression), "operations", std::move(ops)));
    }
    ctx.set("callbacks", std::move(callbacks));
    if (!o.is_webhook && !options_.snippet_languages.empty()) set_snippets(b, o, options_.snippet_languages, pattern_samples_, ctx);
    const Data* snippets = ctx.find("snippets");
    ctx.set("has_samples", !examples.empty() || (snippets && !snippets->empty()));
    ctx.set("response_examples", std::move(examples));
    Data tags = Data::list();
    const TagIndex& index = tag_index_.at(&b);
    for (const std::string& t : o.tags)
      if (auto it = index.by_name.find(t); it != index.by_name.end())
        for (size_t ti : it->second) {
          const Tag& tag = m.tags[ti];
          tags.push(fields("name", ref(tag.display_name), "href", root + tag_page_path(b.name, tag)));
        }
    ctx.set("tags", std::move(tags));
    return ctx;
  }

  SiteFile operation_page(const SiteBundle& b, size_t index) {
    const ApiModel& m = *b.model;
    const Operation& o = m.operations[index];
    std::string path = operation_page_path(b.name, o);
    std::string root = root_of(path);
    // Asked for before operation_context() describes the same text: one parse makes both.
    std::string meta_description =
        o.description.empty() ? markdown_to_plain_text(o.summary, 160) : plain_text(o.description, 2, 160);
    Data operation = operation_context(b, o, root);
    std::string try_href = playground_href(b.name, o);
    if (!try_href.empty()) operation.set("try_href", root + try_href);
    if (!try_href.empty() && !playground_sends_all(*b.document, o))
      operation.set("try_note", "the playground cannot send its querystring parameter: use a snippet below");
    operation.set("change", change_badge(b, index, root));
    std::string title = std::string(operation.find("title")->text()) + " · " + m.title;
    Data ctx = fields("operation", std::move(operation));
    ctx.set("page", fields("title", std::move(title), "description", std::move(meta_description), "markdown", o.slug + ".md"));
    // Previous and next in reading order (tag by tag, as the sidebar lists them).
    auto [tag_index, place] = tag_index_.at(&b).of_operation[index];
    auto at = static_cast<std::ptrdiff_t>(place);
    if (tag_index >= 0) {
      const std::vector<size_t>& ops = m.tags[static_cast<size_t>(tag_index)].operations;
      if (at > 0) {
        const Operation& p = m.operations[ops[static_cast<size_t>(at - 1)]];
        ctx.set("prev", fields("href", root + operation_page_path(b.name, p), "label", ref(p.summary.empty() ? p.path : p.summary)));
      }
      if (static_cast<size_t>(at + 1) < ops.size()) {
        const Operation& n = m.operations[ops[static_cast<size_t>(at + 1)]];
        ctx.set("next", fields("href", root + operation_page_path(b.name, n), "label", ref(n.summary.empty() ? n.path : n.summary)));
      }
      const Tag& tag = m.tags[static_cast<size_t>(tag_index)];
      Data breadcrumbs = Data::list();
      breadcrumbs.push(fields("label", ref(m.title), "href", root + bundle_page_path(b.name)));
      breadcrumbs.push(fields("label", ref(tag.display_name), "href", root + tag_page_path(b.name, tag)));
      ctx.set("breadcrumbs", std::move(breadcrumbs));
      ctx.set("pager", at > 0 || static_cast<size_t>(at + 1) < ops.size());
      // Under its tag in the sidebar, and the script that lists the tag's other operations.
      ctx.set("sidebar_operation", fields("href", relative_href(path, operation_page_path(b.name, o)), "method", ref(o.method),
                                          "method_upper", text::ascii_upper(o.method), "label", ref(o.summary.empty() ? o.path : o.summary),
                                          "active", true, "deprecated", o.deprecated, "change", change_badge(b, index, root),
                                          "script", relative_href(path, tag_script_path(b.name, tag))));
    }
    PageFacts f = facts("operation", o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary,
                        o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary, static_cast<int>(index) + 1, &b);
    if (tag_index >= 0) {
      f.tag = m.tags[static_cast<size_t>(tag_index)].slug;
      f.tag_name = m.tags[static_cast<size_t>(tag_index)].display_name;
      f.weight = static_cast<int>(at) + 1;
    }
    f.slug = o.slug;
    if (!o.id_generated) f.operation_id = o.id;
    f.method = text::ascii_upper(o.method);
    f.path = o.path;
    return page(path, "operation", std::move(ctx), std::move(f), &b, tag_index, true);
  }

  // <bundle>/tags/<tag>.nav.js: the tag's operations for the sidebar of its operation pages,
  // which app.js lists under the tag (window.apirefTagNav). Links are relative to operations/.
  // Without JavaScript an operation page's sidebar shows the tags and the page itself, and the
  // tag's link leads to its page, which lists every operation.
  SiteFile tag_script(const SiteBundle& b, const Tag& t) { return {tag_script_path(b.name, t), tag_nav_script(*b.model, t, changes_of(b))}; }

  SiteFile tag_page(const SiteBundle& b, size_t index) {
    const ApiModel& m = *b.model;
    const Tag& t = m.tags[index];
    std::string path = tag_page_path(b.name, t);
    std::string root = root_of(path);
    Data ctx = fields("tag", fields("name", ref(t.display_name), "description_html", ref(describe(t.description, 2)),
                                    "operations", operation_list(b, t, root), "facts", tag_facts(b.name, m, t, root)));
    ctx.set("page", fields("title", t.display_name + " · " + m.title, "description", markdown_to_plain_text(t.description, 160),
                           "markdown", t.slug + ".md"));
    ctx.set("breadcrumbs", breadcrumbs_to(b, root));
    PageFacts f = facts("tag", t.display_name, t.display_name, static_cast<int>(index) + 1, &b);
    f.tag = f.slug = t.slug;
    f.tag_name = t.display_name;
    return page(path, "tag", std::move(ctx), std::move(f), &b, static_cast<int>(index));
  }

  SiteFile schema_page(const SiteBundle& b, size_t index) {
    const ApiModel& m = *b.model;
    const SchemaComponent& s = m.schemas[index];
    std::string path = schema_page_path(b.name, s);
    std::string root = root_of(path);
    SchemaTreeOptions o = tree_options();
    o.display_names = &m.schema_display_names;
    o.root_component = s.name;
    o.all_directions = true;  // the component as a whole; operations' trees filter by direction
    o.open_depth = 2;
    // Before the tree describes the same text: one parse makes both.
    std::string meta_description = descriptions_.plain_text(s.schema->string_at("description"),
                                                            schema_description_style(options_.description_link_base), 160);
    ExampleOptions eo;
    eo.pattern_samples = &pattern_samples_;
    eo.name = s.name;
    Data ctx = fields("schema", fields("name", ref(s.display_name),
                                       "tree_html", render_schema_tree(*b.document, *s.schema, o, schema_href(b, root)),
                                       "example_html", text::html_escape_text(pretty_json(example_from_schema(*b.document, *s.schema, eo)))));
    ctx.set("page", fields("title", s.display_name + " · " + m.title, "description", std::move(meta_description), "markdown", s.slug + ".md"));
    Data breadcrumbs = breadcrumbs_to(b, root);
    breadcrumbs.push(fields("label", "Schemas", "href", root + schemas_page_path(b.name)));
    ctx.set("breadcrumbs", std::move(breadcrumbs));
    PageFacts f = facts("schema", s.display_name, s.display_name, static_cast<int>(index) + 1, &b);
    f.slug = s.slug;
    return page(path, "schema", std::move(ctx), std::move(f), &b);
  }

  // A tag's operations, as the tag page and the bundle's page list them.
  Data operation_list(const SiteBundle& b, const Tag& t, const std::string& root) {
    Data ops = Data::list();
    for (size_t oi : t.operations) {
      const Operation& o = b.model->operations[oi];
      ops.push(fields("method", ref(o.method), "method_upper", text::ascii_upper(o.method), "path", ref(o.path),
                      "summary", ref(o.summary), "href", root + operation_page_path(b.name, o), "deprecated", o.deprecated,
                      "change", change_badge(b, oi, root)));
    }
    return ops;
  }

  // The breadcrumbs' first step: the bundle's page.
  Data breadcrumbs_to(const SiteBundle& b, const std::string& root) {
    Data list = Data::list();
    list.push(fields("label", ref(b.model->title), "href", root + bundle_page_path(b.name)));
    return list;
  }

  // <bundle>/: the bundle's own front page, its tags with their operations.
  SiteFile bundle_page(const SiteBundle& b) {
    const ApiModel& m = *b.model;
    std::string path = bundle_page_path(b.name);
    std::string root = root_of(path);
    Data tags = Data::list();
    // Nested tags (3.2) as nested headings: a parent's heading stands over its children's.
    for (auto [ti, depth] : tags_in_tree_order(m)) {
      const Tag& t = m.tags[ti];
      if (t.operations.empty() && !m.nested_tags) continue;
      tags.push(fields("name", ref(t.display_name), "href", root + tag_page_path(b.name, t), "operations", operation_list(b, t, root),
                       "level", std::to_string(2 + std::min(depth, 2))));
    }
    Data ctx = fields("bundle", fields("title", ref(m.title), "version", ref(m.version), "name", ref(b.name),
                                       "description_html", ref(describe(m.description, 2)), "servers", servers(m.servers),
                                       "tags", std::move(tags), "schemas_href", root + schemas_page_path(b.name),
                                       "changes_href", change_maps_.count(&b) ? Data(root + changes_page_path(b.name)) : Data(),
                                       "spec_json", root + b.name + "/openapi.json", "spec_yaml", root + b.name + "/openapi.yaml",
                                       "self_uri", ref(m.self_uri), "self_href", canonical_href(m.self_uri)));
    ctx.set("page", fields("title", ref(m.title), "description", markdown_to_plain_text(m.description, 160)));
    return page(path, "bundle", std::move(ctx), facts("bundle", m.title, m.title, static_cast<int>(&b - bundles_.data()) + 2, &b), &b);
  }

  SiteFile schema_index_page(const SiteBundle& b) {
    const ApiModel& m = *b.model;
    std::string path = schemas_page_path(b.name);
    std::string root = root_of(path);
    Data list = Data::list();
    for (const SchemaComponent& s : m.schemas) {
      list.push(fields("name", ref(s.display_name), "href", root + schema_page_path(b.name, s),
                       "type", schema_type_label(*b.document, *s.schema),
                       "summary", descriptions_.plain_text(s.schema->string_at("description"),
                                                           schema_description_style(options_.description_link_base), 120)));
    }
    Data ctx = fields("schemas", std::move(list), "bundle_title", ref(m.title));
    ctx.set("page", fields("title", "Schemas · " + m.title, "description", "Data types of " + m.title));
    ctx.set("breadcrumbs", breadcrumbs_to(b, root));
    return page(path, "schemas", std::move(ctx), facts("schemas", "Schemas", "Schemas", static_cast<int>(m.tags.size()) + 1, &b), &b);
  }

  // An operation's badge when the site shows what changed and it did (a null Data otherwise).
  const ChangeMap* changes_of(const SiteBundle& b) const { auto it = change_maps_.find(&b); return it == change_maps_.end() ? nullptr : &it->second; }
  Data change_badge(const SiteBundle& b, size_t operation, const std::string& root) const {
    return changes_of(b) ? change_badge_data(*changes_of(b), b.name, operation, options_.changes_since, root) : Data();
  }

  // <bundle>/changes.html: what changed since --changes-since, by operation.
  SiteFile changes_page(const SiteBundle& b) {
    std::string path = changes_page_path(b.name);
    std::string root = root_of(path);
    Data ctx = changes_page_data(change_maps_.at(&b), b.name, *b.model, options_.changes_since, root);
    ctx.set("breadcrumbs", breadcrumbs_to(b, root));
    PageFacts f = facts("changes", "What changed", "What changed", static_cast<int>(b.model->tags.size()) + 2, &b);
    return page(path, "changes", std::move(ctx), std::move(f), &b);
  }

  Data overview() {
    Data bundles = Data::list();
    for (const SiteBundle& b : bundles_) {
      const ApiModel& m = *b.model;
      Data tags = Data::list();
      for (const Tag& t : m.tags) {
        if (t.operations.empty()) continue;
        tags.push(fields("name", ref(t.display_name), "href", tag_page_path(b.name, t), "count", t.operations.size(),
                         "summary", markdown_to_plain_text(t.description, 140)));
      }
      bool has_tags = !tags.empty();
      Data auth = overview_auth(bundles_, b);
      bool has_auth = !auth.empty();
      Data first = b.first_call ? first_call_data(b, *b.first_call, options_.snippet_languages, pattern_samples_) : Data();
      bool has_first = b.first_call != nullptr;
      bundles.push(fields("name", ref(b.name), "title", ref(m.title), "version", ref(m.version),
                          "description_html", ref(describe(m.description, 3)), "servers", servers(m.servers),
                          "tags", std::move(tags), "operation_count", m.operations.size(), "schema_count", m.schemas.size(),
                          "auth", std::move(auth), "has_auth", has_auth, "first_call", std::move(first), "has_first_call", has_first,
                          "has_servers", !m.servers.empty(), "has_tags", has_tags,
                          "spec_json", b.name + "/openapi.json", "spec_yaml", b.name + "/openapi.yaml",
                          "schemas_href", schemas_page_path(b.name), "self_uri", ref(m.self_uri)));
    }
    return fields("overview", fields("bundles", std::move(bundles)), "page", fields("title", ref(title_), "description", ref(title_)));
  }

  // The guide's data comes from auth_guide.cpp, like every page's statement about auth.
  Data authentication() { return authentication_guide(bundles_, title_); }

  // The HTML of a description; the reference stays valid while the renderer lives.
  const std::string& describe(std::string_view markdown, int heading_base) {
    return descriptions_.html(markdown, description_style(heading_base), &stats_);
  }
  // Its plain text, cut to max_chars: from the same parse as describe(markdown, heading_base).
  std::string plain_text(std::string_view markdown, int heading_base, size_t max_chars) {
    return descriptions_.plain_text(markdown, description_style(heading_base), max_chars);
  }
  // Schema trees describe as the rest of the page does: the same link base, the same count.
  SchemaTreeOptions tree_options() {
    SchemaTreeOptions o;
    o.templates = &templates_;
    o.descriptions = &descriptions_;
    o.description_link_base = options_.description_link_base;
    o.description_stats = &stats_;
    return o;
  }
  DescriptionStyle description_style(int heading_base) const {
    DescriptionStyle style;
    style.heading_base = heading_base;
    style.link_base = options_.description_link_base;
    return style;
  }

  const std::vector<SiteBundle>& bundles_;
  const TemplateSet& templates_;
  const SiteOptions& options_;
  Diagnostics& out_;
  Diagnostics problems_;
  std::mutex mutex_;
  std::string title_;
  std::string search_script_;  // search-index.js, made by the search index's job
  DescriptionStats stats_;
  RenderMemo* memo_;
  const FileSink* sink_;
  DescriptionCache descriptions_;
  OnceMap media_parts_;  // schema trees and examples of media types
  PatternSamples pattern_samples_;  // this render's, shared by its workers
  std::map<const SiteBundle*, std::unordered_map<std::string, const SchemaComponent*>> schema_index_;
  std::map<const SiteBundle*, TagIndex> tag_index_;
  std::map<const SiteBundle*, ChangeMap> change_maps_;  // the bundles that show what changed
  std::mutex nav_mutex_;
  std::map<NavKey, std::unique_ptr<Data>> navs_;  // sidebar() of each key
  std::string brand_css_;  // site.primary_color's custom properties (render/brand.h)
  OutlineCache outlines_;
  TwinContext twin_context_;
  std::vector<BundleTwins> twins_;  // for llms-full.txt, filled by the twins' jobs
};

}  // namespace

std::vector<SiteFile> render_site(const std::vector<SiteBundle>& bundles, const TemplateSet& templates,
                                  const SiteOptions& options, Diagnostics& out, RenderMemo* memo,
                                  const FileSink* sink) {
  return SiteRenderer(bundles, templates, options, out, memo, sink).run();
}

}  // namespace apiref
