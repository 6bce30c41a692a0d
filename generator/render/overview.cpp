#include "render/overview.h"

#include "render/auth_guide.h"
#include "render/operation_snippets.h"
#include "render/page_links.h"
#include "text/case.h"
#include "text/escape.h"

namespace apiref {

using Data = TemplateData;

namespace {

bool needs_values(const Operation& o) {
  for (const Parameter& p : o.parameters)
    if (p.required || p.in == "path") return true;
  return false;
}

std::string code(const std::string& s) { return "<code>" + text::html_escape_text(s) + "</code>"; }

std::string join_code(const std::vector<std::string>& names, const char* one, const char* several) {
  std::vector<std::string> coded;
  for (const std::string& n : names) coded.push_back(code(n));
  return "the " + join_names(coded) + (names.size() > 1 ? several : one);
}

// "Send your Meshery token as the token cookie, with the meshery-provider cookie." (HTML):
// where the credential goes (the places whose value holds ${token}), then what goes with it.
std::string project_sentence(const AuthConfig& a) {
  std::vector<std::string> token_headers, token_cookies, other_headers, other_cookies;
  for (const auto& [name, value] : a.headers)
    (value.find("${token}") != std::string::npos ? token_headers : other_headers).push_back(name);
  for (const auto& [name, value] : a.cookies)
    (value.find("${token}") != std::string::npos ? token_cookies : other_cookies).push_back(name);
  std::string where;
  if (!token_headers.empty()) where = "in " + join_code(token_headers, " header", " headers");
  if (!token_cookies.empty())
    where += (where.empty() ? "as " : " and as ") + join_code(token_cookies, " cookie", " cookies");
  std::string with;
  if (!other_headers.empty()) with = join_code(other_headers, " header", " headers");
  if (!other_cookies.empty()) with += (with.empty() ? "" : " and ") + join_code(other_cookies, " cookie", " cookies");
  std::string sentence = "Send your " + text::html_escape_text(a.name) + (where.empty() ? "" : " " + where);
  if (!with.empty()) sentence += (where.empty() ? " with " : ", with ") + with;
  return sentence + ".";
}

// A description's scheme in one sentence (HTML), and the line it adds to a request.
std::pair<std::string, std::string> scheme_sentence(const SecurityScheme& s) {
  if (s.type == "http" && s.http_scheme == "bearer")
    return {"Send a bearer token in the " + code("Authorization") + " header.", "Authorization: Bearer <token>"};
  if (s.type == "http" && s.http_scheme == "basic")
    return {"Send your user name and password with HTTP basic authentication.", "Authorization: Basic <base64 of user:password>"};
  if (s.type == "apiKey" && s.in == "header")
    return {"Send your API key in the " + code(s.param_name) + " header.", s.param_name + ": <key>"};
  if (s.type == "apiKey" && s.in == "query")
    return {"Send your API key as the " + code(s.param_name) + " query parameter.", "?" + s.param_name + "=<key>"};
  if (s.type == "apiKey" && s.in == "cookie")
    return {"Send your API key as the " + code(s.param_name) + " cookie.", "Cookie: " + s.param_name + "=<key>"};
  if (s.type == "oauth2" || s.type == "openIdConnect")
    return {"Get an access token with " + text::html_escape_text(scheme_label(s)) + " and send it in the " + code("Authorization") + " header.",
            "Authorization: Bearer <token>"};
  if (s.type == "mutualTLS") return {"Present your client certificate (mutual TLS).", ""};
  return {"Authenticate with " + text::html_escape_text(scheme_label(s)) + ".", ""};
}

}  // namespace

const Operation* first_call_operation(const ApiModel& m, const FirstCallConfig& named, Diagnostics& out) {
  if (!named.operation_id.empty()) {
    for (const Operation& o : m.operations)
      if (!o.id_generated && o.id == named.operation_id) return &o;
    out.push_back({Severity::Error, "config-invalid",
                   "first_call names operationId '" + named.operation_id + "', which " + m.title + " does not have",
                   named.where, {}});
    return nullptr;
  }
  const Operation* any = nullptr;
  for (const Operation& o : m.operations) {
    if (o.method != "get" || o.is_webhook || o.deprecated || needs_values(o)) continue;
    if (o.path.find('{') == std::string::npos) return &o;
    if (!any) any = &o;
  }
  return any;
}

Data overview_auth(const std::vector<SiteBundle>& bundles, const SiteBundle& b) {
  Data ways = Data::list();
  auto add = [&](std::string sentence, const std::vector<std::string>& sent, std::string href) {
    Data lines = Data::list();
    for (const std::string& l : sent) lines.push(l);
    bool has_lines = !lines.empty();
    ways.push(fields("sentence_html", std::move(sentence), "lines", std::move(lines), "has_lines", has_lines, "href", std::move(href)));
  };
  // The project's credential, where apiref.yaml says how its server reads it (then nothing
  // else: the snippets send only that), else the description's schemes.
  if (b.project_auth() && b.auth->sends()) {
    add(project_sentence(*b.auth), auth_send_lines(*b.auth), "authentication/index.html#" + auth_anchor(bundles, b));
    return ways;
  }
  for (const SecurityScheme& s : b.model->security_schemes) {
    if (s.type == "project") continue;
    auto [sentence, line] = scheme_sentence(s);
    add(std::move(sentence), line.empty() ? std::vector<std::string>{} : std::vector<std::string>{line},
        "authentication/index.html#scheme-" + slugify(s.name));
  }
  return ways;
}

Data first_call_data(const SiteBundle& b, const Operation& o, const std::vector<std::string>& languages,
                     PatternSamples& samples) {
  Data page = Data::object();
  if (!languages.empty()) set_snippets(b, o, languages, samples, page);
  const Data* chosen = nullptr;
  if (const Data* snippets = page.find("snippets")) {
    for (size_t i = 0; i < snippets->size() && !chosen; ++i)
      if (const Data* lang = snippets->item(i).find("language"); lang && lang->text() == "curl") chosen = &snippets->item(i);
    if (!chosen && !snippets->empty()) chosen = &snippets->item(0);
  }
  std::string label = chosen ? std::string(chosen->find("label")->text()) : std::string();
  std::string code = chosen ? std::string(chosen->find("code_html")->text()) : std::string();
  bool has_code = chosen != nullptr;
  return fields("method", text::ascii_upper(o.method), "method_class", o.method, "path", o.path,
                "summary", o.summary.empty() ? text::ascii_upper(o.method) + " " + o.path : o.summary,
                "href", operation_page_path(b.name, o), "label", std::move(label), "code_html", std::move(code),
                "has_code", has_code);
}

}  // namespace apiref
