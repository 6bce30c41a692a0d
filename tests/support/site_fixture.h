// A project made ready to render as `apiref build` does it (bundled, modelled, built-in
// templates loaded), for the tests of whole sites: site_output_test, serve_test.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "config/config.h"
#include "model/model.h"
#include "render/site.h"
#include "write/output.h"

namespace apiref_test {

struct PreparedSite {
  apiref::BundleResult bundles;
  std::vector<apiref::ApiModel> models;
  std::vector<apiref::SiteBundle> site;  // points into bundles and models: fill in place
  apiref::TemplateSet templates;
};

// `project` is an apiref.yaml; with `cache`, parsed files are kept between calls (as serve does).
inline void prepare_site(const std::string& project, PreparedSite& p, apiref::DocumentCache* cache = nullptr) {
  apiref::ProjectConfig cfg;
  apiref::Diagnostics d;
  REQUIRE(apiref::load_project_config(project, cfg, d));
  apiref::BundleOptions options;
  options.cache = cache;
  p.bundles = apiref::bundle_project(cfg, options);
  REQUIRE(p.bundles.ok());
  for (const apiref::BundleOutput& b : p.bundles.bundles) p.models.push_back(apiref::build_model(b.document, {}));
  for (size_t i = 0; i < p.models.size(); ++i)
    p.site.push_back({p.bundles.bundles[i].name, &p.bundles.bundles[i].document, &p.models[i]});
  std::vector<apiref::MustacheError> errors;
  REQUIRE(p.templates.load(std::string(APIREF_SOURCE_DIR) + "/templates", "", errors));
}

// Every file of the site by path, rendered in memory.
inline std::map<std::string, std::string> render_files(const PreparedSite& p, apiref::RenderMemo* memo = nullptr) {
  apiref::Diagnostics d;
  std::map<std::string, std::string> files;
  for (apiref::SiteFile& f : apiref::render_site(p.site, p.templates, apiref::SiteOptions{}, d, memo)) {
    apiref::realise_in_memory(f);
    files[f.path] = std::move(f.content);
  }
  return files;
}

}  // namespace apiref_test
