// The reference for coding assistants, at the site's root (the llms.txt convention,
// llmstxt.org): llms.txt, a title, a summary and a link per bundle, tag and operation to its
// Markdown twin (markdown_twin.h); and the whole reference as one Markdown text, llms-full.txt,
// when it fits in the project's limit, else one file per bundle (llms-full-<bundle>.txt), a
// bundle over the limit in numbered parts. llms.txt names the files there are.
#pragma once

#include <string>
#include <vector>

#include "render/markdown_twin.h"
#include "render/site.h"

namespace apiref {

// llms.txt and the llms-full files. `twins` is parallel to `bundles`.
std::vector<SiteFile> llms_files(const std::vector<SiteBundle>& bundles, const std::vector<BundleTwins>& twins,
                                 const std::string& title, const SiteOptions& options);

}  // namespace apiref
