// The checker's view of the OpenAPI object model: the table in oas/oas.h, under the short
// names the walk and the rules use.
#pragma once

#include <string_view>
#include <vector>

#include "oas/oas.h"

namespace apiref {
namespace check_internal {

using K = oas::Kind;
using T = oas::Value;
using oas::Field;
using oas::V30;
using oas::V31;
using oas::VB;
using oas::component_section;
using oas::fields_of;
using oas::kind_label;
using oas::kind_of_component_section;
using oas::refable;

// A field of the kind in some OpenAPI version (the JSON Schema drafts' keywords only the
// resolver reads are not fields to the checker).
inline const Field* field_of(K k, std::string_view name) {
  const Field* f = oas::find_field(k, name);
  return f && f->versions ? f : nullptr;
}

}  // namespace check_internal
}  // namespace apiref
