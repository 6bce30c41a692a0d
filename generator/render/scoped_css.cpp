#include "render/scoped_css.h"

#include <vector>

#include "text/replace.h"

namespace apiref {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// `s` without its comments.
std::string without_comments(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      out += c;
      if (c == '\\' && i + 1 < s.size()) out += s[++i];
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
      out += c;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

// Where the block opened at `open` ('{') closes, or npos; strings and nested blocks skipped.
size_t block_end(std::string_view s, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The first index at or after `from` where `stop(c)` holds outside strings, brackets and
// parentheses (npos if none): where a selector list's commas and a compound's end are.
template <class Stop>
size_t find_top_level(std::string_view s, size_t from, Stop stop) {
  int depth = 0;
  char quote = 0;
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (depth == 0 && stop(c)) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The selectors of a list, split at the commas outside brackets, parentheses and strings.
std::vector<std::string_view> split_selectors(std::string_view list) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t comma; (comma = find_top_level(list, start, [](char c) { return c == ','; })) != std::string_view::npos;
       start = comma + 1)
    out.push_back(trim(list.substr(start, comma - start)));
  out.push_back(trim(list.substr(start)));
  return out;
}

// The end of the selector's first compound (where a combinator or whitespace starts).
size_t first_compound_end(std::string_view sel) {
  size_t end = find_top_level(sel, 0, [](char c) { return c == ' ' || c == '>' || c == '+' || c == '~' || c == '\n' || c == '\t'; });
  return end == std::string_view::npos ? sel.size() : end;
}

// One selector, scoped; a theme condition on :root may make two.
void scope_selector(std::string_view sel, const std::string& scope, std::vector<std::string>& out) {
  size_t end = first_compound_end(sel);
  std::string_view head = sel.substr(0, end), rest = sel.substr(end);
  if (head == "html" || head == "body" || head == ":root") {
    out.push_back(scope + std::string(rest));
  } else if (head == "*") {
    out.push_back(scope + std::string(rest));
    out.push_back(scope + " *" + std::string(rest));
  } else if (head.substr(0, 5) == ":root" || head.substr(0, 4) == "html") {
    // A condition on the page (its theme): kept on the page, the rule applies inside the scope.
    std::string page(head);
    out.push_back(page + " " + scope + std::string(rest));
    if (page.find("data-theme") != std::string::npos) {
      std::string bootstrap = page;
      if (page.find(":not(") != std::string::npos) {
        // Not light by either attribute: both conditions hold.
        bootstrap = text::replace_all(bootstrap, ":not([data-theme=\"light\"])", ":not([data-theme=\"light\"]):not([data-bs-theme=\"light\"])");
        out.back() = bootstrap + " " + scope + std::string(rest);
      } else {
        bootstrap = text::replace_all(bootstrap, "data-theme", "data-bs-theme");
        out.push_back(bootstrap + " " + scope + std::string(rest));
      }
    }
  } else {
    out.push_back(scope + " " + std::string(sel));
  }
}

void scope_rules(std::string_view css, const std::string& scope, bool system_theme, std::string& out) {
  size_t i = 0;
  while (i < css.size()) {
    size_t open = css.find('{', i);
    size_t semi = css.find(';', i);
    if (semi < open && trim(css.substr(i, semi - i)).substr(0, 1) == "@") {
      out += std::string(trim(css.substr(i, semi + 1 - i))) + "\n";  // @import, @charset
      i = semi + 1;
      continue;
    }
    if (open == std::string_view::npos) break;  // what is left holds no rule
    size_t close = block_end(css, open);
    if (close == std::string_view::npos) close = css.size() - 1;
    std::string_view prelude = trim(css.substr(i, open - i));
    std::string_view body = css.substr(open + 1, close - open - 1);
    if (!system_theme && prelude.substr(0, 6) == "@media" && prelude.find("prefers-color-scheme") != std::string_view::npos) {
      // left out: the host's theme decides
    } else if (prelude.substr(0, 6) == "@media" || prelude.substr(0, 9) == "@supports" || prelude.substr(0, 10) == "@container") {
      out += std::string(prelude) + " {\n";
      scope_rules(body, scope, system_theme, out);
      out += "}\n";
    } else if (!prelude.empty() && prelude[0] == '@') {
      out += std::string(prelude) + " {" + std::string(body) + "}\n";
    } else if (!prelude.empty()) {
      std::vector<std::string> scoped;
      for (std::string_view sel : split_selectors(prelude))
        if (!sel.empty()) scope_selector(sel, scope, scoped);
      std::string list;
      for (const std::string& s : scoped) list += (list.empty() ? "" : ", ") + s;
      out += list + " {" + std::string(body) + "}\n";
    }
    i = close + 1;
  }
}

}  // namespace

std::string scoped_stylesheet(std::string_view css, std::string_view scope_class, bool follow_system_theme) {
  std::string clean = without_comments(css);
  std::string out;
  out.reserve(clean.size() + clean.size() / 4);
  scope_rules(clean, "." + std::string(scope_class), follow_system_theme, out);
  return out;
}

}  // namespace apiref
