// Bundle stage: from one OpenAPI file, or from a Meshery-style project of constructs, to
// self-contained documents. Components stay named $refs (schema names survive into the docs)
// unless `dereference` asks for everything inlined; recursion is then kept as $refs to
// components, never inlined forever.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bundle/source_map.h"
#include "config/config.h"
#include "diag/diagnostic.h"
#include "resolve/resolve.h"
#include "tree/node.h"

namespace apiref {

struct ProjectPlan;

struct BundleOptions {
  bool dereference = false;
  bool allow_outside_root = false;
  std::string root_dir;  // default: the input file's folder, or the project folder
  DocumentCache* cache = nullptr;  // parsed files kept between builds (serve); may be null
  // bundle_project only: the project's plan (bundle/project_plan.h) when the caller already
  // made it, to share with check's project mode; null: made from the config.
  const ProjectPlan* plan = nullptr;
  // bundle_file only, with a cache: a bundle that is the root file's tree unchanged is that
  // parsed file itself (BundleOutput::source), not a copy of it (GitHub's tree is ~40 MB).
  bool share_unchanged_root = false;
  // bundle_file only: called once the root file is parsed, before the bundling (which only
  // reads it until then): with a cache, another reader may start on the parse from there.
  std::function<void()> root_parsed;
};

struct BundleOutput {
  std::string name;      // bundle name ("" for a single file)
  std::string audience;  // "" for a single file
  Node document;         // empty when `source` is set
  std::shared_ptr<const Document> source = {};  // see BundleOptions::share_unchanged_root
  const Node& root() const { return source ? source->root : document; }
  // bundle_file only, when the bundle is a JSON file's own tree unchanged: that file, whose
  // bytes (while its stamp holds) are this bundle as JSON, as its author formatted them.
  std::string json_source = {};
  FileStamp json_source_stamp = {};
  // Components whose key had to be told apart from another of the same name, and what readers
  // should call them: "schemas/number_Core_Schema_Elements_v1alpha1" -> "number (Core Schema
  // Elements v1alpha1)". The model carries these to the pages; keys stay valid OpenAPI names.
  std::map<std::string, std::string> display_names = {};
  // Where each part of `root()` came from (file, pointer there); its nodes keep their line:col.
  SourceMap origins = {};
};

struct BundleResult {
  std::vector<BundleOutput> bundles;
  Diagnostics diagnostics;
  std::vector<std::string> files;  // every file read, absolute: what a watcher must watch
  // bundle_file only: the bundle is the file's own tree as parsed (no $ref rewritten, no
  // component added), so whatever reads the file sees the same tree (build's spec gate).
  bool source_unchanged = false;
  bool ok() const { return !has_errors(diagnostics); }
};

// One OpenAPI 3.0/3.1 file and everything it references, as one document.
BundleResult bundle_file(const std::string& path, const BundleOptions& options);

// Every bundle an apiref.yaml declares (or only those named in `only`): base document plus
// the constructs under constructs/<version>/<name>/api.yml, names prefixed by construct title,
// operations filtered by audience (x-internal).
BundleResult bundle_project(const ProjectConfig& config, const BundleOptions& options,
                            const std::vector<std::string>& only = {});

// The OpenAPI version line of a root document: "3.0.x", "3.1.x" or "3.2.x". Reports unsupported or
// missing versions; returns "" then.
std::string check_openapi_version(const Document& doc, Diagnostics& out);

}  // namespace apiref
