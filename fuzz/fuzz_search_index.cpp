// The search index writer (render/search_index.h) on the model of any description: whatever
// the names, summaries and operationIds, search-index.json must be one valid JSON text.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "model/model.h"
#include "render/search_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  apiref::Node doc;
  apiref::Diagnostics out;
  if (!apiref_fuzz::parse_document(apiref_fuzz::bytes(data, size), doc, out)) return 0;
  apiref::ApiModel model = apiref::build_model(doc, {});
  std::string index = apiref::search_index_json({{"api", &model}, {"second", &model}});
  if (!nlohmann::json::accept(index)) std::abort();
  return 0;
}
