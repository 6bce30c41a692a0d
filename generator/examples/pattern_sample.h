// A short string that a JSON Schema `pattern` (an ECMAScript regular expression, unanchored)
// accepts, for generated examples: a request whose body says "string" where the schema asks
// for ^[a-z0-9-]+$ is rejected by any server that validates.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "text/regex.h"

namespace apiref {

// A sample matching `pattern` whose length lies within [min_length, max_length], or nothing
// when the pattern uses syntax this generator does not understand or no sample was found.
// A sample is one path through the pattern, with its anchors and word boundaries checked
// where they fall; the work per pattern is bounded, whatever its quantifiers (the pattern
// comes from the description).
std::optional<std::string> pattern_sample(const std::string& pattern, size_t min_length, size_t max_length);

// pattern_sample's answers, remembered: the same few patterns come back on every page that shows
// the schema (Meshery's UUID and semantic-version patterns thousands of times). One per run (a
// site render), shared by its workers, so a long `serve` session does not keep every pattern it
// ever saw. The answer depends only on the arguments, so sharing cannot change any page.
class PatternSamples {
 public:
  PatternSamples() = default;
  PatternSamples(const PatternSamples&) = delete;
  PatternSamples& operator=(const PatternSamples&) = delete;

  std::optional<std::string> sample(const std::string& pattern, size_t min_length, size_t max_length);
  size_t size() const;
  // True when `value` matches `pattern` as the regex engine reads it (text/regex.h); false when
  // the pattern cannot be compiled or run safely.
  bool accepts(const std::string& pattern, const std::string& value) { return pattern_accepts(regexes_, pattern, value); }
  static bool pattern_accepts(text::PatternCache& cache, const std::string& pattern, const std::string& value);

 private:
  using Key = std::tuple<std::string, size_t, size_t>;
  mutable std::mutex mutex_;
  std::map<Key, std::optional<std::string>> samples_;
  text::PatternCache regexes_{1024};
};

}  // namespace apiref
