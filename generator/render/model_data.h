// A bundle's API model as JSON, for host sites that render parts of the reference themselves
// (a Hugo data file: .Site.Data.<section>.<bundle>; Jekyll: site.data.<section>.<bundle>).
// Operations, tags, servers, schemas and the URL of each page, relative to the reference's root.
#pragma once

#include <string>

#include "render/site.h"

namespace apiref {

std::string model_data_json(const SiteBundle& bundle);

}  // namespace apiref
