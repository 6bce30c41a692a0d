// The document-level part of the conversion: the files of a 2.0 document, its $refs, the
// top-level sections moved to components/, and the root (servers, paths, the version line).
#include <filesystem>

#include "swagger2/converter.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace fs = std::filesystem;
using namespace swagger2_internal;

bool is_swagger2(const Node& root) { return root.is_object() && root.find("swagger") != nullptr; }

namespace swagger2_internal {

bool is_extension(const std::string& key) { return key.rfind("x-", 0) == 0; }

std::vector<std::string> string_list(const Node* list) {
  std::vector<std::string> out;
  if (!list) return out;
  if (list->is_string()) out.push_back(list->text);  // a lone string where a list belongs
  for (const Node& item : list->items)
    if (item.is_string()) out.push_back(item.text);
  return out;
}

namespace {

struct Section {
  const char* from;        // the 2.0 top-level key
  const char* to;          // its components/ section
};
// Body parameters go to requestBodies instead (see section_pointer).
const Section kSections[] = {{"definitions", "schemas"},
                             {"parameters", "parameters"},
                             {"responses", "responses"},
                             {"securityDefinitions", "securitySchemes"}};

const Section* section_of(const std::string& key) {
  for (const Section& s : kSections)
    if (key == s.from) return &s;
  return nullptr;
}

bool has_uri_scheme(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon < 2) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = s[i];
    if (!isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

bool starts_with_pointer(const std::string& pointer, const std::string& prefix) {
  return pointer == prefix || (pointer.size() > prefix.size() && pointer.compare(0, prefix.size(), prefix) == 0 &&
                               pointer[prefix.size()] == '/');
}

}  // namespace

Converter::Converter(Document& root, const Swagger2Loader& load, Diagnostics& out)
    : root_doc_(root), load_(load), out_(out) {}

void Converter::error(const File& f, const std::string& pointer, SourcePos pos, const char* code,
                      const std::string& msg) {
  out_.push_back({Severity::Error, code, msg, {f.doc->display, pointer, pos}, {}});
}

void Converter::warn(const File& f, const std::string& pointer, SourcePos pos, const char* code,
                     const std::string& msg) {
  out_.push_back({Severity::Warning, code, msg, {f.doc->display, pointer, pos}, {}});
}

std::string Converter::target_path(const File& f, const std::string& uri, bool& usable) {
  usable = false;
  if (has_uri_scheme(uri) || uri.rfind("//", 0) == 0) return {};  // remote: the resolver refuses it
  auto decoded = text::percent_decode(uri);
  if (!decoded) return {};
  fs::path p(*decoded);
  if (!p.is_absolute()) p = fs::path(f.doc->path).parent_path() / p;
  usable = true;
  return p.lexically_normal().generic_string();
}

File* Converter::file_at(const std::string& absolute_path) {
  auto it = files_.find(absolute_path);
  if (it != files_.end()) return it->second.get();
  if (refused_.count(absolute_path)) return nullptr;
  std::shared_ptr<Swagger2File> loaded = load_ ? load_(absolute_path) : nullptr;
  if (!loaded || !loaded->doc || !loaded->doc->ok) {
    refused_.insert(absolute_path);
    // Read but broken: handed back all the same, so that the file is not parsed (and its
    // errors reported) a second time.
    if (loaded && loaded->doc) {
      auto broken = std::make_unique<File>();
      broken->owned = loaded;
      broken->doc = loaded->doc.get();
      order_.push_back(absolute_path);
      files_.emplace(absolute_path, std::move(broken));
      refused_.insert(absolute_path);
    }
    return nullptr;
  }
  auto file = std::make_unique<File>();
  file->owned = loaded;
  file->doc = loaded->doc.get();
  file->raw = file->doc->root;
  File* f = file.get();
  files_.emplace(absolute_path, std::move(file));
  order_.push_back(absolute_path);
  relocate_sections(*f);
  return f;
}

void Converter::rewrite_ref(File& f, Node& ref_value, Role role, const std::vector<std::string>* produces) {
  if (!ref_value.is_string()) return;
  const std::string& ref = ref_value.text;
  size_t hash = ref.find('#');
  std::string uri = ref.substr(0, hash);
  std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);
  File* target = &f;
  if (!uri.empty()) {
    bool usable = false;
    std::string path = target_path(f, uri, usable);
    if (!usable || refused_.count(path)) return;
    target = file_at(path);
    if (!target) return;
  }
  auto decoded = text::percent_decode(fragment);
  if (!decoded) return;
  auto tokens = parse_pointer(*decoded);
  if (!tokens) return;
  if (tokens->size() >= 2) {
    const Node* raw_section = target->raw.find((*tokens)[0]);
    const Section* s = section_of((*tokens)[0]);
    if (s && raw_section && raw_section->is_object()) {
      std::string to = s->to;
      if (to == "parameters") {
        const Node* p = raw_section->find((*tokens)[1]);
        if (p && p->string_at("in") == "body") to = "requestBodies";
      }
      // The fragment's first token is a plain word, written as is: replace it textually so
      // that the rest keeps the author's escaping.
      std::string rest = fragment.substr(1 + std::string(s->from).size());
      ref_value.text = uri + "#/components/" + to + rest;
      return;
    }
  }
  if (role == Role::Other) return;
  if (target == files_.at(root_doc_.path).get() && (tokens->empty() || (*tokens)[0] == "paths")) return;
  queue_.push_back({target->doc->path, *decoded, role, produces ? *produces : produces_});
}

RawParam Converter::raw_param(const File& f, const Node& param, const std::string& pointer) {
  RawParam r{&f, pointer, &param, {}};
  for (int hops = 0; hops < 32 && r.node && r.node->is_ref(); ++hops) {
    std::string ref(r.node->string_at("$ref"));
    size_t hash = ref.find('#');
    std::string uri = ref.substr(0, hash);
    const File* target = r.file;
    if (!uri.empty()) {
      bool usable = false;
      std::string path = target_path(*r.file, uri, usable);
      target = usable ? file_at(path) : nullptr;
    }
    auto decoded = text::percent_decode(hash == std::string::npos ? "" : ref.substr(hash + 1));
    auto tokens = decoded ? parse_pointer(*decoded) : std::nullopt;
    if (!target || !tokens) return {};
    r.file = target;
    r.pointer = *decoded;
    r.node = resolve_pointer(target->raw, *tokens);
  }
  if (!r.node || r.node->is_ref()) return {};
  r.in = std::string(r.node->string_at("in"));
  return r;
}

void Converter::relocate_sections(File& f) {
  Node& root = f.doc->root;
  if (!root.is_object()) return;
  Node components = Node::object(root.pos);
  SourcePos components_key;
  std::vector<Member> kept;
  for (Member& m : root.members) {
    const Section* s = section_of(m.key);
    if (!s || !m.value.is_object()) {
      kept.push_back(std::move(m));
      continue;
    }
    if (components.members.empty()) {
      components_key = m.key_pos;
      components.pos = m.value.pos;
    }
    std::string base = "/" + m.key;
    for (Member& entry : m.value.members) {
      if (is_extension(entry.key)) continue;
      std::string pointer = append_pointer(base, entry.key);
      std::string to = s->to;
      Node value = std::move(entry.value);
      if (to == "schemas") {
        convert_schema(f, value, pointer);
      } else if (to == "parameters") {
        std::string in(value.string_at("in"));
        if (in == "body") {
          value = body_to_request_body(f, value, pointer, consumes_);
          to = "requestBodies";
        } else if (in == "formData") {
          continue;  // no 3.0 counterpart: each operation that uses it takes it into its request body
        } else {
          convert_parameter(f, value, pointer);
        }
      } else if (to == "responses") {
        convert_response(f, value, pointer, produces_);
      } else {
        convert_security_scheme(f, value, pointer);
      }
      Node* section = components.find(to);
      if (!section) section = &components.set(to, Node::object(m.value.pos), m.key_pos);
      section->set(entry.key, std::move(value), entry.key_pos);
    }
  }
  root.members = std::move(kept);
  if (!components.members.empty()) root.set("components", std::move(components), components_key);
}

Node Converter::servers_for(const std::vector<std::string>& schemes, SourcePos pos) const {
  Node servers = Node::array(pos);
  std::string base = base_path_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!host_.empty()) {
    std::vector<std::string> each = schemes.empty() ? std::vector<std::string>{""} : schemes;
    for (const std::string& scheme : each) {
      Node server = Node::object(pos);
      server.set("url", Node::string((scheme.empty() ? "" : scheme + ":") + "//" + host_ + base, pos));
      servers.items.push_back(std::move(server));
    }
  } else if (!base_path_.empty()) {
    Node server = Node::object(pos);
    server.set("url", Node::string(base_path_, pos));
    servers.items.push_back(std::move(server));
  }
  return servers;
}

void Converter::convert_root(File& f) {
  Node& old = f.doc->root;
  const Node* host = old.find("host");
  const Node* base_path = old.find("basePath");
  host_ = host && host->is_string() ? host->text : "";
  base_path_ = base_path && base_path->is_string() ? base_path->text : "";
  schemes_ = string_list(old.find("schemes"));
  Node servers = servers_for(schemes_, host && !host_.empty() ? host->pos : base_path ? base_path->pos : old.pos);

  Node root = Node::object(old.pos);
  bool servers_placed = servers.items.empty();
  SourcePos servers_key = host ? host->pos : base_path ? base_path->pos : SourcePos{};
  for (Member& m : old.members) {
    const std::string& k = m.key;
    if (k == "swagger") {
      root.set("openapi", Node::string("3.0.3", m.value.pos), m.key_pos);
    } else if (k == "host" || k == "basePath" || k == "schemes" || k == "consumes" || k == "produces") {
      continue;
    } else if (k == "paths") {
      if (!m.value.is_object()) {
        error(f, "/paths", m.value.pos, "swagger2-paths", "'paths' must be a mapping of paths to path items");
      } else {
        for (Member& item : m.value.members)
          if (!is_extension(item.key)) convert_path_item(f, item.value, append_pointer("/paths", item.key));
      }
      root.set(k, std::move(m.value), m.key_pos);
    } else {
      if (k == "components" && !servers_placed) {
        root.set("servers", std::move(servers), servers_key);
        servers_placed = true;
      }
      root.set(k, std::move(m.value), m.key_pos);
      if (k == "info" && !servers_placed) {
        root.set("servers", std::move(servers), servers_key);
        servers_placed = true;
      }
    }
  }
  if (!servers_placed) root.set("servers", std::move(servers), servers_key);
  old = std::move(root);
}

void Converter::drain_queue() {
  while (!queue_.empty()) {
    Pending p = std::move(queue_.back());
    queue_.pop_back();
    auto it = files_.find(p.path);
    if (it == files_.end() || !it->second->doc->ok) continue;
    File& f = *it->second;
    std::set<std::string>& done = converted_[p.path];
    bool covered = false;
    for (const std::string& d : done) covered = covered || starts_with_pointer(p.pointer, d);
    if (covered) continue;
    auto tokens = parse_pointer(p.pointer);
    if (!tokens) continue;
    // The tree is this stage's to rewrite; resolve_pointer only has a const form.
    Node* node = const_cast<Node*>(resolve_pointer(f.doc->root, *tokens));
    if (!node) continue;  // the resolver reports the broken $ref
    done.insert(p.pointer);
    switch (p.role) {
      case Role::Schema: convert_schema(f, *node, p.pointer); break;
      case Role::Parameter: convert_parameter(f, *node, p.pointer); break;
      case Role::Response: convert_response(f, *node, p.pointer, p.produces); break;
      case Role::PathItem: convert_path_item(f, *node, p.pointer); break;
      case Role::Header: convert_header(f, *node, p.pointer); break;
      case Role::Other: break;
    }
  }
}

void Converter::run() {
  auto file = std::make_unique<File>();
  file->doc = &root_doc_;
  file->raw = root_doc_.root;
  File& f = *file;
  files_.emplace(root_doc_.path, std::move(file));
  const Node* version = root_doc_.root.find("swagger");
  if (!version || (version->text != "2.0")) {
    error(f, "/swagger", version ? version->pos : root_doc_.root.pos, "unsupported-version",
          "Swagger version '" + (version ? version->text : std::string()) +
              "' is not supported: apiref reads Swagger 2.0 (swagger: \"2.0\") and OpenAPI 3.0 and 3.1");
    return;
  }
  consumes_ = string_list(f.raw.find("consumes"));
  produces_ = string_list(f.raw.find("produces"));
  relocate_sections(f);
  convert_root(f);
  drain_queue();
}

std::vector<std::shared_ptr<Swagger2File>> Converter::others() {
  std::vector<std::shared_ptr<Swagger2File>> out;
  for (const std::string& path : order_) out.push_back(files_.at(path)->owned);
  return out;
}

void Converter::mark_rewritten() {
  // The file's bytes are no longer a JSON text of its tree: nothing may copy them out as the
  // document (a site's openapi.json would be the 2.0 file).
  // The file as written stays beside the converted tree, for naming places as it wrote them.
  for (auto& [path, f] : files_) {
    f->doc->plain_json = false;
    if (f->doc->ok && !f->raw.is_null()) f->doc->written = std::make_shared<const Node>(std::move(f->raw));
  }
}

}  // namespace swagger2_internal

std::vector<std::shared_ptr<Swagger2File>> convert_swagger2(Document& root, const Swagger2Loader& load,
                                                            Diagnostics& out) {
  Converter c(root, load, out);
  c.run();
  c.mark_rewritten();
  return c.others();
}

}  // namespace apiref
