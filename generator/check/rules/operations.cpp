// Operations: operationIds present, URL-safe and unique (per API; in a project, per bundle),
// the responses an operation describes, and request bodies where HTTP gives them no meaning.
#include <cctype>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "bundle/project_plan.h"
#include "check/rule.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace check_internal {

namespace {

struct OpFact {
  int root;
  std::string path;  // path template as written
  std::string method;
  std::string operation_id;
  std::vector<std::string> audiences;
  const Document* doc;
  std::string pointer;  // of the operation
  SourcePos pos, id_pos;
  int chain;
};

class OperationRules {
 public:
  explicit OperationRules(Walk& w) : w_(w) {}

  void object(const Node& item, const std::string& ptr, K k, const St& st) {
    if (k != K::PathItem) return;
    bool template_path = !st.path.empty() && st.path[0] == '/';
    for_each_operation(item, ptr, st, [&](const Member& m, const std::string& op_ptr) { operation(m, op_ptr, st, template_path); });
  }

  void finish() {
    // operationId unique (per API; in a project, per bundle = shared audience).
    std::unordered_map<std::string, std::vector<size_t>> by_id;
    for (size_t i = 0; i < ops_.size(); ++i)
      if (!ops_[i].operation_id.empty())
        by_id[std::to_string(w_.group_of(ops_[i].root)) + "|" + ops_[i].operation_id].push_back(i);
    for (size_t i = 0; i < ops_.size(); ++i) {
      const OpFact& o = ops_[i];
      if (o.operation_id.empty()) continue;
      for (size_t j : by_id[std::to_string(w_.group_of(o.root)) + "|" + o.operation_id]) {
        if (j >= i) break;
        if (!w_.audiences_meet(o.audiences, ops_[j].audiences)) continue;
        w_.report("operation-operationId-unique", o.doc, append_pointer(o.pointer, "operationId"), o.id_pos, o.id_pos, o.chain,
                  "operationId '" + o.operation_id + "' is also used by " + upper_method(ops_[j].method) + " " + ops_[j].path +
                      " (" + w_.rel_hint(ops_[j].doc) + ops_[j].pointer + ")");
        break;
      }
    }
  }

 private:
  void operation(const Member& m, const std::string& op_ptr, const St& st, bool template_path) {
    const Node& op = m.value;
    const Node* id = op.find("operationId");
    OpFact f{st.root, st.path, m.key, id && id->is_string() ? id->text : "", operation_audiences(op), st.doc, op_ptr, m.key_pos,
             id ? id->pos : m.key_pos, st.chain};
    if (!id) {
      w_.at_key("operation-operationId", st, op_ptr, m, upper_method(m.key) + " " + st.path + " has no operationId");
    } else if (id->is_string()) {
      for (char c : id->text)
        // RFC 3986 unreserved and reserved characters: what a URL carries without escaping
        // (GitHub's "repos/get" is fine; spaces, quotes, braces and non-ASCII are not).
        if (!isalnum(static_cast<unsigned char>(c)) && !std::strchr("-._~:/?#[]@!$&'()*+,;=", c)) {
          w_.at_value("operation-operationId-url-safe", st, append_pointer(op_ptr, "operationId"), *id,
                      "operationId '" + id->text + "' has characters that are not URL-safe");
          break;
        }
    }
    ops_.push_back(std::move(f));
    // Request body on methods without body semantics.
    if (const Node* rb = op.find("requestBody"); rb && (m.key == "get" || m.key == "head" || m.key == "delete")) {
      Member rbm{"requestBody", SourcePos{}, Node()};
      for (const Member& x : op.members)
        if (x.key == "requestBody") rbm.key_pos = x.key_pos;
      w_.at_key("no-request-body-get-delete", st, append_pointer(op_ptr, "requestBody"), rbm,
                upper_method(m.key) + " has no defined request body semantics; this requestBody may be dropped by clients and proxies");
    }
    // Responses.
    const Node* rs = op.find("responses");
    if (!rs || !rs->is_object()) return;
    bool success = false, client_error = false;
    for (const Member& r : rs->members) {
      // 101 Switching Protocols is how a WebSocket endpoint succeeds.
      if (r.key.size() == 3 && (r.key[0] == '2' || r.key[0] == '3' || r.key == "101")) success = true;
      if (r.key.size() == 3 && r.key[0] == '4') client_error = true;
      if (r.key == "default") client_error = true;
      std::string rp = append_pointer(append_pointer(op_ptr, "responses"), r.key);
      Deref d = w_.deref(st.doc, r.value, rp);
      if (!d.node || !d.node->is_object()) continue;
      const Node* content = d.node->find("content");
      bool has_content = content && content->is_object() && !content->members.empty();
      // Webhook and callback responses are the receiver's acknowledgement: an empty 200
      // and no error responses are the norm there.
      if ((r.key == "200" || r.key == "206") && !has_content && m.key != "head" && template_path)
        w_.at_key("response-content-expected", st, rp, r, upper_method(m.key) + " " + st.path + " " + r.key + " response describes no content");
      if ((r.key == "204" || r.key == "304") && has_content)
        w_.at_key("response-no-content", st, rp, r, r.key + " responses have no body, but this one describes content");
    }
    Member rsm{"responses", SourcePos{}, Node()};
    for (const Member& x : op.members)
      if (x.key == "responses") rsm.key_pos = x.key_pos;
    if (!success && template_path)
      w_.at_key("operation-success-response", st, append_pointer(op_ptr, "responses"), rsm,
                upper_method(m.key) + " " + st.path + " describes no 2xx or 3xx response");
    if (!client_error && template_path)
      w_.at_key("operation-4xx-response", st, append_pointer(op_ptr, "responses"), rsm,
                upper_method(m.key) + " " + st.path + " describes no 4xx (or default) error response");
  }

  Walk& w_;
  std::vector<OpFact> ops_;
};

Hooks start(Walk& w) {
  auto r = std::make_shared<OperationRules>(w);
  Hooks h;
  h.object = [r](const Node& n, const std::string& ptr, K k, const St& st) { r->object(n, ptr, k, st); };
  h.finish = [r] { r->finish(); };
  return h;
}

}  // namespace

const RuleFamily& operations_family() {
  static const RuleFamily family{
      "operations",
      {
          {"operation-operationId", "operations have an operationId", OFF, WARN, ERR},
          {"operation-operationId-unique", "operationIds are unique", ERR, ERR, ERR},
          {"operation-operationId-url-safe", "operationIds use URL-safe characters", OFF, WARN, ERR},
          {"operation-success-response", "an operation has a 2xx or 3xx response", OFF, WARN, ERR},
          {"response-content-expected", "a 200/206 response describes its content", OFF, INFO, WARN},
          {"response-no-content", "204 and 304 responses carry no content", OFF, WARN, ERR},
          {"no-request-body-get-delete", "GET, HEAD and DELETE have no request body", OFF, WARN, ERR},
          {"operation-4xx-response", "operations describe at least one 4xx (or default) response", OFF, WARN, WARN},
      },
      start};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
