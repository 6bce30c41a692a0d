#include "render/pattern_sample.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>
#include <tuple>
#include <string_view>
#include <vector>

namespace apiref {
namespace {

// The pattern is parsed into a small tree once; samples are then generated from it with a
// growing repetition budget until one is long enough.
struct RegexNode {
  enum Kind { Literal, Class, Group, Empty } kind = Empty;
  std::string text;                        // Literal (one character, or one UTF-8 sequence)
  std::vector<std::pair<char, char>> ranges;  // Class: accepted ranges (already resolved)
  bool negated = false;                    // Class
  std::vector<std::vector<RegexNode>> alternatives;  // Group: alternatives of sequences
  size_t min = 1, max = 1;                 // repetition
};

constexpr size_t kUnbounded = static_cast<size_t>(-1);

struct Parser {
  std::string_view p;
  size_t i = 0;
  bool ok = true;
  int depth = 0;

  bool done() const { return i >= p.size(); }

  // Adds the ranges of a class escape (\d, \w, \s); returns false for an unknown escape.
  static bool class_escape(char c, std::vector<std::pair<char, char>>& ranges, bool& negated) {
    switch (c) {
      case 'd': ranges.push_back({'0', '9'}); return true;
      case 'w': ranges.push_back({'a', 'z'}); ranges.push_back({'A', 'Z'}); ranges.push_back({'0', '9'}); ranges.push_back({'_', '_'}); return true;
      case 's': ranges.push_back({' ', ' '}); ranges.push_back({'\t', '\t'}); ranges.push_back({'\n', '\n'}); return true;
      case 'D': case 'W': case 'S':
        class_escape(static_cast<char>(c - 'A' + 'a'), ranges, negated);
        negated = !negated;
        return true;
      default: return false;
    }
  }

  // The character an escape outside \d\w\s stands for; 0 when not supported.
  char escaped_char(char c) {
    switch (c) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return '\0';
      case 'x': {
        if (i + 2 > p.size()) return 0;
        std::string hex(p.substr(i, 2));
        i += 2;
        unsigned long v = std::strtoul(hex.c_str(), nullptr, 16);
        return v > 0 && v < 128 ? static_cast<char>(v) : 0;
      }
      case 'u': {
        if (i + 4 > p.size()) return 0;
        std::string hex(p.substr(i, 4));
        i += 4;
        unsigned long v = std::strtoul(hex.c_str(), nullptr, 16);
        return v > 0 && v < 128 ? static_cast<char>(v) : 0;  // only ASCII: keep samples simple
      }
      default:
        // Letters and digits escaped mean something we do not model (\p{L}, \k<name>, \1).
        if (std::isalnum(static_cast<unsigned char>(c))) return 0;
        return c;
    }
  }

  std::vector<std::vector<RegexNode>> alternation() {
    std::vector<std::vector<RegexNode>> alts(1);
    if (++depth > 64) { ok = false; return alts; }
    while (!done() && ok && p[i] != ')') {
      if (p[i] == '|') { ++i; alts.emplace_back(); continue; }
      RegexNode atom_node;
      if (!atom(atom_node)) break;
      quantifier(atom_node);
      alts.back().push_back(std::move(atom_node));
    }
    --depth;
    return alts;
  }

  bool atom(RegexNode& n) {
    char c = p[i++];
    switch (c) {
      case '^': case '$': n.kind = RegexNode::Empty; return true;
      case '.': n.kind = RegexNode::Class; n.ranges = {{'a', 'z'}}; return true;
      case '(': {
        if (i < p.size() && p[i] == '?') {
          if (i + 1 < p.size() && p[i + 1] == ':') i += 2;
          else if (i + 2 < p.size() && p[i + 1] == '<' && p[i + 2] != '=' && p[i + 2] != '!') {
            size_t close = p.find('>', i);
            if (close == std::string_view::npos) { ok = false; return false; }
            i = close + 1;  // a named group is a group
          } else { ok = false; return false; }  // lookaround: not modelled
        }
        n.kind = RegexNode::Group;
        n.alternatives = alternation();
        if (done() || p[i] != ')') { ok = false; return false; }
        ++i;
        return true;
      }
      case '[': return char_class(n);
      case '\\': {
        if (done()) { ok = false; return false; }
        char e = p[i++];
        if (e == 'b' || e == 'B') { n.kind = RegexNode::Empty; return true; }
        n.kind = RegexNode::Class;
        if (class_escape(e, n.ranges, n.negated)) return true;
        n.kind = RegexNode::Literal;
        char lit = escaped_char(e);
        if (!lit) { ok = false; return false; }
        n.text = std::string(1, lit);
        return true;
      }
      case '*': case '+': case '?': case '{': case ')': case '|':
        if (c == '{') { n.kind = RegexNode::Literal; n.text = "{"; return true; }
        ok = false;
        return false;
      default:
        n.kind = RegexNode::Literal;
        n.text = std::string(1, c);
        // A UTF-8 sequence (the µ of "µs") is one character: a quantifier repeats all of it.
        if (static_cast<unsigned char>(c) >= 0xC0)
          while (!done() && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) n.text += p[i++];
        else if (static_cast<unsigned char>(c) >= 0x80) { ok = false; return false; }
        return true;
    }
  }

  bool char_class(RegexNode& n) {
    n.kind = RegexNode::Class;
    if (!done() && p[i] == '^') { n.negated = true; ++i; }
    bool first = true;
    while (!done() && (p[i] != ']' || first)) {
      first = false;
      char lo = p[i++];
      if (lo == '\\') {
        if (done()) break;
        char e = p[i++];
        bool neg = false;
        std::vector<std::pair<char, char>> sub;
        if (class_escape(e, sub, neg)) {
          if (neg) { ok = false; return false; }  // [\D] etc.: not modelled
          n.ranges.insert(n.ranges.end(), sub.begin(), sub.end());
          continue;
        }
        lo = e == 'b' ? '\b' : escaped_char(e);
        if (!lo) { ok = false; return false; }
      } else if (static_cast<unsigned char>(lo) >= 128) {
        ok = false;
        return false;
      }
      char hi = lo;
      if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
        ++i;
        hi = p[i++];
        if (hi == '\\') {
          if (done()) break;
          hi = escaped_char(p[i++]);
          if (!hi) { ok = false; return false; }
        }
        if (static_cast<unsigned char>(hi) >= 128 || hi < lo) { ok = false; return false; }
      }
      n.ranges.push_back({lo, hi});
    }
    if (done()) { ok = false; return false; }
    ++i;  // ']'
    return true;
  }

  bool number(size_t& out) {
    size_t start = i;
    while (!done() && std::isdigit(static_cast<unsigned char>(p[i]))) ++i;
    if (i == start || i - start > 6) return false;
    out = std::stoul(std::string(p.substr(start, i - start)));
    return true;
  }

  void quantifier(RegexNode& n) {
    if (done()) return;
    char c = p[i];
    if (c == '*') { n.min = 0; n.max = kUnbounded; ++i; }
    else if (c == '+') { n.min = 1; n.max = kUnbounded; ++i; }
    else if (c == '?') { n.min = 0; n.max = 1; ++i; }
    else if (c == '{') {
      size_t save = i++;
      size_t lo = 0, hi = 0;
      if (!number(lo)) { i = save; return; }  // a literal '{'
      hi = lo;
      if (!done() && p[i] == ',') {
        ++i;
        hi = kUnbounded;
        if (!done() && p[i] != '}' && !number(hi)) { ok = false; return; }
      }
      if (done() || p[i] != '}' || hi < lo) { ok = false; return; }
      ++i;
      n.min = lo;
      n.max = hi;
    } else {
      return;
    }
    if (!done() && p[i] == '?') ++i;  // lazy: same language
  }
};

// The character a class contributes: a letter or digit when it has one, for readable samples.
char class_char(const RegexNode& n) {
  auto accepts = [&](char c) {
    bool in = false;
    for (auto [lo, hi] : n.ranges) in = in || (c >= lo && c <= hi);
    return in != n.negated;
  };
  for (char c : std::string_view("a0xA_-. ")) if (accepts(c)) return c;
  for (int c = 33; c < 127; ++c) if (accepts(static_cast<char>(c))) return static_cast<char>(c);
  return 0;
}

struct Generator {
  size_t extra;     // repetitions beyond the minimum each open-ended quantifier may use
  size_t budget = 4096;  // output cap: nested repetitions cannot blow up

  bool sequence(const std::vector<RegexNode>& seq, std::string& out) {
    for (const RegexNode& n : seq) {
      size_t reps = n.min;
      if (n.max > n.min) reps = n.max == kUnbounded ? n.min + extra : std::min(n.max, n.min + extra);
      for (size_t r = 0; r < reps; ++r) {
        if (out.size() > budget) return false;
        if (!one(n, out)) return false;
      }
    }
    return true;
  }

  bool one(const RegexNode& n, std::string& out) {
    switch (n.kind) {
      case RegexNode::Empty: return true;
      case RegexNode::Literal: out += n.text; return true;
      case RegexNode::Class: {
        char c = class_char(n);
        if (!c) return false;
        out += c;
        return true;
      }
      case RegexNode::Group:
        // The first alternative; the caller checks the whole sample against the pattern.
        return !n.alternatives.empty() && sequence(n.alternatives[0], out);
    }
    return false;
  }
};

std::optional<std::string> sample_uncached(const std::string& pattern, size_t min_length, size_t max_length) {
  if (pattern.size() > 2000) return std::nullopt;
  Parser parser{pattern};
  std::vector<std::vector<RegexNode>> top = parser.alternation();
  if (!parser.ok || !parser.done()) return std::nullopt;

  std::optional<std::regex> re;
  try {
    re.emplace(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    // std::regex lacks some ECMAScript syntax; the generator's own parse stands alone then.
  }
  for (const std::vector<RegexNode>& alternative : top) {
    for (size_t extra = 0; extra <= 64; extra = extra < 16 ? extra + 1 : extra * 2) {
      Generator gen{extra};
      std::string out;
      if (!gen.sequence(alternative, out)) break;
      if (out.size() > max_length) break;  // more repetitions only make it longer
      if (out.size() < min_length) continue;
      if (re) {
        bool match = false;
        try {
          match = std::regex_search(out, *re);
        } catch (const std::regex_error&) {
          match = false;  // complexity limit: do not trust the sample
        }
        if (!match) break;
      }
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> pattern_sample(const std::string& pattern, size_t min_length, size_t max_length) {
  // Schemas share their patterns (Meshery: every id has the same uuid pattern) and compiling
  // the std::regex that checks a sample is the expensive part: each (pattern, bounds) is
  // sampled once per process. The result is a pure function of the key; the memo is capped.
  static std::mutex mutex;
  static std::map<std::tuple<std::string, size_t, size_t>, std::optional<std::string>> memo;
  std::tuple<std::string, size_t, size_t> key{pattern, min_length, max_length};
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = memo.find(key);
    if (it != memo.end()) return it->second;
  }
  std::optional<std::string> sample = sample_uncached(pattern, min_length, max_length);
  std::lock_guard<std::mutex> lock(mutex);
  if (memo.size() >= 4096) memo.clear();
  memo.emplace(std::move(key), sample);
  return sample;
}

}  // namespace apiref
