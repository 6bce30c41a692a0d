#include "render/parameters.h"

#include "examples/example.h"
#include "render/schema_tree.h"
#include "tree/write.h"

namespace apiref {

using Data = TemplateData;

TemplateData parameter_groups(const Node& document, const std::vector<Parameter>& params, const Describe& describe) {
  Data groups = Data::list();
  for (const char* loc : {"path", "query", "querystring", "header", "cookie"}) {
    Data list = Data::list();
    for (const Parameter& p : params) {
      if (p.in != loc) continue;
      const std::string& description_html = describe(p.description);
      Data e = fields("name", ref(p.name), "required", p.required, "deprecated", p.deprecated,
                      "description_html", ref(description_html));
      // 3.2's querystring is the whole query string, typed by its media type.
      if (p.in == "querystring" && p.content && !p.content->members.empty()) e.set("type", ref(p.content->members[0].key));
      if (p.schema) {
        e.set("type", schema_type_label(document, *p.schema));
        const Node& s = *p.schema;
        if (const Node* d = s.find("default")) e.set("default", pretty_json(*d));
        if (const Node* en = s.find("enum")) {
          Data values = Data::list();
          for (const Node& v : en->items) values.push(v.is_string() ? ref(v.text) : Data(pretty_json(v)));
          e.set("enum", std::move(values));
        }
        // In the words of the schema trees, so that a parameter and a property read alike.
        if (std::string bounds = schema_bounds_text(s); !bounds.empty()) e.set("constraints", std::move(bounds));
        if (const Node* v = s.find("pattern"); v && v->is_string() && !v->text.empty()) e.set("pattern", ref(v->text));
      }
      if (const Node* ex = documented_example(document, p.example, p.examples)) e.set("example", ex->is_string() ? ref(ex->text) : Data(pretty_json(*ex)));
      if (p.style != (p.in == "query" || p.in == "cookie" ? "form" : "simple")) e.set("style", ref(p.style));
      // No empty <dd> for a parameter with nothing said about it beyond its name and type.
      const Data* values = e.find("enum");
      bool has_details = !description_html.empty() || (values && !values->empty()) || e.contains("default") ||
                         e.contains("constraints") || e.contains("pattern") || e.contains("style") || e.contains("example");
      e.set("has_details", has_details);
      list.push(std::move(e));
    }
    if (!list.empty()) groups.push(fields("location", loc, "parameters", std::move(list)));
  }
  return groups;
}

std::string pretty_json(const Node& n) {
  std::string s = to_json(n, true);
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

}  // namespace apiref
