#include "examples/stream.h"

#include "tree/json_pointer.h"
#include "tree/write.h"

namespace apiref {

namespace {

// The schema a local "#/..." reference names (chains followed), or the schema itself.
const Node* local(const Node& document, const Node* n) {
  for (int hops = 0; n && hops < 32; ++hops) {
    std::string_view ref = n->string_at("$ref");
    if (ref.empty()) return n;
    if (ref[0] != '#') return nullptr;
    auto tokens = parse_pointer(std::string(ref.substr(1)));
    n = tokens ? resolve_pointer(document, *tokens) : nullptr;
  }
  return n;
}

// The item schema the i-th item is made from: successive oneOf/anyOf variants.
const Node& variant(const Node& document, const Node& schema, size_t i) {
  const Node* s = local(document, &schema);
  if (!s) return schema;
  for (const char* key : {"oneOf", "anyOf"}) {
    const Node* list = s->find(key);
    if (list && list->is_array() && !list->items.empty()) return list->items[i % list->items.size()];
  }
  return schema;
}

std::string compact(const Node& v) {
  std::string s = to_json(v, false);
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// One server-sent event: the item is the event (its event, data, id and retry fields, as
// 3.2's examples model it), or, when it is not such an object, the data itself.
std::string sse_event(const Node& document, const Node& item_schema, const Node& item) {
  static const char* const kFields[] = {"event", "id", "retry", "data"};
  bool framed = item.is_object() && item.find("data");
  if (!framed) return "data: " + (item.is_string() ? item.text : compact(item)) + "\n\n";
  std::string out;
  for (const char* f : kFields) {
    const Node* v = item.find(f);
    if (!v) continue;
    std::string text = v->is_string() ? v->text : compact(*v);
    if (std::string_view(f) == "data") {
      // data holding JSON: its contentSchema says what, and the example is made from it.
      const Node* s = local(document, &item_schema);
      const Node* props = s ? s->find("properties") : nullptr;
      const Node* data = props ? local(document, props->find("data")) : nullptr;
      const Node* content = data ? data->find("contentSchema") : nullptr;
      if (content) text = compact(example_from_schema(document, *content));
      // A multi-line value is one data: line per line.
      std::string lines;
      size_t at = 0;
      while (true) {
        size_t nl = text.find('\n', at);
        lines += "data: " + text.substr(at, nl == std::string::npos ? std::string::npos : nl - at) + "\n";
        if (nl == std::string::npos) break;
        at = nl + 1;
      }
      out += lines;
    } else {
      out += std::string(f) + ": " + text + "\n";
    }
  }
  return out + "\n";
}

}  // namespace

std::string_view stream_kind(std::string_view m) {
  m = m.substr(0, m.find(';'));
  if (m == "text/event-stream") return "server-sent events";
  if (m == "application/jsonl") return "JSON Lines";
  if (m == "application/x-ndjson") return "newline-delimited JSON";
  if (m == "application/json-seq") return "JSON text sequence";
  return "";
}

std::string stream_example(const Node& document, std::string_view media_type, const Node& item_schema,
                           const ExampleOptions& options, size_t count) {
  std::string_view kind = stream_kind(media_type);
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    const Node& schema = variant(document, item_schema, i);
    Node item = example_from_schema(document, schema, options);
    if (kind == "server-sent events") {
      out += sse_event(document, schema, item);
    } else if (kind == "JSON text sequence") {
      out += "\u241E" + compact(item) + "\n";
    } else {
      out += compact(item) + "\n";
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace apiref
