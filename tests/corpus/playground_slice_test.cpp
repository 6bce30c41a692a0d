// The playground's per-tag descriptions (render/playground_slice.h) of the descriptions readers
// open it on most: GitHub's (sliced: 13 MB) and Meshery's two bundles. Every tag's slice holds
// every operation Swagger UI lists under the tag, every $ref in it resolves inside it, every
// security scheme is there, and it holds fewer components than the whole.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "source_dir.h"
#include "corpus_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "render/playground_slice.h"
#include "text/percent.h"
#include "tree/json_pointer.h"
#include "tree/write.h"

using namespace apiref;

namespace {

const char* const kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// Every operation as (path, method) by the tags Swagger UI lists it under.
std::vector<std::pair<std::string, std::pair<std::string, std::string>>> listed(const Node& doc) {
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> out;
  for (const Member& item : doc.find("paths")->members)
    for (const char* method : kMethods)
      if (const Node* op = item.value.find(method)) {
        const Node* tags = op->find("tags");
        if (!tags || tags->items.empty()) out.push_back({"default", {item.key, method}});
        else
          for (const Node& t : tags->items) out.push_back({t.text, {item.key, method}});
      }
  return out;
}

void refs_in(const Node& n, std::vector<std::string>& out) {
  for (const Node& i : n.items) refs_in(i, out);
  for (const Member& m : n.members) {
    if (m.key == "$ref" && m.value.is_string()) out.push_back(m.value.text);
    refs_in(m.value, out);
  }
}

size_t component_count(const Node& doc) {
  size_t n = 0;
  if (const Node* c = doc.find("components"))
    for (const Member& type : c->members) n += type.value.members.size();
  return n;
}

// The checks every slice of `doc` passes; returns the largest slice's size (compact JSON).
size_t check_slices(const Node& doc, const std::string& what) {
  auto ops = listed(doc);
  std::set<std::string> tags;
  for (const auto& [tag, op] : ops) tags.insert(tag);
  REQUIRE(!tags.empty());
  size_t largest = 0;
  const Node* schemes = doc.find("components") ? doc.find("components")->find("securitySchemes") : nullptr;
  for (const std::string& tag : tags) {
    CAPTURE(what);
    CAPTURE(tag);
    Node slice = slice_description(doc, tag);
    for (const auto& entry : ops) {
      // Named, not bound: doctest's messages capture them in a lambda, which C++17 forbids for bindings.
      const auto& t = entry.first;
      const auto& op = entry.second;
      const Node* item = slice.find("paths")->find(op.first);
      bool there = item && (item->find(op.second) || item->is_ref());
      if (t == tag) CHECK_MESSAGE(there, op.second << " " << op.first);
    }
    std::vector<std::string> refs;
    refs_in(slice, refs);
    for (const std::string& r : refs) {
      auto pointer = text::percent_decode(std::string_view(r).substr(1));
      REQUIRE(pointer);
      auto tokens = parse_pointer(*pointer);
      CHECK_MESSAGE((tokens && resolve_pointer(slice, *tokens)), r);
    }
    if (schemes) CHECK(*slice.find("components")->find("securitySchemes") == *schemes);
    CHECK(component_count(slice) < component_count(doc));
    largest = std::max(largest, to_json(slice, false).size());
  }
  return largest;
}

}  // namespace

TEST_CASE("GitHub's description: every tag's slice holds its operations, closed under $ref, far smaller") {
  BundleResult r = bundle_file(kCorpus + "/github/api.github.com.json", {});
  REQUIRE(r.ok());
  const Node& doc = r.bundles[0].document;
  CHECK(playground_sliced(doc));
  size_t largest = check_slices(doc, "github");
  // repos, the largest tag: an eighth of the whole (compact, like the slices), or less.
  CHECK(largest * 8 < to_json(doc, false).size());
  Node repos = slice_description(doc, "repos");
  CHECK(repos.find("x-webhooks") == nullptr);
  CHECK(*repos.find("servers") == *doc.find("servers"));
  CHECK(repos.find("paths")->find("/repos/{owner}/{repo}")->find("get")->string_at("operationId") == "repos/get");
}

TEST_CASE("Meshery's bundles: every tag's slice holds its operations, closed under $ref, schemes kept") {
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/examples/meshery/apiref.yaml", config, d));
  BundleResult meshery = bundle_project(config, {});
  REQUIRE(meshery.ok());
  REQUIRE(meshery.bundles.size() == 2);
  for (const auto& b : meshery.bundles) {
    REQUIRE(b.document.find("components")->find("securitySchemes"));
    check_slices(b.document, b.name);
  }
}
