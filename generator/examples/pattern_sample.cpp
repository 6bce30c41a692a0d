#include "examples/pattern_sample.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace apiref {
namespace {

// The pattern is parsed into a small tree once; samples are then generated from it with a
// growing repetition budget until one is long enough.
struct RegexNode {
  enum Kind { Literal, Class, Group, Assertion, Empty } kind = Empty;
  std::string text;                        // Literal (one character, or one UTF-8 sequence)
  char assertion = 0;                      // Assertion: '^', '$', 'b' (\b) or 'B' (\B)
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

  static bool is_hex(std::string_view s) {
    for (char c : s)
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
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
        if (i + 2 > p.size() || !is_hex(p.substr(i, 2))) return 0;  // "\xZ" is not an escape
        std::string hex(p.substr(i, 2));
        i += 2;
        unsigned long v = std::strtoul(hex.c_str(), nullptr, 16);
        return v > 0 && v < 128 ? static_cast<char>(v) : 0;
      }
      case 'u': {
        if (i + 4 > p.size() || !is_hex(p.substr(i, 4))) return 0;
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
      case '^': case '$': n.kind = RegexNode::Assertion; n.assertion = c; return true;
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
        if (e == 'b' || e == 'B') { n.kind = RegexNode::Assertion; n.assertion = e; return true; }
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
    // In ECMAScript `[]` accepts nothing and `[^]` anything; a first ']' is not a literal.
    if (!done() && p[i] == ']') { ok = false; return false; }
    while (!done() && p[i] != ']') {
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
    if (i == start) return false;
    // A count like {1000000} is a quantifier all the same: no sample, never a literal "{".
    if (i - start > 6) { ok = false; return false; }
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
      if (!number(lo)) {
        if (ok) i = save;  // a literal '{'
        return;
      }
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

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct Generator {
  size_t extra;     // repetitions beyond the minimum each open-ended quantifier may use
  size_t& steps;    // work left for this pattern, shared by every attempt: repeating an empty
                    // group ((a{0}){999999}){999999} adds nothing to the output, but costs
  size_t budget = 4096;  // output cap: nested repetitions cannot blow up
  std::vector<std::pair<size_t, char>> assertions;  // where each ^ $ \b \B was met

  bool sequence(const std::vector<RegexNode>& seq, std::string& out) {
    for (const RegexNode& n : seq) {
      size_t reps = n.min;
      if (n.max > n.min) reps = n.max == kUnbounded ? n.min + extra : std::min(n.max, n.min + extra);
      for (size_t r = 0; r < reps; ++r) {
        if (out.size() > budget || steps == 0) return false;
        --steps;
        if (!one(n, out)) return false;
      }
    }
    return true;
  }

  // The sample is one path through the pattern: it matches when every assertion on that path
  // holds where it was met, which is checked once the sample is complete.
  bool assertions_hold(const std::string& out) const {
    for (auto [at, a] : assertions) {
      bool before = at > 0 && is_word(out[at - 1]), after = at < out.size() && is_word(out[at]);
      if ((a == '^' && at != 0) || (a == '$' && at != out.size()) || (a == 'b' && before == after) ||
          (a == 'B' && before != after))
        return false;
    }
    return true;
  }

  bool one(const RegexNode& n, std::string& out) {
    switch (n.kind) {
      case RegexNode::Empty: return true;
      case RegexNode::Assertion:
        if (n.assertion == '^' && !out.empty()) return false;
        if (assertions.size() < budget) assertions.push_back({out.size(), n.assertion});
        return true;
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

}  // namespace

namespace {

std::optional<std::string> make_sample(const std::string& pattern, size_t min_length, size_t max_length) {
  if (pattern.size() > 2000) return std::nullopt;
  Parser parser{pattern};
  std::vector<std::vector<RegexNode>> top = parser.alternation();
  if (!parser.ok || !parser.done()) return std::nullopt;

  // The sample is right by construction: no regex engine checks it here. A backtracking
  // engine (std::regex is one) takes exponential time on patterns such as ^(a+)+\bc$, which
  // a description may hold; the unit tests check samples against std::regex instead.
  size_t steps = 200000;
  for (const std::vector<RegexNode>& alternative : top) {
    for (size_t extra = 0; extra <= 64; extra = extra < 16 ? extra + 1 : extra * 2) {
      Generator gen{extra, steps, 4096, {}};
      std::string out;
      if (!gen.sequence(alternative, out)) break;
      if (out.size() > max_length) break;  // more repetitions only make it longer
      if (out.size() < min_length || !gen.assertions_hold(out)) continue;
      return out;
    }
    if (steps == 0) break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> pattern_sample(const std::string& pattern, size_t min_length, size_t max_length) {
  return make_sample(pattern, min_length, max_length);
}

std::optional<std::string> PatternSamples::sample(const std::string& pattern, size_t min_length, size_t max_length) {
  Key key{pattern, min_length, max_length};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = samples_.find(key);
    if (found != samples_.end()) return found->second;
  }
  std::optional<std::string> sample = make_sample(pattern, min_length, max_length);
  std::lock_guard<std::mutex> lock(mutex_);
  if (samples_.size() < 100000) samples_.emplace(std::move(key), sample);  // bounded: hostile input
  return sample;
}

bool PatternSamples::pattern_accepts(text::PatternCache& cache, const std::string& pattern, const std::string& value) {
  std::shared_ptr<const text::CompiledPattern> compiled = cache.get(pattern);
  return compiled->ok && compiled->matchable && text::pattern_matches(*compiled, value);
}

size_t PatternSamples::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return samples_.size();
}

}  // namespace apiref
