// Documentation: operations summarised and described, tags declared once and used as
// declared, and descriptions free of what a careless renderer would execute.
#include <cstring>
#include <map>
#include <memory>

#include "check/rule.h"
#include "text/case.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

// Script, event handlers and javascript: URLs are what a renderer that forgot to sanitise
// would execute; the site's sanitiser removes them, but the description is also read by
// other tools (Swagger UI, portals).
// Markdown code (spans and fenced blocks) is shown, not interpreted: "`<script>`" is safe.
std::string strip_code(const std::string& t) {
  std::string out;
  out.reserve(t.size());
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '`') {
      out += t[i++];
      continue;
    }
    size_t run = 0;
    while (i + run < t.size() && t[i + run] == '`') ++run;
    std::string fence(run, '`');
    size_t close = t.find(fence, i + run);
    if (close == std::string::npos) {  // unmatched: literal backticks
      out.append(t, i, run);
      i += run;
      continue;
    }
    i = close + run;
  }
  return out;
}

std::string unsafe_html(const std::string& raw) {
  if (raw.find('<') == std::string::npos && raw.find(':') == std::string::npos) return "";
  std::string l = text::ascii_lower(raw.find('`') == std::string::npos ? raw : strip_code(raw));
  for (const char* tag : {"<script", "<iframe", "<object", "<embed", "<form", "<meta", "<base"}) {
    size_t p = l.find(tag);
    if (p != std::string::npos) {
      char after = p + strlen(tag) < l.size() ? l[p + strlen(tag)] : ' ';
      if (after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\n')
        return std::string("an HTML ") + (tag + 1) + " element";
    }
  }
  if (l.find("javascript:") != std::string::npos) return "a javascript: URL";
  if (l.find("vbscript:") != std::string::npos) return "a vbscript: URL";
  if (l.find("data:text/html") != std::string::npos) return "a data:text/html URL";
  // on*= attributes inside a tag.
  size_t i = 0;
  while ((i = l.find('<', i)) != std::string::npos) {
    size_t end = l.find('>', i);
    if (end == std::string::npos) end = l.size();
    if (i + 1 < l.size() && isalpha(static_cast<unsigned char>(l[i + 1]))) {
      for (size_t k = i + 1; k + 3 < end; ++k) {
        if ((l[k] == ' ' || l[k] == '\t' || l[k] == '\n' || l[k] == '/') && l[k + 1] == 'o' && l[k + 2] == 'n') {
          size_t m = k + 3;
          while (m < end && isalpha(static_cast<unsigned char>(l[m]))) ++m;
          while (m < end && l[m] == ' ') ++m;
          if (m > k + 3 && m < end && l[m] == '=') return "an on" + l.substr(k + 3, m - k - 3) + " event handler attribute";
        }
      }
    }
    i = end;
  }
  return "";
}

struct TagUse {
  int root;
  std::string name;
  const Document* doc;
  std::string pointer;
  SourcePos pos;
  int chain;
};

class DocumentationRules {
 public:
  explicit DocumentationRules(Walk& w) : w_(w), unsafe_html_(w.rule_on("description-unsafe-html")) {}

  void text(const Node& v, const std::string& ptr, const St& st) {
    if (!unsafe_html_) return;
    std::string what = unsafe_html(v.text);
    if (!what.empty())
      w_.at_value("description-unsafe-html", st, ptr, v, "text contains " + what);
  }

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    if (k == K::Root) return root(n, st);
    if (k != K::PathItem) return;
    for_each_operation(n, ptr, st, [&](const Member& m, const std::string& op_ptr) {
      const Node& op = m.value;
      if (!op.find("summary")) w_.at_key("operation-summary", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no summary");
      if (!op.find("description")) w_.at_key("operation-description", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no description");
      if (const Node* tags = op.find("tags"); tags && tags->is_array())
        for (size_t i = 0; i < tags->items.size(); ++i)
          if (tags->items[i].is_string())
            used_tags_.push_back({st.root, tags->items[i].text, st.doc, append_pointer(op_ptr, "tags") + "/" + std::to_string(i), tags->items[i].pos, st.chain});
    });
  }

  void finish() {
    // Tags used by operations are declared at the top of their document's API.
    for (const TagUse& t : used_tags_) {
      const Node* tags = w_.root(t.root).doc->root.find("tags");
      bool found = false;
      if (tags)
        for (const Node& d : tags->items)
          if (d.string_at("name") == t.name) found = true;
      if (!found)
        w_.report("operation-tag-defined", t.doc, t.pointer, t.pos, t.pos, t.chain,
                  "tag '" + t.name + "' is not declared in the top-level tags");
    }
  }

 private:
  void root(const Node& n, const St& st) {
    if (const Node* tags = n.find("tags"); tags && tags->is_array()) {
      std::map<std::string, size_t> seen;
      for (size_t i = 0; i < tags->items.size(); ++i) {
        std::string_view name = tags->items[i].string_at("name");
        if (name.empty()) continue;
        auto [it, fresh] = seen.emplace(std::string(name), i);
        if (!fresh)
          w_.at_value("tags-unique", st, "/tags/" + std::to_string(i) + "/name", *tags->items[i].find("name"),
                      "tag '" + std::string(name) + "' is already declared at /tags/" + std::to_string(it->second));
      }
    }
  }

  Walk& w_;
  const bool unsafe_html_;
  std::vector<TagUse> used_tags_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<DocumentationRules>(w);
  Hooks h;
  h.text = [r](const Node& v, const std::string& ptr, const St& st) { r->text(v, ptr, st); };
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  h.finish = [r] { r->finish(); };
  return h;
}

}  // namespace

const RuleFamily& documentation_family() {
  static const RuleFamily family{
      "documentation",
      {
          {"description-unsafe-html", "descriptions carry no script, on* handler or javascript: URL", OFF, ERR, ERR},
          {"operation-summary", "operations have a summary", OFF, WARN, ERR},
          {"operation-description", "operations have a description", OFF, OFF, INFO},
          {"operation-tag-defined", "operation tags are declared in the top-level tags", OFF, WARN, WARN},
          {"tags-unique", "top-level tag names are unique", ERR, ERR, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
