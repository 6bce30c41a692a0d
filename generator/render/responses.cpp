#include "render/responses.h"

#include <cctype>

namespace apiref {

std::string status_class(std::string_view status) {
  if (status.empty()) return "other";
  switch (status[0]) {
    case '1': return "info";
    case '2': return "success";
    case '3': return "redirect";
    case '4': return "client-error";
    case '5': return "server-error";
    default: return "other";
  }
}

std::string_view status_reason(std::string_view status) {
  // The codes descriptions use, with the names RFC 9110 (and 6585 for 428/429/431) gives them.
  static const struct { const char* code; const char* reason; } known[] = {
      {"100", "Continue"}, {"101", "Switching Protocols"},
      {"200", "OK"}, {"201", "Created"}, {"202", "Accepted"}, {"203", "Non-Authoritative Information"},
      {"204", "No Content"}, {"205", "Reset Content"}, {"206", "Partial Content"}, {"207", "Multi-Status"},
      {"300", "Multiple Choices"}, {"301", "Moved Permanently"}, {"302", "Found"}, {"303", "See Other"},
      {"304", "Not Modified"}, {"307", "Temporary Redirect"}, {"308", "Permanent Redirect"},
      {"400", "Bad Request"}, {"401", "Unauthorized"}, {"402", "Payment Required"}, {"403", "Forbidden"},
      {"404", "Not Found"}, {"405", "Method Not Allowed"}, {"406", "Not Acceptable"}, {"408", "Request Timeout"},
      {"409", "Conflict"}, {"410", "Gone"}, {"411", "Length Required"}, {"412", "Precondition Failed"},
      {"413", "Content Too Large"}, {"414", "URI Too Long"}, {"415", "Unsupported Media Type"},
      {"416", "Range Not Satisfiable"}, {"417", "Expectation Failed"}, {"421", "Misdirected Request"},
      {"422", "Unprocessable Content"}, {"423", "Locked"}, {"424", "Failed Dependency"}, {"425", "Too Early"},
      {"426", "Upgrade Required"}, {"428", "Precondition Required"}, {"429", "Too Many Requests"},
      {"431", "Request Header Fields Too Large"}, {"451", "Unavailable For Legal Reasons"},
      {"500", "Internal Server Error"}, {"501", "Not Implemented"}, {"502", "Bad Gateway"},
      {"503", "Service Unavailable"}, {"504", "Gateway Timeout"}, {"505", "HTTP Version Not Supported"},
  };
  for (const auto& k : known)
    if (status == k.code) return k.reason;
  // OpenAPI's ranges: 1XX .. 5XX (either case).
  if (status.size() == 3 && (status[1] == 'X' || status[1] == 'x') && (status[2] == 'X' || status[2] == 'x')) {
    switch (status[0]) {
      case '1': return "Informational";
      case '2': return "Success";
      case '3': return "Redirection";
      case '4': return "Client error";
      case '5': return "Server error";
      default: break;
    }
  }
  return "";
}

TemplateData take_response_examples(TemplateData& responses) {
  TemplateData out = TemplateData::list();
  if (!responses.is_list()) return out;
  for (size_t i = 0; i < responses.size(); ++i) {
    TemplateData& r = responses.item(i);
    TemplateData* types = r.find("media_types");
    if (!types || !types->is_list()) continue;
    const TemplateData* status = r.find("status");
    const TemplateData* cls = r.find("class");
    for (size_t j = 0; j < types->size(); ++j) {
      TemplateData& mt = types->item(j);
      TemplateData* example = mt.find("example_html");
      if (!example || !example->is_string()) continue;
      const TemplateData* name = mt.find("name");
      const TemplateData* generated = mt.find("example_generated");
      TemplateData e = TemplateData::object();
      e.add("status", status ? *status : TemplateData(""));
      e.add("class", cls ? *cls : TemplateData("other"));
      e.add("media_type", name ? *name : TemplateData(""));
      e.add("example_html", std::move(*example));
      e.add("example_generated", generated && generated->kind() == TemplateData::Kind::Bool && generated->boolean());
      e.add("first", out.empty());
      out.push(std::move(e));
      mt.set("example_html", nullptr);
    }
  }
  return out;
}

}  // namespace apiref
