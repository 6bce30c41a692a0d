// The JSON loader (load/load.h) on any bytes: parse_json must return, report rather than
// crash, and give a tree only when it says the text parsed.
#include <cstdlib>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  apiref::Node root;
  apiref::Diagnostics out;
  bool ok = apiref::parse_json(apiref_fuzz::bytes(data, size), "fuzz.json", root, out, apiref_fuzz::small_limits());
  if (!ok && !root.is_null()) std::abort();
  return 0;
}
