// The one policy for reading an OpenAPI / JSON Schema `pattern` (an ECMA-262 regular expression,
// unanchored) with std::regex, and a cache of compiled patterns that the caller owns (one per
// run: a long `serve` session does not keep every pattern it ever saw).
//
// The policy: patterns longer than kMaxPatternLength are not compiled and subjects longer than
// kMaxSubjectLength are not matched (libstdc++'s executor recurses per character and could
// exhaust the stack); '{' and '}' that do not form a quantifier are literals, as ECMAScript's
// Annex B reads them; a pattern is run only with libstdc++'s polynomial-time executor, so
// "^(a+)+$" against "aaa…!" cannot hang; what cannot be run that way (back-references, other
// standard libraries) is compiled only to judge whether it is valid.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <unordered_map>

namespace apiref::text {

inline constexpr size_t kMaxPatternLength = 512;
inline constexpr size_t kMaxSubjectLength = 1024;

// `pattern` with each '{' or '}' that does not form a quantifier escaped, so that a valid
// ECMAScript pattern such as "^{x}[0-9]{2}$" compiles with std::regex.
std::string annex_b_braces(const std::string& pattern);

// True when `pattern` uses what std::regex does not implement and would misjudge (lookbehind and
// named groups, "(?<"; Unicode property escapes, \p{...} and \P{...}) or is longer than
// kMaxPatternLength: such a pattern is neither valid nor invalid to us.
bool beyond_std_regex(const std::string& pattern);

struct CompiledPattern {
  bool ok = false;         // the pattern is a valid regular expression
  bool matchable = false;  // and `re` can run in polynomial time
  std::regex re;
};

CompiledPattern compile_pattern(const std::string& pattern);

// True when `subject` matches `compiled` (search semantics). A pattern that did not compile or
// cannot be run safely, or a subject too long to match safely, counts as a match: never a false
// finding.
bool pattern_matches(const CompiledPattern& compiled, const std::string& subject);

// Compiled patterns by their text, at most `capacity` of them (when full it starts again: the
// patterns of one description are few and repeat). Thread-safe.
class PatternCache {
 public:
  explicit PatternCache(size_t capacity = 4096) : capacity_(capacity) {}
  PatternCache(const PatternCache&) = delete;
  PatternCache& operator=(const PatternCache&) = delete;

  std::shared_ptr<const CompiledPattern> get(const std::string& pattern);
  // compile_pattern(pattern).ok, cached.
  bool compiles(const std::string& pattern) { return get(pattern)->ok; }
  // pattern_matches(compile_pattern(pattern), subject), cached.
  bool matches(const std::string& pattern, const std::string& subject);
  size_t size() const;

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CompiledPattern>> compiled_;
};

}  // namespace apiref::text
