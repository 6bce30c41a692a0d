// Servers: URL variables defined and used, defaults among their enum values.
#include <memory>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

class ServerRules {
 public:
  explicit ServerRules(Walk& w) : w_(w) {}

  void server(const Node& n, const std::string& ptr, const St& st) {
    const Node* url = n.find("url");
    const Node* vars = n.find("variables");
    if (url && url->is_string()) {
      for (const std::string& v : path_vars(url->text))
        if (!vars || !vars->find(v))
          w_.at_value("server-variables", st, append_pointer(ptr, "url"), *url, "server URL variable '{" + v + "}' is not defined in variables", v);
    }
    if (vars && vars->is_object()) {
      for (const Member& m : vars->members) {
        std::string vp = append_pointer(append_pointer(ptr, "variables"), m.key);
        const Node* e = m.value.find("enum");
        const Node* d = m.value.find("default");
        if (e && e->is_array() && e->items.empty())
          w_.at_value("server-variables", st, append_pointer(vp, "enum"), *e, "server variable enum must not be empty");
        if (e && e->is_array() && d && d->is_string()) {
          bool found = false;
          for (const Node& i : e->items)
            if (i.is_string() && i.text == d->text) found = true;
          if (!found && !e->items.empty())
            w_.at_value("server-variables", st, append_pointer(vp, "default"), *d, "default '" + d->text + "' is not one of the variable's enum values");
        }
        if (url && url->is_string() && url->text.find("{" + m.key + "}") == std::string::npos)
          w_.at_key("server-variables", st, vp, m, "server variable '" + m.key + "' is not used in the URL");
      }
    }
  }

 private:
  Walk& w_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<ServerRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) {
    if (k == K::Server) r->server(n, ptr, st);
  };
  return h;
}

}  // namespace

const RuleFamily& servers_family() {
  static const RuleFamily family{
      "servers",
      {
          {"server-variables", "server URL variables are defined, defaults in their enum", ERR, ERR, ERR},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
