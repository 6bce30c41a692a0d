// The pages' Markdown twins and llms.txt (render/markdown_twin.h, render/llms_txt.h): one twin
// pinned whole, Markdown text that reads as itself, descriptions that cannot run on into the
// twin, schema outlines' bounds, and llms-full split at the project's limit.
#include <doctest/doctest.h>

#include "markdown/markdown.h"
#include "model/model.h"
#include "render/llms_txt.h"
#include "render/markdown_text.h"
#include "render/markdown_twin.h"
#include "render/schema_outline.h"
#include "test_util.h"

using namespace apiref;
using namespace apiref_test;

namespace {

const char* const kPets = R"(openapi: 3.0.3
info: {title: Pets, version: '1.0', description: A *toy* API.}
servers: [{url: 'https://api.example.com'}]
tags: [{name: pets, description: Everything about pets.}]
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, description: "The pet's id | key", schema: {type: integer, format: int64}}
    put:
      operationId: updatePet
      summary: Update a pet
      tags: [pets]
      description: |
        # Notes
        Changes <b>one</b> pet.

        ```
        an unclosed fence
      security: [{key: []}]
      parameters:
        - {name: mode, in: query, schema: {type: string, enum: [fast, safe], default: safe}}
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses:
        '200':
          description: The pet.
          content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
        '404': {description: No such pet.}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Pet:
      type: object
      description: A pet.
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string, description: "The *name*, as `shown`"}
        parent: {$ref: '#/components/schemas/Pet'}
        tags:
          type: array
          items: {type: object, properties: {label: {type: string}}}
)";

struct Site {
  Parsed doc;
  ApiModel model;
  std::vector<SiteBundle> bundles;
  DescriptionCache descriptions;
  PatternSamples samples;
  OutlineCache outlines;
  TwinContext context;

  explicit Site(const char* yaml_text) : doc(yaml(yaml_text)) {
    REQUIRE(doc.ok);
    model = build_model(doc.root, {});
    bundles.push_back({"pets", &doc.root, &model});
    context.bundles = &bundles;
    context.descriptions = &descriptions;
    context.samples = &samples;
    context.outlines = &outlines;
  }
};

}  // namespace

TEST_CASE("markdown twin: an operation's twin, pinned") {
  Site s(kPets);
  std::string twin = operation_twin(s.context, s.bundles[0], s.model.operations[0], "../../");
  CHECK(twin == R"(# Update a pet

`PUT /pets/{petId}` on `https://api.example.com`

In [Pets](../../pets/index.html), tag [pets](../../pets/tags/pets.md). Operation ID `updatePet`.

## Notes

Changes \<b\>one\</b\> pet.

    an unclosed fence

## Authentication

Required:

- [API key in header X-Api-Key](../../authentication/index.html#scheme-key)

The example request sends:

```http
X-Api-Key: $X_API_KEY
```

## Parameters

| Name | In | Type | Required | Description |
|---|---|---|---|---|
| `petId` | path | integer (int64) | yes | The pet's id \| key |
| `mode` | query | string | no | One of: `fast`, `safe`. Default: `safe`. |

## Request body

Required.

Content `application/json`: [Pet](../../pets/schemas/Pet.md)

- `name` (string, required): The name, as shown
- `parent` ([Pet](../../pets/schemas/Pet.md)) *(recursive)*: A pet.
- `tags` (array of object)
  - `label` (string)

## Responses

### 200 OK

The pet.

Content `application/json`: [Pet](../../pets/schemas/Pet.md)

- `id` (integer, read-only)
- `name` (string, required): The name, as shown
- `parent` ([Pet](../../pets/schemas/Pet.md)) *(recursive)*: A pet.
- `tags` (array of object)
  - `label` (string)

### 404 Not Found

No such pet.

## Example request

```sh
curl -X PUT \
  'https://api.example.com/pets/1' \
  -H 'X-Api-Key: '"$X_API_KEY" \
  -H 'Content-Type: application/json' \
  --data-raw '{
  "name": "example-name"
}'
```
)");
}

TEST_CASE("markdown twin: descriptions cannot run on into the twin") {
  // An unclosed fence, an HTML block and a heading: each made safe to follow.
  CHECK(markdown_for_embedding("Plain text, with a list:\n\n- a\n- b\n", 2, "") == "Plain text, with a list:\n\n- a\n- b");
  // cmark writes the fence's content as an indented block: closed where the description ends.
  CHECK(markdown_for_embedding("Before\n\n```\ncode", 2, "") == "Before\n\n    code");
  std::string html = markdown_for_embedding("<!-- never closed\n\nText <b>bold</b>", 2, "");
  CHECK(html.find("<!--") == std::string::npos);
  CHECK(html.find("\\<b\\>") != std::string::npos);
  CHECK(markdown_for_embedding("# Top\n\n### Deep", 3, "") == "### Top\n\n##### Deep");
  CHECK(markdown_for_embedding("See [the guide](/guide) or [docs](https://x.io/d).", 2, "") == "See the guide or [docs](https://x.io/d).");
  CHECK(markdown_for_embedding("See [the guide](/guide).", 2, "https://x.io/") == "See [the guide](https://x.io/guide).");
}

TEST_CASE("markdown twin: names and values read as themselves") {
  CHECK(md_code("a`b") == "``a`b``");
  CHECK(md_code("`x") == "`` `x ``");
  CHECK(md_code("a|b", true) == "`a\\|b`");
  CHECK(md_text("snake_case *not* <b> [x] & &amp; _edge_") == "snake_case \\*not\\* \\<b\\> \\[x\\] & \\&amp; \\_edge\\_");
  CHECK(md_text("a | b\nc", true) == "a \\| b c");
  CHECK(md_code_block("has ``` inside", "sh") == "````sh\nhas ``` inside\n````\n");
}

TEST_CASE("markdown twin: schema outlines are bounded and mark recursion") {
  Site s(kPets);
  const Node& pet = *s.model.schemas[0].schema;
  OutlineOptions o;
  o.root_component = "Pet";
  o.all_directions = true;
  std::string all = schema_outline(s.doc.root, pet, o);
  CHECK(all.find("- `parent` (Pet) *(recursive)*") != std::string::npos);
  CHECK(all.find("  - `label` (string)") != std::string::npos);
  o.max_lines = 2;
  CHECK(schema_outline(s.doc.root, pet, o) == "- `id` (integer, read-only)\n- `name` (string, required)\n- … 3 more lines left out\n");
  o.max_lines = 200;
  o.max_depth = 1;
  CHECK(schema_outline(s.doc.root, pet, o).find("  - *(deeper levels left out)*") != std::string::npos);
}

TEST_CASE("markdown twin: llms-full is one file within the limit, in parts over it") {
  Site s(kPets);
  std::vector<BundleTwins> twins(1);
  twins[0].operations = {std::string(3000, 'o') + "\n"};
  twins[0].tags = {std::string(3000, 't') + "\n"};
  twins[0].schemas = {std::string(3000, 's') + "\n"};
  SiteOptions options;
  auto paths = [&] {
    std::vector<std::string> out;
    for (const SiteFile& f : llms_files(s.bundles, twins, "Pets", options)) out.push_back(f.path);
    return out;
  };
  CHECK(paths() == std::vector<std::string>{"llms.txt", "llms-full.txt"});
  options.llms_full_max_bytes = 7000;
  CHECK(paths() == std::vector<std::string>{"llms.txt", "llms-full-pets-1.txt", "llms-full-pets-2.txt"});
  std::vector<SiteFile> files = llms_files(s.bundles, twins, "Pets", options);
  for (const SiteFile& f : files) CHECK(f.content.size() <= 7000);
  CHECK(files[0].content.find("- [llms-full-pets-2.txt](llms-full-pets-2.txt): Pets, part 2 of 2") != std::string::npos);
  CHECK(files[0].content.find("- [Update a pet](pets/operations/updatePet.md): `PUT /pets/{petId}`") != std::string::npos);
}

namespace {

// Text with CommonMark's and GitHub's significant sequences in every place a twin puts plain
// text: a heading's closing '#'s, GitHub's alert marker, math dollars, pipes in a table.
const char* const kSignificant = R"(openapi: 3.2.0
info: {title: 'Costs $5 to $10 #', version: '1'}
tags:
  - {name: 'Issue #', description: "> [!NOTE]\n> Beware"}
paths:
  /x:
    get:
      tags: ['Issue #']
      summary: '[!WARNING] Price $1 | $2 ##'
      parameters:
        - {name: a, in: query, description: "> [!NOTE]\n> one | two $3", schema: {type: string}}
        - name: whole
          in: querystring
          description: '[!TIP] the query #'
          content:
            application/x-www-form-urlencoded:
              schema: {type: object, properties: {q: {type: string}}}
      responses:
        '200': {description: ok}
)";

size_t count_of(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The text of the first <tag>...</tag> in html.
std::string element_text(const std::string& html, const std::string& tag) {
  size_t at = html.find("<" + tag + ">");
  if (at == std::string::npos) return "";
  at += tag.size() + 2;
  return html.substr(at, html.find("</" + tag + ">", at) - at);
}

}  // namespace

TEST_CASE("markdown twin: headings and table cells read back through cmark-gfm as the text written") {
  CHECK(md_heading("Issue #") == "Issue \\#");
  CHECK(md_heading("###") == "\\###");
  CHECK(md_heading("C#") == "C#");
  CHECK(md_text("$5 to $10") == "\\$5 to \\$10");
  Site s(kSignificant);
  std::string op = operation_twin(s.context, s.bundles[0], s.model.operations[0], "../../");
  std::string html = render_markdown(op);
  // The heading keeps its closing hashes, its dollars and its bracketed marker as text.
  CHECK(element_text(html, "h1") == "[!WARNING] Price $1 | $2 ##");
  // The parameter table: each row has its five cells, the pipe inside one (the alert is read
  // as the pages read it, a "Note").
  CHECK(html.find("<td>Note one | two $3</td>") != std::string::npos);
  CHECK(count_of(html, "<td>") == 10);
  // 3.2's querystring parameter is a row of the table too.
  CHECK(html.find("<td><code>whole</code></td>") != std::string::npos);
  CHECK(html.find("<td>querystring</td>") != std::string::npos);
  CHECK(html.find("<td>[!TIP] the query #</td>") != std::string::npos);
  std::string tag_md = tag_twin(s.context, s.bundles[0], s.model.tags[0], "../../");
  CHECK(element_text(render_markdown(tag_md), "h1") == "Issue #");
  // The description stays a quote below the heading, its alert marker escaped.
  CHECK(tag_md.find("\n\n> \\[\\!NOTE\\]\n> Beware\n") != std::string::npos);
  std::vector<BundleTwins> twins(1);
  twins[0].operations.resize(s.model.operations.size());
  twins[0].tags.resize(s.model.tags.size());
  twins[0].schemas.resize(s.model.schemas.size());
  std::vector<SiteFile> llms = llms_files(s.bundles, twins, s.model.title, SiteOptions{});
  REQUIRE(!llms.empty());
  std::string index = render_markdown(llms[0].content);
  CHECK(element_text(index, "h1") == "Costs $5 to $10 #");
  CHECK(index.find("<h2>Issue #</h2>") != std::string::npos);
}

TEST_CASE("markdown twin: llms.txt links each bundle's What changed twin, llms-full holds it first") {
  Site s(kPets);
  std::vector<Change> changes(3);
  changes[0].level = ChangeLevel::Breaking;
  changes[1].level = ChangeLevel::Info;
  changes[2].level = ChangeLevel::Warning;
  s.bundles[0].changes = &changes;
  std::vector<BundleTwins> twins(1);
  twins[0].operations = {"# the operation twin\n"};
  twins[0].tags = {"# the tag twin\n"};
  twins[0].schemas = std::vector<std::string>(s.model.schemas.size(), "# a schema twin\n");
  twins[0].changes = "# What changed since v1.2.0 · Pets\n\n3 changes\n";
  SiteOptions options;
  options.changes_since = "v1.2.0";
  options.base_url = "https://docs.example/";
  std::vector<SiteFile> files = llms_files(s.bundles, twins, "Pets", options);
  REQUIRE(files.size() == 2);
  const std::string& llms = files[0].content;
  CHECK(llms.find("\n## What changed since v1.2.0\n\n- [What changed in Pets](https://docs.example/pets/changes.md): "
                  "3 changes since `v1.2.0`, 1 breaking, 1 warning\n") != std::string::npos);
  const std::string& full = files[1].content;
  size_t changed = full.find("# What changed since v1.2.0 · Pets");
  REQUIRE(changed != std::string::npos);
  CHECK(changed < full.find("# the tag twin"));

  // Without changes, neither says anything of them.
  s.bundles[0].changes = nullptr;
  twins[0].changes.clear();
  files = llms_files(s.bundles, twins, "Pets", options);
  CHECK(files[0].content.find("What changed") == std::string::npos);
  CHECK(files[1].content.find("What changed") == std::string::npos);
}
