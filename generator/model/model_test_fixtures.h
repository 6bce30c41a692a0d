// What the model stage's tests share: the unit cases beside this file (model_test.cpp) and their
// corpus twin (tests/corpus/model_test.cpp). Test code only: no source of apiref includes it.
#pragma once

#include <string>

#include "model/model.h"

namespace apiref_test {

// The operation whose id (operationId or the derived one) is `id`, or nullptr.
inline const apiref::Operation* find_op(const apiref::ApiModel& m, const std::string& id) {
  for (const apiref::Operation& o : m.operations)
    if (o.id == id) return &o;
  return nullptr;
}

}  // namespace apiref_test
