// Components: what a root document defines under components/ and nothing references (a $ref,
// extension content included, or a security requirement naming the scheme).
#include <memory>
#include <set>

#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

struct Defined {
  const Document* doc;
  std::string section, name, pointer;
  SourcePos pos;
  int chain;
};

class ComponentRules {
 public:
  explicit ComponentRules(Walk& w) : w_(w) {}

  void ref(const RefTarget& t) { used_.insert(t.key()); }

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    if (k == K::SecurityRequirement) {
      for (const Member& m : n.members)
        if (m.value.is_array()) used_schemes_.insert(w_.root(st.root).doc->path + "#" + m.key);
      return;
    }
    if (k != K::Components || ptr != "/components" || !w_.is_root_file(st.doc->path)) return;
    for (const Member& section : n.members) {
      if (is_ext(section.key) || !section.value.is_object()) continue;
      for (const Member& c : section.value.members)
        defined_.push_back({st.doc, section.key, c.key, append_pointer(append_pointer(ptr, section.key), c.key), c.key_pos, st.chain});
    }
  }

  void finish() {
    for (const Defined& d : defined_) {
      std::string key = d.doc->path + "#" + d.pointer;
      bool used = false;
      if (d.section == "securitySchemes") used = used_schemes_.count(d.doc->path + "#" + d.name) > 0;
      auto it = used_.lower_bound(key);
      if (it != used_.end() && (*it == key || it->compare(0, key.size() + 1, key + "/") == 0)) used = true;
      if (!used)
        w_.report("component-unused", d.doc, d.pointer, d.pos, key_end(d.pos, d.name), d.chain,
                  "components/" + d.section + "/" + d.name + " is not referenced");
    }
  }

 private:
  Walk& w_;
  std::set<std::string> used_;          // "file#pointer" of every $ref target
  std::set<std::string> used_schemes_;  // "root file#scheme" named by a security requirement
  std::vector<Defined> defined_;
};

Hooks start(Walk& w) {
  Hooks h;
  // Off wherever it could apply: nothing is tracked (see Settings::rules_off).
  if (!w.rule_on("component-unused")) return h;
  auto r = std::make_shared<ComponentRules>(w);
  h.ref = [r](const RefTarget& t) { r->ref(t); };
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  h.finish = [r] { r->finish(); };
  return h;
}

}  // namespace

const RuleFamily& components_family() {
  static const RuleFamily family{
      "components",
      {
          {"component-unused", "components that nothing references", OFF, WARN, WARN},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
