#include "text/file.h"

#include <fstream>
#include <sstream>

namespace apiref::text {

bool read_file(const std::string& path, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // One read of the known size: copying through a growing stringstream cost a quarter of
  // `apiref check` on GitHub's 13 MB description.
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size >= 0) {
    in.seekg(0, std::ios::beg);
    contents.resize(static_cast<size_t>(size));
    if (size > 0 && !in.read(&contents[0], size)) return false;
    return true;
  }
  // Not seekable (a pipe): read to the end.
  in.clear();
  in.seekg(0, std::ios::beg);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  contents = std::move(ss).str();
  return true;
}

}  // namespace apiref::text
