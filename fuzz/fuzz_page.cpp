// End to end: a description -> its model -> the rendered site (operation, tag, schema and
// overview pages) with the built-in templates. Every HTML page must hold no script but the
// templates' own: no other <script>, no on*= attribute, no javascript: URL (html_check.h).
#include <string>

#include "fuzz_input.h"
#include "html_check.h"
#include "model/model.h"
#include "render/mustache.h"
#include "render/site.h"
#include "swagger2/swagger2.h"

namespace {

const apiref::TemplateSet& templates() {
  static const apiref::TemplateSet set = [] {
    apiref::TemplateSet t;
    std::vector<apiref::MustacheError> errors;
    if (!t.load(APIREF_FUZZ_SOURCE_DIR "/templates", "", errors)) std::abort();
    return t;
  }();
  return set;
}

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  apiref::Document doc;
  doc.path = doc.display = "/fuzz/openapi.yaml";
  apiref::Diagnostics out;
  if (!apiref_fuzz::parse_document(apiref_fuzz::bytes(data, size), doc.root, out)) return 0;
  if (apiref::is_swagger2(doc.root))
    apiref::convert_swagger2(doc, [](const std::string&) { return nullptr; }, out);
  apiref::ApiModel model = apiref::build_model(doc.root, {});
  apiref::SiteBundle bundle;
  bundle.name = "api";
  bundle.document = &doc.root;
  bundle.model = &model;
  apiref::SiteOptions options;
  for (apiref::SiteFile& file : apiref::render_site({bundle}, templates(), options, out))
    if (ends_with(file.path, ".html")) apiref_fuzz::require_no_foreign_script(file.content, true, file.path);
  return 0;
}
