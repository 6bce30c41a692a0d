// The playground's per-tag descriptions (render/playground_slice.h): what a tag's slice keeps,
// and that every reference in it still points to something inside it.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "render/playground_slice.h"
#include "test_util.h"
#include "text/percent.h"
#include "tree/json_pointer.h"
#include "tree/write.h"

using namespace apiref;
using namespace apiref_test;

namespace {

// Every "$ref" (and discriminator mapping given as a reference) in `n`, as written.
void refs_in(const Node& n, std::set<std::string>& out) {
  for (const Node& i : n.items) refs_in(i, out);
  for (const Member& m : n.members) {
    if (m.key == "$ref" && m.value.is_string()) out.insert(m.value.text);
    if (m.key == "mapping" && m.value.is_object())
      for (const Member& e : m.value.members)
        if (e.value.is_string() && e.value.text.rfind("#", 0) == 0) out.insert(e.value.text);
    refs_in(m.value, out);
  }
}

bool resolves(const Node& doc, const std::string& ref) {
  auto pointer = text::percent_decode(std::string_view(ref).substr(1));
  if (!pointer) return false;
  auto tokens = parse_pointer(*pointer);
  return tokens && resolve_pointer(doc, *tokens) != nullptr;
}

std::set<std::string> keys(const Node* n) {
  std::set<std::string> out;
  if (n)
    for (const Member& m : n->members) out.insert(m.key);
  return out;
}

const char* const kDoc = R"(openapi: 3.1.0
info: {title: Pets, version: '1'}
servers: [{url: 'https://api.example'}]
security: [{key: []}]
x-webhooks: {big: {post: {requestBody: {$ref: '#/components/requestBodies/Hook'}}}}
tags:
  - {name: pets, description: Pets}
  - {name: cats, parent: animals}
  - {name: animals}
  - {name: stores}
paths:
  /pets:
    parameters: [{$ref: '#/components/parameters/Limit'}]
    get:
      tags: [pets]
      responses: {'200': {$ref: '#/components/responses/Pets'}}
    post:
      tags: [stores]
      requestBody: {$ref: '#/components/requestBodies/Order'}
      responses: {'201': {description: made}}
  /pets/{id}:
    get:
      tags: [cats, pets]
      security: [{oauth: [read]}]
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema:
                discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Dog', bird: Bird}}
                oneOf: [{$ref: '#/components/schemas/Cat'}]
  /stores:
    get: {tags: [stores], responses: {'200': {description: ok}}}
  /shared:
    $ref: '#/components/pathItems/Shared'
  /ping:
    head: {responses: {'204': {description: up}}}
    get: {tags: [], responses: {'200': {$ref: '#/paths/~1pets/get/responses/200'}}}
webhooks:
  petBorn: {post: {tags: [pets], responses: {'200': {description: ok}}}}
  storeOpened: {post: {tags: [stores], responses: {'200': {description: ok}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://t', scopes: {read: r}}}}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  responses:
    Pets:
      description: pets
      content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
  requestBodies:
    Order: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
    Hook: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
  pathItems:
    Shared: {get: {tags: [pets], responses: {'200': {description: ok}}}}
  schemas:
    Pet: {type: object, properties: {owner: {$ref: '#/components/schemas/Owner'}, self: {$ref: '#/components/schemas/Pet'}}}
    Owner: {type: object, properties: {name: {type: string}}}
    Cat: {type: object, properties: {paws: {type: integer}}}
    Dog: {type: object}
    Bird: {type: object}
    Order: {type: object}
)";

}  // namespace

TEST_CASE("slice_description: a tag's operations, what they reach, and nothing else") {
  Parsed doc = yaml(kDoc);
  REQUIRE(doc.ok);
  Node pets = slice_description(doc.root, "pets");
  // The root as it was, less its extensions; tags in their place.
  CHECK(pets.string_at("openapi") == "3.1.0");
  CHECK(*pets.find("servers") == *doc.root.find("servers"));
  CHECK(*pets.find("security") == *doc.root.find("security"));
  CHECK(pets.find("x-webhooks") == nullptr);
  // Only the tag's operations; the path item's own parameters stay with them.
  CHECK(keys(pets.find("paths")) == std::set<std::string>{"/pets", "/pets/{id}", "/shared"});
  const Node* item = pets.find("paths")->find("/pets");
  CHECK(keys(item) == std::set<std::string>{"parameters", "get"});
  CHECK(*pets.find("paths")->find("/shared") == *doc.root.find("paths")->find("/shared"));  // a $ref item kept whole
  CHECK(keys(pets.find("webhooks")) == std::set<std::string>{"petBorn"});
  // Components: reached transitively (Pets -> Pet -> Owner, Pet's self-reference), through the
  // discriminator (by $ref and by name), the path item's $ref; all security schemes.
  const Node* c = pets.find("components");
  CHECK(keys(c->find("schemas")) == std::set<std::string>{"Pet", "Owner", "Cat", "Dog", "Bird"});
  CHECK(keys(c->find("responses")) == std::set<std::string>{"Pets"});
  CHECK(keys(c->find("parameters")) == std::set<std::string>{"Limit"});
  CHECK(keys(c->find("pathItems")) == std::set<std::string>{"Shared"});
  CHECK(c->find("requestBodies") == nullptr);  // Order is the stores' (and x-webhooks')
  CHECK(keys(c->find("securitySchemes")) == std::set<std::string>{"key", "oauth"});
  // The tags the operations carry (cats, on /pets/{id}), and cats' parent.
  std::set<std::string> tags;
  for (const Node& t : pets.find("tags")->items) tags.insert(std::string(t.string_at("name")));
  CHECK(tags == std::set<std::string>{"pets", "cats", "animals"});
  std::set<std::string> refs;
  refs_in(pets, refs);
  for (const std::string& r : refs) CHECK_MESSAGE(resolves(pets, r), r);
}

TEST_CASE("slice_description: untagged operations are Swagger UI's default tag, refs into paths keep the item") {
  Parsed doc = yaml(kDoc);
  REQUIRE(doc.ok);
  Node other = slice_description(doc.root, "default");
  // /ping's two operations (one without tags, one with an empty list); its response refers into
  // /pets, which comes whole (get and post) so that the reference resolves.
  CHECK(keys(other.find("paths")) == std::set<std::string>{"/pets", "/ping"});
  CHECK(keys(other.find("paths")->find("/ping")) == std::set<std::string>{"head", "get"});
  CHECK(keys(other.find("paths")->find("/pets")) == std::set<std::string>{"parameters", "get", "post"});
  std::set<std::string> refs;
  refs_in(other, refs);
  CHECK(refs.count("#/paths/~1pets/get/responses/200"));
  for (const std::string& r : refs) CHECK_MESSAGE(resolves(other, r), r);
  CHECK(keys(other.find("components")->find("schemas")) == std::set<std::string>{"Pet", "Owner", "Order"});

  Node stores = slice_description(doc.root, "stores");
  CHECK(keys(stores.find("paths")) == std::set<std::string>{"/pets", "/stores"});
  CHECK(keys(stores.find("paths")->find("/pets")) == std::set<std::string>{"parameters", "post"});
  CHECK(keys(stores.find("components")->find("schemas")) == std::set<std::string>{"Order"});
  CHECK(keys(stores.find("webhooks")) == std::set<std::string>{"storeOpened"});

  // A tag no operation carries: the root, no paths, the security schemes.
  Node none = slice_description(doc.root, "nobody");
  CHECK(none.find("paths")->members.empty());
  CHECK(keys(none.find("components")) == std::set<std::string>{"securitySchemes"});
}

TEST_CASE("slice_description: 3.2's additionalOperations, and a $ref to the whole document") {
  Parsed doc = yaml(R"(openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /x:
    additionalOperations:
      LINK: {tags: [a], responses: {'200': {description: ok}}}
      UNLINK: {tags: [b], responses: {'200': {description: ok}}}
  /y:
    get: {tags: [b], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#'}}}}}}
)");
  REQUIRE(doc.ok);
  Node a = slice_description(doc.root, "a");
  CHECK(keys(a.find("paths")->find("/x")->find("additionalOperations")) == std::set<std::string>{"LINK"});
  CHECK(a.find("paths")->find("/y") == nullptr);
  CHECK(slice_description(doc.root, "b") == doc.root);
}

TEST_CASE("json_size_up_to: compact JSON's size, and a stop past the limit") {
  Parsed doc = json(R"({"a": [1, true, null, "xy"], "b": {}, "c": []})");
  REQUIRE(doc.ok);
  std::string compact = to_json(doc.root, false);
  CHECK(json_size_up_to(doc.root, 1000) == compact.size());
  CHECK(json_size_up_to(doc.root, 5) < compact.size());
  CHECK(json_size_up_to(doc.root, 5) > 5);
  CHECK_FALSE(playground_sliced(doc.root));
}

TEST_CASE("add_request_examples: the snippets' body on each media type without an example, required properties only") {
  Parsed doc = yaml(R"(openapi: 3.1.0
info: {title: Things, version: '1'}
paths:
  /things:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Thing'}}
          text/plain: {schema: {type: string}, example: as written}
      responses: {'201': {description: made}}
    put:
      requestBody: {$ref: '#/components/requestBodies/Thing'}
      responses: {'200': {description: ok}}
components:
  requestBodies:
    Thing:
      content:
        application/json: {schema: {$ref: '#/components/schemas/Thing'}}
  schemas:
    Thing:
      type: object
      required: [name, id]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string}
        size: {type: integer}
)");
  Node out = doc.root;
  add_request_examples(out, nullptr);
  const Node* content = out.find("paths")->find("/things")->find("post")->find("requestBody")->find("content");
  const Node* made = content->find("application/json")->find("x-apiref-example");
  REQUIRE(made);
  // What a request sends: the required name, not the optional size, not the readOnly id.
  CHECK(keys(made) == std::set<std::string>{"name"});
  CHECK(made->find("name")->is_string());
  // A documented example is the form's already: nothing added beside it.
  CHECK(content->find("text/plain")->find("x-apiref-example") == nullptr);
  // A shared request body gets it once, in components; the operation's $ref is left alone.
  const Node* shared = out.find("components")->find("requestBodies")->find("Thing")->find("content")->find("application/json");
  REQUIRE(shared->find("x-apiref-example"));
  CHECK(to_json(*shared->find("x-apiref-example"), false) == to_json(*made, false));
  CHECK(keys(out.find("paths")->find("/things")->find("put")->find("requestBody")) == std::set<std::string>{"$ref"});
}
