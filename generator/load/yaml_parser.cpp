// YAML -> Node through yaml-cpp's event interface. We type plain scalars ourselves by the
// YAML 1.2 core schema (what OpenAPI tools agree on), and report the YAML 1.1 pitfalls that
// make other tools read a file differently: yes/no/on/off, and non-string mapping keys.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "load/load.h"
#include "tree/json_pointer.h"
#include "tree/yaml_scalar.h"

namespace apiref {
namespace {

struct AbortParse {};

SourcePos to_pos(const YAML::Mark& m) {
  return {static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const std::string& file, Diagnostics& out,
              const ParseLimits& limits)
      : text_(text), file_(file), out_(out), limits_(limits) {}

  Node result;
  bool failed = false;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (expecting_key()) {
      // yaml-cpp does not say which spelling of null it saw; the key keeps its own text.
      std::string_view rest = text_.substr(std::min(text_.size(), static_cast<size_t>(mark.pos)));
      for (const char* word : {"null", "Null", "NULL", "~"}) {
        if (rest.substr(0, std::strlen(word)) == word) return take_key(word, mark, true, "null");
      }
      return take_key("", mark, true, "null");
    }
    Node n;
    n.pos = to_pos(mark);
    add(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      error("yaml-syntax", "alias to an unknown anchor", to_pos(mark));
      throw AbortParse{};
    }
    size_t size = it->second.subtree_size();
    alias_nodes_ += size;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      error("yaml-alias-limit",
            "alias expansion would create more than " + std::to_string(limits_.max_alias_nodes) +
                " nodes (a 'billion laughs' document?)",
            to_pos(mark));
      throw AbortParse{};
    }
    if (expecting_key()) {
      if (it->second.kind == NodeKind::Object || it->second.kind == NodeKind::Array) {
        error("yaml-complex-key", "a mapping or sequence used as a key is not supported",
              to_pos(mark));
        throw AbortParse{};
      }
      return take_key(it->second.text, mark, false, "");
    }
    Node copy = it->second;
    copy.pos = to_pos(mark);
    add(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    bool plain = tag == "?";
    if (!plain) check_quote_closed(mark);
    if (expecting_key()) {
      std::string json;
      bool b = false;
      PlainType t = plain ? type_plain_scalar(value, json, b) : PlainType::String;
      const char* what = t == PlainType::Number ? "number"
                         : t == PlainType::Bool ? "boolean"
                         : t == PlainType::Null ? "null"
                                                : "";
      take_key(value, mark, t != PlainType::String && t != PlainType::NotANumber, what);
      if (plain && is_yaml11_boolean(value)) {
        warning("yaml-ambiguous-boolean",
                "key '" + value + "' is a string in YAML 1.2 but a boolean in YAML 1.1 tools; quote it",
                to_pos(mark));
      }
      if (anchor) anchors_[anchor] = Node::string(value, to_pos(mark));
      return;
    }
    SourcePos pos = to_pos(mark);
    Node n;
    if (plain) {
      std::string json;
      bool b = false;
      switch (type_plain_scalar(value, json, b)) {
        case PlainType::Null: n.pos = pos; break;
        case PlainType::Bool: n = Node::boolean_value(b, pos); break;
        case PlainType::Number: n = Node::number(json, pos); break;
        case PlainType::NotANumber:
          warning("yaml-not-a-number",
                  "'" + value + "' is infinity or NaN, which JSON cannot hold; kept as a string",
                  pos);
          n = Node::string(value, pos);
          break;
        case PlainType::String:
          if (is_yaml11_boolean(value)) {
            warning("yaml-ambiguous-boolean",
                    "'" + value +
                        "' is a string in YAML 1.2 but a boolean in YAML 1.1 tools; quote it, "
                        "or write true/false",
                    pos);
          }
          n = Node::string(value, pos);
          break;
      }
    } else if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
      std::string json;
      bool b = false;
      if (type_plain_scalar(value, json, b) == PlainType::Number) n = Node::number(json, pos);
      else n = Node::string(value, pos);
    } else if (tag == "tag:yaml.org,2002:bool") {
      n = Node::boolean_value(value == "true" || value == "True" || value == "TRUE", pos);
    } else if (tag == "tag:yaml.org,2002:null") {
      n.pos = pos;
    } else {
      n = Node::string(value, pos);
    }
    add(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::array(to_pos(mark)), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::object(to_pos(mark)), anchor, mark);
  }
  void OnMapEnd() override { close(); }

  // The pointer of the node being read, for messages about syntax errors.
  std::string current_pointer() const { return stack_.empty() ? "" : child_pointer(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::string pointer;
    bool has_key = false;
    std::string key;
    SourcePos key_pos;
    std::unordered_set<std::string> merged_keys;  // keys that came from a `<<` merge
    // Key -> member index, built once the mapping outgrows a linear scan: looking for a
    // duplicate among all earlier keys made a 100,000-key mapping take minutes.
    std::unordered_map<std::string, size_t> key_index;
  };

  static constexpr size_t kLinearKeyScan = 16;

  static Member* find_member(Frame& f, const std::string& key) {
    std::vector<Member>& members = f.node.members;
    if (f.key_index.empty()) {
      if (members.size() <= kLinearKeyScan) {
        for (Member& m : members)
          if (m.key == key) return &m;
        return nullptr;
      }
      for (size_t i = 0; i < members.size(); ++i) f.key_index.emplace(members[i].key, i);
    }
    auto it = f.key_index.find(key);
    return it == f.key_index.end() ? nullptr : &members[it->second];
  }

  static void push_member(Frame& f, Member m) {
    if (!f.key_index.empty()) f.key_index.emplace(m.key, f.node.members.size());
    f.node.members.push_back(std::move(m));
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& out_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Node> anchors_;
  size_t alias_nodes_ = 0;
  bool have_result_ = false;

  // yaml-cpp 0.7 accepts a quoted scalar left open at the end of the file, silently
  // swallowing every key after it; we look for the closing quote ourselves.
  void check_quote_closed(const YAML::Mark& mark) {
    size_t i = static_cast<size_t>(mark.pos);
    if (i >= text_.size() || (text_[i] != '"' && text_[i] != '\'')) return;
    char quote = text_[i];
    for (++i; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote inside single quotes
          continue;
        }
        return;
      }
    }
    error("yaml-syntax", "quoted string is never closed", to_pos(mark));
    throw AbortParse{};
  }

  bool expecting_key() const {
    return !stack_.empty() && stack_.back().node.is_object() && !stack_.back().has_key;
  }

  std::string child_pointer() const {
    const Frame& f = stack_.back();
    if (f.node.is_array()) return f.pointer + "/" + std::to_string(f.node.items.size());
    return f.has_key ? append_pointer(f.pointer, f.key) : f.pointer;
  }

  void error(const char* code, const std::string& msg, SourcePos pos) {
    failed = true;
    out_.push_back({Severity::Error, code, msg, {file_, current_pointer(), pos}, {}});
  }
  void warning(const char* code, const std::string& msg, SourcePos pos) {
    out_.push_back({Severity::Warning, code, msg, {file_, current_pointer(), pos}, {}});
  }

  void take_key(const std::string& key, const YAML::Mark& mark, bool coerced, const char* what) {
    Frame& f = stack_.back();
    f.has_key = true;
    f.key = key;
    f.key_pos = to_pos(mark);
    if (coerced) {
      // OpenAPI keys are strings; `400:` works by accident in some tools and not in others.
      out_.push_back({Severity::Warning, "yaml-non-string-key",
                      std::string(what) + " key '" + key + "' read as the string \"" + key +
                          "\"; quote it",
                      {file_, append_pointer(f.pointer, key), f.key_pos}, {}});
    }
  }

  void open(Node n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (stack_.size() >= limits_.max_depth) {
      error("yaml-too-deep", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
            to_pos(mark));
      throw AbortParse{};
    }
    if (expecting_key()) {
      error("yaml-complex-key", "a mapping or sequence used as a key is not supported",
            to_pos(mark));
      throw AbortParse{};
    }
    Frame f;
    f.pointer = stack_.empty() ? "" : child_pointer();
    f.node = std::move(n);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(f.node), f.anchor);
  }

  void add(Node n, YAML::anchor_t anchor) {
    if (anchor) anchors_[anchor] = n;
    if (stack_.empty()) {
      result = std::move(n);
      have_result_ = true;
      return;
    }
    Frame& f = stack_.back();
    if (f.node.is_array()) {
      f.node.items.push_back(std::move(n));
      return;
    }
    f.has_key = false;
    if (f.key == "<<" && (n.is_object() || n.is_array())) return merge(f, n);
    if (Member* found = find_member(f, f.key)) {
      Member& m = *found;
      // A key that came from a `<<` merge may be overridden once, silently; after that the
      // key is the mapping's own and a repeat is a duplicate again.
      bool from_merge = f.merged_keys.erase(f.key) > 0;
      if (!from_merge) {
        out_.push_back({Severity::Error, "duplicate-key",
                        "duplicate key '" + f.key + "' (the last one is used)",
                        {file_, append_pointer(f.pointer, f.key), f.key_pos},
                        {{file_, append_pointer(f.pointer, f.key), m.key_pos}}});
      }
      m.value = std::move(n);
      m.key_pos = f.key_pos;
      return;
    }
    push_member(f, Member{f.key, f.key_pos, std::move(n)});
  }

  // YAML 1.1 merge key: `<<: *base` or `<<: [*a, *b]`; explicit keys win over merged ones.
  void merge(Frame& f, const Node& source) {
    std::vector<const Node*> maps;
    if (source.is_object()) maps.push_back(&source);
    for (const Node& item : source.items)
      if (item.is_object()) maps.push_back(&item);
    for (const Node* m : maps) {
      for (const Member& mem : m->members) {
        if (find_member(f, mem.key)) continue;
        push_member(f, mem);
        f.merged_keys.insert(mem.key);
      }
    }
  }
};

}  // namespace

bool parse_yaml(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits) {
  std::istringstream in{std::string(text)};
  TreeBuilder builder(text, file, out, limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      root = Node();  // an empty stream is a null document
      return true;
    }
    Node first = std::move(builder.result);
    builder.result = Node();
    if (parser.HandleNextDocument(builder)) {
      out.push_back({Severity::Warning, "yaml-multiple-documents",
                     "the file holds more than one YAML document; only the first is read",
                     {file, "", {}}, {}});
    }
    root = std::move(first);
  } catch (const AbortParse&) {
    root = Node();
    return false;
  } catch (const YAML::Exception& e) {
    out.push_back({Severity::Error, "yaml-syntax", e.msg,
                   {file, builder.current_pointer(), to_pos(e.mark)}, {}});
    root = Node();
    return false;
  }
  if (builder.failed) {
    root = Node();
    return false;
  }
  return true;
}

}  // namespace apiref
