// Paths and their parameters: path hygiene, template variables against path parameters,
// parameters unique and well-formed, and, over the whole API, paths that are the same or
// that one request could match.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

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

// "/a/{x}/b.{y}" -> "/a/{}/b.{}" segment by segment: paths of one length are the same path to a
// server when these keys are equal (segments hold no '/', so joining them back is unambiguous).
std::string normalised_key(const std::vector<std::string>& segs) {
  std::string key;
  for (const std::string& s : segs) key += (is_template_segment(s) ? normalise_template(s) : s) + "/";
  return key;
}

// The earlier paths of one length (in segments) and group, so that each path finds the ones
// it collides with without being compared to every one of them. Paths are added in order;
// a path is its index, and the look-ups answer in that order.
class PathIndex {
 public:
  static constexpr size_t kNone = SIZE_MAX;

  // The earlier paths with this exact text.
  const std::vector<size_t>& same_text(const std::string& path) const { return find(by_text_, path); }
  // The earlier paths with this normalised_key().
  const std::vector<size_t>& same_key(const std::string& key) const { return find(by_key_, key); }

  // The first earlier path `accept` takes that a request could match along with `segs`: each
  // literal segment equal or facing a template, and each path more specific than the other
  // somewhere (a literal facing a template). kNone if there is none. A walk of a trie of the
  // earlier paths' segments, where every template is one "any" step; the walk skips any branch
  // whose first path comes after the best found so far.
  template <class Accept>
  size_t first_ambiguous(const std::vector<std::string>& segs, Accept accept) const {
    size_t n = segs.size();
    std::vector<char> tmpl(n), literal_from(n + 1, 0), template_from(n + 1, 0);
    for (size_t s = n; s-- > 0;) {
      tmpl[s] = is_template_segment(segs[s]);
      literal_from[s] = literal_from[s + 1] || !tmpl[s];
      template_from[s] = template_from[s + 1] || tmpl[s];
    }
    struct Visit {
      size_t step, depth;
      bool this_more, other_more;  // a literal of this path faced a template of the other, and v.v.
    };
    size_t best = kNone;
    std::vector<Visit> todo{{0, 0, false, false}};  // not recursion: paths may have many segments
    while (!todo.empty()) {
      Visit v = todo.back();
      todo.pop_back();
      const Step& at = trie_[v.step];
      if (at.first >= best) continue;
      // Both must become true by the end: a segment still to come has to make each so.
      if ((!v.this_more && !literal_from[v.depth]) || (!v.other_more && !template_from[v.depth])) continue;
      if (v.depth == n) {
        for (size_t b : at.ends) {
          if (b >= best) break;
          if (accept(b)) {
            best = b;
            break;
          }
        }
        continue;
      }
      if (tmpl[v.depth]) {
        if (at.any != kNone) todo.push_back({at.any, v.depth + 1, v.this_more, v.other_more});
        for (const auto& [seg, child] : at.literal) todo.push_back({child, v.depth + 1, v.this_more, true});
      } else {
        if (auto it = at.literal.find(segs[v.depth]); it != at.literal.end())
          todo.push_back({it->second, v.depth + 1, v.this_more, v.other_more});
        if (at.any != kNone) todo.push_back({at.any, v.depth + 1, true, v.other_more});
      }
    }
    return best;
  }

  void add(size_t i, const std::string& path, std::string key, const std::vector<std::string>& segs) {
    by_text_[path].push_back(i);
    by_key_[std::move(key)].push_back(i);
    size_t at = 0;
    if (trie_[at].first == kNone) trie_[at].first = i;
    for (const std::string& seg : segs) {
      size_t next;
      if (is_template_segment(seg)) {
        next = trie_[at].any;
        if (next == kNone) {
          next = trie_[at].any = trie_.size();
          trie_.emplace_back();
        }
      } else {
        auto [it, fresh] = trie_[at].literal.emplace(seg, trie_.size());
        next = it->second;
        if (fresh) trie_.emplace_back();
      }
      at = next;
      if (trie_[at].first == kNone) trie_[at].first = i;
    }
    trie_[at].ends.push_back(i);
  }

 private:
  struct Step {
    std::unordered_map<std::string, size_t> literal;  // the next step by literal segment
    size_t any = kNone;                               // the next step for a template segment
    std::vector<size_t> ends;                         // the paths that end here, in order
    size_t first = kNone;                             // the first path through here
  };
  using Lists = std::unordered_map<std::string, std::vector<size_t>>;
  static const std::vector<size_t>& find(const Lists& lists, const std::string& key) {
    static const std::vector<size_t> none;
    auto it = lists.find(key);
    return it == lists.end() ? none : it->second;
  }

  Lists by_text_, by_key_;
  std::vector<Step> trie_ = std::vector<Step>(1);
};

struct PathFact {
  int root;
  std::string path;
  const Document* doc;
  std::string pointer;
  SourcePos pos;
  struct Method {
    std::string name;  // "get", or as written in additionalOperations ("PURGE")
    std::string rel;   // its pointer below the path's: "/get", "/additionalOperations/PURGE"
    std::vector<std::string> audiences;
  };
  std::vector<Method> methods;
};

class PathRules {
 public:
  explicit PathRules(Walk& w) : w_(w) {}

  void path(const Member& m, const std::string& mp, const St& st) {
    hygiene(m, mp, st);
    PathFact pf{st.root, m.key, st.doc, mp, m.key_pos, {}};
    Deref item = w_.deref(st.doc, m.value, mp);
    if (item.node && item.node->is_object())
      for_each_operation(*item.node, mp, st, [&](const Member& op, const std::string& op_ptr) {
        pf.methods.push_back({op.key, op_ptr.substr(mp.size()), operation_audiences(op.value)});
      });
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
    // Paths: identical templates, the same operation twice, ambiguity. Each path is looked up
    // among the earlier paths of its length and group (PathIndex), not compared with each of
    // them: descriptions reach 10,000 paths, and the pairwise comparison took most of check's
    // time there. What is reported, and in what order, is what the pairwise comparison gave:
    // for each path, the earlier paths in order.
    std::map<size_t, std::vector<size_t>> by_len;
    std::vector<std::vector<std::string>> segs(paths_.size());
    for (size_t i = 0; i < paths_.size(); ++i) {
      segs[i] = segments(paths_[i].path);
      by_len[segs[i].size()].push_back(i);
    }
    for (auto& [len, idx] : by_len) {
      (void)len;
      std::map<int, PathIndex> groups;
      for (size_t i : idx) {
        const PathFact& A = paths_[i];
        PathIndex& earlier = groups[w_.group_of(A.root)];
        auto meet = [&](size_t b) { return A.root == paths_[b].root || methods_meet(A, paths_[b]); };
        std::string key = normalised_key(segs[i]);
        // (earlier path, what it is to this one): at most one of each but the first, in order.
        std::vector<std::pair<size_t, int>> found;
        for (size_t b : earlier.same_text(A.path))
          if (paths_[b].root != A.root) found.push_back({b, 0});
        for (size_t b : earlier.same_key(key))
          if (paths_[b].path != A.path && meet(b)) {
            found.push_back({b, 1});
            break;
          }
        size_t ambiguous = earlier.first_ambiguous(segs[i], meet);
        if (ambiguous != PathIndex::kNone) found.push_back({ambiguous, 2});
        std::sort(found.begin(), found.end());
        for (const auto& [b, what] : found) report_pair(A, paths_[b], what);
        earlier.add(i, A.path, std::move(key), segs[i]);
      }
    }
  }

 private:
  // Whether an operation of one path and one of the other can end up in one API: the same
  // method, for audiences that meet.
  bool methods_meet(const PathFact& a, const PathFact& b) const {
    for (const PathFact::Method& ma : a.methods)
      for (const PathFact::Method& mb : b.methods)
        if (ma.name == mb.name && w_.audiences_meet(ma.audiences, mb.audiences)) return true;
    return false;
  }

  // What an earlier path B is to A: 0 the same text (in another document), 1 the same up to
  // parameter names, 2 a path one request could match along with A.
  void report_pair(const PathFact& A, const PathFact& B, int what) {
    std::string where = " (" + w_.rel_hint(B.doc) + B.pointer + ")";
    if (what == 0) {
      for (const PathFact::Method& ma : A.methods)
        for (const PathFact::Method& mb : B.methods)
          if (ma.name == mb.name && w_.audiences_meet(ma.audiences, mb.audiences))
            w_.report("operation-duplicate", A.doc, A.pointer + ma.rel, A.pos, A.pos, -1,
                      upper_method(ma.name) + " " + A.path + " is also defined" + where, ma.name);
    } else if (what == 1) {
      w_.report("paths-identical", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                "path '" + A.path + "' is the same as '" + B.path + "'" + where + " up to parameter names");
    } else {
      w_.report("paths-ambiguous", A.doc, A.pointer, A.pos, key_end(A.pos, A.path), -1,
                "a request could match both '" + A.path + "' and '" + B.path + "'" + where);
    }
  }

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
    for_each_operation(item, ptr, st, [&](const Member& m, const std::string& op_ptr) {
      const Node& op = m.value;
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
