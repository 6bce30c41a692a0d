// What the schema tree tests share: the unit cases beside this file (schema_tree_test.cpp: toy
// schemas, whole pages of a toy project) and their corpus twin (tests/corpus/schema_tree_test.cpp:
// GitHub's description). Test code only: no source of apiref includes it.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/mustache.h"
#include "render/schema_tree.h"
#include "test_util.h"
#include "tree/node.h"

namespace apiref_test {

inline std::string link_to(const std::string& name) { return "../" + name + "/"; }

// The built-in templates, with the partials trees are written with.
inline const apiref::TemplateSet& builtin_templates() {
  static const apiref::TemplateSet set = [] {
    apiref::TemplateSet t;
    std::vector<apiref::MustacheError> errors;
    REQUIRE(t.load(source("templates"), "", errors));
    return t;
  }();
  return set;
}

inline std::string tree(const apiref::Node& doc, const apiref::Node& schema, apiref::SchemaTreeOptions o = {}) {
  if (!o.templates) o.templates = &builtin_templates();
  return apiref::render_schema_tree(doc, schema, o, link_to);
}

// The property row named `name` (from its <li> to the next row), or "".
inline std::string row(const std::string& html, const std::string& name) {
  size_t at = html.find("<code class=\"prop-name\">" + name + "</code>");
  if (at == std::string::npos) return "";
  size_t start = html.rfind("<li class=\"schema-prop\">", at);
  size_t end = html.find("<li class=\"schema-prop\">", at);
  return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Constructs that show nothing; each must never be written.
inline const char* const kEmpty[] = {
    "<li></li>",
    "</summary></details>",
    "<ul class=\"schema-props\"></ul>",
    "<ol class=\"schema-variants\"></ol>",
    "<div class=\"schema-root\"></div>",
    "<div class=\"schema-variant-head\"></div>",
    "<span class=\"schema-label\">items</span></div>",
    "<code></code>",
    "<div class=\"schema-variant-head\"> ",
};

inline void check_nothing_empty(const std::string& html, const std::string& where) {
  for (const char* e : kEmpty) CHECK_MESSAGE(html.find(e) == std::string::npos, where << ": " << e);
}

// A tree parsed from JSON text that must parse.
inline apiref::Node toy(const char* json_text) {
  Parsed p = json(json_text);
  REQUIRE_MESSAGE(p.ok, dump(p.diags));
  return std::move(p.root);
}

}  // namespace apiref_test
