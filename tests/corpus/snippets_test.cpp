// Request snippets run through bash, python3 and node, on the corpus and a loopback server.
// Moved from generator/snippets/snippets_test.cpp so that the unit tier (ctest -L unit,
// make check) reads no corpus and runs no other program.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "source_dir.h"
#include "corpus_dir.h"
#include "bundle/bundle.h"
#include "config/config.h"
#include "load/load.h"
#include "model/model.h"
#include "run_command.h"
#include "snippets/snippets.h"

using namespace apiref;
using apiref_test::run_command;
namespace fs = std::filesystem;

namespace {


std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("apiref-snippets-" + std::to_string(getpid()) + "-" + name)).string();
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
  for (const Node& doc : c.documents) c.models.push_back(build_model(doc, {}));
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
    REQUIRE(run_command("bash -c " + shell_quote("printf '%s' " + shell_quote(value)), &out) == 0);
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
  CHECK_MESSAGE(run_command("bash -n " + sh_file, &out) == 0, out);
  CHECK_MESSAGE(run_command("python3 -c " + shell_quote("import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')") + " " + py_file, &out) == 0, out);
  CHECK_MESSAGE(run_command("node --check " + js_file, &out) == 0, out);
  fs::remove(sh_file);
  fs::remove(py_file);
  fs::remove(js_file);
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
    for (int i = 0; i < 600 && port == 0; ++i) {  // python may take seconds to start on a busy machine
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
  ApiModel m = build_model(doc, {});
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
  REQUIRE(run_command("cd " + dir + " && bash upload.sh", &out) == 0);
  check_upload(out);
  std::ofstream(dir + "/form.sh") << curl_snippet(form);
  REQUIRE(run_command("cd " + dir + " && bash form.sh", &out) == 0);
  check_form(out);

  // JavaScript (node's fetch and FormData).
  std::ofstream(dir + "/upload.mjs") << javascript_snippet(upload);
  REQUIRE(run_command("cd " + dir + " && node upload.mjs", &out) == 0);
  // fetch names a Blob part "blob"; a typed text part arrives as a file part for it.
  CHECK(out.find(R"("name": "meta", "filename": "blob", "content_type": "application/json", "value": "{\"kind\":\"a-00\"}")") != std::string::npos);
  CHECK(out.find(R"("name": "files", "filename": "files-2")") != std::string::npos);
  CHECK(out.find(R"({"name": "tags", "filename": null, "content_type": null, "value": "blue; green"})") != std::string::npos);
  std::ofstream(dir + "/form.mjs") << javascript_snippet(form);
  REQUIRE(run_command("cd " + dir + " && node form.mjs", &out) == 0);
  check_form(out);

  // Python, when requests is installed (nothing is pip-installed by the tests).
  if (run_command("python3 -c 'import requests'") == 0) {
    std::ofstream(dir + "/upload.py") << python_snippet(upload);
    REQUIRE(run_command("cd " + dir + " && python3 upload.py", &out) == 0);
    check_upload(out);
    std::ofstream(dir + "/form.py") << python_snippet(form);
    REQUIRE(run_command("cd " + dir + " && python3 form.py", &out) == 0);
    check_form(out);
  } else {
    MESSAGE("python: requests not installed, Python snippets only compiled by the corpus test");
  }
  fs::remove_all(dir);
}
