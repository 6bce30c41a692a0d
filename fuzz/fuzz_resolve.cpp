// The $ref resolver, through the bundler that drives it (bundle/bundle.h), over a small file
// set: the input cut at each 0x1E byte (ASCII record separator) into root.yaml, a.yaml and
// b.yaml, written to a private folder that is the project root. Refs between the files, to
// pointers inside them, in cycles, out of the root or to nowhere must bundle or be reported,
// both with components kept as $refs and fully dereferenced.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bundle/bundle.h"
#include "fuzz_input.h"

namespace {

const std::string& project_dir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/apiref-fuzz-resolve-XXXXXX";
    if (!mkdtemp(pattern.data())) std::abort();
    // Removed when the run ends (libFuzzer exits through exit() when its time is up). The
    // path is kept in a plain array: the strings are destroyed before atexit's functions run.
    static char kept[4096];
    std::snprintf(kept, sizeof kept, "%s", pattern.c_str());
    std::atexit([] {
      char file[4200];
      for (const char* name : {"root.yaml", "a.yaml", "b.yaml"}) {
        std::snprintf(file, sizeof file, "%s/%s", kept, name);
        std::remove(file);
      }
      rmdir(kept);
    });
    return apiref::normalise_path(pattern);
  }();
  return dir;
}

void write(const std::string& path, std::string_view text) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kNames[] = {"root.yaml", "a.yaml", "b.yaml"};
  std::vector<std::string_view> parts = apiref_fuzz::split_files(apiref_fuzz::bytes(data, size), '\x1e', 3);
  for (size_t i = 0; i < 3; ++i) {
    std::string path = project_dir() + "/" + kNames[i];
    if (i < parts.size()) write(path, parts[i]);
    else std::remove(path.c_str());
  }
  for (bool dereference : {false, true}) {
    apiref::BundleOptions options;
    options.root_dir = project_dir();
    options.dereference = dereference;
    apiref::BundleResult result = apiref::bundle_file(project_dir() + "/root.yaml", options);
    if (result.ok() && result.bundles.empty()) std::abort();
  }
  return 0;
}
