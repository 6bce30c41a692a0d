// The rendered-HTML check of the markdown and page targets: nothing in the HTML may run script
// unless apiref's own templates put it there. It reads tags the way a browser's tokenizer
// does (attribute names outside quotes, values quoted with " or ' or bare), stricter than the
// string searches of tests/cli/build.sh and generator/markdown/markdown_test_fixtures.h, which
// a title="... onclick=..." attribute, harmless text, would trip. Test code only.
#pragma once

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace apiref_fuzz {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A URL attribute's value as a browser reads its scheme: character references of the usual
// spellings decoded, and tabs, newlines and control characters (which browsers strip) dropped.
inline std::string url_scheme_view(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '&') {
      // &#106; &#x6A; &colon; and the like: the only way an escaped scheme still works.
      size_t semi = value.find(';', i);
      std::string ref = lower(value.substr(i + 1, semi == std::string_view::npos ? 0 : semi - i - 1));
      if (semi != std::string_view::npos && !ref.empty()) {
        long code = -1;
        if (ref[0] == '#') code = std::strtol(ref.c_str() + (ref.size() > 1 && ref[1] == 'x' ? 2 : 1), nullptr,
                                              ref.size() > 1 && ref[1] == 'x' ? 16 : 10);
        else if (ref == "colon") code = ':';
        else if (ref == "tab" || ref == "newline") code = 0;
        if (code >= 0) {
          if (code > 0x20 && code < 0x7f) out += static_cast<char>(std::tolower(static_cast<int>(code)));
          i = semi;
          continue;
        }
      }
    }
    if (c <= 0x20) continue;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

inline bool is_url_attribute(const std::string& name) {
  return name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href" ||
         name == "data" || name == "poster" || name == "background" || name == "srcdoc";
}

// The first problem in `html`, or "". `own_scripts`: whether <script src="x.js"> elements
// with a plain relative path (what the templates write: assets/app.js, a tag's script) are
// allowed; no other script element ever is.
inline std::string script_problem(std::string_view html, bool own_scripts) {
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    size_t p = lt + 1;
    if (p < html.size() && html[p] == '/') continue;
    size_t name_start = p;
    while (p < html.size() && std::isalnum(static_cast<unsigned char>(html[p]))) ++p;
    if (p == name_start) continue;  // not a start tag: text
    std::string name = lower(html.substr(name_start, p - name_start));
    std::string src;
    bool other_attribute = false;
    while (p < html.size() && html[p] != '>') {
      if (is_space(html[p]) || html[p] == '/') {
        ++p;
        continue;
      }
      size_t a = p;
      while (p < html.size() && !is_space(html[p]) && html[p] != '=' && html[p] != '>' && html[p] != '/') ++p;
      std::string attribute = lower(html.substr(a, p - a));
      while (p < html.size() && is_space(html[p])) ++p;
      std::string value;
      if (p < html.size() && html[p] == '=') {
        ++p;
        while (p < html.size() && is_space(html[p])) ++p;
        if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
          char quote = html[p++];
          size_t end = html.find(quote, p);
          if (end == std::string_view::npos) end = html.size();
          value = std::string(html.substr(p, end - p));
          p = end < html.size() ? end + 1 : end;
        } else {
          size_t v = p;
          while (p < html.size() && !is_space(html[p]) && html[p] != '>') ++p;
          value = std::string(html.substr(v, p - v));
        }
      }
      if (attribute.size() > 2 && attribute.compare(0, 2, "on") == 0)
        return "event handler attribute " + attribute + " in <" + name + ">";
      if (is_url_attribute(attribute)) {
        std::string scheme = url_scheme_view(value);
        for (const char* bad : {"javascript:", "vbscript:", "data:text/html"})
          if (scheme.compare(0, std::string(bad).size(), bad) == 0)
            return std::string(bad) + " URL in <" + name + " " + attribute + ">";
      }
      if (attribute == "src") src = value;
      else if (attribute != "defer") other_attribute = true;
    }
    if (name == "script") {
      bool plain_path = !src.empty() && src.size() > 3 && src.compare(src.size() - 3, 3, ".js") == 0;
      for (char c : src)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '/' && c != '-' && c != '_') plain_path = false;
      bool empty_element = html.compare(p, 10, "></script>") == 0;
      if (!own_scripts || !plain_path || other_attribute || !empty_element) return "a <script> element not apiref's";
    }
    if (name == "iframe" || name == "object" || name == "embed" || name == "frame") return "a <" + name + "> element";
  }
  return "";
}

// Stops the run (the fuzzer records the input) when the HTML fails the check.
inline void require_no_foreign_script(std::string_view html, bool own_scripts, std::string_view where) {
  std::string problem = script_problem(html, own_scripts);
  if (problem.empty()) return;
  std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(where.size()), where.data(), problem.c_str());
  std::abort();
}

}  // namespace apiref_fuzz
