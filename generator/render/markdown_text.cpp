#include "render/markdown_text.h"

#include <algorithm>

namespace apiref {

namespace {

// The longest run of `c` in `text`.
size_t longest_run(std::string_view text, char c) {
  size_t longest = 0, run = 0;
  for (char x : text) {
    run = x == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::string md_code(std::string_view text, bool in_table) {
  std::string body;
  body.reserve(text.size());
  for (char c : text) {
    if (c == kRootMark) continue;
    if (c == '\n' || c == '\r') body += ' ';
    else if (c == '|' && in_table) body += "\\|";
    else body += c;
  }
  std::string fence(longest_run(body, '`') + 1, '`');
  // A span that starts or ends with a backtick (or is all spaces) needs a space inside the fence,
  // which CommonMark strips again.
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' ||
                               body.find_first_not_of(' ') == std::string::npos);
  if (body.empty()) return "` `";
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string md_text(std::string_view text, bool in_table) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == kRootMark) continue;
    switch (c) {
      case '\n': case '\r': case '\t':
        if (!out.empty() && out.back() != ' ') out += ' ';
        continue;
      case '\\': case '`': case '*': case '[': case ']': case '<': case '>': case '~':
        out += '\\';
        break;
      case '$':
        // GitHub reads $...$ as math: "$5 to $10" would lose its dollars and set the rest in TeX.
        out += '\\';
        break;
      case '|':
        if (in_table) out += '\\';
        break;
      case '_': {
        // Inside a word (snake_case) an underscore is text; at a word's edge it may emphasise.
        bool inside = i > 0 && i + 1 < text.size() && is_word(text[i - 1]) && is_word(text[i + 1]);
        if (!inside) out += '\\';
        break;
      }
      case '&':
        if (i + 1 < text.size() && (is_word(text[i + 1]) || text[i + 1] == '#')) out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
  // A line that starts as a block would (a heading, a list item, a quote) is not at the start
  // of one here: md_text always follows other text on its line.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string md_heading(std::string_view text) {
  std::string out = md_text(text);
  size_t run = out.size();
  while (run > 0 && out[run - 1] == '#') --run;
  // A closing sequence is a run of # after a space, or the whole text; escaped, it is text.
  if (run < out.size() && (run == 0 || out[run - 1] == ' ')) out.insert(run, 1, '\\');
  return out;
}

std::string md_code_block(std::string_view code, std::string_view language) {
  std::string fence(std::max<size_t>(3, longest_run(code, '`') + 1), '`');
  std::string out = fence + std::string(language) + "\n";
  for (char c : code)
    if (c != kRootMark) out += c;
  if (out.back() != '\n') out += '\n';
  return out + fence + "\n";
}

}  // namespace apiref
