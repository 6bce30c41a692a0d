// The snippet generator (snippets/snippets.h): the request of every operation of any
// description spelt in every language, and shell quoting on any bytes, which must read back
// (as a POSIX shell reads it) as exactly those bytes.
#include <cstdlib>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "model/model.h"
#include "snippets/snippets.h"

namespace {

// One shell word as sh reads it: '...' literal, \x outside quotes, "..." with \ before $ ` " \
// and newline; nullopt for anything else (an unquoted space, $, an unterminated quote).
std::optional<std::string> shell_read(const std::string& word) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    char c = word[i];
    if (c == '\'') {
      size_t end = word.find('\'', i + 1);
      if (end == std::string::npos) return std::nullopt;
      out.append(word, i + 1, end - i - 1);
      i = end + 1;
    } else if (c == '\\' && i + 1 < word.size()) {
      out += word[i + 1];
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = apiref_fuzz::bytes(data, size);
  std::string literal(text);
  std::optional<std::string> read = shell_read(apiref::shell_quote(literal));
  if (!read || *read != literal) std::abort();

  apiref::Node doc;
  apiref::Diagnostics out;
  if (!apiref_fuzz::parse_document(text, doc, out)) return 0;
  apiref::ApiModel model = apiref::build_model(doc, {}, "fuzz.yaml", out);
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
        std::optional<std::string> back = shell_read(apiref::shell_quote(h.value));
        if (!back || *back != apiref::value_as_text(h.value)) std::abort();
      }
    }
  }
  return 0;
}
