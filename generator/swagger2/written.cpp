// Places in a converted Swagger 2.0 file named as the file wrote them: every stage after the
// conversion reads the 3.0 tree, and its findings carry that tree's pointers, while their
// line:col point into the 2.0 file. The file as written is kept beside the converted tree
// (Document::written); the node at the finding's position there gives the pointer.
#include "swagger2/swagger2.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace {

bool written_same_pos(SourcePos a, SourcePos b) { return a.line == b.line && a.col == b.col; }

bool written_at_or_before(SourcePos a, SourcePos b) {
  return a.line < b.line || (a.line == b.line && a.col <= b.col);
}

// A candidate: a node or key starting at the position, and the string node if it is one.
struct WrittenPlace {
  std::string pointer;
  const Node* node = nullptr;  // null for a key
};

// Every node and key of `node` (at `pointer`) that starts at `pos`, outermost first. Children
// are in source order, so only the last one starting at or before `pos` can hold it (all are
// looked at: a YAML alias repeats a node with its anchor's positions).
void written_places_at(const Node& node, const std::string& pointer, SourcePos pos, std::vector<WrittenPlace>& out) {
  const Node* at = &node;
  std::string here = pointer;
  for (int depth = 0; depth < 1000 && at; ++depth) {
    if (written_same_pos(at->pos, pos)) out.push_back({here, at});
    const Node* next = nullptr;
    std::string next_pointer;
    SourcePos best{};
    if (at->is_object()) {
      for (const Member& m : at->members) {
        SourcePos start = m.key_pos.line ? m.key_pos : m.value.pos;
        if (!start.line || !written_at_or_before(start, pos) || !written_at_or_before(best, start)) continue;
        best = start;
        next = &m.value;
        next_pointer = append_pointer(here, m.key);
      }
      if (next) {
        for (const Member& m : at->members)
          if (&m.value == next && written_same_pos(m.key_pos, pos)) out.push_back({next_pointer, nullptr});
      }
    } else if (at->is_array()) {
      for (size_t i = 0; i < at->items.size(); ++i) {
        SourcePos start = at->items[i].pos;
        if (!start.line || !written_at_or_before(start, pos) || !written_at_or_before(best, start)) continue;
        best = start;
        next = &at->items[i];
        next_pointer = append_pointer(here, std::to_string(i));
      }
    }
    at = next;
    here = std::move(next_pointer);
  }
}

size_t written_common_tail(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

// Where a converted place has no written node at its position (a node made without one):
// the top-level sections as 2.0 names them.
std::string written_section(const std::string& pointer) {
  static const std::pair<const char*, const char*> kMoved[] = {
      {"/components/schemas", "/definitions"},
      {"/components/parameters", "/parameters"},
      {"/components/requestBodies", "/parameters"},
      {"/components/responses", "/responses"},
      {"/components/securitySchemes", "/securityDefinitions"},
  };
  for (const auto& [from, to] : kMoved) {
    std::string f = from;
    if (pointer == f || (pointer.compare(0, f.size(), f) == 0 && pointer.size() > f.size() && pointer[f.size()] == '/'))
      return to + pointer.substr(f.size());
  }
  return pointer;
}

}  // namespace

std::string as_written(const Document& doc, const std::string& pointer, SourcePos pos) {
  if (!doc.written) return pointer;
  auto tokens = parse_pointer(pointer);
  // The place at `pos` whose last tokens match the pointer's best (the outermost of equals);
  // how many match.
  auto best_at = [&](SourcePos at, std::string& best) {
    std::vector<WrittenPlace> places;
    if (at.line) written_places_at(*doc.written, "", at, places);
    size_t best_tail = 0;
    best = places.empty() ? std::string() : places[0].pointer;
    for (size_t i = 0; i < places.size() && tokens; ++i) {
      auto written = parse_pointer(places[i].pointer);
      size_t tail = written ? written_common_tail(*tokens, *written) : 0;
      if (tail > best_tail) best = places[i].pointer, best_tail = tail;
    }
    return best_tail;
  };
  std::string best;
  size_t tail = best_at(pos, best);
  if (tail == 0 && tokens) {
    // A made member's key takes the place of a key it replaces (a request body's key is where
    // `parameters` was): its value names better where it came from (the body parameter).
    const Node* node = resolve_pointer(doc.root, *tokens);
    std::string by_value;
    if (node && !written_same_pos(node->pos, pos)) {
      best_at(node->pos, by_value);
      if (!by_value.empty()) best = by_value;
    }
  }
  return best.empty() ? written_section(pointer) : best;
}

Location as_written(const Document& doc, Location where) {
  where.pointer = as_written(doc, where.pointer, where.pos);
  return where;
}

std::string written_string(const Document& doc, SourcePos pos) {
  if (!doc.written || !pos.line) return {};
  std::vector<WrittenPlace> places;
  written_places_at(*doc.written, "", pos, places);
  for (const WrittenPlace& p : places)
    if (p.node && p.node->is_string()) return p.node->text;
  return {};
}

}  // namespace apiref
