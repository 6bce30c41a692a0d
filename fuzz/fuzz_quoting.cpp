// Every string literal apiref writes into code a reader runs, read back by an independent
// reader of that language's literals (literal_readers.h): any bytes through each quoter
// (snippets/snippets.h, render's script_json), then a description through every snippet language
// and the sidebar script of each tag.
//
// What must read back: Go and shell exactly (shell without NUL, which no word can hold);
// Python str and JavaScript as the bytes with every invalid one replaced by U+FFFD (as
// text::valid_utf8 repairs them); Python bytes exactly. A note may not end its comment: the
// snippet with its comment lines removed is the snippet of the request without notes.
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "literal_readers.h"
#include "model/model.h"
#include "render/page_links.h"
#include "snippets/snippets.h"
#include "text/utf8.h"

namespace {

using apiref_fuzz::read_go_string;
using apiref_fuzz::read_js_string;
using apiref_fuzz::read_python_bytes;
using apiref_fuzz::read_python_str;

void expect(bool ok) {
  if (!ok) std::abort();
}

// The whole of `literal` is one literal that `read` reads as `want`.
template <typename Reader>
void reads_back(Reader read, const std::string& literal, const std::string& want) {
  size_t at = 0;
  std::optional<std::string> got = read(literal, at);
  expect(got && at == literal.size() && *got == want);
}

bool ends_a_line(std::string_view s) {
  return s.find_first_of(std::string("\n\r\0", 3)) != std::string_view::npos ||
         s.find("\xE2\x80\xA8") != std::string_view::npos || s.find("\xE2\x80\xA9") != std::string_view::npos ||
         s.find("\xC2\x85") != std::string_view::npos;
}

// What ends a line in JavaScript (ECMA-262, LineTerminator); U+0085 does not.
bool ends_a_js_line(std::string_view s) {
  return s.find_first_of("\n\r") != std::string_view::npos || s.find("\xE2\x80\xA8") != std::string_view::npos ||
         s.find("\xE2\x80\xA9") != std::string_view::npos;
}

// The snippet's code as its language's lexer sees it, for what this target needs: every
// string literal read (each must read), and the code with its comment lines removed.
struct Lexed {
  std::vector<std::string> strings;
  std::string code;  // without comment lines and blank lines
  bool ok = true;
};

Lexed lex(const std::string& code, const std::string& language) {
  Lexed out;
  bool python = language == "python", go = language == "go";
  std::string line;
  size_t i = 0;
  auto end_line = [&] {
    if (!line.empty()) out.code += line + "\n";
    line.clear();
  };
  while (i < code.size()) {
    char c = code[i];
    bool line_start = line.find_first_not_of(" \t") == std::string::npos;
    if (line_start && (python ? c == '#' : code.compare(i, 2, "//") == 0)) {
      size_t end = code.find('\n', i);
      std::string_view comment = std::string_view(code).substr(i, end == std::string::npos ? std::string::npos : end - i);
      // No line end any of the languages knows, nothing a Go compiler refuses.
      if (ends_a_line(comment.substr(0, comment.size())) || comment.find("\xEF\xBB\xBF") != std::string_view::npos) out.ok = false;
      std::string storage;
      apiref::text::valid_utf8(comment, storage);
      if (!storage.empty()) out.ok = false;
      i = end == std::string::npos ? code.size() : end + 1;
      line.clear();
      continue;
    }
    if (c == '"' || (python && c == 'b' && i + 1 < code.size() && code[i + 1] == '"')) {
      size_t at = i;
      std::optional<std::string> s = python ? (c == 'b' ? read_python_bytes(code, at) : read_python_str(code, at))
                                   : go     ? read_go_string(code, at)
                                            : read_js_string(code, at);
      if (!s) {
        out.ok = false;
        return out;
      }
      out.strings.push_back(*s);
      line.append(code, i, at - i);
      i = at;
      continue;
    }
    if (c == '\n') end_line();
    else line += c;
    ++i;
  }
  end_line();
  return out;
}

// The shell snippets: no lexer of their own here; comment lines are those starting with '#'.
std::string shell_code(const std::string& code) {
  std::string out;
  size_t i = 0;
  while (i < code.size()) {
    size_t end = code.find('\n', i);
    if (end == std::string::npos) end = code.size();
    if (code[i] != '#' && end > i) out.append(code, i, end - i).push_back('\n');
    i = end + 1;
  }
  return out;
}

bool contains(const std::vector<std::string>& all, const std::string& one) {
  for (const std::string& s : all)
    if (s == one) return true;
  return false;
}

void check_snippets(const apiref::Request& request) {
  apiref::Request bare = request;
  bare.notes.clear();
  for (const std::string& language : apiref::all_snippet_languages()) {
    std::string code = apiref::snippets_for(request, {language})[0].code;
    std::string bare_code = apiref::snippets_for(bare, {language})[0].code;
    if (language == "curl" || language == "httpie") {
      expect(shell_code(code) == shell_code(bare_code));
      continue;
    }
    Lexed lexed = lex(code, language), bare_lexed = lex(bare_code, language);
    expect(lexed.ok && bare_lexed.ok);
    expect(lexed.code == bare_lexed.code);  // a note added nothing but comment lines
    bool go = language == "go";
    // Every literal header value and form field reads back.
    for (const apiref::NamedValue& h : request.headers) {
      apiref::Value merged = apiref::merge_literals(h.value);
      if (merged.size() != 1 || merged[0].is_env) continue;
      std::string want = go ? merged[0].text : apiref::text::valid_utf8(merged[0].text);
      expect(contains(lexed.strings, want));
    }
    for (const auto& [k, v] : request.form) expect(contains(lexed.strings, go ? v : apiref::text::valid_utf8(v)));
    if (request.body_kind == apiref::BodyKind::Json || request.body_kind == apiref::BodyKind::Raw) {
      std::string want = language == "javascript" ? apiref::text::valid_utf8(request.body) : request.body;
      if (language == "python") {
        std::string storage;
        apiref::text::valid_utf8(request.body, storage);
        if (!storage.empty()) want = request.body;  // b"...": every byte
      }
      expect(contains(lexed.strings, want));
    }
  }
}

// A script apiref writes for <script src>: `prefix` JSON `suffix`, whose strings read as
// JavaScript strings, with no '<' and no raw U+2028/U+2029 anywhere.
void check_script(const std::string& script, const std::string& prefix, const std::string& suffix,
                  std::vector<std::string>& strings) {
  expect(script.rfind(prefix, 0) == 0 && script.size() >= prefix.size() + suffix.size() &&
         script.compare(script.size() - suffix.size(), suffix.size(), suffix) == 0);
  expect(script.find('<') == std::string::npos && !ends_a_js_line(script.substr(0, script.size() - 1)));
  const std::string body = script.substr(prefix.size(), script.size() - prefix.size() - suffix.size());
  expect(nlohmann::json::accept(body));
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '"') {
      ++i;
      continue;
    }
    std::optional<std::string> s = read_js_string(body, i);
    expect(s.has_value());
    strings.push_back(*s);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = apiref_fuzz::bytes(data, size);
  const std::string raw(text);
  const std::string repaired = apiref::text::valid_utf8(raw);
  std::string without_nul;
  for (char c : raw)
    if (c != '\0') without_nul += c;

  reads_back(read_python_str, apiref::python_string(raw), repaired);
  reads_back(read_python_bytes, apiref::python_bytes(raw), raw);
  reads_back(read_js_string, apiref::js_string(raw), repaired);
  reads_back(read_go_string, apiref::go_string(raw), raw);
  std::optional<std::string> word = apiref_fuzz::read_shell_word(apiref::shell_word(raw));
  expect(word && *word == without_nul);
  std::string comment = apiref::comment_text(raw);
  expect(!ends_a_line(comment) && comment.find("\xEF\xBB\xBF") == std::string::npos &&
         apiref::text::valid_utf8(comment) == comment);
  std::vector<std::string> strings;
  // The site's scripts hold the model's text, which the loader has checked is UTF-8.
  nlohmann::json one = nlohmann::json::array({repaired});
  check_script("f(" + apiref::script_json(one.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + ");\n",
               "f(", ");\n", strings);
  expect(strings.size() == 1 && strings[0] == repaired);

  apiref::Node doc;
  apiref::Diagnostics out;
  if (!apiref_fuzz::parse_document(text, doc, out)) return 0;
  apiref::ApiModel model = apiref::build_model(doc, {});
  size_t count = 0;
  for (const apiref::Operation& op : model.operations) {
    if (++count > 16) break;
    apiref::SnippetOptions options;
    options.optional_parameters = true;
    check_snippets(apiref::build_request(doc, model, op, options));
  }
  for (const apiref::Tag& tag : model.tags) {
    if (tag.operations.empty()) continue;
    strings.clear();
    const std::string prefix = "window.apirefTagNav && window.apirefTagNav(";
    check_script(apiref::tag_nav_script(model, tag), prefix, ");\n", strings);
    for (size_t oi : tag.operations) {
      const apiref::Operation& op = model.operations[oi];
      const std::string& label = op.summary.empty() ? op.path : op.summary;
      if (apiref::text::valid_utf8(label) == label) expect(contains(strings, label));
    }
  }
  return 0;
}
