// An operation page's request snippets: one per language (the description's own x-codeSamples
// first), further curl snippets for other ways to authenticate, and what the page's token and
// server box may fill into them.
#pragma once

#include <string>
#include <vector>

#include "examples/pattern_sample.h"
#include "render/site.h"
#include "render/template_data.h"

namespace apiref {

// Sets the page data's snippets, snippet_env, snippet_vars and snippet_server for operation `o`
// of bundle `b`, in `languages`. Example values take their pattern samples from `samples`.
void set_snippets(const SiteBundle& b, const Operation& o, const std::vector<std::string>& languages,
                  PatternSamples& samples, TemplateData& ctx);

}  // namespace apiref
