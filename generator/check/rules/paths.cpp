// Paths and their parameters: path hygiene, template variables against path parameters,
// parameters unique and well-formed, and, over the whole API, paths that are the same or
// that one request could match.
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "bundle/project_plan.h"
#include "check/rule.h"
#include "text/case.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

// "/a/{x}/b" -> "/a/{}/b": paths equal under this map are the same path to a server.
std::string normalise_template(const std::string& path) {
  std::string out;
  bool in = false;
  for (char c : path) {
    if (c == '{') { in = true; out += "{}"; continue; }
    if (c == '}') { in = false; continue; }
    if (!in) out += c;
  }
  return out;
}

struct PathFact {
  int root;
  std::string path;
  const Document* doc;
  std::string pointer;
  SourcePos pos;
  std::vector<std::pair<std::string, std::vector<std::string>>> methods;  // method, audiences
};

class PathRules {
 public:
  explicit PathRules(Walk& w) : w_(w) {}

  void path(const Member& m, const std::string& mp, const St& st) {
    hygiene(m, mp, st);
    PathFact pf{st.root, m.key, st.doc, mp, m.key_pos, {}};
    Deref item = w_.deref(st.doc, m.value, mp);
    if (item.node && item.node->is_object())
      for (const Member& op : item.node->members)
        if (is_http_method(op.key) && op.value.is_object()) pf.methods.push_back({op.key, operation_audiences(op.value)});
    paths_.push_back(std::move(pf));
  }

  void object(const Node& n, const std::string& ptr, K k, const St& st) {
    if (k == K::PathItem) return path_item(n, ptr, st);
    if (k != K::Parameter && k != K::Header) return;
    if (k == K::Parameter && n.string_at("in") == "path") {
      const Node* r = n.find("required");
      if (!r || r->kind != NodeKind::Bool || !r->boolean)
        w_.report("path-param-required", st.doc, r ? append_pointer(ptr, "required") : ptr, r ? r->pos : n.pos,
                  r ? value_end(*r) : n.pos, st.chain, "path parameter '" + std::string(n.string_at("name")) + "' must have required: true");
    }
    const Node* schema = n.find("schema");
    const Node* content = n.find("content");
    if (schema && content)
      w_.report("parameter-schema-or-content", st.doc, ptr, n.pos, n.pos, st.chain, "a parameter has schema or content, not both");
    else if (!schema && !content)
      w_.report("parameter-schema-or-content", st.doc, ptr, n.pos, n.pos, st.chain, "a parameter needs schema or content");
    else if (content && content->is_object() && content->members.size() != 1)
      w_.at_value("parameter-schema-or-content", st, append_pointer(ptr, "content"), *content, "a parameter's content must have exactly one entry");
  }

  void finish() {
    // Paths: identical templates, the same operation twice, ambiguity.
    std::map<size_t, std::vector<size_t>> by_len;
    for (size_t i = 0; i < paths_.size(); ++i) by_len[segments(paths_[i].path).size()].push_back(i);
    for (auto& [len, idx] : by_len) {
      (void)len;
      std::vector<std::vector<std::string>> segs;
      for (size_t i : idx) segs.push_back(segments(paths_[i].path));
      for (size_t a = 0; a < idx.size(); ++a) {
        const PathFact& A = paths_[idx[a]];
        bool reported_identical = false, reported_ambiguous = false;
        for (size_t b = 0; b < a; ++b) {
          const PathFact& B = paths_[idx[b]];
          if (w_.group_of(A.root) != w_.group_of(B.root)) continue;
          bool same_doc = A.root == B.root;
          std::string where = " (" + w_.rel_hint(B.doc) + B.pointer + ")";
          if (A.path == B.path) {
            if (same_doc) continue;  // the YAML layer reports duplicate keys
            for (const auto& [ma, aa] : A.methods)
              for (const auto& [mb, ab] : B.methods)
                if (ma == mb && w_.audiences_meet(aa, ab))
                  w_.report("operation-duplicate", A.doc, append_pointer(A.pointer, ma), A.pos, A.pos, -1,
                            upper_method(ma) + " " + A.path + " is also defined" + where, ma);
            continue;
          }
          bool identical = true, a_more = false, b_more = false;
          for (size_t s = 0; s < segs[a].size(); ++s) {
            bool ta = is_template_segment(segs[a][s]), tb = is_template_segment(segs[b][s]);
            if (ta && tb) {
              if (normalise_template(segs[a][s]) != normalise_template(segs[b][s])) identical = false;
              continue;
            }
            if (!ta && !tb) {
              if (segs[a][s] != segs[b][s]) { identical = false; a_more = b_more = false; break; }
              continue;
            }
            identical = false;
            (ta ? b_more : a_more) = true;
          }
          bool methods_meet = same_doc;
          for (const auto& [ma, aa] : A.methods)
            for (const auto& [mb, ab] : B.methods)
              if (ma == mb && w_.audiences_meet(aa, ab)) methods_meet = true;
          if (identical && !reported_identical && (same_doc || methods_meet)) {
            w_.report("paths-identical", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                      "path '" + A.path + "' is the same as '" + B.path + "'" + where + " up to parameter names");
            reported_identical = true;
          } else if (!identical && a_more && b_more && !reported_ambiguous && methods_meet) {
            w_.report("paths-ambiguous", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                      "a request could match both '" + A.path + "' and '" + B.path + "'" + where);
            reported_ambiguous = true;
          }
        }
      }
    }
  }

 private:
  void hygiene(const Member& m, const std::string& mp, const St& st) {
    const std::string& p = m.key;
    if (p.size() > 1 && p.back() == '/')
      w_.at_key("path-trailing-slash", st, mp, m, "path '" + p + "' ends with '/'");
    if (p.find("//") != std::string::npos)
      w_.at_key("path-double-slash", st, mp, m, "path '" + p + "' has an empty segment ('//')");
    {
      std::vector<std::string> vars = path_vars(p);
      std::set<std::string> seen;
      for (const std::string& v : vars)
        if (!seen.insert(v).second) {
          w_.at_key("path-template-duplicate", st, mp, m, "path '" + p + "' uses the variable '{" + v + "}' twice", v);
          break;
        }
    }
    if (p.find_first_of("?#") != std::string::npos)
      w_.at_key("path-query-string", st, mp, m, "path '" + p + "' contains a query string or fragment; describe query parameters with in: query");
    for (const std::string& seg : segments(p)) {
      if (is_template_segment(seg)) continue;
      for (char c : seg)
        if (isupper(static_cast<unsigned char>(c))) {
          w_.at_key("path-casing", st, mp, m, "path segment '" + seg + "' has upper-case letters");
          return;
        }
    }
  }

  // Parameters of the path item and of each operation, dereferenced.
  struct P {
    std::string name, in;
    const Node* node;
    std::string ptr;
    SourcePos pos;
    const Document* doc;
  };

  std::vector<P> params_of(const Node* list, const std::string& lp, const St& st) {
    std::vector<P> out;
    if (!list || !list->is_array()) return out;
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < list->items.size(); ++i) {
      std::string ip = lp + "/" + std::to_string(i);
      Deref d = w_.deref(st.doc, list->items[i], ip);
      if (!d.node || !d.node->is_object()) continue;
      P p{std::string(d.node->string_at("name")), std::string(d.node->string_at("in")), d.node, ip, list->items[i].pos, d.doc};
      if (p.name.empty()) continue;
      std::string key = p.in + ":" + (p.in == "header" ? text::ascii_lower(p.name) : p.name);
      auto [it, fresh] = seen.emplace(key, i);
      if (!fresh)
        w_.report("operation-parameters-unique", st.doc, ip, p.pos, p.pos, st.chain,
                  "parameter '" + p.name + "' in " + p.in + " is already declared at " + lp + "/" + std::to_string(it->second));
      out.push_back(std::move(p));
    }
    return out;
  }

  void path_item(const Node& item, const std::string& ptr, const St& st) {
    bool template_path = !st.path.empty() && st.path[0] == '/';
    std::vector<std::string> vars = template_path ? path_vars(st.path) : std::vector<std::string>{};
    std::vector<P> shared = params_of(item.find("parameters"), append_pointer(ptr, "parameters"), st);
    if (template_path) {
      for (const P& p : shared)
        if (p.in == "path" && std::find(vars.begin(), vars.end(), p.name) == vars.end())
          w_.report("path-params-unused", st.doc, p.ptr, p.pos, p.pos, st.chain,
                    "path parameter '" + p.name + "' does not appear in the path '" + st.path + "'");
    }
    for_each_operation(item, [&](const Member& m) {
      const Node& op = m.value;
      std::string op_ptr = append_pointer(ptr, m.key);
      std::vector<P> own = params_of(op.find("parameters"), append_pointer(op_ptr, "parameters"), st);
      if (!template_path) return;
      for (const std::string& v : vars) {
        bool found = false;
        for (const std::vector<P>* list : {&own, &shared})
          for (const P& p : *list)
            if (p.in == "path" && p.name == v) found = true;
        if (!found)
          w_.at_key("path-params-defined", st, op_ptr, m,
                    "path template variable '{" + v + "}' of '" + st.path + "' has no in: path parameter in " + upper_method(m.key), v);
      }
      for (const P& p : own)
        if (p.in == "path" && std::find(vars.begin(), vars.end(), p.name) == vars.end())
          w_.report("path-params-unused", st.doc, p.ptr, p.pos, p.pos, st.chain,
                    "path parameter '" + p.name + "' does not appear in the path '" + st.path + "'");
    });
  }

  Walk& w_;
  std::vector<PathFact> paths_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<PathRules>(w);
  Hooks h;
  h.path = [r](const Member& m, const std::string& ptr, const St& st) { r->path(m, ptr, st); };
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  h.finish = [r] { r->finish(); };
  return h;
}

}  // namespace

const RuleFamily& paths_family() {
  static const RuleFamily family{
      "paths",
      {
          {"path-params-defined", "every {template} of a path has an in: path parameter", ERR, ERR, ERR},
          {"path-params-unused", "every in: path parameter appears in the path", ERR, ERR, ERR},
          {"path-param-required", "path parameters are required: true", ERR, ERR, ERR},
          {"path-template-duplicate", "a path template names the same variable twice (one value, two places)", OFF, WARN, ERR},
          {"paths-identical", "two paths that differ only in parameter names", ERR, ERR, ERR},
          {"paths-ambiguous", "two paths a request could match both of", OFF, WARN, WARN},
          {"operation-duplicate", "the same method and path in two documents of one bundle", ERR, ERR, ERR},
          {"operation-parameters-unique", "no two parameters with the same name and location", ERR, ERR, ERR},
          {"parameter-schema-or-content", "a parameter has schema or content (one entry), not both", ERR, ERR, ERR},
          {"path-trailing-slash", "paths do not end with '/'", OFF, WARN, ERR},
          {"path-double-slash", "paths have no empty segment", OFF, WARN, ERR},
          {"path-query-string", "paths have no query string or fragment", ERR, ERR, ERR},
          {"path-casing", "literal path segments are lower case", OFF, OFF, INFO},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
