// A strict RFC 8259 parser into the Node tree, tracking line and column.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>

#include "load/load.h"
#include "tree/json_pointer.h"

namespace apiref {
namespace {

// Where the parser is, for messages: one step per open container, turned into a JSON pointer
// only when a message needs it (building the pointer for every member was a tenth of the
// parse on GitHub's description).
struct PathStep {
  const std::string* key;  // nullptr for an array item
  size_t index;
};

// Open-addressed index of an object's keys, used once the object is too large for a linear
// scan: GitHub's `paths` and `components/schemas` have ~1000 keys each, and comparing every
// new key with all earlier ones was quadratic.
struct KeyIndex {
  std::vector<uint32_t> slots;  // 0 = empty, else member index + 1
  size_t used = 0;

  void clear() {
    if (used) std::fill(slots.begin(), slots.end(), 0u);
    used = 0;
  }
  // The index of an earlier member with the same key as members[k], or k after recording it.
  size_t find_or_add(const std::vector<Member>& members, size_t k) {
    if ((used + 1) * 2 > slots.size()) grow(members);
    return probe(members, k);
  }

 private:
  size_t probe(const std::vector<Member>& members, size_t k) {
    size_t mask = slots.size() - 1;
    for (size_t h = std::hash<std::string_view>()(members[k].key) & mask;; h = (h + 1) & mask) {
      uint32_t v = slots[h];
      if (v == 0) {
        slots[h] = static_cast<uint32_t>(k + 1);
        ++used;
        return k;
      }
      if (members[v - 1].key == members[k].key) return v - 1;
    }
  }
  void grow(const std::vector<Member>& members) {
    std::vector<uint32_t> old;
    old.swap(slots);
    slots.assign(old.empty() ? 64 : old.size() * 2, 0u);
    used = 0;
    for (uint32_t v : old)
      if (v) probe(members, v - 1);
  }
};

// Members and items of the container open at one depth, collected here and moved into the node
// once complete: exactly sized vectors, and no reallocation of the node's own vector while it
// grows (that was ~6% of a GitHub build). Only one container per depth is open at a time.
struct Level {
  std::vector<Member> members;
  std::vector<Node> items;
  KeyIndex keys;
};

// Objects up to this size look for duplicate keys by a linear scan; larger ones use KeyIndex.
constexpr size_t kLinearKeyScan = 16;

struct JsonParser {
  std::string_view s;
  const std::string& file;
  Diagnostics& out;
  const ParseLimits& limits;
  size_t i = 0;
  uint32_t line = 1;
  size_t line_start = 0;
  size_t depth = 0;
  bool failed = false;
  std::vector<PathStep> path;                  // where we are, for messages
  std::vector<std::unique_ptr<Level>> levels;  // by depth; unique_ptr keeps each one in place

  JsonParser(std::string_view text, const std::string& f, Diagnostics& o, const ParseLimits& l)
      : s(text), file(f), out(o), limits(l) {}

  SourcePos here() const { return {line, static_cast<uint32_t>(i - line_start + 1)}; }

  std::string pointer() const {
    std::string p;
    for (const PathStep& step : path) {
      if (step.key) {
        p += '/';
        p += pointer_escape(*step.key);
      } else {
        p += '/';
        p += std::to_string(step.index);
      }
    }
    return p;
  }

  Level& level() {
    while (levels.size() <= depth) levels.push_back(std::make_unique<Level>());
    return *levels[depth];
  }

  void fail(const std::string& msg) {
    if (failed) return;
    failed = true;
    out.push_back({Severity::Error, "json-syntax", msg, {file, pointer(), here()}, {}});
  }

  static constexpr uint64_t kOnes = 0x0101010101010101ull;
  static constexpr uint64_t kHighs = 0x8080808080808080ull;
  static constexpr uint64_t kSpaces = 0x20 * kOnes;

  uint64_t load8(size_t at) const {
    uint64_t v;
    std::memcpy(&v, s.data() + at, 8);
    return v;
  }

  // Skips string bytes that need no attention (not '"', '\\' or a control character), 8 at a
  // time while none of the 8 does (a byte-wise test of the word: any byte equal to '"', equal
  // to '\\', or below 0x20 sets its high bit in `special`).
  void skip_plain_string_bytes() {
    while (i + 8 <= s.size()) {
      uint64_t v = load8(i);
      uint64_t q = v ^ (0x22 * kOnes), b = v ^ (0x5C * kOnes);
      uint64_t special = ((q - kOnes) & ~q) | ((b - kOnes) & ~b) | ((v - 0x20 * kOnes) & ~v);
      uint64_t hit = special & kHighs;
      if (hit) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        // The lowest flagged byte is always a real one (a false flag needs a borrow from a
        // lower, real one), so this lands exactly on the first byte that needs attention.
        i += static_cast<size_t>(__builtin_ctzll(hit)) / 8;
#endif
        return;
      }
      i += 8;
    }
  }

  void skip_ws() {
    while (i < s.size()) {
      char c = s[i];
      if (c == '\n') {
        ++i;
        ++line;
        line_start = i;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
        // Indentation is most of a pretty-printed file's whitespace: skip it 8 spaces at a time.
        while (i + 8 <= s.size() && load8(i) == kSpaces) i += 8;
      } else {
        break;
      }
    }
  }

  static void append_utf8(std::string& o, uint32_t cp) {
    if (cp < 0x80) {
      o += static_cast<char>(cp);
    } else if (cp < 0x800) {
      o += static_cast<char>(0xC0 | (cp >> 6));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      o += static_cast<char>(0xE0 | (cp >> 12));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      o += static_cast<char>(0xF0 | (cp >> 18));
      o += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(uint32_t& v) {
    if (i + 4 > s.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i + k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return false;
    }
    i += 4;
    return true;
  }

  bool parse_string(std::string& o) {
    ++i;  // opening quote
    size_t run = i;
    while (true) {
      skip_plain_string_bytes();
      if (i >= s.size()) return fail("unterminated string"), false;
      char c = s[i];
      if (c == '"') {
        o.append(s.data() + run, i - run);
        ++i;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string"), false;
      if (c != '\\') {
        ++i;
        continue;
      }
      o.append(s.data() + run, i - run);
      ++i;
      if (i >= s.size()) return fail("unterminated string"), false;
      char e = s[i++];
      switch (e) {
        case '"': o += '"'; break;
        case '\\': o += '\\'; break;
        case '/': o += '/'; break;
        case 'b': o += '\b'; break;
        case 'f': o += '\f'; break;
        case 'n': o += '\n'; break;
        case 'r': o += '\r'; break;
        case 't': o += '\t'; break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return fail("bad \\u escape"), false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            size_t save = i;
            i += 2;
            uint32_t lo;
            if (hex4(lo) && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              i = save;
            }
          }
          if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // lone surrogate
          append_utf8(o, cp);
          break;
        }
        default: return fail(std::string("bad escape \\") + e), false;
      }
      run = i;
    }
  }

  bool parse_number(Node& n) {
    size_t start = i;
    SourcePos p = here();
    if (s[i] == '-') ++i;
    if (i < s.size() && s[i] == '0') {
      ++i;
    } else if (i < s.size() && s[i] >= '1' && s[i] <= '9') {
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    } else {
      return fail("invalid number"), false;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return fail("invalid number"), false;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return fail("invalid number"), false;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    n.kind = NodeKind::Number;
    n.pos = p;
    n.text.assign(s.data() + start, i - start);
    return true;
  }

  bool literal(std::string_view word) {
    if (s.substr(i, word.size()) != word) return fail("unexpected character"), false;
    i += word.size();
    return true;
  }

  bool parse_value(Node& n) {
    skip_ws();
    if (i >= s.size()) return fail("unexpected end of input"), false;
    SourcePos p = here();
    char c = s[i];
    switch (c) {
      case '{': return parse_object(n);
      case '[': return parse_array(n);
      // `n` is a fresh Node: its fields are set in place rather than assigned a new Node.
      case '"':
        n.kind = NodeKind::String;
        n.pos = p;
        return parse_string(n.text);
      case 't':
        n.kind = NodeKind::Bool;
        n.boolean = true;
        n.pos = p;
        return literal("true");
      case 'f':
        n.kind = NodeKind::Bool;
        n.pos = p;
        return literal("false");
      case 'n':
        n.pos = p;
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(n);
        return fail(std::string("unexpected character '") + c + "'"), false;
    }
  }

  bool enter() {
    if (++depth > limits.max_depth) {
      fail("nesting deeper than " + std::to_string(limits.max_depth) + " levels");
      return false;
    }
    return true;
  }

  bool parse_object(Node& n) {
    n.kind = NodeKind::Object;
    n.pos = here();
    if (!enter()) return false;
    ++i;
    skip_ws();
    if (i < s.size() && s[i] == '}') {
      ++i;
      --depth;
      return true;
    }
    Level& lv = level();
    std::vector<Member>& members = lv.members;
    while (true) {
      skip_ws();
      if (i >= s.size() || s[i] != '"') return fail("expected a quoted key"), false;
      members.emplace_back();
      Member& m = members.back();
      m.key_pos = here();
      if (!parse_string(m.key)) return false;
      skip_ws();
      if (i >= s.size() || s[i] != ':') return fail("expected ':' after key"), false;
      ++i;
      path.push_back({&m.key, 0});
      if (!parse_value(m.value)) return false;
      // Duplicate names are legal JSON but ambiguous: readers differ on which one wins.
      size_t k = members.size() - 1;
      size_t first = k;
      if (k < kLinearKeyScan) {
        for (size_t e = 0; e < k && first == k; ++e)
          if (members[e].key == m.key) first = e;
      } else {
        if (lv.keys.used == 0)
          for (size_t e = 0; e < k; ++e) lv.keys.find_or_add(members, e);
        first = lv.keys.find_or_add(members, k);
      }
      if (first != k) {
        std::string where = pointer();
        out.push_back({Severity::Error, "duplicate-key",
                       "duplicate key '" + m.key + "' (the last one is used)",
                       {file, where, m.key_pos}, {{file, where, members[first].key_pos}}});
        members[first].value = std::move(m.value);
        members.pop_back();
      }
      path.pop_back();
      skip_ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        n.members.assign(std::make_move_iterator(members.begin()), std::make_move_iterator(members.end()));
        members.clear();
        lv.keys.clear();
        --depth;
        return true;
      }
      return fail("expected ',' or '}'"), false;
    }
  }

  bool parse_array(Node& n) {
    n.kind = NodeKind::Array;
    n.pos = here();
    if (!enter()) return false;
    ++i;
    skip_ws();
    if (i < s.size() && s[i] == ']') {
      ++i;
      --depth;
      return true;
    }
    std::vector<Node>& items = level().items;
    while (true) {
      path.push_back({nullptr, items.size()});
      items.emplace_back();
      if (!parse_value(items.back())) return false;
      path.pop_back();
      skip_ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == ']') {
        ++i;
        n.items.assign(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
        items.clear();
        --depth;
        return true;
      }
      return fail("expected ',' or ']'"), false;
    }
  }
};

}  // namespace

bool parse_json(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits) {
  JsonParser p(text, file, out, limits);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") p.i = p.line_start = 3;  // UTF-8 byte order mark
  Node n;
  if (!p.parse_value(n)) {
    root = Node();
    return false;
  }
  p.skip_ws();
  if (p.i != text.size()) {
    p.fail("unexpected text after the JSON value");
    root = Node();
    return false;
  }
  root = std::move(n);
  return true;
}

}  // namespace apiref
