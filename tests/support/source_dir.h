#pragma once
// The checkout's root, for tests that read its own files (schemas/, examples/, templates/).
#include <string>

inline const std::string kSource = APIREF_SOURCE_DIR;
