// Security: requirements name schemes the document defines and scopes their flows declare;
// schemes and flows have the fields their type needs.
#include <memory>
#include <set>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

class SecurityRules {
 public:
  explicit SecurityRules(Walk& w) : w_(w) {}

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    switch (k) {
      case K::SecurityRequirement: return requirement(n, ptr, st);
      case K::SecurityScheme: return scheme(n, ptr, st);
      case K::OAuthFlows: return flows(n, ptr, st);
      default: return;
    }
  }

 private:
  void requirement(const Node& n, const std::string& ptr, const St& st) {
    const Node* components = w_.root(st.root).doc->root.find("components");
    const Node* schemes = components ? components->find("securitySchemes") : nullptr;
    for (const Member& m : n.members) {
      std::string mp = append_pointer(ptr, m.key);
      if (!m.value.is_array()) {
        w_.at_value("spec-structure", st, mp, m.value, "a security requirement maps a scheme name to a list of scopes");
        continue;
      }
      const Node* scheme = schemes ? schemes->find(m.key) : nullptr;
      if (!scheme) {
        w_.at_key("security-scheme-defined", st, mp, m,
                  "security scheme '" + m.key + "' is not defined in components.securitySchemes");
        continue;
      }
      Deref d = w_.deref(w_.root(st.root).doc, *scheme, "");
      if (!d.node) continue;
      std::string_view type = d.node->string_at("type");
      if (type == "oauth2") {
        std::set<std::string> declared;
        if (const Node* flows = d.node->find("flows"))
          for (const Member& f : flows->members)
            if (const Node* sc = f.value.find("scopes"))
              for (const Member& s : sc->members) declared.insert(s.key);
        for (size_t i = 0; i < m.value.items.size(); ++i) {
          const Node& s = m.value.items[i];
          if (s.is_string() && !declared.count(s.text))
            w_.at_value("security-scopes-defined", st, mp + "/" + std::to_string(i), s,
                        "scope '" + s.text + "' is not declared by the flows of '" + m.key + "'", s.text);
        }
      } else if (type != "openIdConnect" && st.v30 && !m.value.items.empty()) {
        w_.at_value("spec-structure", st, mp, m.value,
                    "in OpenAPI 3.0 the scope list of a " + std::string(type) + " scheme must be empty");
      }
    }
  }

  void scheme(const Node& n, const std::string& ptr, const St& st) {
    const Node* t = n.find("type");
    if (!t || !t->is_string()) return;
    const std::string& type = t->text;
    std::vector<const char*> need;
    if (type == "apiKey") need = {"name", "in"};
    else if (type == "http") need = {"scheme"};
    else if (type == "oauth2") need = {"flows"};
    else if (type == "openIdConnect") need = {"openIdConnectUrl"};
    else if (type == "mutualTLS" && !st.v30) need = {};
    else {
      w_.at_value("spec-structure", st, append_pointer(ptr, "type"), *t,
                  "security scheme type must be apiKey, http, oauth2, openIdConnect" + std::string(st.v30 ? "" : " or mutualTLS"));
      return;
    }
    for (const char* r : need)
      if (!n.find(r))
        w_.report("spec-structure", st.doc, ptr, n.pos, n.pos, st.chain, "a " + type + " security scheme needs '" + r + "'", r);
    if (type == "apiKey")
      if (const Node* in = n.find("in"); in && in->is_string() && in->text != "query" && in->text != "header" && in->text != "cookie")
        w_.at_value("spec-structure", st, append_pointer(ptr, "in"), *in, "apiKey 'in' must be query, header or cookie");
  }

  void flows(const Node& n, const std::string& ptr, const St& st) {
    for (const Member& f : n.members) {
      if (!f.value.is_object()) continue;
      std::vector<const char*> need;
      if (f.key == "implicit") need = {"authorizationUrl"};
      else if (f.key == "password" || f.key == "clientCredentials") need = {"tokenUrl"};
      else if (f.key == "authorizationCode") need = {"authorizationUrl", "tokenUrl"};
      for (const char* r : need)
        if (!f.value.find(r))
          w_.report("spec-structure", st.doc, append_pointer(ptr, f.key), f.value.pos, f.value.pos, st.chain,
                    "the " + f.key + " flow needs '" + r + "'", r);
    }
  }

  Walk& w_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<SecurityRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  return h;
}

}  // namespace

const RuleFamily& security_family() {
  static const RuleFamily family{
      "security",
      {
          {"security-scheme-defined", "security requirements name defined schemes", ERR, ERR, ERR},
          {"security-scopes-defined", "OAuth2 scopes used are declared by the scheme's flows", OFF, WARN, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
