#include "render/operation_snippets.h"

#include <algorithm>
#include <map>

#include "markdown/markdown.h"
#include "snippets/snippets.h"
#include "text/case.h"
#include "text/escape.h"

namespace apiref {

using Data = TemplateData;

std::vector<Snippet> own_code_samples(const Operation& o) {
  std::vector<Snippet> own;
  if (!o.code_samples || !o.code_samples->is_array()) return own;
  for (const Node& cs : o.code_samples->items) {
    std::string lang(cs.string_at("lang"));
    std::string source(cs.string_at("source"));
    if (source.empty()) continue;
    std::string label(cs.string_at("label"));
    std::string id = text::ascii_lower(lang);
    if (id == "shell" || id == "bash" || id == "sh") id = "curl";
    if (id == "node" || id == "js") id = "javascript";
    own.push_back({slugify(id), label.empty() ? lang : label, source});
  }
  return own;
}

Request page_request(const SiteBundle& b, const Operation& o, PatternSamples& samples) {
  SnippetOptions options = b.snippets;
  options.pattern_samples = &samples;
  return build_request(*b.document, *b.model, o, options);
}

std::string page_curl(const Operation& o, const Request& request) {
  for (const Snippet& sample : own_code_samples(o))
    if (sample.language == "curl") return sample.code;  // the first, as the page shows it
  return curl_snippet(request);
}

void set_snippets(const SiteBundle& b, const Operation& o, const std::vector<std::string>& languages,
                  PatternSamples& samples, TemplateData& ctx) {
  const ApiModel& m = *b.model;
    SnippetOptions options = b.snippets;
    options.pattern_samples = &samples;
    Request request = page_request(b, o, samples);
    Data snippets = Data::list();
    bool first = true;
    // What the page's token and server box may fill in: the variables the snippets read
    // credentials from (of every alternative shown), and the server URL they were written with.
    std::vector<std::string> vars;
    auto collect = [&](const Request& req) {
      auto add = [&](const Value& v) {
        for (const Segment& seg : v)
          if (seg.is_env && std::find(vars.begin(), vars.end(), seg.text) == vars.end()) vars.push_back(seg.text);
      };
      add(req.url);
      for (const NamedValue& h : req.headers) add(h.value);
      for (const NamedValue& c : req.cookies) add(c.value);
      add(req.basic_password);
    };
    collect(request);
    std::vector<Snippet> list = snippets_for(request, languages);
    // Where the page's token box writes the reader's values (site/app.js): every expression
    // of each snippet that reads a variable, with the value it stands for.
    std::map<std::string, std::string> fill;
    for (const Snippet& sn : list) fill[sn.language] = variable_fill_json(request, sn.language);
    // An operation that accepts several ways to authenticate shows each: the first in every
    // language, the others as further curl snippets named by their schemes.
    for (size_t alt = 1; alt < o.security.alternatives.size() && !b.snippets.use_override; ++alt) {
      if (o.security.alternatives[alt].empty()) continue;
      SnippetOptions other = options;
      other.alternative = alt;
      Request alt_request = build_request(*b.document, m, o, other);
      collect(alt_request);
      std::string id = "curl-alt-" + std::to_string(alt);
      fill[id] = variable_fill_json(alt_request, "curl");
      list.push_back({id, "curl (" + alternative_label(o.security.alternatives[alt]) + ")", curl_snippet(alt_request)});
    }
    // x-codeSamples (x-code-samples): the description's own samples replace ours for the
    // same language and come first; other languages are added.
    std::vector<Snippet> described = own_code_samples(o);
    for (const Snippet& sample : described) {
      fill.erase(sample.language);  // the description's sample, not apiref's: nothing to fill in
      list.erase(std::remove_if(list.begin(), list.end(), [&](const Snippet& x) { return x.language == sample.language; }),
                 list.end());
    }
    list.insert(list.begin(), described.begin(), described.end());
    for (const Snippet& sn : list) {
      auto own = fill.find(sn.language);
      bool ours = own != fill.end();
      snippets.push(fields("language", sn.language, "label", sn.label, "code_html", text::html_escape_text(sn.code), "first", first,
                           "fill", ours ? own->second : std::string()));
      first = false;
    }
    ctx.set("snippets", std::move(snippets));
    std::string joined;
    for (const std::string& v : vars) joined += (joined.empty() ? "" : " ") + v;
    ctx.set("snippet_env", std::move(joined));
    // The page's box has a field per variable: the token's (the project's token_env, else
    // the first) shares its storage with the playground's token field, and every other one
    // (an organisation ID, a basic-auth user) is filled only into its own places.
    std::string token_var = b.snippets.token_env;
    if (std::find(vars.begin(), vars.end(), token_var) == vars.end()) token_var = vars.empty() ? "" : vars[0];
    Data var_fields = Data::list();
    for (const std::string& v : vars) {
      // The project's words for its other variables (auth.variables), as the field's label.
      std::string label;
      if (b.project_auth())
        for (const auto& [name, text] : b.auth->variables)
          if (name == v) label = markdown_to_plain_text(text, 80);
      var_fields.push(fields("name", v, "token", v == token_var, "label", std::move(label)));
    }
    ctx.set("snippet_vars", std::move(var_fields));
    ctx.set("snippet_server", o.servers.empty() ? Data("") : ref(o.servers[0].resolved_url));
}

}  // namespace apiref
