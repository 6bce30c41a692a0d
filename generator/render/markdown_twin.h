// The Markdown twin of an operation, tag or schema page (<page>.md beside <page>.html): what
// the page says, in the shape coding assistants read. Method and path, description, the
// authentication the page's auth panel states and the credential lines its curl sends,
// parameters as a table, bodies and responses as schema outlines (schema_outline.h), the
// page's curl snippet. Made from the model alone, with the site's description cache (the
// descriptions' parses are shared with the HTML pages) and the render's pattern samples.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "examples/pattern_sample.h"
#include "render/description.h"
#include "render/site.h"

namespace apiref {

// Schema outlines made once per schema, direction and component (thread-safe).
class OutlineCache {
 public:
  std::string get(const std::string& key, const std::function<std::string()>& make);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> map_;
};

struct TwinContext {
  const std::vector<SiteBundle>* bundles = nullptr;  // every bundle of the site (the auth guide's anchors)
  DescriptionCache* descriptions = nullptr;
  std::string link_base;  // site.description_link_base
  PatternSamples* samples = nullptr;
  // Each bundle's schemas by component name (null: found by a scan).
  const std::map<const SiteBundle*, std::unordered_map<std::string, const SchemaComponent*>>* schema_index = nullptr;
  OutlineCache* outlines = nullptr;  // required
};

// <page>.md for <page>.html.
std::string twin_path(const std::string& page_path);

// Each twin's links start with `root`, the way from the twin's document to the site's root:
// "../../" for the twin beside its page, "" inside llms-full.txt at the root.
std::string operation_twin(const TwinContext& c, const SiteBundle& b, const Operation& o, const std::string& root);
std::string tag_twin(const TwinContext& c, const SiteBundle& b, const Tag& t, const std::string& root);
std::string schema_twin(const TwinContext& c, const SiteBundle& b, const SchemaComponent& s, const std::string& root);

// A bundle's twins as llms-full.txt holds them (links from the site's root), by model index.
struct BundleTwins {
  std::vector<std::string> operations, tags, schemas;
  std::string changes;  // the What changed twin (render/changes.h), links from the site's root; "" for none
};

// A job per twin of every bundle in `c`: each makes the twin beside its page (the file it
// returns) and stores the same twin with links from the site's root in `*piece`, a slot of
// `twins` (made parallel to the bundles here, and written by the jobs: run them before reading
// it). `c` and `twins` must outlive the jobs.
struct TwinJob {
  std::function<SiteFile()> make;
  std::string path;    // the twin's
  char kind;           // 'o'peration, 't'ag, 's'chema
  size_t bundle, index;  // the page's bundle, and its index in the model's list of its kind
  std::string* piece;
};
std::vector<TwinJob> twin_jobs(const TwinContext& c, std::vector<BundleTwins>& twins);

// The credential lines `request` sends, as its curl does, variables as $NAME:
// "Authorization: Bearer $GITHUB_TOKEN", "Cookie: token=$MESHERY_TOKEN", "Basic auth: $USER:$PASSWORD".
std::vector<std::string> sent_credentials(const Request& request);

}  // namespace apiref
