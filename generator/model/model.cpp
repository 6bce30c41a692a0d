#include "model/model.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "resolve/oas_context.h"
#include "text/case.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

bool EffectiveSecurity::anonymous_allowed() const {
  for (const SecurityAlternative& a : alternatives)
    if (a.empty()) return true;
  return false;
}

std::string slugify(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    char next = ok ? c : '-';
    if (next == '-' && !out.empty() && out.back() == '-') continue;
    out += next;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  size_t start = out.find_first_not_of("-.");
  out = start == std::string::npos ? "" : out.substr(start);
  return out.empty() ? "_" : out;
}

namespace {

// "#/a/b" through objects only, with nothing to unescape (no ~ or %): resolved without
// allocating, as the renderer does for every $ref of every page. Sets `handled` to false for
// anything else (escapes, arrays on the way), which goes the general way.
const Node* resolve_plain(const Node& document, std::string_view pointer, bool& handled) {
  handled = false;
  if (pointer.empty() || pointer[0] != '/' || pointer.find_first_of("%~") != std::string_view::npos) return nullptr;
  const Node* at = &document;
  size_t i = 1;
  while (true) {
    if (!at->is_object()) return nullptr;
    size_t slash = pointer.find('/', i);
    at = at->find(pointer.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i));
    if (!at || slash == std::string_view::npos) break;
    i = slash + 1;
  }
  handled = true;
  return at;
}

}  // namespace

const Node* deref_internal(const Node& document, const Node& n) {
  const Node* cur = &n;
  for (int hops = 0; cur; ++hops) {
    // is_ref(), and the $ref, from one look-up (every schema a page shows comes through here).
    const Node* r = cur->find("$ref");
    if (!r || !r->is_string()) break;
    if (hops > 64) return nullptr;  // a chain that long is a cycle
    const std::string& ref = r->text;
    if (ref.empty() || ref[0] != '#') return nullptr;
    bool handled = false;
    const Node* plain = resolve_plain(document, std::string_view(ref).substr(1), handled);
    if (handled) {
      cur = plain;
      continue;
    }
    auto decoded = text::percent_decode(ref.substr(1));
    if (!decoded) return nullptr;
    auto tokens = parse_pointer(*decoded);
    if (!tokens) return nullptr;
    cur = resolve_pointer(document, *tokens);
  }
  return cur;
}

namespace {

std::string str(const Node* n, std::string_view key) {
  return n ? std::string(n->string_at(key)) : std::string();
}

bool flag(const Node* n, std::string_view key) {
  const Node* v = n ? n->find(key) : nullptr;
  return v && v->kind == NodeKind::Bool && v->boolean;
}

using text::ascii_lower;

constexpr size_t kMaxSlugBytes = 120;

// Windows' device names (CON, NUL, COM1, ...) cannot be a file's name there, whatever its
// extension: a site with operations/CON.html or NUL.txt.html cannot be checked out or unzipped
// on Windows. Such a slug gets a '_' after the device name.
bool is_windows_device_name(const std::string& slug) {
  std::string stem = ascii_lower(slug.substr(0, slug.find('.')));
  if (stem == "con" || stem == "prn" || stem == "aux" || stem == "nul") return true;
  return stem.size() == 4 && (stem.compare(0, 3, "com") == 0 || stem.compare(0, 3, "lpt") == 0) && stem[3] >= '0' &&
         stem[3] <= '9';
}

// Hands out unique slugs; uniqueness ignores case because pages become folders and some file
// systems do not tell "Repo" from "repo".
class SlugSet {
 public:
  std::string claim(const std::string& wanted) {
    std::string base = slugify(wanted);
    // Slugs become file and folder names, which most file systems cap at 255 bytes: a
    // 1,000-character operationId failed the whole build ("File name too long"). The slug is
    // ASCII, so any cut is a character boundary; the suffix below keeps cut slugs distinct.
    if (base.size() > kMaxSlugBytes) {
      base.resize(kMaxSlugBytes);
      while (base.size() > 1 && (base.back() == '-' || base.back() == '.')) base.pop_back();
    }
    if (is_windows_device_name(base)) base.insert(std::min(base.find('.'), base.size()), "_");
    std::string s = base;
    // Each base resumes at the suffix it last gave: the suffixes below it are all taken, so
    // the slug is the same as counting from 2, and n operations sharing one operationId cost
    // n claims instead of n^2 / 2.
    size_t& i = next_suffix_[ascii_lower(base)];
    if (i < 2) i = 2;
    while (!taken_.insert(ascii_lower(s)).second) s = base + "-" + std::to_string(i++);
    return s;
  }

 private:
  std::set<std::string> taken_;
  std::map<std::string, size_t> next_suffix_;
};

constexpr size_t kMaxServerVariableValues = 1000;

class ModelBuilder {
 public:
  ModelBuilder(const Node& doc, const ModelOptions& options) : doc_(doc), options_(options) {}

  ApiModel build() {
    ApiModel m;
    m.document = &doc_;
    m.openapi_version = str(&doc_, "openapi");
    m.is_31 = oas::version_bit(m.openapi_version) & oas::V31U;
    m.self_uri = str(&doc_, "$self");
    m.info = doc_.find("info");
    m.title = str(m.info, "title");
    m.version = str(m.info, "version");
    m.summary = str(m.info, "summary");
    m.description = str(m.info, "description");
    if (!options_.title.empty()) m.title = options_.title;
    if (!options_.description.empty()) m.description = options_.description;
    m.servers = options_.servers.empty() ? servers(doc_.find("servers")) : options_.servers;
    if (m.servers.empty()) m.servers.push_back(Server{"/", "/", "", {}, ""});
    root_servers_ = m.servers;
    m.root_security = security(doc_.find("security"), SecuritySource::Root);
    root_security_ = m.root_security;
    m.security_schemes = security_schemes();
    if (!options_.project_scheme.empty()) {
      m.declared_schemes = std::move(m.security_schemes);
      m.security_schemes.clear();
      m.root_security = project_security(m.root_security);
    }
    for (const SecurityScheme& extra : options_.extra_schemes) m.security_schemes.push_back(extra);

    if (const Node* paths = doc_.find("paths")) {
      for (const Member& p : paths->members) {
        if (p.key.rfind("x-", 0) == 0) continue;
        path_item(p.key, p.value, append_pointer("/paths", p.key), false, m.operations);
      }
    }
    if (const Node* hooks = doc_.find("webhooks")) {
      for (const Member& h : hooks->members)
        path_item(h.key, h.value, append_pointer("/webhooks", h.key), true, m.operations);
    }
    SlugSet op_slugs;
    for (Operation& op : m.operations) op.slug = op_slugs.claim(op.id);
    m.tags = tags(m.operations);
    m.nested_tags = std::any_of(m.tags.begin(), m.tags.end(), [](const Tag& t) { return t.parent >= 0; });
    // Nested tags are the standard form of x-tagGroups: where both are written, they win.
    if (!m.nested_tags) m.tag_groups = tag_groups(m.tags);
    m.schemas = schemas();
    for (const SchemaComponent& s : m.schemas)
      if (s.display_name != s.name) m.schema_display_names[s.name] = s.display_name;
    return m;
  }

 private:
  // A reference that resolves to nothing is not reported here: the bundle stage reported it
  // already, naming the physical file, line and column (this stage sees only the bundle).
  const Node* resolve(const Node* n, const std::string&) {
    if (!n) return nullptr;
    return deref_internal(doc_, *n);
  }

  std::vector<Server> servers(const Node* list) {
    std::vector<Server> out;
    if (!list) return out;
    for (const Node& s : list->items) {
      Server server;
      server.url = str(&s, "url");
      server.description = str(&s, "description");
      server.name = str(&s, "name");
      server.resolved_url = server.url;
      if (const Node* vars = s.find("variables")) {
        for (const Member& v : vars->members) {
          ServerVariable var{v.key, "", {}, str(&v.value, "description")};
          if (const Node* d = v.value.find("default")) var.default_value = d->text;
          // The first values only: every page's data carries its servers, and a description
          // that lists 100,000 regions thrice made each operation page cost 300,000 entries.
          if (const Node* e = v.value.find("enum"))
            for (size_t i = 0; i < e->items.size() && i < kMaxServerVariableValues; ++i)
              var.enum_values.push_back(e->items[i].text);
          server.variables.push_back(var);
          // Each placeholder once, left to right: a default may hold a placeholder itself
          // ("{host}" for host), which substituting until none is left would never finish.
          std::string token = "{" + v.key + "}";
          for (size_t at = 0; (at = server.resolved_url.find(token, at)) != std::string::npos;
               at += var.default_value.size())
            server.resolved_url.replace(at, token.size(), var.default_value);
        }
      }
      out.push_back(std::move(server));
    }
    return out;
  }

  // The project's scheme where `declared` asks for any credential; calling without one stays
  // allowed where the description allows it.
  EffectiveSecurity project_security(const EffectiveSecurity& declared) const {
    EffectiveSecurity e;
    e.source = declared.source;
    bool needs_credential = false;
    for (const SecurityAlternative& a : declared.alternatives) needs_credential = needs_credential || !a.empty();
    if (needs_credential) e.alternatives.push_back({SecurityRequirement{options_.project_scheme, {}}});
    if (declared.anonymous_allowed()) e.alternatives.push_back({});
    return e;
  }

  EffectiveSecurity security(const Node* list, SecuritySource source) {
    EffectiveSecurity e;
    if (!list || !list->is_array()) return e;
    e.source = source;
    for (const Node& alt : list->items) {
      SecurityAlternative a;
      for (const Member& req : alt.members) {
        SecurityRequirement r{req.key, {}};
        for (const Node& scope : req.value.items) r.scopes.push_back(scope.text);
        a.push_back(r);
      }
      e.alternatives.push_back(a);
    }
    return e;
  }

  std::vector<SecurityScheme> security_schemes() {
    std::vector<SecurityScheme> out;
    const Node* comps = doc_.find("components");
    const Node* schemes = comps ? comps->find("securitySchemes") : nullptr;
    if (!schemes) return out;
    for (const Member& m : schemes->members) {
      const Node* s = resolve(&m.value, append_pointer("/components/securitySchemes", m.key));
      if (!s) continue;
      SecurityScheme scheme;
      scheme.name = m.key;
      scheme.type = str(s, "type");
      scheme.http_scheme = ascii_lower(str(s, "scheme"));
      scheme.bearer_format = str(s, "bearerFormat");
      scheme.in = str(s, "in");
      scheme.param_name = str(s, "name");
      scheme.description = str(s, "description");
      scheme.open_id_connect_url = str(s, "openIdConnectUrl");
      if (const Node* flows = s->find("flows")) {
        for (const Member& f : flows->members) {
          OAuthFlow flow{f.key, str(&f.value, "authorizationUrl"), str(&f.value, "tokenUrl"),
                         str(&f.value, "refreshUrl"), str(&f.value, "deviceAuthorizationUrl"), {}};
          if (const Node* scopes = f.value.find("scopes"))
            for (const Member& sc : scopes->members) flow.scopes.push_back({sc.key, sc.value.text});
          scheme.flows.push_back(flow);
        }
      }
      out.push_back(std::move(scheme));
    }
    return out;
  }

  Parameter parameter(const Node& p) {
    Parameter out;
    out.name = str(&p, "name");
    out.in = str(&p, "in");
    out.description = str(&p, "description");
    out.required = flag(&p, "required") || out.in == "path";
    out.deprecated = flag(&p, "deprecated");
    out.allow_empty_value = flag(&p, "allowEmptyValue");
    out.allow_reserved = flag(&p, "allowReserved");
    out.style = str(&p, "style");
    if (out.style.empty()) out.style = (out.in == "query" || out.in == "cookie") ? "form" : "simple";
    const Node* explode = p.find("explode");
    out.explode = explode ? explode->kind == NodeKind::Bool && explode->boolean : out.style == "form";
    out.schema = p.find("schema");
    if (out.schema) out.schema = deref_internal(doc_, *out.schema);
    out.content = p.find("content");
    out.example = p.find("example");
    out.examples = p.find("examples");
    return out;
  }

  // Path-item parameters apply unless the operation redefines the same name and location.
  // `unresolved` gets the $refs that point to nothing: shown as such, not dropped unseen.
  std::vector<Parameter> parameters(const Node* item_params, const Node* op_params,
                                    const std::string& item_ptr, const std::string& op_ptr,
                                    std::vector<std::string>& unresolved) {
    std::vector<Parameter> ops, items;
    auto read = [&](const Node* list, const std::string& ptr, std::vector<Parameter>& into) {
      if (!list) return;
      for (size_t i = 0; i < list->items.size(); ++i) {
        const Node* p = resolve(&list->items[i], ptr + "/parameters/" + std::to_string(i));
        if (p && p->is_object()) into.push_back(parameter(*p));
        else if (!p && list->items[i].is_ref()) unresolved.push_back(std::string(list->items[i].string_at("$ref")));
      }
    };
    read(op_params, op_ptr, ops);
    read(item_params, item_ptr, items);
    std::vector<Parameter> out;
    for (const Parameter& p : items) {
      bool overridden = std::any_of(ops.begin(), ops.end(), [&](const Parameter& o) {
        return o.name == p.name && o.in == p.in;
      });
      if (!overridden) out.push_back(p);
    }
    out.insert(out.end(), ops.begin(), ops.end());
    // Readers scan by location: path, query, header, cookie; document order within each.
    static const std::vector<std::string> order = {"path", "query", "querystring", "header", "cookie"};
    std::stable_sort(out.begin(), out.end(), [&](const Parameter& a, const Parameter& b) {
      return std::find(order.begin(), order.end(), a.in) < std::find(order.begin(), order.end(), b.in);
    });
    return out;
  }

  std::vector<MediaType> content(const Node* c) {
    std::vector<MediaType> out;
    if (!c) return out;
    for (const Member& m : c->members) {
      MediaType mt;
      mt.name = m.key;
      // 3.2 media types may be references (to components/mediaTypes).
      const Node* value = deref_internal(doc_, m.value);
      if (!value) value = &m.value;
      mt.schema = value->find("schema");
      // A reference to nothing stays the {$ref} it is, which the schema tree shows as unresolved.
      if (const Node* s = mt.schema ? deref_internal(doc_, *mt.schema) : nullptr) mt.schema = s;
      mt.item_schema = value->find("itemSchema");
      if (const Node* s = mt.item_schema ? deref_internal(doc_, *mt.item_schema) : nullptr) mt.item_schema = s;
      mt.example = value->find("example");
      mt.examples = value->find("examples");
      mt.encoding = value->find("encoding");
      out.push_back(mt);
    }
    return out;
  }

  std::vector<Response> responses(const Node* rs, const std::string& ptr) {
    std::vector<Response> out;
    if (!rs) return out;
    for (const Member& m : rs->members) {
      if (m.key.rfind("x-", 0) == 0) continue;
      const Node* r = resolve(&m.value, append_pointer(ptr, m.key));
      if (!r) {
        // A build renders what it can read: the response is still listed, as what it is.
        Response broken;
        broken.status = m.key;
        broken.unresolved_ref = std::string(m.value.string_at("$ref"));
        out.push_back(std::move(broken));
        continue;
      }
      Response resp;
      resp.status = m.key;
      resp.summary = str(r, "summary");
      resp.description = str(r, "description");
      resp.content = content(r->find("content"));
      if (const Node* hs = r->find("headers")) {
        for (const Member& h : hs->members) {
          const Node* hn = deref_internal(doc_, h.value);
          if (!hn) continue;
          Header header{h.key, str(hn, "description"), flag(hn, "required"), flag(hn, "deprecated"),
                        hn->find("schema"), hn->find("example")};
          if (header.schema) header.schema = deref_internal(doc_, *header.schema);
          resp.headers.push_back(header);
        }
      }
      if (const Node* links = r->find("links"))
        for (const Member& l : links->members) resp.links.push_back(l.key);
      out.push_back(std::move(resp));
    }
    return out;
  }

  void path_item(const std::string& path, const Node& raw_item, const std::string& ptr,
                 bool webhook, std::vector<Operation>& into) {
    const Node* item = resolve(&raw_item, ptr);
    if (!item || !item->is_object()) return;
    std::vector<Server> item_servers = servers(item->find("servers"));
    std::vector<const Member*> item_fields;
    for (const Member& m : raw_item.members)
      if (!is_http_method(m.key) && m.key != "additionalOperations") item_fields.push_back(&m);
    // The fixed methods, then 3.2's others (COPY, LINK, ...) in the order written.
    std::vector<std::pair<const Member*, std::string>> ops;
    for (const Member& m : item->members)
      if (is_http_method(m.key) && m.value.is_object()) ops.push_back({&m, append_pointer(ptr, m.key)});
    if (const Node* more = item->find("additionalOperations"))
      for (const Member& m : more->members)
        if (m.key.rfind("x-", 0) != 0 && m.value.is_object())
          ops.push_back({&m, append_pointer(append_pointer(ptr, "additionalOperations"), m.key)});
    for (const auto& [member, op_ptr] : ops) {
      const Member& m = *member;
      const Node& op = m.value;
      Operation o;
      o.method = ascii_lower(m.key);
      o.additional = !is_http_method(m.key);
      o.path = path;
      o.is_webhook = webhook;
      o.pointer = op_ptr;
      o.path_item_fields = item_fields;
      o.id = str(&op, "operationId");
      if (o.id.empty()) {
        o.id = o.method + "-" + path;
        o.id_generated = true;
      }
      o.summary = str(&op, "summary");
      o.description = str(&op, "description");
      o.deprecated = flag(&op, "deprecated");
      if (const Node* tags = op.find("tags"))
        for (const Node& t : tags->items)
          if (t.is_string()) o.tags.push_back(t.text);
      if (options_.servers.empty()) {
        o.servers = servers(op.find("servers"));
        if (o.servers.empty()) o.servers = item_servers;
      }
      if (o.servers.empty()) o.servers = root_servers_;
      if (const Node* sec = op.find("security")) {
        o.security = security(sec, SecuritySource::Operation);
      } else if (root_security_.source == SecuritySource::Root) {
        o.security = root_security_;
      } else if (!options_.default_security.empty()) {
        o.security.alternatives = options_.default_security;
        o.security.source = SecuritySource::ProjectDefault;
      }
      o.declared_security = o.security;
      if (!options_.project_scheme.empty()) o.security = project_security(o.security);
      o.parameters = parameters(item->find("parameters"), op.find("parameters"), ptr, op_ptr, o.unresolved_parameters);
      if (const Node* body = op.find("requestBody")) {
        if (const Node* b = resolve(body, append_pointer(op_ptr, "requestBody"))) {
          o.has_request_body = true;
          o.request_body.description = str(b, "description");
          o.request_body.required = flag(b, "required");
          o.request_body.content = content(b->find("content"));
        } else if (body->is_ref()) {
          o.has_request_body = true;
          o.request_body.unresolved_ref = std::string(body->string_at("$ref"));
        }
      }
      o.responses = responses(op.find("responses"), append_pointer(op_ptr, "responses"));
      if (const Node* cbs = op.find("callbacks")) {
        for (const Member& cb : cbs->members) {
          const Node* c = resolve(&cb.value, append_pointer(append_pointer(op_ptr, "callbacks"), cb.key));
          if (!c) continue;
          for (const Member& expr : c->members) {
            Callback callback{cb.key, expr.key, {}};
            path_item(expr.key, expr.value,
                      append_pointer(append_pointer(append_pointer(op_ptr, "callbacks"), cb.key), expr.key),
                      false, callback.operations);
            o.callbacks.push_back(std::move(callback));
          }
        }
      }
      o.code_samples = op.find("x-codeSamples");
      if (!o.code_samples) o.code_samples = op.find("x-code-samples");
      o.external_docs = op.find("externalDocs");
      into.push_back(std::move(o));
    }
  }

  std::vector<Tag> tags(const std::vector<Operation>& ops) {
    std::vector<Tag> out;
    std::map<std::string, size_t> index;
    auto add = [&](const std::string& name, const Node* decl) {
      Tag t;
      t.name = name;
      // 3.2's summary is the standard name for what x-displayName said.
      t.display_name = !str(decl, "summary").empty()             ? str(decl, "summary")
                       : !str(decl, "x-displayName").empty() ? str(decl, "x-displayName")
                                                              : name;
      t.description = str(decl, "description");
      t.kind = str(decl, "kind");
      t.external_docs = decl ? decl->find("externalDocs") : nullptr;
      index[name] = out.size();
      out.push_back(t);
    };
    if (const Node* declared = doc_.find("tags"))
      for (const Node& t : declared->items)
        if (!t.string_at("name").empty() && !index.count(std::string(t.string_at("name"))))
          add(std::string(t.string_at("name")), &t);
    for (size_t i = 0; i < ops.size(); ++i) {
      std::vector<std::string> names = ops[i].tags;
      if (names.empty()) names.push_back("default");  // untagged operations still get a home
      for (const std::string& n : names) {
        if (!index.count(n)) add(n, nullptr);
        out[index[n]].operations.push_back(i);
      }
    }
    SlugSet slugs;
    for (Tag& t : out) t.slug = slugs.claim(t.name);
    nest_tags(out, index);
    return out;
  }

  // 3.2's tag hierarchy from the declared tags' `parent`. A parent that is not a tag, or one
  // that would close a cycle, leaves the tag at the top (check reports both).
  void nest_tags(std::vector<Tag>& tags, const std::map<std::string, size_t>& index) {
    const Node* declared = doc_.find("tags");
    if (!declared) return;
    for (const Node& d : declared->items) {
      auto self = index.find(std::string(d.string_at("name")));
      auto parent = index.find(std::string(d.string_at("parent")));
      if (self == index.end() || parent == index.end() || tags[self->second].parent >= 0) continue;
      bool cycle = false;
      for (int at = static_cast<int>(parent->second); at >= 0 && !cycle; at = tags[static_cast<size_t>(at)].parent)
        cycle = static_cast<size_t>(at) == self->second;
      if (cycle) continue;
      tags[self->second].parent = static_cast<int>(parent->second);
    }
    for (size_t i = 0; i < tags.size(); ++i)
      if (tags[i].parent >= 0) tags[static_cast<size_t>(tags[i].parent)].children.push_back(i);
    for (size_t i = 0; i < tags.size(); ++i) {
      std::set<size_t> seen;
      std::vector<size_t> stack{i};
      while (!stack.empty()) {
        size_t t = stack.back();
        stack.pop_back();
        seen.insert(tags[t].operations.begin(), tags[t].operations.end());
        stack.insert(stack.end(), tags[t].children.begin(), tags[t].children.end());
      }
      tags[i].total_operations = seen.size();
    }
  }

  std::vector<TagGroup> tag_groups(const std::vector<Tag>& tags) {
    std::vector<TagGroup> out;
    const Node* groups = doc_.find("x-tagGroups");
    if (!groups) return out;
    std::map<std::string_view, size_t> by_name;  // tag names are unique: tags() merged them
    for (size_t i = 0; i < tags.size(); ++i) by_name.emplace(tags[i].name, i);
    for (const Node& g : groups->items) {
      TagGroup group{str(&g, "name"), {}};
      if (const Node* names = g.find("tags"))
        for (const Node& n : names->items)
          if (auto found = by_name.find(n.text); found != by_name.end()) group.tags.push_back(found->second);
      out.push_back(group);
    }
    return out;
  }

  std::vector<SchemaComponent> schemas() {
    std::vector<SchemaComponent> out;
    const Node* comps = doc_.find("components");
    const Node* schemas = comps ? comps->find("schemas") : nullptr;
    if (!schemas) return out;
    SlugSet slugs;
    for (const Member& m : schemas->members) {
      auto shown = options_.display_names.find("schemas/" + m.key);
      std::string display = shown != options_.display_names.end() ? shown->second : m.key;
      out.push_back({m.key, display, slugs.claim(m.key), &m.value});
    }
    return out;
  }

  const Node& doc_;
  const ModelOptions& options_;
  std::vector<Server> root_servers_;
  EffectiveSecurity root_security_;
};

}  // namespace

std::vector<std::pair<size_t, int>> tags_in_tree_order(const ApiModel& m) {
  std::vector<std::pair<size_t, int>> out;
  if (!m.nested_tags) {
    for (size_t i = 0; i < m.tags.size(); ++i) out.push_back({i, 0});
    return out;
  }
  std::vector<std::pair<size_t, int>> stack;
  for (size_t i = m.tags.size(); i-- > 0;)
    if (m.tags[i].parent < 0) stack.push_back({i, 0});
  while (!stack.empty()) {
    auto [i, depth] = stack.back();
    stack.pop_back();
    if (m.tags[i].total_operations == 0) continue;
    out.push_back({i, depth});
    const std::vector<size_t>& kids = m.tags[i].children;
    for (size_t k = kids.size(); k-- > 0;) stack.push_back({kids[k], depth + 1});
  }
  return out;
}

ApiModel build_model(const Node& bundled, const ModelOptions& options) {
  return ModelBuilder(bundled, options).build();
}

}  // namespace apiref
