// Authentication as the pages state it: the guide (authentication/index.html), and the short
// statements the overview and every operation page make. All of them derive from one thing per
// bundle, its effective auth (SiteBundle::auth: apiref.yaml's bundle `auth:`, else the
// project's; without one, the description's security schemes), so no page can tell the reader
// to send what another page, a snippet or the playground does not.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "render/site.h"
#include "render/template_data.h"

namespace apiref {

// "HTTP bearer token (JWT)", "API key in header X-Key", ...; the project's scheme: its name.
std::string scheme_label(const SecurityScheme& s);

// Where the guide explains `b`'s project auth: "auth-<first bundle with the same auth>"
// ("" when `b` has none: its schemes are explained under "scheme-<name>").
std::string auth_anchor(const std::vector<SiteBundle>& bundles, const SiteBundle& b);

// "a", "a and b", "a, b and c": names as a sentence lists them.
std::string join_names(const std::vector<std::string>& names);

// How the server reads the credential, as a phrase: "the meshery-provider and token cookies",
// "the Authorization and layer5-current-orgid headers".
std::string auth_send_phrase(const AuthConfig& a);

// The credential's lines as sent, variables shown as $NAME: "Cookie: token=$MESHERY_TOKEN".
std::vector<std::string> auth_send_lines(const AuthConfig& a);

// What the server is called in sentences: auth.server, else "The server" / "the server".
std::string auth_server_name(const AuthConfig& a, bool sentence_start);

// The guide's section on `b`'s auth, from a page whose root is `root` ("../../").
std::string auth_guide_href(const std::vector<SiteBundle>& bundles, const SiteBundle& b, const std::string& root);

// What a page says of one requirement of an operation's security: the project's credential
// ("Your Meshery token", how it is sent, a link to the guide), else the scheme's label and its
// section of the guide. Operation pages and their Markdown twins both say this.
struct RequirementStatement {
  std::string label;  // "Your Meshery token", "HTTP bearer token", "x (not defined in ...)"
  std::string how;    // "sent in the token cookie" ("" when the label says it all)
  std::string href;   // the guide's section ("" for a scheme the description does not define)
};
RequirementStatement requirement_statement(const std::vector<SiteBundle>& bundles, const SiteBundle& b,
                                           const SecurityRequirement& r, const std::string& root);

// The data of templates/authentication.mustache: {"auth": {...}, "page": {...}}.
TemplateData authentication_guide(const std::vector<SiteBundle>& bundles, const std::string& site_title);

}  // namespace apiref
