// Request snippets: credentials by scheme. The snippets run through bash, python3 and node (the
// whole corpus's, shell quoting, a loopback server) are in tests/corpus/snippets_test.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "model/model.h"
#include "snippets/snippets.h"

using namespace apiref;
namespace fs = std::filesystem;

TEST_CASE("snippets: credentials by scheme, never literal secrets") {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(R"(openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.example.com/v1/"}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      security: [{bearer: []}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, example: 42}}
        - {name: tags, in: query, required: true, style: form, explode: false, schema: {type: array, items: {type: string}}, example: [a, "b c"]}
        - {name: ids, in: query, required: true, schema: {type: array, items: {type: integer}}, example: [1, 2]}
        - {name: optional, in: query, schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}, example: "t-1"}
        - {name: session, in: cookie, required: true, schema: {type: string}, example: abc}
      responses: {"200": {description: ok}}
  /keys:
    post:
      operationId: postKey
      security: [{key: []}, {basic: []}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                id: {type: string, readOnly: true}
                name: {type: string, example: "O'Brien"}
                note: {type: string}
      responses: {"201": {description: created}}
  /upload:
    put:
      operationId: upload
      security: [{query: []}]
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, label]
              properties:
                file: {type: string, format: binary}
                label: {type: string, example: "@not-a-file"}
      responses: {"204": {description: done}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-API-Key}
    basic: {type: http, scheme: basic}
    query: {type: apiKey, in: query, name: api_key}
)", "t.yaml", doc, d));
  ApiModel m = build_model(doc, {});
  REQUIRE(m.operations.size() == 3);

  Request get = build_request(doc, m, m.operations[0], {});
  std::string curl = curl_snippet(get);
  CHECK(curl.find("'https://api.example.com/v1/items/42?tags=a,b%20c&ids=1&ids=2'") != std::string::npos);
  CHECK(curl.find("optional") == std::string::npos);  // optional parameters left out
  CHECK(curl.find("-H 'Authorization: Bearer '\"$BEARER_TOKEN\"") != std::string::npos);
  CHECK(curl.find("-H 'X-Trace: t-1'") != std::string::npos);
  CHECK(curl.find("--cookie 'session=abc'") != std::string::npos);
  CHECK(curl.find("-X GET") == std::string::npos);

  Request post = build_request(doc, m, m.operations[1], {});
  curl = curl_snippet(post);
  CHECK(curl.find("-X POST") != std::string::npos);
  CHECK(curl.find("-H 'X-API-Key: '\"$X_API_KEY\"") != std::string::npos);
  CHECK(curl.find("'\\''") != std::string::npos);  // O'Brien, quoted for the shell
  CHECK(curl.find("\"id\"") == std::string::npos);  // readOnly left out of requests
  CHECK(curl.find("\"note\"") == std::string::npos);  // optional field left out
  CHECK(std::find_if(post.notes.begin(), post.notes.end(), [](const std::string& n) {
          return n.find("2 ways to authenticate") != std::string::npos;
        }) != post.notes.end());

  // The second way to authenticate, as its own request: HTTP basic from two variables.
  SnippetOptions second;
  second.alternative = 1;
  curl = curl_snippet(build_request(doc, m, m.operations[1], second));
  CHECK(curl.find("-u \"$BASIC_USERNAME\"':'\"$BASIC_PASSWORD\"") != std::string::npos);
  CHECK(curl.find("X-API-Key") == std::string::npos);
  CHECK(curl.find("this snippet uses basic") != std::string::npos);

  // minProperties: a required-only body is not left empty when the schema forbids it.
  Node patch_doc;
  REQUIRE(parse_yaml(R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /p:
    patch:
      requestBody:
        content:
          application/json:
            schema: {type: object, minProperties: 1, properties: {id: {type: string, readOnly: true}, name: {type: string}}}
      responses: {"204": {description: ok}}
)", "p.yaml", patch_doc, d));
  ApiModel pm = build_model(patch_doc, {});
  CHECK(build_request(patch_doc, pm, pm.operations[0], {}).body == "{\n  \"name\": \"example-name\"\n}");

  Request up = build_request(doc, m, m.operations[2], {});
  curl = curl_snippet(up);
  CHECK(curl.find("'https://api.example.com/v1/upload?api_key='\"$API_KEY\"") != std::string::npos);
  CHECK(curl.find("-F 'file=@./file;type=application/octet-stream'") != std::string::npos);
  CHECK(curl.find("--form-string 'label=@not-a-file'") != std::string::npos);

  // A project that sends its token its own way (Meshery Server: cookies).
  SnippetOptions meshery;
  meshery.token_env = "MESHERY_TOKEN";
  meshery.use_override = true;
  meshery.override_auth.cookies = {{"meshery-provider", literal("Meshery")}, {"token", literal("${token}")}};
  curl = curl_snippet(build_request(doc, m, m.operations[0], meshery));
  INFO(curl);
  CHECK(curl.find("--cookie 'session=abc; meshery-provider=Meshery; token='\"$MESHERY_TOKEN\"") != std::string::npos);
  CHECK(curl.find("Authorization") == std::string::npos);
}
