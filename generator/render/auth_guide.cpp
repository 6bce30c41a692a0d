#include "render/auth_guide.h"

#include <map>

#include "markdown/markdown.h"
#include "render/description.h"
#include "snippets/snippets.h"

namespace apiref {

using Data = TemplateData;

namespace {

// The project's Markdown (apiref.yaml), sanitised like every description.
std::string markdown_html(const std::string& markdown, int heading_base) {
  if (markdown.empty()) return "";
  DescriptionStyle style;
  style.heading_base = heading_base;
  return description_html(markdown, style);
}

// "$NAME" for ${NAME}, "$TOKEN_ENV" for ${token}.
std::string show_variables(std::string text, const AuthConfig& a) {
  for (size_t at; (at = text.find("${")) != std::string::npos;) {
    size_t close = text.find('}', at);
    if (close == std::string::npos) break;
    std::string name = text.substr(at + 2, close - at - 2);
    text.replace(at, close - at + 1, "$" + (name == "token" ? a.token_env : name));
  }
  return text;
}

// A runnable example for the guide: the first GET of these bundles that needs the credential
// and no value the reader would have to make up (no path or required parameter).
void add_example(Data& section, const std::vector<const SiteBundle*>& bundles) {
  for (const SiteBundle* b : bundles) {
    for (const Operation& o : b->model->operations) {
      if (o.method != "get" || o.is_webhook || o.security.alternatives.empty() || o.security.anonymous_allowed()) continue;
      bool needs_values = false;
      for (const Parameter& p : o.parameters) needs_values = needs_values || p.in == "path" || p.required;
      if (needs_values) continue;
      Request r = build_request(*b->document, *b->model, o, b->snippets);
      section.set("example_curl", curl_snippet(r));
      section.set("example_summary", o.summary.empty() ? o.method + " " + o.path : o.summary);
      return;
    }
  }
}

// What the description itself declares, for a bundle whose project auth replaced it: each
// scheme once, with the number of operations that name it.
void add_declared(Data& list, std::map<std::string, bool>& seen, const SiteBundle& b) {
  for (const SecurityScheme& s : b.model->declared_schemes) {
    if (seen[s.name]) continue;
    seen[s.name] = true;
    size_t used = 0;
    for (const Operation& o : b.model->operations)
      for (const SecurityAlternative& a : o.declared_security.alternatives)
        for (const SecurityRequirement& r : a) used += r.scheme == s.name;
    list.push(fields("name", s.name, "label", scheme_label(s), "count", used, "one", used == 1));
  }
}

Data project_section(const AuthConfig& a, const std::vector<const SiteBundle*>& users, const std::string& anchor) {
  Data bundles = Data::list();
  Data declared = Data::list();
  std::map<std::string, bool> seen;
  for (const SiteBundle* b : users) {
    bundles.push(fields("name", b->name, "title", b->model->title, "href", "../" + b->name + "/index.html"));
    if (a.sends()) add_declared(declared, seen, *b);
  }
  std::string server = auth_server_name(a, true);
  std::string summary;
  if (a.sends()) summary = server + " reads your " + a.name + " from " + auth_send_phrase(a) + ".";
  if (a.required_by_default)
    summary += std::string(summary.empty() ? "" : " ") + "Every operation needs it unless its page says \u201cNo authentication needed\u201d.";
  Data steps = Data::list();
  for (const std::string& st : a.obtain_steps) steps.push(render_markdown_inline(st));
  bool has_ui = !a.obtain_steps.empty() || !a.obtain_url.empty();
  bool has_cli = !a.obtain_command.empty();
  Data variables = Data::list();
  for (const auto& [name, text] : a.variables) variables.push(fields("name", name, "text_html", render_markdown_inline(text)));
  Data lines = Data::list();
  for (std::string& l : auth_send_lines(a)) lines.push(std::move(l));
  Data trouble = Data::list();
  for (const auto& [problem, fix] : a.troubleshooting)
    trouble.push(fields("problem_html", render_markdown_inline(problem), "fix_html", markdown_html(fix, 5)));
  bool has_declared = !declared.empty();
  bool has_trouble = !trouble.empty();
  bool has_variables = !variables.empty();
  Data section = fields(
      "anchor", anchor, "name", a.name, "server", server, "token_env", a.token_env, "summary", summary,
      "bundles", std::move(bundles), "has_get", has_ui || has_cli, "has_ui", has_ui, "steps", std::move(steps),
      "url", a.obtain_url, "has_cli", has_cli, "command", a.obtain_command, "stored_in", a.cli_stored_in,
      "export", a.cli_export, "variables", std::move(variables), "has_variables", has_variables,
      "sends", a.sends(), "send_lines", std::move(lines),
      "no_auth_mode_html", markdown_html(a.no_auth_mode, 4), "providers_html", markdown_html(a.providers, 4),
      "organization_html", markdown_html(a.organization, 4), "unauthorized_html", markdown_html(a.unauthorized, 5),
      "forbidden_html", markdown_html(a.forbidden, 5), "redirect_html", markdown_html(a.redirect, 5),
      "revoke_html", markdown_html(a.revoke, 4), "troubleshooting", std::move(trouble), "has_troubleshooting", has_trouble,
      "declared", std::move(declared), "has_declared", has_declared);
  if (a.sends()) add_example(section, users);
  return section;
}

// A scheme of a description whose project says nothing about how its server reads credentials.
Data described_scheme(const SecurityScheme& s, const std::vector<const SiteBundle*>& bundles) {
  Data flows = Data::list();
  for (const OAuthFlow& f : s.flows) {
    Data scopes = Data::list();
    for (const auto& [name, desc] : f.scopes) scopes.push(fields("name", name, "description", desc));
    flows.push(fields("kind", f.kind, "authorization_url", f.authorization_url, "token_url", f.token_url,
                      "refresh_url", f.refresh_url, "scopes", std::move(scopes),
                      "device_authorization_url", f.device_authorization_url));
  }
  size_t used = 0;
  for (const SiteBundle* b : bundles)
    for (const Operation& o : b->model->operations)
      for (const SecurityAlternative& a : o.security.alternatives)
        for (const SecurityRequirement& r : a) used += r.scheme == s.name;
  return fields("name", s.name, "anchor", "scheme-" + slugify(s.name), "label", scheme_label(s),
                "is_bearer", s.type == "http" && s.http_scheme == "bearer", "is_basic", s.type == "http" && s.http_scheme == "basic",
                "is_api_key", s.type == "apiKey", "in", s.in, "param_name", s.param_name,
                "is_openid", s.type == "openIdConnect", "openid_url", s.open_id_connect_url, "flows", std::move(flows),
                "description_html", markdown_html(s.description, 3), "operation_count", used);
}

}  // namespace

std::string scheme_label(const SecurityScheme& s) {
  if (s.type == "http" && s.http_scheme == "bearer") return "HTTP bearer token" + (s.bearer_format.empty() ? std::string() : " (" + s.bearer_format + ")");
  if (s.type == "http" && s.http_scheme == "basic") return "HTTP basic authentication";
  if (s.type == "http") return "HTTP " + s.http_scheme + " authentication";
  if (s.type == "apiKey") return "API key in " + s.in + " " + s.param_name;
  if (s.type == "oauth2") return "OAuth 2.0";
  if (s.type == "openIdConnect") return "OpenID Connect";
  if (s.type == "mutualTLS") return "Mutual TLS";
  if (s.type == "project") return s.description;
  return s.type;
}

std::string auth_anchor(const std::vector<SiteBundle>& bundles, const SiteBundle& b) {
  if (!b.project_auth()) return "";
  for (const SiteBundle& first : bundles)
    if (first.auth == b.auth) return "auth-" + slugify(first.name);
  return "auth-" + slugify(b.name);
}

std::string auth_guide_href(const std::vector<SiteBundle>& bundles, const SiteBundle& b, const std::string& root) {
  std::string anchor = auth_anchor(bundles, b);
  return root + "authentication/index.html" + (anchor.empty() ? "" : "#" + anchor);
}

RequirementStatement requirement_statement(const std::vector<SiteBundle>& bundles, const SiteBundle& b,
                                           const SecurityRequirement& r, const std::string& root) {
  RequirementStatement said;
  if (r.scheme == kProjectScheme && b.project_auth()) {
    // The credential as the project says its server reads it: the one statement every page,
    // snippet and the playground share.
    said.label = "Your " + b.auth->name;
    said.href = auth_guide_href(bundles, b, root);
    if (b.auth->sends()) said.how = "sent in " + auth_send_phrase(*b.auth);
    return said;
  }
  said.label = r.scheme + " (not defined in components.securitySchemes)";
  for (const SecurityScheme& s : b.model->security_schemes) {
    if (s.name != r.scheme) continue;
    said.label = scheme_label(s);
    said.href = root + "authentication/index.html#scheme-" + slugify(r.scheme);
  }
  return said;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string auth_send_phrase(const AuthConfig& a) {
  std::vector<std::string> headers, cookies;
  for (const auto& h : a.headers) headers.push_back(h.first);
  for (const auto& c : a.cookies) cookies.push_back(c.first);
  std::string out;
  if (!headers.empty()) out += "the " + join_names(headers) + (headers.size() > 1 ? " headers" : " header");
  if (!cookies.empty())
    out += (out.empty() ? "the " : " and the ") + join_names(cookies) + (cookies.size() > 1 ? " cookies" : " cookie");
  return out;
}

std::vector<std::string> auth_send_lines(const AuthConfig& a) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : a.headers) lines.push_back(name + ": " + show_variables(value, a));
  std::string cookie;
  for (const auto& [name, value] : a.cookies) cookie += (cookie.empty() ? "" : "; ") + name + "=" + show_variables(value, a);
  if (!cookie.empty()) lines.push_back("Cookie: " + cookie);
  return lines;
}

std::string auth_server_name(const AuthConfig& a, bool sentence_start) {
  if (!a.server.empty()) return a.server;
  return sentence_start ? "The server" : "the server";
}

Data authentication_guide(const std::vector<SiteBundle>& bundles, const std::string& site_title) {
  // One section per distinct project auth, in bundle order; the bundles without one show the
  // schemes their descriptions declare.
  std::vector<const AuthConfig*> auths;
  std::vector<std::vector<const SiteBundle*>> users;
  std::vector<const SiteBundle*> described;
  for (const SiteBundle& b : bundles) {
    if (b.project_auth()) {
      size_t i = 0;
      while (i < auths.size() && auths[i] != b.auth) ++i;
      if (i == auths.size()) {
        auths.push_back(b.auth);
        users.emplace_back();
      }
      users[i].push_back(&b);
    }
    // A project auth without `send` says how to get the token, not how the server reads it:
    // the description's schemes still say that.
    if (!b.project_auth() || !b.auth->sends()) described.push_back(&b);
  }
  Data sections = Data::list();
  for (size_t i = 0; i < auths.size(); ++i)
    sections.push(project_section(*auths[i], users[i], auth_anchor(bundles, *users[i].front())));
  Data schemes = Data::list();
  std::map<std::string, bool> seen;
  for (const SiteBundle* b : described) {
    for (const SecurityScheme& s : b->model->security_schemes) {
      if (s.type == "project" || seen[s.name]) continue;
      seen[s.name] = true;
      schemes.push(described_scheme(s, described));
    }
  }
  bool several = sections.size() > 1;
  bool has_schemes = !schemes.empty();
  bool nothing = sections.empty() && schemes.empty();
  Data contents = Data::list();
  for (size_t i = 0; i < auths.size(); ++i) {
    std::vector<std::string> titles;
    for (const SiteBundle* b : users[i]) titles.push_back(b->model->title);
    contents.push(fields("anchor", auth_anchor(bundles, *users[i].front()), "name", auths[i]->name, "apis", join_names(titles)));
  }
  return fields("auth", fields("sections", std::move(sections), "several", several, "contents", std::move(contents),
                               "schemes", std::move(schemes), "has_schemes", has_schemes, "nothing", nothing),
                "page", fields("title", "Authentication \u00b7 " + site_title, "description", "How to authenticate to " + site_title));
}

}  // namespace apiref
