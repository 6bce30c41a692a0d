// The markdown stage (markdown/markdown.h) on any description text: every rendering of it, and
// the sanitiser on the raw bytes as HTML, must return HTML in which nothing runs script.
#include <string>

#include "fuzz_input.h"
#include "html_check.h"
#include "markdown/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = apiref_fuzz::bytes(data, size);
  using apiref_fuzz::require_no_foreign_script;
  require_no_foreign_script(apiref::render_markdown(text), false, "render_markdown");
  apiref::MarkdownOptions no_html;
  no_html.allow_raw_html = false;
  require_no_foreign_script(apiref::render_markdown(text, no_html), false, "render_markdown without HTML");
  require_no_foreign_script(apiref::render_markdown_inline(text), false, "render_markdown_inline");
  require_no_foreign_script(apiref::sanitise_html(text), false, "sanitise_html");
  apiref::markdown_to_plain_text(text, 40);
  return 0;
}
