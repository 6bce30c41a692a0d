// An operation page's request snippets: one per language (the description's own x-codeSamples
// first), further curl snippets for other ways to authenticate, and what the page's token and
// server box may fill into them.
#pragma once

#include <string>
#include <vector>

#include "examples/pattern_sample.h"
#include "render/site.h"
#include "render/template_data.h"
#include "snippets/snippets.h"

namespace apiref {

// The description's own samples of `o` (x-codeSamples, x-code-samples), by language id
// (shell, bash and sh are "curl"; node and js are "javascript"), in its order.
std::vector<Snippet> own_code_samples(const Operation& o);

// The request an operation page's snippets send (its first way to authenticate).
Request page_request(const SiteBundle& b, const Operation& o, PatternSamples& samples);

// The curl snippet the page shows first: the description's own curl sample, else apiref's of
// `request` (page_request's).
std::string page_curl(const Operation& o, const Request& request);

// Sets the page data's snippets, snippet_env, snippet_vars and snippet_server for operation `o`
// of bundle `b`, in `languages`. Example values take their pattern samples from `samples`.
void set_snippets(const SiteBundle& b, const Operation& o, const std::vector<std::string>& languages,
                  PatternSamples& samples, TemplateData& ctx);

}  // namespace apiref
