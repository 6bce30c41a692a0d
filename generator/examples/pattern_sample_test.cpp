// Samples for `pattern`: every sample must match the pattern (checked here with std::regex,
// as a server or a mock like Prism would) and respect the length bounds.
#include <doctest/doctest.h>

#include <chrono>
#include <regex>
#include <string>

#include "examples/pattern_sample.h"

using apiref::pattern_sample;

namespace {
void check_matches(const std::string& pattern, size_t min = 0, size_t max = 256) {
  CAPTURE(pattern);
  std::optional<std::string> s = pattern_sample(pattern, min, max);
  REQUIRE(s.has_value());
  CAPTURE(*s);
  CHECK(std::regex_search(*s, std::regex(pattern, std::regex::ECMAScript)));
  CHECK(s->size() >= min);
  CHECK(s->size() <= max);
}
}  // namespace

TEST_CASE("pattern samples match the patterns found in the Meshery and GitHub descriptions") {
  // The most frequent patterns of both corpora, copied as they are written there.
  for (const char* p : {
           R"(^[a-z0-9]+.[0-9]+.[0-9]+(-[0-9A-Za-z-]+(.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$)",
           R"(^[a-zA-Z_][a-zA-Z0-9_-]*[a-zA-Z0-9_]$)",
           R"(^([a-z][a-z0-9.-]*\/)?v(alpha|beta|[0-9]+(alpha[0-9]*|beta[0-9]*|rc[0-9]*)?)([.-][a-z0-9]+)*$)",
           R"(^[a-z0-9-]+$)",
           R"(^[a-zA-Z0-9 ]+$)",
           R"(^(https?|http?|oci)://)",
           R"(^([a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-z]{2,}|@[a-zA-Z0-9.-]+\.[a-z]{2,})$)",
           R"(^[0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h)([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))*$)",
           R"(^([A-Za-z0-9.-]+|\[[A-Fa-f0-9:.]+\]):[0-9]{1,5}$)",
           R"(^[A-Za-z0-9_\-]+$)",
           R"(^https:\/\/artifacthub\.io\/packages\/(search\?ts_query_web=[\w.-]+|[\w.-]+\/[\w.-]+\/[\w.-]+)$)",
           R"(^git://github\.com/[\w.-]+/[\w.-]+(/[\w.-]+/[\w/-]+)?$)",
           R"(^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$)",
           R"(^sha256:[a-f0-9]{64}$)",
           R"(prefix_[a-zA-Z0-9]{32})",
           R"(^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) )",
           R"(^refs/(heads|tags|pull)/.*$)",
           R"(^\d+\.\d+\.\d+$)",
           R"(^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$)",
           R"(^[^\s/]+$)",
           R"(^\S+$)",
       })
    check_matches(p);
}

TEST_CASE("pattern samples honour minLength and maxLength") {
  check_matches("^[a-z0-9-]+$", 8, 20);
  check_matches("^[a-z]{2,10}$", 5, 10);
  check_matches("^x*$", 3, 3);
  // Impossible together: no sample rather than a wrong one.
  CHECK_FALSE(pattern_sample("^[a-z]{2}$", 5, 10).has_value());
  CHECK_FALSE(pattern_sample("^[a-z]{20}$", 0, 10).has_value());
}

TEST_CASE("patterns the generator does not model give no sample instead of a wrong one") {
  for (std::string p : {"^(?=.*[A-Z]).+$", "^\\p{L}+$", "(a)\\1", "[", "(abc", "a{2,1}", "\\"}) {
    CAPTURE(p);
    CHECK_FALSE(pattern_sample(p, 0, 256).has_value());
  }
}

TEST_CASE("hostile patterns stay bounded") {
  // Nested open repetitions and huge counts: the output cap stops the generator.
  std::string nested(200, '(');
  nested += "a*";
  nested += std::string(200, ')');
  nested += "+";
  (void)pattern_sample(nested, 0, 256);  // must return, whatever it returns
  CHECK_FALSE(pattern_sample("^a{999999}$", 0, 256).has_value());
  CHECK_FALSE(pattern_sample(std::string(5000, 'a'), 0, 256).has_value());
  std::optional<std::string> s = pattern_sample("^(a+)+$", 0, 256);
  REQUIRE(s.has_value());
  CHECK(*s == "a");
}

TEST_CASE("patterns that make a backtracking engine or nested repetitions hang finish quickly") {
  // Found reading the sampler: std::regex checked each sample, and takes exponential time on
  // nested quantifiers when the match fails late (^(a+)+\bc$ against forty a's and a c), and
  // repeating an empty group 999999^3 times added nothing to the output but took as long.
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(pattern_sample("^(a+)+\\bc$", 40, 256).has_value());  // \b between a and c never holds
  CHECK_FALSE(pattern_sample("^a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*\\bb", 30, 256).has_value());
  CHECK_FALSE(pattern_sample("(((a{0}){999999}){999999}){999999}x", 0, 256).has_value());
  // {1000000} is a quantifier in ECMAScript, not literal text: no sample, never "a{1000000}".
  CHECK_FALSE(pattern_sample("^(a|b){1000000}$", 0, 256).has_value());
  std::string alternatives;  // a thousand top-level alternatives, each too short
  for (int i = 0; i < 1000; ++i) alternatives += (i ? "|" : "") + std::string("(x{0}){99999}y");
  CHECK_FALSE(pattern_sample(alternatives, 5, 256).has_value());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 30);  // generous: the sanitizer build is many times slower
}

TEST_CASE("anchors and word boundaries are checked where the sample meets them") {
  // No regex engine checks samples any more: the generator must get assertions right itself.
  check_matches("^(a?)\\b", 1);         // "" fails the \b, "a" holds it
  check_matches("\\bword\\b");
  check_matches("(x|y)$");
  check_matches("^abc$|^def$");
  check_matches("a\\Bb");
  CHECK_FALSE(pattern_sample("a$b", 0, 256).has_value());
  CHECK_FALSE(pattern_sample("a^b", 0, 256).has_value());
  CHECK_FALSE(pattern_sample("a\\bb", 0, 256).has_value());
  CHECK_FALSE(pattern_sample("a\\B b", 0, 256).has_value());  // a then a space: a boundary
  // Where this parser and ECMAScript would read the pattern differently: no sample.
  for (std::string p : {"[]a", "[^]a", "\\xZZ", "\\u12G4"}) {
    CAPTURE(p);
    CHECK_FALSE(pattern_sample(p, 0, 256).has_value());
  }
}
