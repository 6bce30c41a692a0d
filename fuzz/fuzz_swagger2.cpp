// The Swagger 2.0 converter (swagger2/swagger2.h) on a document of up to three files: the
// input cut at each 0x1E byte into root.yaml, a.yaml and b.yaml, served from memory by the
// loader the converter is given. Whatever the 2.0 text, conversion must finish, and the
// converted root must still make a model.
#include <map>
#include <memory>
#include <string>

#include "fuzz_input.h"
#include "model/model.h"
#include "swagger2/swagger2.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kPaths[] = {"/fuzz/root.yaml", "/fuzz/a.yaml", "/fuzz/b.yaml"};
  std::vector<std::string_view> parts = apiref_fuzz::split_files(apiref_fuzz::bytes(data, size), '\x1e', 3);
  apiref::Document root;
  root.path = root.display = kPaths[0];
  apiref::Diagnostics out;
  root.ok = apiref_fuzz::parse_document(parts[0], root.root, out);
  if (!root.ok || !apiref::is_swagger2(root.root)) return 0;
  std::map<std::string, std::string_view> others;
  for (size_t i = 1; i < parts.size(); ++i) others[kPaths[i]] = parts[i];
  apiref::Swagger2Loader load = [&](const std::string& path) -> std::shared_ptr<apiref::Swagger2File> {
    auto it = others.find(path);
    if (it == others.end()) return nullptr;
    auto file = std::make_shared<apiref::Swagger2File>();
    file->doc = std::make_shared<apiref::Document>();
    file->doc->path = file->doc->display = path;
    file->doc->ok = apiref_fuzz::parse_document(it->second, file->doc->root, file->diagnostics);
    return file;
  };
  apiref::convert_swagger2(root, load, out);
  apiref::build_model(root.root, {});
  return 0;
}
