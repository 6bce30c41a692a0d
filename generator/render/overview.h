// What the overview tells a newcomer about each bundle beyond its description: the operation to
// call first, and how to authenticate in one sentence per way, from the same effective auth as
// the guide, the operation pages and their snippets (render/auth_guide.h).
#pragma once

#include <vector>

#include "config/config.h"
#include "diag/diagnostic.h"
#include "examples/pattern_sample.h"
#include "model/model.h"
#include "render/site.h"
#include "render/template_data.h"

namespace apiref {

// The operation the overview offers as the first call of `m`: the one whose operationId
// `named` gives, else the first GET that needs no value the reader would have to make up (no
// required parameter), one whose path has no parameters before the others; nullptr when there
// is none. A name no operation of `m` has is a config-invalid error at `named.where` (nullptr).
const Operation* first_call_operation(const ApiModel& m, const FirstCallConfig& named, Diagnostics& out);

// How to authenticate to `b`, one item per way: {sentence_html, lines: [what is sent], href: the
// guide's section, relative to the site's root}.
TemplateData overview_auth(const std::vector<SiteBundle>& bundles, const SiteBundle& b);

// The first call's data: {method, path, summary, href, label, code_html}: the first curl
// snippet (else the first snippet) of `o`'s page as set_snippets makes it for `languages`.
TemplateData first_call_data(const SiteBundle& b, const Operation& o, const std::vector<std::string>& languages,
                             PatternSamples& samples);

}  // namespace apiref
