// Write stage: a whole output folder, atomically. Everything is written into a temporary
// folder beside the target, which then replaces the target in two renames, so a failed or
// interrupted build leaves the previous site untouched and a reader never sees half a site.
#pragma once

#include <string>
#include <vector>

#include "render/site.h"

namespace apiref {

// Writes `files` and copies every file below `assets_dir` (when not empty) into
// <out_dir>/assets/. Returns false with `error` set on failure; the old folder stays.
bool write_site(const std::string& out_dir, const std::vector<SiteFile>& files,
                const std::vector<std::string>& assets_dirs, std::string& error);

}  // namespace apiref
