// What the JSON loader's tests share: the unit cases beside this file (load_json_scale_test.cpp)
// and their corpus twin (tests/corpus/load_json_scale_test.cpp, GitHub's 13 MB description).
// Test code only: no source of apiref includes it.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "load/load.h"
#include "test_util.h"

namespace apiref_test {

// Exactly equal: kinds, values, keys and every position.
inline bool same_with_positions(const apiref::Node& a, const apiref::Node& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.text != b.text || a.pos.line != b.pos.line ||
      a.pos.col != b.pos.col || a.items.size() != b.items.size() || a.members.size() != b.members.size())
    return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_with_positions(a.items[i], b.items[i])) return false;
  for (size_t i = 0; i < a.members.size(); ++i) {
    const apiref::Member &x = a.members[i], &y = b.members[i];
    if (x.key != y.key || x.key_pos.line != y.key_pos.line || x.key_pos.col != y.key_pos.col ||
        !same_with_positions(x.value, y.value))
      return false;
  }
  return true;
}

// Parsed on two threads (whatever its size) and on one: the same tree, result and messages.
inline void expect_split_same_as_serial(const std::string& text) {
  apiref::ParseLimits split, serial;
  split.split_json_from = 0;
  serial.split_json_from = SIZE_MAX;
  apiref::Node a, b;
  apiref::Diagnostics da, db;
  bool ok_a = apiref::parse_json(text, "f.json", a, da, split);
  bool ok_b = apiref::parse_json(text, "f.json", b, db, serial);
  CHECK(ok_a == ok_b);
  CHECK(same_with_positions(a, b));
  REQUIRE(da.size() == db.size());
  for (size_t i = 0; i < da.size(); ++i) {
    CHECK(da[i].message == db[i].message);
    CHECK(da[i].where.pointer == db[i].where.pointer);
    CHECK(lc(da[i].where.pos) == lc(db[i].where.pos));
  }
}

}  // namespace apiref_test
