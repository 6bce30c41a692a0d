#include "render/llms_txt.h"

#include "markdown/markdown.h"
#include "render/markdown_text.h"
#include "render/markdown_twin.h"
#include "render/page_links.h"
#include "text/case.h"

namespace apiref {

namespace {

std::string count(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string operation_label(const Operation& o) {
  return o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary;
}

// One llms-full file: its name and what it covers, for llms.txt.
struct FullFile {
  std::string path;
  std::string covers;
  std::string text;
};

// A bundle's part of llms-full: its heading, then each tag's twin followed by the twins of the
// operations listed first under it, the operations of no tag, and the schemas; pieces apart so
// that a bundle over the limit can be cut between twins.
std::vector<std::string> bundle_pieces(const SiteBundle& b, const BundleTwins& t, const SiteOptions& options) {
  const ApiModel& m = *b.model;
  std::vector<std::string> pieces;
  std::string head = "# " + md_text(m.title) + "\n\n";
  if (!m.version.empty()) head += "Version " + md_code(m.version) + ". ";
  head += count(m.operations.size(), "operation", "operations") + ", " + count(m.schemas.size(), "schema", "schemas") +
          ". The OpenAPI description: " + b.name + "/openapi.json.\n\n";
  for (const Server& s : m.servers) head += "- Server " + md_code(s.resolved_url) + "\n";
  if (!m.servers.empty()) head += "\n";
  std::string description = markdown_for_embedding(m.description, 2, options.description_link_base);
  if (!description.empty()) head += description + "\n";
  pieces.push_back(std::move(head));
  if (!t.changes.empty()) pieces.push_back(t.changes);  // what a reader of an earlier version needs first
  std::vector<char> placed(m.operations.size(), 0);
  for (size_t ti = 0; ti < m.tags.size(); ++ti) {
    pieces.push_back(t.tags[ti]);
    for (size_t oi : m.tags[ti].operations)
      if (!placed[oi]) {
        placed[oi] = 1;
        pieces.push_back(t.operations[oi]);
      }
  }
  for (size_t oi = 0; oi < m.operations.size(); ++oi)
    if (!placed[oi]) pieces.push_back(t.operations[oi]);
  for (const std::string& s : t.schemas) pieces.push_back(s);
  return pieces;
}

void append(std::string& out, const std::string& piece) {
  if (!out.empty()) out += "\n---\n\n";
  out += piece;
}

size_t joined_size(const std::vector<std::string>& pieces) {
  size_t n = 0;
  for (const std::string& p : pieces) n += p.size() + 6;
  return n;
}

std::vector<FullFile> full_files(const std::vector<SiteBundle>& bundles, const std::vector<BundleTwins>& twins,
                                 const std::string& head, const SiteOptions& options) {
  std::vector<std::vector<std::string>> pieces;
  size_t total = head.size();
  for (size_t i = 0; i < bundles.size(); ++i) {
    pieces.push_back(bundle_pieces(bundles[i], twins[i], options));
    total += joined_size(pieces.back());
  }
  std::vector<FullFile> files;
  if (total <= options.llms_full_max_bytes) {
    FullFile f{"llms-full.txt", "the whole reference", head};
    for (const auto& list : pieces)
      for (const std::string& p : list) append(f.text, p);
    files.push_back(std::move(f));
    return files;
  }
  for (size_t i = 0; i < bundles.size(); ++i) {
    const std::string& title = bundles[i].model->title;
    if (joined_size(pieces[i]) <= options.llms_full_max_bytes) {
      FullFile f{"llms-full-" + bundles[i].name + ".txt", title, ""};
      for (const std::string& p : pieces[i]) append(f.text, p);
      files.push_back(std::move(f));
      continue;
    }
    // Over the limit alone: parts, each as full as the limit allows, cut between twins.
    size_t first = files.size();
    FullFile part;
    for (const std::string& p : pieces[i]) {
      if (!part.text.empty() && part.text.size() + p.size() + 6 > options.llms_full_max_bytes) {
        files.push_back(std::move(part));
        part = FullFile{};
      }
      append(part.text, p);
    }
    if (!part.text.empty()) files.push_back(std::move(part));
    size_t parts = files.size() - first;
    for (size_t n = 0; n < parts; ++n) {
      FullFile& f = files[first + n];
      f.path = "llms-full-" + bundles[i].name + "-" + std::to_string(n + 1) + ".txt";
      f.covers = title + ", part " + std::to_string(n + 1) + " of " + std::to_string(parts);
    }
  }
  return files;
}

}  // namespace

std::vector<SiteFile> llms_files(const std::vector<SiteBundle>& bundles, const std::vector<BundleTwins>& twins,
                                 const std::string& title, const SiteOptions& options) {
  std::string base = options.base_url;
  if (!base.empty() && base.back() != '/') base += '/';
  std::string summary;
  if (bundles.size() == 1) {
    const ApiModel& m = *bundles[0].model;
    summary = markdown_to_plain_text(m.summary.empty() ? m.description : m.summary, 240);
  }
  if (summary.empty()) {
    std::vector<std::string> names;
    for (const SiteBundle& b : bundles) names.push_back(b.model->title);
    summary = "The API reference of " + (names.empty() ? title : [&] {
      std::string s;
      for (size_t i = 0; i < names.size(); ++i) s += (i ? (i + 1 == names.size() ? " and " : ", ") : "") + names[i];
      return s;
    }());
  }
  std::string head = "# " + md_heading(title) + "\n\n> " + md_text(summary) + "\n\n";
  std::vector<FullFile> full = full_files(bundles, twins, head, options);

  std::string out = head;
  out += "Every operation, tag and schema page of this reference has a Markdown twin: the page's address with `.md` "
         "in place of `.html`. The whole reference as Markdown:\n\n";
  for (const FullFile& f : full)
    out += "- [" + f.path + "](" + base + f.path + "): " + md_text(f.covers) + ", " + std::to_string(f.text.size()) + " bytes\n";
  out += "\n## APIs\n\n";
  for (const SiteBundle& b : bundles) {
    const ApiModel& m = *b.model;
    out += "- [" + md_text(m.title) + "](" + base + bundle_page_path(b.name) + "): " +
           (m.version.empty() ? "" : "version " + md_code(m.version) + ", ") + count(m.operations.size(), "operation", "operations") +
           "; OpenAPI description at " + base + b.name + "/openapi.json" +
           (m.self_uri.empty() ? "" : ", its canonical URI (`$self`) " + md_text(m.self_uri)) + "\n";
  }
  std::string changed;
  for (const SiteBundle& b : bundles) {
    if (!b.changes) continue;
    size_t level[3] = {0, 0, 0};
    for (const Change& c : *b.changes) level[static_cast<size_t>(c.level)]++;
    changed += "- [What changed in " + md_text(b.model->title) + "](" + base + b.name + "/changes.md): " +
               count(b.changes->size(), "change", "changes") + " since " + md_code(options.changes_since) + ", " +
               std::to_string(level[static_cast<size_t>(ChangeLevel::Breaking)]) + " breaking, " +
               count(level[static_cast<size_t>(ChangeLevel::Warning)], "warning", "warnings") + "\n";
  }
  if (!changed.empty()) out += "\n## What changed since " + md_text(options.changes_since) + "\n\n" + changed;
  for (const SiteBundle& b : bundles) {
    const ApiModel& m = *b.model;
    std::vector<char> placed(m.operations.size(), 0);
    auto operation_line = [&](const Operation& o) {
      return "- [" + md_text(operation_label(o)) + "](" + base + twin_path(operation_page_path(b.name, o)) + "): " +
             md_code(text::ascii_upper(o.method) + " " + o.path) + (o.deprecated ? ", deprecated" : "") + "\n";
    };
    for (const Tag& t : m.tags) {
      out += "\n## " + md_heading((bundles.size() > 1 ? m.title + ": " : "") + t.display_name) + "\n\n";
      std::string note = markdown_to_plain_text(t.description, 200);
      out += "- [" + md_text(t.display_name) + "](" + base + twin_path(tag_page_path(b.name, t)) + "): tag, " +
             count(t.operations.size(), "operation", "operations") + (note.empty() ? "" : ". " + md_text(note)) + "\n";
      for (size_t oi : t.operations)
        if (!placed[oi]) {
          placed[oi] = 1;
          out += operation_line(m.operations[oi]);
        }
    }
    std::string rest;
    for (size_t oi = 0; oi < m.operations.size(); ++oi)
      if (!placed[oi]) rest += operation_line(m.operations[oi]);
    if (!rest.empty()) out += "\n## " + (bundles.size() > 1 ? md_text(m.title) + ": " : "") + "Other operations\n\n" + rest;
  }
  out += "\n## Optional\n\n";
  for (const SiteBundle& b : bundles)
    out += "- [Schemas of " + md_text(b.model->title) + "](" + base + schemas_page_path(b.name) + "): " +
           count(b.model->schemas.size(), "schema", "schemas") + ", each with its Markdown twin, " + md_code(b.name + "/schemas/<name>.md") + "\n";

  std::vector<SiteFile> files;
  files.push_back({"llms.txt", std::move(out)});
  for (FullFile& f : full) files.push_back({std::move(f.path), std::move(f.text)});
  return files;
}

}  // namespace apiref
