// A strict RFC 8259 parser into the Node tree, tracking line and column.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "load/load.h"
#include "text/utf8.h"
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

// Where a large document is cut in two for two threads (see parse_json): a helper finds a
// member's key past the middle while the first parser runs, and says so before that parser
// gets there (it waits, past a quarter of the text, until it knows).
struct Split {
  static constexpr size_t kUnknown = SIZE_MAX, kNone = SIZE_MAX - 1;
  size_t wait_from = 0;  // the first parser does not go past this without knowing `at`
  std::mutex mutex;
  std::condition_variable known;
  std::atomic<size_t> at{kUnknown};  // the key's offset, or kNone: no split, parse it all

  void publish(size_t where) {
    std::lock_guard<std::mutex> lock(mutex);
    at.store(where);
    known.notify_all();
  }
  size_t wait() {
    std::unique_lock<std::mutex> lock(mutex);
    known.wait(lock, [&] { return at.load() != kUnknown; });
    return at.load();
  }
};

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
  // Split parsing (see parse_json): the parser of the first part stops at a member's key at
  // `split->at`, leaving every container open there as parsed so far (`stopped`).
  struct Split* split = nullptr;
  bool stopped = false;

  JsonParser(std::string_view text, const std::string& f, Diagnostics& o, const ParseLimits& l)
      : s(text), file(f), out(o), limits(l) {}

  SourcePos here() const { return {line, static_cast<uint32_t>(i - line_start + 1)}; }

  // At a member's key: is this where the first part ends?
  bool at_split() {
    size_t at = split->at.load(std::memory_order_acquire);
    if (at == Split::kUnknown) {
      if (i < split->wait_from) return false;
      at = split->wait();
    }
    if (at == Split::kNone || i < at) return false;
    if (i > at) return fail("internal: parsed past the split point"), false;  // cannot happen
    stopped = true;
    return true;
  }

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
          text::append_utf8(o, cp);
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
    return object_members(n);
  }

  // Keeps what an open container holds so far, when the parse stops at the split.
  template <class T>
  static bool keep_open(std::vector<T>& into, std::vector<T>& so_far) {
    into.assign(std::make_move_iterator(so_far.begin()), std::make_move_iterator(so_far.end()));
    so_far.clear();
    return true;
  }

  // An object's members, from a key to the closing '}' (consumed), into `n`.
  bool object_members(Node& n) {
    Level& lv = level();
    std::vector<Member>& members = lv.members;
    while (true) {
      skip_ws();
      if (split && at_split()) {
        lv.keys.clear();
        return keep_open(n.members, members);
      }
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
      if (stopped) {
        lv.keys.clear();
        return keep_open(n.members, members);
      }
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
    return array_items(n);
  }

  // An array's items, from a value to the closing ']' (consumed), into `n`.
  bool array_items(Node& n) {
    std::vector<Node>& items = level().items;
    while (true) {
      path.push_back({nullptr, items.size()});
      items.emplace_back();
      if (!parse_value(items.back())) return false;
      path.pop_back();
      if (stopped) return keep_open(n.items, items);
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

// Where to split `text` (a JSON object): the key of an object member that follows a ',' at
// or past `from`, found by a scan that knows strings and nesting but checks nothing else (the
// parsers do). Returns its offset, with the kinds ('{' or '[') of the containers open there,
// outermost first, and the line it is on and where that line starts; or npos (no such key,
// or text the scan does not understand). ~3x faster than parsing the same bytes.
size_t find_split(std::string_view s, size_t from, std::vector<char>& open, uint32_t& line, size_t& line_start) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto load8 = [&](size_t at) {
    uint64_t v;
    std::memcpy(&v, s.data() + at, 8);
    return v;
  };
  bool after_comma = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\n':
        ++line;
        line_start = i + 1;
        continue;
      case ' ':
        while (i + 9 <= s.size() && load8(i + 1) == 0x20 * kOnes) i += 8;  // indentation
        continue;
      case '\r': case '\t': continue;
      case '"':
        if (after_comma && i >= from && !open.empty() && open.back() == '{') return i;
        for (++i; i < s.size(); ++i) {
          // 8 bytes at a time while none is '"' or '\\' (JSON strings hold no raw newline).
          while (i + 8 <= s.size()) {
            uint64_t v = load8(i), q = v ^ (0x22 * kOnes), b = v ^ (0x5C * kOnes);
            if ((((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHighs) break;
            i += 8;
          }
          if (i >= s.size() || s[i] == '"') break;
          if (s[i] == '\\') ++i;
        }
        if (i >= s.size()) return std::string_view::npos;
        break;
      case '{': case '[': open.push_back(c); break;
      case '}': case ']':
        if (open.empty() || open.back() != (c == '}' ? '{' : '[')) return std::string_view::npos;
        open.pop_back();
        break;
      case ',': after_comma = true; continue;
      default: break;
    }
    after_comma = false;
  }
  return std::string_view::npos;
}

// The rest of a document after its split: every container open at the split goes on from there
// to its closing bracket, and the root to the end of the text. rest[k] gets the members or
// items that follow, for the container k levels above the innermost one.
bool parse_rest(JsonParser& p, const std::vector<char>& open, std::vector<Node>& rest) {
  rest.assign(open.size(), Node());
  p.depth = open.size();
  for (size_t k = 0; k < open.size(); ++k) {
    char kind = open[open.size() - 1 - k];
    Node& into = rest[k];
    into.kind = kind == '{' ? NodeKind::Object : NodeKind::Array;
    if (k > 0) {  // just past a container that closed: more of this one, or its end
      p.skip_ws();
      if (p.i < p.s.size() && p.s[p.i] == (kind == '{' ? '}' : ']')) {
        ++p.i;
        --p.depth;
        continue;
      }
      if (p.i >= p.s.size() || p.s[p.i] != ',') return false;
      ++p.i;
      p.skip_ws();
    }
    if (!(kind == '{' ? p.object_members(into) : p.array_items(into))) return false;
  }
  p.skip_ws();
  return p.i == p.s.size();
}

// Appends the rest to the first part: down the path of last members and items, which is the
// path of the containers left open at the split. False when an object would then hold a key
// twice (the serial parse says so, with both positions).
bool join_rest(Node& first, std::vector<Node>& rest) {
  std::vector<Node*> path{&first};
  while (path.size() < rest.size()) {
    Node* n = path.back();
    if (n->is_object() && !n->members.empty()) path.push_back(&n->members.back().value);
    else if (n->is_array() && !n->items.empty()) path.push_back(&n->items.back());
    else return false;
  }
  for (size_t k = 0; k < rest.size(); ++k) {
    Node& into = *path[path.size() - 1 - k];
    Node& more = rest[k];
    if (into.kind != more.kind) return false;
    if (into.is_array()) {
      into.items.insert(into.items.end(), std::make_move_iterator(more.items.begin()), std::make_move_iterator(more.items.end()));
      continue;
    }
    std::unordered_set<std::string_view> keys;
    for (const Member& m : into.members) keys.insert(m.key);
    for (const Member& m : more.members)
      if (!keys.insert(m.key).second) return false;
    into.members.insert(into.members.end(), std::make_move_iterator(more.members.begin()), std::make_move_iterator(more.members.end()));
  }
  return true;
}

// Two threads: this one parses up to a member's key past the middle, a helper finds that key
// (a quick scan) and parses from there to the end, and the two trees are joined. Anything but
// a clean result (an error, a finding, a key on both sides) returns false, and the caller
// parses the whole text alone, for the exact messages.
bool parse_json_split(std::string_view text, const std::string& file, Node& root, const ParseLimits& limits, size_t start) {
  // The helper scans to the split before it parses, so the split is past the middle: on
  // GitHub's description both threads then finish at about the same time.
  size_t target = start + (text.size() - start) * 7 / 12;
  Split split;
  split.wait_from = start + (target - start) / 2;
  std::vector<Node> rest;
  bool rest_ok = false;
  std::thread helper([&] {
    std::vector<char> open;
    uint32_t line = 1;
    size_t line_start = 0;  // in text.substr(start), as `at`
    size_t at = find_split(text.substr(start), target - start, open, line, line_start);
    if (at == std::string_view::npos || open.empty() || open.size() > limits.max_depth) {
      split.publish(Split::kNone);
      return;
    }
    at += start;
    line_start += start;
    split.publish(at);
    Diagnostics found;
    JsonParser p(text, file, found, limits);
    p.i = at;
    p.line = line;
    p.line_start = line_start;
    rest_ok = parse_rest(p, open, rest) && found.empty() && !p.failed;
  });
  Diagnostics found;
  JsonParser p(text, file, found, limits);
  p.i = p.line_start = start;
  p.split = &split;
  Node first;
  bool first_ok = p.parse_value(first) && found.empty();
  helper.join();
  size_t at = split.at.load();
  if (first_ok && at == Split::kNone) {  // no split: the first parser read it all
    p.skip_ws();
    if (p.i != text.size()) return false;
    root = std::move(first);
    return true;
  }
  if (!first_ok || !p.stopped || !rest_ok || !join_rest(first, rest)) return false;
  root = std::move(first);
  return true;
}

}  // namespace

bool parse_json(std::string_view text, const std::string& file, Node& root, Diagnostics& out,
                const ParseLimits& limits) {
  size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // UTF-8 byte order mark
  size_t first = text.find_first_not_of(" \t\r\n", start);
  if (text.size() >= limits.split_json_from && first != std::string_view::npos && text[first] == '{' &&
      std::thread::hardware_concurrency() > 1 && parse_json_split(text, file, root, limits, start))
    return true;
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
