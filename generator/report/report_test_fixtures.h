// What the report stage's tests share: the unit cases beside this file (report_test.cpp) and
// their corpus twin (tests/corpus/report_test.cpp, JUnit read back by python3). Test code only:
// no source of apiref includes it.
#pragma once

#include <ostream>
#include <sstream>
#include <string>

#include "report/report.h"

namespace apiref_test {

// Every kind of text a description can smuggle into a message or a path.
inline const std::string kHostile = "bad 100% value\r\nline2: a,b <tag> & \"q\" 'a' caf\xC3\xA9 \xE2\x98\x83 \x01\x1b[31m \xFF|x";

inline apiref::CheckResult hostile_result() {
  apiref::CheckResult r;
  r.roots = {"root.yaml"};
  r.files = {"clean.yaml", "root.yaml", "specs/a b,c:d%.yaml", "z.yaml"};
  apiref::Finding a;
  a.rule = "oas-structure";
  a.severity = apiref::FindingSeverity::Error;
  a.message = kHostile;
  a.file = "specs/a b,c:d%.yaml";
  a.pointer = "/paths/~1pets/get";
  a.start = {3, 5};
  a.end = {3, 12};
  a.ref_chain = {{"root.yaml", "/paths/~1pets/$ref", {10, 7}}};
  a.fingerprint = "0123456789abcdef";
  apiref::Finding b;
  b.rule = "tag-defined";
  b.severity = apiref::FindingSeverity::Warning;
  b.message = "tag \"<script>\" is not declared";
  b.file = "specs/a b,c:d%.yaml";
  b.pointer = "/paths/~1pets/get/tags/0";
  b.start = {7, 9};
  b.end = {7, 18};
  b.fingerprint = "1111111111111111";
  apiref::Finding c;
  c.rule = "info-contact";
  c.severity = apiref::FindingSeverity::Info;
  c.message = "info has no contact";
  c.file = "z.yaml";
  c.pointer = "/info";
  c.start = {2, 1};
  c.end = {2, 1};
  c.fingerprint = "2222222222222222";
  apiref::Finding d = c;  // a second finding at the same place: fingerprints collide on purpose
  d.severity = apiref::FindingSeverity::Hint;
  d.rule = "info-contact";
  d.message = "consider a contact url";
  r.findings = {a, b, c, d};
  return r;
}

// What `writer` writes for `r`.
inline std::string render(void (*writer)(std::ostream&, const apiref::CheckResult&, const apiref::ReportContext&),
                          const apiref::CheckResult& r, const apiref::ReportContext& ctx = {}) {
  std::ostringstream out;
  writer(out, r, ctx);
  return out.str();
}

// A control character other than the newline (when allowed) left raw in `s`.
inline bool has_raw_control(const std::string& s, bool allow_newline) {
  for (unsigned char c : s)
    if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7F) return true;
  return false;
}

}  // namespace apiref_test
