// Generated examples over the sites readers see most (Meshery's bundles, GitHub): no value made
// only of filler ("aa", "string", "valpha") where the schema's format or the property's name says
// what the value is (issue 19). Calls the example generator over every schema component and
// every media type of the bundled models, as the schema pages, operation pages and snippets do.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "source_dir.h"
#include "corpus_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "examples/example.h"
#include "examples/example_values.h"
#include "examples/pattern_sample.h"
#include "load/load.h"
#include "model/model.h"
#include "text/case.h"

using namespace apiref;

namespace {


// Filler: "string", "alpha"/"beta" alone (what the first alternative of a version pattern
// gives), or nothing but a/x/0 and punctuation ("aa", "aa0a0", "a@a.aa", "valpha" less its v).
bool is_filler(const std::string& value) {
  std::string v = text::ascii_lower(value);
  if (v.size() > 1 && v[0] == 'v') v.erase(0, 1);
  if (v == "string" || v == "alpha" || v == "beta") return true;
  bool letter = false;
  for (char c : v) {
    if (c == 'a' || c == 'x') letter = true;
    else if (c != '0' && c != '.' && c != '-' && c != '_' && c != '@' && c != '/' && c != ':') return false;
  }
  return letter;
}

// The strings a description documents itself (example, examples, default, enum, const): a
// filler-looking value there is the author's, not the generator's.
void documented_strings(const Node& n, std::set<std::string>& out, bool documented = false) {
  if (n.is_string() && documented) out.insert(n.text);
  for (const Node& item : n.items) documented_strings(item, out, documented);
  for (const Member& m : n.members)
    documented_strings(m.value, out, documented || m.key == "example" || m.key == "examples" || m.key == "default" ||
                                         m.key == "enum" || m.key == "const");
}

struct Findings {
  std::set<std::string> documented;
  size_t values = 0;
  std::map<std::string, size_t> offenders;  // "site: key = value" → how many times
};

// Walks an example; `key` is the property the value sits under (array items keep their array's).
void walk(const Node& n, const std::string& key, const std::string& site, Findings& f) {
  if (n.is_object()) {
    for (const Member& m : n.members) walk(m.value, m.key, site, f);
    return;
  }
  if (n.is_array()) {
    for (const Node& item : n.items) walk(item, key, site, f);
    return;
  }
  ++f.values;
  if (!n.is_string() || !is_filler(n.text) || f.documented.count(n.text)) return;
  // APIREF_ALL_FILLER=1 lists all filler, also under names that say nothing (for a reader's survey).
  if (getenv("APIREF_ALL_FILLER")) ++f.offenders["any " + site + ": \"" + key + "\": \"" + n.text + "\""];
  // The name says what the value is when the generator knows a value for it.
  if (string_candidates(key, "").size == 0 && string_candidates(singular(key), "").size == 0) return;
  ++f.offenders[site + ": \"" + key + "\": \"" + n.text + "\""];
}

void examples_of(const Node& doc, const ApiModel& m, const std::string& site, Findings& f) {
  PatternSamples samples;
  documented_strings(doc, f.documented);
  for (const SchemaComponent& s : m.schemas) {
    ExampleOptions o;
    o.pattern_samples = &samples;
    o.name = s.name;
    walk(example_from_schema(doc, *s.schema, o), s.name, site, f);
  }
  auto media = [&](const std::vector<MediaType>& content, ExampleFor direction) {
    for (const MediaType& mt : content) {
      if (!mt.schema) continue;
      for (bool required_only : {false, true}) {
        ExampleOptions o;
        o.pattern_samples = &samples;
        o.direction = direction;
        o.required_only = required_only;
        walk(example_from_schema(doc, *mt.schema, o), "", site, f);
      }
    }
  };
  for (const Operation& op : m.operations) {
    media(op.request_body.content, ExampleFor::Request);
    for (const Response& r : op.responses) media(r.content, ExampleFor::Response);
  }
}

}  // namespace

TEST_CASE("examples: no filler where the format or the name says what a value is, on Meshery and GitHub") {
  Findings f;
  ProjectConfig config;
  Diagnostics d;
  REQUIRE(load_project_config(kSource + "/examples/meshery/apiref.yaml", config, d));
  BundleResult meshery = bundle_project(config, {});
  REQUIRE(meshery.ok());
  for (BundleOutput& b : meshery.bundles) {
    ApiModel m = build_model(b.document, {});
    examples_of(b.document, m, "meshery/" + b.name, f);
  }
  BundleResult github = bundle_file(kCorpus + "/github/api.github.com.json", {});
  REQUIRE(github.ok());
  ApiModel gm = build_model(github.bundles[0].document, {});
  examples_of(github.bundles[0].document, gm, "github", f);

  std::ostringstream report;
  for (const auto& [what, count] : f.offenders) report << "  " << what << " ×" << count << "\n";
  MESSAGE("generated values checked: " << f.values << ", filler where the name says more: " << f.offenders.size());
  CHECK_MESSAGE(f.offenders.empty(), "filler values:\n" << report.str());
  CHECK(f.values > 10000);
}
