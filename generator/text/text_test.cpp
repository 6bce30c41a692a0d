// The text stage: UTF-8, escaping, case folding, percent-encoding, file reading and the one
// policy for OpenAPI patterns under std::regex. Fast: no corpus, no subprocess.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "text/case.h"
#include "text/escape.h"
#include "text/file.h"
#include "text/percent.h"
#include "text/regex.h"
#include "text/utf8.h"

using namespace apiref::text;

namespace {

// The byte-range check the HTML sanitiser used before text/utf8 (NUL invalid too): the
// reference that valid_utf8(..., ReplaceNul) must agree with.
size_t reference_sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return len;
}

std::string reference_repair(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = reference_sequence_length(s, i);
    if (len == 0) {
      out += kReplacementCharacter;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("text: valid_utf8 keeps valid text and replaces each invalid byte") {
  CHECK(valid_utf8("plain ascii") == "plain ascii");
  CHECK(valid_utf8("µs \xE2\x82\xAC \xF0\x9F\x98\x80") == "µs \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(valid_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(valid_utf8("\xC0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong NUL
  CHECK(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(valid_utf8("\xF4\x90\x80\x80").size() == 12);                    // above U+10FFFF
  CHECK(valid_utf8("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // cut short
  std::string nul("a\0b", 3);
  CHECK(valid_utf8(nul) == nul);
  CHECK(valid_utf8(nul, Utf8Controls::ReplaceNul) == "a\xEF\xBF\xBD" "b");
  CHECK(valid_utf8("a\tb\nc\x01" "d\re", Utf8Controls::ReplaceExceptTabNewline) ==
        "a\tb\nc\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e");
}

TEST_CASE("text: valid_utf8 returns the input itself when it needs no repair") {
  std::string s = "nothing to repair: \xC3\xA9";
  std::string storage;
  std::string_view v = valid_utf8(s, storage);
  CHECK(v.data() == s.data());
  CHECK(storage.empty());
}

TEST_CASE("text: valid_utf8 with ReplaceNul agrees with the sanitiser's byte ranges") {
  std::vector<std::string> inputs;
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) inputs.push_back({static_cast<char>(a), static_cast<char>(b)});
  const unsigned char probes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
  for (int lead = 0xC0; lead < 256; ++lead)
    for (unsigned char b : probes)
      for (unsigned char c : probes)
        for (unsigned char d : probes)
          inputs.push_back({static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
  size_t mismatches = 0;
  for (const std::string& s : inputs)
    if (valid_utf8(s, Utf8Controls::ReplaceNul) != reference_repair(s)) ++mismatches;
  CHECK(mismatches == 0);
}

TEST_CASE("text: decode, append and count code points") {
  uint32_t cp = 0;
  CHECK(decode_utf8("\xE2\x82\xAC", 0, cp) == 3);
  CHECK(cp == 0x20AC);
  CHECK(decode_utf8("\x80", 0, cp) == 0);
  for (uint32_t c : {0x41u, 0xE9u, 0x20ACu, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    append_utf8(s, c);
    uint32_t back = 0;
    CHECK(decode_utf8(s, 0, back) == s.size());
    CHECK(back == c);
  }
  CHECK(utf8_length("µs…") == 3);
  CHECK(utf8_offset("µs…", 1) == 2);
  CHECK(utf8_offset("µs…", 9) == std::string("µs…").size());
  std::vector<uint32_t> seen;
  for_each_code_point("a\xFF\xC3\xA9", [&](uint32_t c, std::string_view) { seen.push_back(c); });
  CHECK(seen == std::vector<uint32_t>{'a', 0xFFFD, 0xE9});
}

TEST_CASE("text: HTML escaping for attributes and for element content") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  std::string out = "[";
  append_html_escaped(out, "a&b");
  CHECK(out == "[a&amp;b");
  CHECK(html_escape_text("\"q\" <b> & 'x'") == "\"q\" &lt;b&gt; &amp; 'x'");
  CHECK(html_escape("") == "");
}

TEST_CASE("text: XML escaping keeps line ends and shows what XML cannot hold") {
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(xml_escape("\t\n\r") == "&#9;&#10;&#13;");
  CHECK(xml_escape("\x01") == "[U+0001]");
  CHECK(xml_escape("\xEF\xBF\xBE") == "[U+FFFE]");
  CHECK(xml_escape("\xFF") == "\xEF\xBF\xBD");
}

TEST_CASE("text: JSON string literals") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("q\"b\\n\n\t\r\b\f") == "\"q\\\"b\\\\n\\n\\t\\r\\b\\f\"");
  CHECK(json_string(std::string("\x01\x7f", 2)) == "\"\\u0001\\u007f\"");
  CHECK(json_string("é") == "\"é\"");
  std::string out = "x";
  append_json_string(out, "");
  CHECK(out == "x\"\"");
}

// The escapers test eight bytes at a time (word_test.h): every byte that matters, and its
// neighbours that must not be mistaken for it, at every place in and around a word.
TEST_CASE("text: escaping finds each special byte wherever it falls in a word") {
  auto html_by_byte = [](const std::string& s, bool quotes) {
    std::string r;
    for (char c : s) {
      if (c == '&') r += "&amp;";
      else if (c == '<') r += "&lt;";
      else if (c == '>') r += "&gt;";
      else if (quotes && c == '"') r += "&quot;";
      else if (quotes && c == '\'') r += "&#39;";
      else r += c;
    }
    return r;
  };
  auto json_by_byte = [](const std::string& s) {
    std::string r = "\"";
    for (unsigned char c : s) {
      char buf[8];
      if (c == '"' || c == '\\') r += '\\', r += static_cast<char>(c);
      else if (c == '\n') r += "\\n";
      else if (c == '\r') r += "\\r";
      else if (c == '\t') r += "\\t";
      else if (c == '\b') r += "\\b";
      else if (c == '\f') r += "\\f";
      else if (c < 0x20 || c == 0x7f) std::snprintf(buf, sizeof buf, "\\u%04x", c), r += buf;
      else r += static_cast<char>(c);
    }
    return r + "\"";
  };
  static const char kBytes[] = "&<>\"'=?%#;\x00\x01\x1f\x20\x7f\x80\xff\\\n";
  const std::string bytes(kBytes, sizeof kBytes - 1);
  for (char b : bytes)
    for (size_t len = 1; len <= 19; ++len)
      for (size_t at = 0; at < len; ++at) {
        std::string s(len, 'a');
        s[at] = b;
        if (at + 9 < len) s[at + 9] = b;  // a second one, in the next word
        CAPTURE(s);
        CHECK(html_escape(s) == html_by_byte(s, true));
        CHECK(html_escape_text(s) == html_by_byte(s, false));
        CHECK(json_string(s) == json_by_byte(s));
      }
}

TEST_CASE("text: shell single quotes") {
  CHECK(shell_single_quote("a b") == "'a b'");
  CHECK(shell_single_quote("it's") == "'it'\\''s'");
  CHECK(shell_single_quote("$HOME `x`") == "'$HOME `x`'");
  CHECK(shell_single_quote("") == "''");
}

TEST_CASE("text: ASCII case folding leaves other bytes alone") {
  CHECK(ascii_lower('Q') == 'q');
  CHECK(ascii_lower('1') == '1');
  CHECK(ascii_lower("HTTP Bearer ÉÀ") == "http bearer ÉÀ");
  CHECK(ascii_iequals("Content-Type", "content-TYPE"));
  CHECK_FALSE(ascii_iequals("abc", "abcd"));
  CHECK_FALSE(ascii_iequals("É", "é"));
}

TEST_CASE("text: percent-encoding and decoding") {
  CHECK(percent_encode("a b/c~d") == "a%20b%2Fc~d");
  CHECK(percent_encode("a b/c", "/") == "a%20b/c");
  CHECK(percent_encode("é") == "%C3%A9");
  CHECK(percent_decode("a%20b%2f") == std::optional<std::string>("a b/"));
  CHECK_FALSE(percent_decode("a%2").has_value());
  CHECK_FALSE(percent_decode("%zz").has_value());
}

TEST_CASE("text: read_file reads every byte and fails on a missing file") {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / ("apiref-text-test-" + std::to_string(::getpid()));
  std::string bytes("one\0two\r\n\xFF", 10);
  {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
  }
  std::string got;
  CHECK(read_file(p.string(), got));
  CHECK(got == bytes);
  fs::remove(p);
  CHECK_FALSE(read_file(p.string(), got));
}

TEST_CASE("text: patterns compile as ECMAScript reads them") {
  PatternCache cache;
  CHECK(cache.compiles("^[a-z]+$"));
  CHECK_FALSE(cache.compiles("([a-z"));
  CHECK(cache.compiles("^{x}[0-9]{2}$"));  // Annex B literal braces
  CHECK(cache.matches("^{x}[0-9]{2}$", "{x}12"));
  CHECK_FALSE(cache.matches("^[a-z]+$", "ABC"));
  CHECK(cache.matches("^(a+)+$", std::string(5000, 'a') + "!"));  // too long: not judged
  CHECK(annex_b_braces("a{2}b{c}[{]") == "a{2}b\\{c\\}[{]");
  CHECK(annex_b_braces("x{1,}y{,2}") == "x{1,}y\\{,2\\}");
  CHECK_FALSE(cache.compiles(std::string(kMaxPatternLength + 1, 'a')));
}

TEST_CASE("text: syntax std::regex lacks is neither valid nor invalid") {
  CHECK(beyond_std_regex("(?<=a)b"));
  CHECK(beyond_std_regex("(?<name>x)"));
  CHECK(beyond_std_regex("\\p{L}+"));
  CHECK(beyond_std_regex("\\P{L}"));
  CHECK(beyond_std_regex(std::string(kMaxPatternLength + 1, 'a')));
  CHECK_FALSE(beyond_std_regex("^[a-z]{2,}$"));
}

TEST_CASE("text: a pattern cache stays within its capacity and is safe to share") {
  PatternCache cache(2);
  auto first = cache.get("a");
  cache.get("b");
  cache.get("c");
  CHECK(cache.size() <= 2);
  CHECK(first->ok);  // a dropped entry stays alive for whoever holds it
  CHECK(pattern_matches(*first, "xa"));
  PatternCache shared(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) shared.matches("^p" + std::to_string(i % 12) + "$", "p3");
    });
  for (std::thread& t : threads) t.join();
  CHECK(shared.size() <= 8);
}
