// Request snippets: every snippet generated for the real corpus parses in its language (run
// through bash -n, python3's compiler and node --check, not matched as strings), and shell
// quoting survives hostile values when bash actually runs it.
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

namespace {

const std::string kSource = APIREF_SOURCE_DIR;
const std::string kCorpus = APIREF_CORPUS_DIR;

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("apiref-snippets-" + std::to_string(getpid()) + "-" + name)).string();
}

// Runs a shell command; returns its exit code and, in `output`, what it printed.
int run(const std::string& command, std::string* output = nullptr) {
  std::string cmd = command + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int status = pclose(p);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string indent(const std::string& code, const std::string& pad) {
  std::string out;
  std::istringstream in(code);
  for (std::string line; std::getline(in, line);) out += (line.empty() ? "" : pad) + line + "\n";
  return out;
}

struct Corpus {
  std::vector<Node> documents;
  std::vector<ApiModel> models;
};

// Every description the snippets must work for: both Meshery bundles, GitHub, the embedded
// example's bundles, every 3.x document in oas-examples.
void load_corpus(Corpus& c) {
  c.documents.reserve(64);
  auto add_project = [&](const std::string& config_path) {
    ProjectConfig config;
    Diagnostics d;
    REQUIRE(load_project_config(config_path, config, d));
    BundleResult r = bundle_project(config, {});
    REQUIRE(r.ok());
    for (BundleOutput& b : r.bundles) c.documents.push_back(std::move(b.document));
  };
  add_project(kSource + "/schemas/apiref.yaml");
  add_project(kSource + "/examples/meshery/apiref.yaml");
  std::vector<std::string> files = {kCorpus + "/github/api.github.com.json"};
  for (const auto& e : fs::recursive_directory_iterator(kCorpus + "/oas-examples")) {
    std::string p = e.path().string();
    if (e.is_regular_file() && p.find("/2.0/") == std::string::npos &&
        (e.path().extension() == ".yaml" || e.path().extension() == ".json"))
      files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    BundleResult r = bundle_file(f, {});
    REQUIRE(r.ok());
    c.documents.push_back(std::move(r.bundles[0].document));
  }
  Diagnostics d;
  for (const Node& doc : c.documents) c.models.push_back(build_model(doc, {}, "corpus", d));
}

}  // namespace

TEST_CASE("snippets: shell quoting survives hostile values when bash runs it") {
  const std::vector<std::string> values = {
      "plain", "it's", "two ' quotes '' here", "new\nline", "tab\there", "$HOME", "`id`", "$(id)",
      "back\\slash", "\"double\"", "unicode ✓ é 日本", "!bang", "semi;colon && pipe | amp &", "*glob?[a]", "",
      "trailing space ", "-starts-with-dash", "'", "''", "\\'"};
  setenv("APIREF_TEST_SECRET", "s3cr'et \"$x\"", 1);
  for (const std::string& v : values) {
    CAPTURE(v);
    Value value{{v, false}, {"APIREF_TEST_SECRET", true}, {v, false}};
    std::string out;
    REQUIRE(run("bash -c " + shell_quote("printf '%s' " + shell_quote(value)), &out) == 0);
    CHECK(out == v + "s3cr'et \"$x\"" + v);
  }
}

TEST_CASE("snippets: every generated snippet of the corpus parses (bash -n, python3, node --check)") {
  Corpus c;
  load_corpus(c);
  std::string sh, py, js;
  size_t count = 0;
  for (size_t d = 0; d < c.models.size(); ++d) {
    for (const Operation& op : c.models[d].operations) {
      if (op.is_webhook) continue;
      Request r = build_request(c.documents[d], c.models[d], op, {});
      std::string n = std::to_string(count++);
      sh += "f" + n + "() {\n" + curl_snippet(r) + "\n" + httpie_snippet(r) + "\n}\n";
      py += "def f" + n + "():\n" + indent(python_snippet(r), "    ") + "\n";
      js += "async function f" + n + "() {\n" + javascript_snippet(r) + "}\n";
    }
  }
  MESSAGE("operations with snippets: " << count);
  CHECK(count > 1223 + 124 + 210);
  std::string sh_file = temp_path("all.sh"), py_file = temp_path("all.py"), js_file = temp_path("all.mjs");
  std::ofstream(sh_file) << sh;
  std::ofstream(py_file) << py;
  std::ofstream(js_file) << js;
  std::string out;
  CHECK_MESSAGE(run("bash -n " + sh_file, &out) == 0, out);
  CHECK_MESSAGE(run("python3 -c " + shell_quote("import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')") + " " + py_file, &out) == 0, out);
  CHECK_MESSAGE(run("node --check " + js_file, &out) == 0, out);
  fs::remove(sh_file);
  fs::remove(py_file);
  fs::remove(js_file);
}

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
  ApiModel m = build_model(doc, {}, "t.yaml", d);
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
  ApiModel pm = build_model(patch_doc, {}, "p.yaml", d);
  CHECK(build_request(patch_doc, pm, pm.operations[0], {}).body == "{\n  \"name\": \"string\"\n}");

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

namespace {

// The loopback echo server of tests/snippets: its port, and a way to stop it.
struct EchoServer {
  int port = 0;
  long pid = 0;
  EchoServer() {
    std::string out;
    std::string file = temp_path("echo-port");
    std::system(("python3 " + kSource + "/tests/snippets/echo_server.py 90 > " + file + " 2>/dev/null &").c_str());
    for (int i = 0; i < 100 && port == 0; ++i) {
      std::ifstream in(file);
      in >> port >> pid;
      if (port == 0) usleep(50 * 1000);
    }
    fs::remove(file);
  }
  ~EchoServer() {
    if (pid > 0) std::system(("kill " + std::to_string(pid) + " 2>/dev/null").c_str());
  }
};

}  // namespace

TEST_CASE("snippets: form and multipart bodies arrive as the description says (run against a loopback server)") {
  Node doc;
  Diagnostics d;
  REQUIRE(parse_yaml(R"(openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "http://127.0.0.1:1"}]
paths:
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [files, meta, tags, label]
              properties:
                files: {type: array, items: {type: string, format: binary}, minItems: 2}
                meta: {type: object, required: [kind], properties: {kind: {type: string, pattern: "^[a-z]+-[0-9]{2}$"}}}
                tags: {type: array, items: {type: string}, example: [red, "blue; green"]}
                label: {type: string, example: '@"quoted" \ value'}
            encoding:
              label: {contentType: text/markdown}
      responses: {"204": {description: done}}
  /form:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [ids]
              properties:
                ids: {type: array, items: {type: integer}, example: [1, 2]}
      responses: {"204": {description: done}}
)", "t.yaml", doc, d));
  ApiModel m = build_model(doc, {}, "t.yaml", d);
  REQUIRE(m.operations.size() == 2);

  EchoServer server;
  REQUIRE(server.port > 0);
  SnippetOptions to_server;
  to_server.server = "http://127.0.0.1:" + std::to_string(server.port);
  std::string dir = temp_path("multipart");
  fs::create_directories(dir);
  for (const char* f : {"files", "files-2"}) std::ofstream(dir + "/" + f) << "content of " << f;

  Request upload = build_request(doc, m, m.operations[0], to_server);
  Request form = build_request(doc, m, m.operations[1], to_server);
  // What the server must receive, whichever language sent it.
  auto check_upload = [](const std::string& answer) {
    INFO(answer);
    CHECK(answer.find(R"({"name": "files", "filename": "files", "content_type": "application/octet-stream", "value": "content of files"})") != std::string::npos);
    CHECK(answer.find(R"("name": "files", "filename": "files-2")") != std::string::npos);
    CHECK(answer.find(R"({"name": "meta", "filename": null, "content_type": "application/json", "value": "{\"kind\":\"a-00\"}"})") != std::string::npos);
    CHECK(answer.find(R"({"name": "tags", "filename": null, "content_type": null, "value": "red"})") != std::string::npos);
    CHECK(answer.find(R"({"name": "tags", "filename": null, "content_type": null, "value": "blue; green"})") != std::string::npos);
    CHECK(answer.find(R"("name": "label", "filename": null, "content_type": "text/markdown", "value": "@\"quoted\" \\ value"})") != std::string::npos);
  };
  auto check_form = [](const std::string& answer) {
    INFO(answer);
    CHECK(answer.find(R"("form": [["ids", "1"], ["ids", "2"]])") != std::string::npos);
  };

  std::string out;
  // curl: the body of the answer is what we check (-s, the snippet prints nothing else).
  std::string curl_file = dir + "/upload.sh";
  std::ofstream(curl_file) << curl_snippet(upload);
  REQUIRE(run("cd " + dir + " && bash upload.sh", &out) == 0);
  check_upload(out);
  std::ofstream(dir + "/form.sh") << curl_snippet(form);
  REQUIRE(run("cd " + dir + " && bash form.sh", &out) == 0);
  check_form(out);

  // JavaScript (node's fetch and FormData).
  std::ofstream(dir + "/upload.mjs") << javascript_snippet(upload);
  REQUIRE(run("cd " + dir + " && node upload.mjs", &out) == 0);
  // fetch names a Blob part "blob"; a typed text part arrives as a file part for it.
  CHECK(out.find(R"("name": "meta", "filename": "blob", "content_type": "application/json", "value": "{\"kind\":\"a-00\"}")") != std::string::npos);
  CHECK(out.find(R"("name": "files", "filename": "files-2")") != std::string::npos);
  CHECK(out.find(R"({"name": "tags", "filename": null, "content_type": null, "value": "blue; green"})") != std::string::npos);
  std::ofstream(dir + "/form.mjs") << javascript_snippet(form);
  REQUIRE(run("cd " + dir + " && node form.mjs", &out) == 0);
  check_form(out);

  // Python, when requests is installed (nothing is pip-installed by the tests).
  if (run("python3 -c 'import requests'") == 0) {
    std::ofstream(dir + "/upload.py") << python_snippet(upload);
    REQUIRE(run("cd " + dir + " && python3 upload.py", &out) == 0);
    check_upload(out);
    std::ofstream(dir + "/form.py") << python_snippet(form);
    REQUIRE(run("cd " + dir + " && python3 form.py", &out) == 0);
    check_form(out);
  } else {
    MESSAGE("python: requests not installed, Python snippets only compiled by the corpus test");
  }
  fs::remove_all(dir);
}
