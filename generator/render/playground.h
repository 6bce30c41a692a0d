// The playground every site carries (_site/playground/): Swagger UI, vendored from the npm
// package swagger-ui-dist, set up by apiref's own page and script. Laid out like
// swagger-ui-dist so that `apiref serve` can swap apiref-playground.json for one with a proxy.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/site.h"

namespace apiref {

// playground/swagger-config.json (Swagger UI's configUrl format: every bundle in `urls`, the
// first one primary) and playground/apiref-playground.json (the project's auth, whether
// Swagger UI keeps authorisations across reloads, and `proxy`: null for a static site).
std::vector<SiteFile> playground_config_files(const std::vector<SiteBundle>& bundles, const SiteOptions& options);

// The per-tag descriptions of each bundle large enough to be sliced (render/playground_slice.h),
// one job per file: playground/tags/<bundle>/<tag slug>.json, compact JSON, with the project's
// overrides. apiref-playground.json's `slices` names them.
std::vector<std::function<SiteFile()>> playground_slice_jobs(const std::vector<SiteBundle>& bundles);

// The playground URL that opens `o` expanded, relative to the site root: the bundle picked by
// `urls.primaryName`, the operation by Swagger UI's deep link #/<tag>/<operationId>, with the
// tag and id Swagger UI itself uses (first tag or "default"; the description's operationId,
// else method and path with every non-word character made '_'). Empty for webhooks, which
// Swagger UI cannot send.
std::string playground_href(const std::string& bundle, const Operation& o);

// Swagger UI's files (from <data_dir>/vendor/swagger-ui/node_modules/swagger-ui-dist) and
// apiref's own (from <data_dir>/playground), read into memory under playground/. Returns false
// with `error` saying how to install them when a file is missing.
bool load_playground_assets(const std::string& data_dir, std::vector<SiteFile>& out, std::string& error);

}  // namespace apiref
