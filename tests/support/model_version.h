// A version of a description for the unit tests that compare two: its document parsed from
// YAML and the model built from it (diff's and the What changed page's tests). Held by pointer
// because the model points into the document.
#pragma once

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "load/load.h"
#include "model/model.h"

struct ModelVersion {
  apiref::Node doc;
  apiref::ApiModel model;
};

inline std::unique_ptr<ModelVersion> version_of(const std::string& yaml) {
  auto v = std::make_unique<ModelVersion>();
  apiref::Diagnostics d;
  REQUIRE(apiref::parse_yaml(yaml, "t.yaml", v->doc, d));
  v->model = apiref::build_model(v->doc, {});
  return v;
}
