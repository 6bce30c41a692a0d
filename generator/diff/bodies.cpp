// Request bodies and responses of an operation in two versions: presence, required, status
// codes, headers and media types, then each media type's schema in its direction.
#include <algorithm>

#include "diff/differ.h"
#include "text/case.h"

namespace apiref::diff_internal {

namespace {

Located member_of(const Differ& d, bool old, const Located& holder, std::string_view key) {
  if (!holder) return {};
  const Node* n = holder.node->find(key);
  if (!n) return {};
  return d.deref(old ? d.old_doc : d.new_doc, n, child(holder.pointer, key));
}

const Member* find_media(const Node* content, const std::string& name) {
  if (!content) return nullptr;
  for (const Member& m : content->members)
    if (text::ascii_lower(m.key) == name) return &m;
  return nullptr;
}

// The media types of a body or response: each one's schema compared in `dir`, the ones on one
// side only reported with `removed` and `added`.
void diff_content(Differ& d, const std::string& what, const Located& o, const Located& n, Direction dir,
                  const char* removed, const char* added) {
  Located oc = member_of(d, true, o, "content"), nc = member_of(d, false, n, "content");
  if (oc) {
    for (const Member& m : oc.node->members) {
      Located om{&m.value, child(oc.pointer, m.key)};
      const Member* match = find_media(nc.node, text::ascii_lower(m.key));
      if (!match) {
        d.emit(removed, what + ": media type " + m.key + " removed", om, nc ? nc : n);
        continue;
      }
      Located nm{&match->value, child(nc.pointer, match->key)};
      const Node* os = m.value.find("schema");
      const Node* ns = match->value.find("schema");
      if (os && ns)
        diff_schema(d, what + " (" + match->key + ")", {os, child(om.pointer, "schema")}, {ns, child(nm.pointer, "schema")},
                    dir);
    }
  }
  if (nc) {
    for (const Member& m : nc.node->members)
      if (!find_media(oc.node, text::ascii_lower(m.key)))
        d.emit(added, what + ": media type " + m.key + " added", oc ? oc : o, {&m.value, child(nc.pointer, m.key)});
  }
}

bool success(const std::string& status) { return !status.empty() && (status[0] == '2' || status[0] == '3'); }

}  // namespace

void diff_request_body(Differ& d, const std::string& label, const Located& old_op, const Located& new_op) {
  Located o = member_of(d, true, old_op, "requestBody"), n = member_of(d, false, new_op, "requestBody");
  if (!o && !n) return;
  std::string what = label + ": request body";
  if (!o) {
    bool required = truthy(n.node->find("required"));
    d.emit(required ? "request-body-added-required" : "request-body-added",
           what + (required ? " added, required" : " added, optional"), old_op, n);
    return;
  }
  if (!n) {
    d.emit("request-body-removed", what + " removed", o, new_op);
    return;
  }
  bool was = truthy(o.node->find("required")), is = truthy(n.node->find("required"));
  if (!was && is) d.emit("request-body-made-required", what + " is now required", o, n);
  if (was && !is) d.emit("request-body-made-optional", what + " is now optional", o, n);
  diff_content(d, what, o, n, Direction::Request, "request-media-type-removed", "request-media-type-added");
}

void diff_responses(Differ& d, const std::string& label, const Located& old_op, const Located& new_op) {
  Located olds{old_op.node->find("responses"), child(old_op.pointer, "responses")};
  Located news{new_op.node->find("responses"), child(new_op.pointer, "responses")};
  if (!olds || !news) return;
  for (const Member& m : olds.node->members) {
    Located o = d.deref(d.old_doc, &m.value, child(olds.pointer, m.key));
    const Node* match = news.node->find(m.key);
    if (!match) {
      d.emit(success(m.key) ? "response-success-status-removed" : "response-status-removed",
             label + ": response " + m.key + " removed", o ? o : olds, news);
      continue;
    }
    Located n = d.deref(d.new_doc, match, child(news.pointer, m.key));
    if (!o || !n || !o.node->is_object() || !n.node->is_object()) continue;
    std::string what = label + ": response " + m.key;
    Located oh = member_of(d, true, o, "headers"), nh = member_of(d, false, n, "headers");
    if (oh) {
      for (const Member& h : oh.node->members) {
        const Node* other = nullptr;
        if (nh)
          for (const Member& x : nh.node->members)
            if (text::ascii_lower(x.key) == text::ascii_lower(h.key)) other = &x.value;
        Located ho{&h.value, child(oh.pointer, h.key)};
        if (!other) {
          d.emit("response-header-removed", what + ": header " + h.key + " removed", ho, nh ? nh : n);
          continue;
        }
        Located a = d.deref(d.old_doc, &h.value, ho.pointer);
        Located b = d.deref(d.new_doc, other, child(nh.pointer, h.key));
        if (a && b && a.node->find("schema") && b.node->find("schema"))
          diff_schema(d, what + ": header " + h.key, {a.node->find("schema"), child(a.pointer, "schema")},
                      {b.node->find("schema"), child(b.pointer, "schema")}, Direction::Response);
      }
    }
    diff_content(d, what, o, n, Direction::Response, "response-media-type-removed", "response-media-type-added");
  }
  for (const Member& m : news.node->members)
    if (!olds.node->find(m.key))
      d.emit("response-status-added", label + ": response " + m.key + " added", olds,
             d.deref(d.new_doc, &m.value, child(news.pointer, m.key)));
}

}  // namespace apiref::diff_internal
