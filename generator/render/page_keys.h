// Internal to the render stage: a key per page, a hash of everything the page is rendered
// from, so that a later render (apiref serve, after a save) can reuse the pages whose key did
// not change instead of rendering the whole site again.
#pragma once

#include <cstdint>
#include <vector>

#include "model/model.h"
#include "render/site.h"

namespace apiref {

struct BundleKeys {
  std::vector<uint64_t> operations;  // per ApiModel::operations index
  std::vector<uint64_t> tags;        // per ApiModel::tags index
  std::vector<uint64_t> schemas;     // per ApiModel::schemas index
};

// `site` is what every page shows of the whole site (the bundles in the header).
// An operation page depends on: the operation and its path item, every component it reaches
// through $refs (transitively), the bundle's document outside paths and components (info,
// servers, security, tags), its security schemes, the list of tags and schemas (navigation and
// links), and the operations of its tag (sidebar, previous and next).
BundleKeys page_keys(const SiteBundle& b, uint64_t site);

// The part of the key every page of the site shares.
uint64_t site_key(const std::vector<SiteBundle>& bundles);

}  // namespace apiref
