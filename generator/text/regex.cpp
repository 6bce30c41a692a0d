#include "text/regex.h"

#include <cctype>

namespace apiref::text {

namespace {

// libstdc++'s breadth-first executor runs in time polynomial in the subject. Patterns it cannot
// take (back-references) and other standard libraries are compiled only to judge validity.
#if defined(__GLIBCXX__)
constexpr auto kPolynomial = std::regex_constants::__polynomial;
#endif

}  // namespace

std::string annex_b_braces(const std::string& p) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    if (!in_class && c == '{') {
      size_t j = i + 1;
      while (j < p.size() && isdigit(static_cast<unsigned char>(p[j]))) ++j;
      bool digits = j > i + 1;
      if (digits && j < p.size() && p[j] == ',') {
        ++j;
        while (j < p.size() && isdigit(static_cast<unsigned char>(p[j]))) ++j;
      }
      if (digits && j < p.size() && p[j] == '}') {
        out.append(p, i, j - i + 1);
        i = j;
        continue;
      }
      out += "\\{";
      continue;
    }
    if (!in_class && c == '}') {
      out += "\\}";
      continue;
    }
    out += c;
  }
  return out;
}

bool beyond_std_regex(const std::string& p) {
  return p.find("(?<") != std::string::npos || p.find("\\p{") != std::string::npos ||
         p.find("\\P{") != std::string::npos || p.size() > kMaxPatternLength;
}

CompiledPattern compile_pattern(const std::string& pattern) {
  CompiledPattern c;
  if (pattern.size() > kMaxPatternLength) return c;
  std::string p = annex_b_braces(pattern);
#if defined(__GLIBCXX__)
  try {
    c.re = std::regex(p, std::regex::ECMAScript | kPolynomial);
    c.ok = c.matchable = true;
  } catch (const std::regex_error&) {
  }
#endif
  if (!c.ok) {
    try {
      std::regex probe(p, std::regex::ECMAScript);
      c.ok = true;
    } catch (const std::regex_error&) {
      c.ok = false;
    }
  }
  return c;
}

bool pattern_matches(const CompiledPattern& c, const std::string& s) {
  if (s.size() > kMaxSubjectLength) return true;
  if (!c.matchable) return true;
  try {
    return std::regex_search(s, c.re);
  } catch (const std::regex_error&) {
    return true;  // error_complexity / error_stack: not judged
  }
}

std::shared_ptr<const CompiledPattern> PatternCache::get(const std::string& pattern) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = compiled_.find(pattern);
  if (it != compiled_.end()) return it->second;
  auto c = std::make_shared<const CompiledPattern>(compile_pattern(pattern));
  if (compiled_.size() >= capacity_) compiled_.clear();  // holders keep their entries alive
  if (capacity_ > 0) compiled_.emplace(pattern, c);
  return c;
}

bool PatternCache::matches(const std::string& pattern, const std::string& subject) {
  if (subject.size() > kMaxSubjectLength) return true;  // before compiling, as the check did
  return pattern_matches(*get(pattern), subject);
}

size_t PatternCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return compiled_.size();
}

}  // namespace apiref::text
