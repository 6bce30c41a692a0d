// Writing into a site apiref did not make (a Hugo or Jekyll site: host/host.h). The build owns
// a few folders of the host ("roots"); everything is staged first, as for a site of its own,
// then each root is replaced in two renames by its new content: the files this build made, and
// the files of the host's team that were there (those the previous build's manifest does not
// list, hard-linked, so they stay byte for byte what they were). What the previous build wrote
// and this one did not (the pages of a removed operation) is gone; nothing outside the roots
// is touched.
#pragma once

#include <string>
#include <vector>

#include "write/output.h"

namespace apiref {

struct HostCommit {
  std::vector<std::string> roots;  // host-relative folders ('/'-separated) the build owns
  std::string manifest;            // host-relative path of the manifest, inside a root
  std::string format;              // "hugo", "jekyll": recorded in the manifest
};

// Stages files for the host site at `site_root` (it must exist): begin_site on it, whose
// staged paths are then host-relative (content/api/...).
bool begin_host_site(const std::string& site_root, StagedSite& site, std::string& error);

// Swaps the staged roots in, as said above. Refused, with nothing changed, when a staged file
// would replace a file of the host that no build of apiref wrote. False with `error` set.
bool commit_host_site(StagedSite& site, const HostCommit& commit, std::string& error);

// The host-relative files the manifest at `manifest_file` lists (empty when there is none).
std::vector<std::string> read_host_manifest(const std::string& manifest_file);

}  // namespace apiref
