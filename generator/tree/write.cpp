#include "tree/write.h"

#include "text/escape.h"
#include "text/word_test.h"
#include "tree/yaml_scalar.h"

namespace apiref {
namespace {

// Where a writer may hand over what it has so far (between two members or items): with none,
// the whole document is built in one string.
struct Pieces {
  size_t size;
  const PieceWriter& write;
  bool failed = false;
};

inline void maybe_hand_over(std::string& out, Pieces* pieces) {
  if (!pieces || out.size() < pieces->size) return;
  if (!pieces->failed && !pieces->write(out)) pieces->failed = true;
  out.clear();  // the capacity stays: the next piece reuses the same memory
}

using text::append_json_string;

void write_json(std::string& out, const Node& n, bool pretty, int indent, Pieces* pieces = nullptr) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out += '\n';
    out.append(static_cast<size_t>(level) * 2, ' ');
  };
  switch (n.kind) {
    case NodeKind::Null: out += "null"; break;
    case NodeKind::Bool: out += n.boolean ? "true" : "false"; break;
    case NodeKind::Number: out += n.text; break;
    case NodeKind::String: append_json_string(out, n.text); break;
    case NodeKind::Array:
      if (n.items.empty()) {
        out += "[]";
        break;
      }
      out += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ',';
        newline(indent + 1);
        write_json(out, n.items[i], pretty, indent + 1, pieces);
        maybe_hand_over(out, pieces);
      }
      newline(indent);
      out += ']';
      break;
    case NodeKind::Object:
      if (n.members.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      for (size_t i = 0; i < n.members.size(); ++i) {
        if (i) out += ',';
        newline(indent + 1);
        append_json_string(out, n.members[i].key);
        out += pretty ? ": " : ":";
        write_json(out, n.members[i].value, pretty, indent + 1, pieces);
        maybe_hand_over(out, pieces);
      }
      newline(indent);
      out += '}';
      break;
  }
}

// A string may be written plain only when every YAML reader gets the same string back.
bool plain_safe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return false;
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) return false;  // a leading U+FEFF reads as a byte order mark
  // Every key and string of a description is asked about: words with none of the bytes
  // looked at below are skipped at once (text/word_test.h).
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (n - i >= 8) {
      uint64_t w = text::load_word(s.data() + i);
      if (!(text::word_has_byte_below(w, 0x20) | text::word_has_byte(w, 0x7f) | text::word_has_byte(w, ':') |
            text::word_has_byte(w, '#'))) {
        i += 8;
        continue;
      }
    }
    for (const size_t stop = n - i >= 8 ? i + 8 : n; i < stop; ++i) {
      unsigned char c = s[i];
      if (c < 0x20 || c == 0x7f) return false;
      if (c == ':' && i + 1 < n && s[i + 1] == ' ') return false;
      if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
    }
  }
  // YAML 1.1 readers also take 1_000, 0b101, 012 (octal) and 1:20 (sexagesimal) as numbers.
  if (s.find_first_not_of("0123456789_.:+-eEoxXbB") == std::string::npos) return false;
  if (std::string_view(s) == "=" || std::string_view(s) == "<<") return false;
  // Beyond those, only a number (it starts with a digit, sign or dot) or a word of at most five
  // letters (null, false, yes, off, ~ ...) reads as anything but a string: most strings, keys
  // and descriptions, need none of the comparisons below (openapi.yaml has millions).
  char c = s[0];
  bool number_like = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  // A word that is not number-like is something else only when it is null or a boolean to
  // some reader (short keys such as "type", "in" and "name" are most of the words asked about);
  // a number-like one (none of those words) only when it types as a number.
  if (!number_like) return s.size() > 5 || !reads_as_null_or_boolean(s);
  std::string json;
  bool b;
  return type_plain_scalar(s, json, b) == PlainType::String;
}

// Multi-line text reads best as a literal block (descriptions in Markdown).
bool block_safe(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\n') return false;
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
  return true;
}

void write_scalar_string(std::string& out, const std::string& s, int indent) {
  if (plain_safe(s)) {
    out += s;
  } else if (block_safe(s)) {
    size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    std::string pad(static_cast<size_t>(indent) * 2, ' ');
    std::string_view body(s.data(), s.size() - trailing);
    size_t start = 0;
    while (true) {
      size_t nl = body.find('\n', start);
      std::string_view line = body.substr(start, nl == std::string_view::npos ? body.npos : nl - start);
      out += '\n';
      if (!line.empty()) {
        out += pad;
        out += line;
      }
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    for (size_t i = 1; i < trailing; ++i) out += '\n';
  } else {
    append_json_string(out, s);  // a JSON string is a valid YAML double-quoted scalar
  }
}

// YAML caps implicit keys at 1024 characters; longer ones need the explicit "? key" form.
constexpr size_t kMaxImplicitKey = 1000;

// A key as written: plain when safe, else quoted. Appended straight to `out` (no copy of the
// key); returns how many characters it took.
size_t append_key(std::string& out, const std::string& k) {
  size_t before = out.size();
  if (plain_safe(k)) out += k;
  else append_json_string(out, k);
  return out.size() - before;
}

bool is_scalar_or_empty(const Node& n) {
  return (n.kind != NodeKind::Array && n.kind != NodeKind::Object) ||
         (n.is_array() && n.items.empty()) || (n.is_object() && n.members.empty());
}

void write_yaml_scalar(std::string& out, const Node& n, int indent) {
  switch (n.kind) {
    case NodeKind::Null: out += "null"; break;
    case NodeKind::Bool: out += n.boolean ? "true" : "false"; break;
    case NodeKind::Number: out += n.text; break;
    case NodeKind::String: write_scalar_string(out, n.text, indent); break;
    case NodeKind::Array: out += "[]"; break;
    case NodeKind::Object: out += "{}"; break;
  }
}

void write_yaml(std::string& out, const Node& n, int indent, bool first_inline, Pieces* pieces);

// Writes the members of an object at `indent`; the first one may continue the current line
// (after "- ").
void write_members(std::string& out, const Node& n, int indent, bool first_inline, Pieces* pieces) {
  const size_t pad = static_cast<size_t>(indent) * 2;
  bool first = true;
  for (const Member& m : n.members) {
    if (!(first && first_inline)) out.append(pad, ' ');
    first = false;
    size_t key_start = out.size();
    if (append_key(out, m.key) > kMaxImplicitKey) {
      out.insert(key_start, "? ");
      out += '\n';
      out.append(pad, ' ');
    }
    out += ':';
    if (is_scalar_or_empty(m.value)) {
      out += ' ';
      write_yaml_scalar(out, m.value, indent + 1);
      out += '\n';
    } else if (m.value.is_array()) {
      // Sequences under a key are not indented further (the common, compact style).
      out += '\n';
      write_yaml(out, m.value, indent, false, pieces);
    } else {
      out += '\n';
      write_yaml(out, m.value, indent + 1, false, pieces);
    }
    maybe_hand_over(out, pieces);
  }
}

void write_yaml(std::string& out, const Node& n, int indent, bool first_inline, Pieces* pieces) {
  if (is_scalar_or_empty(n)) {
    if (!first_inline) out.append(static_cast<size_t>(indent) * 2, ' ');
    write_yaml_scalar(out, n, indent + 1);
    out += '\n';
    return;
  }
  if (n.is_object()) {
    write_members(out, n, indent, first_inline, pieces);
    return;
  }
  const size_t pad = static_cast<size_t>(indent) * 2;
  bool first = true;
  for (const Node& item : n.items) {
    if (!(first && first_inline)) out.append(pad, ' ');
    first = false;
    out += "- ";
    if (is_scalar_or_empty(item)) {
      write_yaml_scalar(out, item, indent + 1);
      out += '\n';
    } else if (item.is_object()) {
      write_members(out, item, indent + 1, true, pieces);
    } else {
      write_yaml(out, item, indent + 1, true, pieces);
    }
    maybe_hand_over(out, pieces);
  }
}

// Roughly how many bytes the tree takes written out (text, keys, indentation, punctuation), so
// that the output string is allocated once: grown by doubling, a 13 MB openapi.json copied and
// page-faulted ~26 MB of fresh memory.
// `per_node`: the punctuation around each value (JSON's quotes, ": " and ",\n" take more than
// YAML's ": " and "\n"). For GitHub's description: 13.9 MB reserved for 13.0 MB of JSON, 11.8
// for 9.8 MB of YAML.
size_t written_size_estimate(const Node& n, size_t indent, size_t per_node) {
  size_t size = n.text.size() + indent + per_node;
  for (const Node& item : n.items) size += written_size_estimate(item, indent + 2, per_node);
  for (const Member& m : n.members) size += m.key.size() + written_size_estimate(m.value, indent + 2, per_node);
  return size;
}

}  // namespace

std::string json_quote(const std::string& s) { return text::json_string(s); }

std::string to_json(const Node& n, bool pretty) {
  std::string out;
  out.reserve(written_size_estimate(n, 0, 16));
  write_json(out, n, pretty, 0);
  if (pretty) out += '\n';
  return out;
}

std::string to_yaml(const Node& n) {
  std::string out;
  out.reserve(written_size_estimate(n, 0, 8));
  write_yaml(out, n, 0, false, nullptr);
  return out;
}

// A piece ends between two members or items, so one may run past piece_size by the largest
// value written at once (a long description); the buffer grows to that once and is reused.
bool write_json_in_pieces(const Node& n, size_t piece_size, const PieceWriter& write) {
  Pieces pieces{piece_size, write};
  std::string out;
  out.reserve(piece_size + piece_size / 4);
  write_json(out, n, true, 0, &pieces);
  out += '\n';
  return !pieces.failed && write(out);
}

bool write_yaml_in_pieces(const Node& n, size_t piece_size, const PieceWriter& write) {
  Pieces pieces{piece_size, write};
  std::string out;
  out.reserve(piece_size + piece_size / 4);
  write_yaml(out, n, 0, false, &pieces);
  return !pieces.failed && (out.empty() || write(out));
}

}  // namespace apiref
