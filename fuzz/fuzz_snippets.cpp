// The snippet generator (snippets/snippets.h): the request of every operation of any
// description spelt in every language, and shell quoting on any bytes, which must read back
// (as a POSIX shell reads it) as exactly those bytes, NUL dropped. The other languages'
// literals: fuzz_quoting.cpp.
#include <cstdlib>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "literal_readers.h"
#include "model/model.h"
#include "snippets/snippets.h"

using apiref_fuzz::read_shell_word;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = apiref_fuzz::bytes(data, size);
  std::string literal(text);
  std::string without_nul;  // no shell word can hold NUL: shell_quote drops it
  for (char c : literal)
    if (c != '\0') without_nul += c;
  std::optional<std::string> read = read_shell_word(apiref::shell_quote(literal));
  if (!read || *read != without_nul) std::abort();

  apiref::Node doc;
  apiref::Diagnostics out;
  if (!apiref_fuzz::parse_document(text, doc, out)) return 0;
  apiref::ApiModel model = apiref::build_model(doc, {});
  const std::vector<std::string>& languages = apiref::all_snippet_languages();
  size_t count = 0;
  for (const apiref::Operation& op : model.operations) {
    if (++count > 16) break;
    for (bool optional : {false, true}) {
      apiref::SnippetOptions options;
      options.optional_parameters = optional;
      apiref::Request request = apiref::build_request(doc, model, op, options);
      apiref::snippets_for(request, languages);
      for (const std::string& language : languages) {
        std::string fill = apiref::variable_fill_json(request, language);
        if (!fill.empty() && !nlohmann::json::accept(fill)) std::abort();
      }
      // A header's value with no variable in it reads back, as one shell word, as its text.
      for (const apiref::NamedValue& h : request.headers) {
        bool literal_only = true;
        for (const apiref::Segment& s : h.value) literal_only = literal_only && !s.is_env;
        if (!literal_only) continue;
        std::string want;
        for (char c : apiref::value_as_text(h.value))
          if (c != '\0') want += c;
        std::optional<std::string> back = read_shell_word(apiref::shell_quote(h.value));
        if (!back || *back != want) std::abort();
      }
    }
  }
  return 0;
}
