#include "render/model_data.h"

#include <nlohmann/json.hpp>

#include "render/page_links.h"
#include "render/schema_tree.h"
#include "text/case.h"

namespace apiref {

using json = nlohmann::json;

namespace {

json media_types(const std::vector<MediaType>& list) {
  json out = json::array();
  for (const MediaType& m : list) out.push_back(m.name);
  return out;
}

json security(const EffectiveSecurity& s) {
  json alternatives = json::array();
  for (const SecurityAlternative& a : s.alternatives) {
    json schemes = json::array();
    for (const SecurityRequirement& r : a) schemes.push_back({{"scheme", r.scheme}, {"scopes", r.scopes}});
    alternatives.push_back(std::move(schemes));
  }
  return alternatives;
}

}  // namespace

std::string model_data_json(const SiteBundle& b) {
  const ApiModel& m = *b.model;
  const Node& doc = *b.document;
  json servers = json::array();
  for (const Server& s : m.servers) servers.push_back({{"url", s.resolved_url}, {"template", s.url}, {"description", s.description}});
  json tags = json::array();
  for (const Tag& t : m.tags) {
    json ops = json::array();
    for (size_t i : t.operations) ops.push_back(m.operations[i].id);
    tags.push_back({{"name", t.name}, {"displayName", t.display_name}, {"slug", t.slug}, {"description", t.description},
                    {"url", tag_page_path(b.name, t)}, {"operations", std::move(ops)}});
  }
  json operations = json::array();
  for (const Operation& o : m.operations) {
    json params = json::array();
    for (const Parameter& p : o.parameters) {
      params.push_back({{"name", p.name}, {"in", p.in}, {"required", p.required}, {"deprecated", p.deprecated},
                        {"description", p.description}, {"type", p.schema ? schema_type_label(doc, *p.schema) : ""}});
    }
    json op = {{"operationId", o.id}, {"slug", o.slug}, {"method", text::ascii_upper(o.method)}, {"path", o.path},
               {"webhook", o.is_webhook}, {"summary", o.summary}, {"description", o.description},
               {"deprecated", o.deprecated}, {"tags", o.tags}, {"url", operation_page_path(b.name, o)},
               {"parameters", std::move(params)}, {"security", security(o.security)}};
    if (o.has_request_body)
      op["requestBody"] = {{"required", o.request_body.required}, {"description", o.request_body.description},
                           {"mediaTypes", media_types(o.request_body.content)}};
    json responses = json::array();
    for (const Response& r : o.responses)
      responses.push_back({{"status", r.status}, {"description", r.description}, {"mediaTypes", media_types(r.content)}});
    op["responses"] = std::move(responses);
    operations.push_back(std::move(op));
  }
  json schemas = json::array();
  for (const SchemaComponent& s : m.schemas)
    schemas.push_back({{"name", s.name}, {"displayName", s.display_name}, {"slug", s.slug},
                       {"type", schema_type_label(doc, *s.schema)}, {"url", schema_page_path(b.name, s)}});
  json data = {{"bundle", b.name}, {"title", m.title}, {"version", m.version}, {"openapi", m.openapi_version},
               {"description", m.description}, {"url", bundle_page_path(b.name)}, {"servers", std::move(servers)},
               {"tags", std::move(tags)}, {"operations", std::move(operations)}, {"schemas", std::move(schemas)},
               {"descriptions", {{"json", b.name + "/openapi.json"}, {"yaml", b.name + "/openapi.yaml"}}}};
  // Invalid UTF-8 in a description is replaced rather than stopping the build.
  return data.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace apiref
