#include "render/responses.h"

#include <doctest/doctest.h>

namespace apiref {

TEST_CASE("status_class: the class of a status by its first digit, other for default") {
  CHECK(status_class("200") == "success");
  CHECK(status_class("2XX") == "success");
  CHECK(status_class("301") == "redirect");
  CHECK(status_class("404") == "client-error");
  CHECK(status_class("503") == "server-error");
  CHECK(status_class("101") == "info");
  CHECK(status_class("default") == "other");
  CHECK(status_class("") == "other");
}

TEST_CASE("status_reason: the common name of a code, of a range, none for default") {
  CHECK(status_reason("200") == "OK");
  CHECK(status_reason("204") == "No Content");
  CHECK(status_reason("404") == "Not Found");
  CHECK(status_reason("422") == "Unprocessable Content");
  CHECK(status_reason("429") == "Too Many Requests");
  CHECK(status_reason("4XX") == "Client error");
  CHECK(status_reason("5xx") == "Server error");
  CHECK(status_reason("299") == "");
  CHECK(status_reason("default") == "");
  CHECK(status_reason("20") == "");
}

namespace {

TemplateData media(const char* name, const char* example, bool generated) {
  TemplateData m = template_fields("name", name);
  if (example) {
    m.set("example_html", TemplateData::borrow(example));
    m.set("example_generated", generated);
  }
  return m;
}

}  // namespace

TEST_CASE("take_response_examples: one entry per media type with an example, moved out of the responses") {
  static const char* ok_json = "{\"id\": 1}";
  static const char* missing = "{\"message\": \"Not Found\"}";
  TemplateData responses = TemplateData::list();
  TemplateData ok_types = TemplateData::list();
  ok_types.push(media("application/json", ok_json, false));
  ok_types.push(media("text/plain", nullptr, false));
  responses.push(template_fields("status", "200", "class", "success", "media_types", std::move(ok_types)));
  responses.push(template_fields("status", "204", "class", "success", "media_types", TemplateData::list()));
  TemplateData missing_types = TemplateData::list();
  missing_types.push(media("application/json", missing, true));
  responses.push(template_fields("status", "404", "class", "client-error", "media_types", std::move(missing_types)));

  TemplateData examples = take_response_examples(responses);
  REQUIRE(examples.size() == 2);
  const TemplateData& first = examples.item(0);
  CHECK(first.find("status")->text() == "200");
  CHECK(first.find("class")->text() == "success");
  CHECK(first.find("media_type")->text() == "application/json");
  CHECK(first.find("example_html")->text() == ok_json);
  CHECK(first.find("example_html")->text().data() == ok_json);  // borrowed, not copied
  CHECK(first.find("example_generated")->boolean() == false);
  CHECK(first.find("first")->boolean() == true);
  const TemplateData& second = examples.item(1);
  CHECK(second.find("status")->text() == "404");
  CHECK(second.find("class")->text() == "client-error");
  CHECK(second.find("example_generated")->boolean() == true);
  CHECK(second.find("first")->boolean() == false);
  // The responses keep their media types, without the examples.
  const TemplateData& ok = responses.item(0);
  CHECK(ok.find("media_types")->size() == 2);
  CHECK(ok.find("media_types")->item(0).find("example_html")->is_null());
  CHECK(responses.item(2).find("media_types")->item(0).find("example_html")->is_null());
  CHECK(responses.item(2).find("media_types")->item(0).find("name")->text() == "application/json");
}

TEST_CASE("take_response_examples: nothing to take from no responses") {
  TemplateData none = TemplateData::list();
  CHECK(take_response_examples(none).empty());
  TemplateData not_a_list;
  CHECK(take_response_examples(not_a_list).empty());
}

}  // namespace apiref
