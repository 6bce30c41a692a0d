// Reading a whole file into memory.
#pragma once

#include <string>

namespace apiref::text {

// The bytes of the file at `path` into `contents`; false when it cannot be opened or read.
bool read_file(const std::string& path, std::string& contents);

}  // namespace apiref::text
