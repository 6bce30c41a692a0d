#include "bundle/source_map.h"

#include <algorithm>

namespace apiref {

void SourceMap::add(const std::string& bundle_pointer, const std::string& file, const std::string& pointer) {
  // Copies come in runs from one file (a construct's operations, then its components): the
  // last file is the likeliest.
  uint32_t index = 0;
  if (!files_.empty() && files_.back() == file) {
    index = static_cast<uint32_t>(files_.size() - 1);
  } else {
    auto it = std::find(files_.begin(), files_.end(), file);
    index = static_cast<uint32_t>(it - files_.begin());
    if (it == files_.end()) files_.push_back(file);
  }
  copies_[bundle_pointer] = Copy{index, pointer};
}

void SourceMap::erase_below(const std::string& bundle_pointer) {
  copies_.erase(bundle_pointer);
  // Those below it sort together, from "P/" up to "P0" ('0' follows '/'); "P-x" and "P.x" sort
  // between P and "P/" and are not below it.
  copies_.erase(copies_.lower_bound(bundle_pointer + "/"), copies_.lower_bound(bundle_pointer + "0"));
}

std::optional<SourceOrigin> SourceMap::origin_of(const std::string& bundle_pointer) const {
  // The pointer itself, then each of its prefixes ending before a '/', deepest first.
  size_t end = bundle_pointer.size();
  while (true) {
    auto it = copies_.find(bundle_pointer.substr(0, end));
    if (it != copies_.end()) return SourceOrigin{files_[it->second.file], it->second.pointer + bundle_pointer.substr(end)};
    if (end == 0) return std::nullopt;
    end = bundle_pointer.rfind('/', end - 1);
    if (end == std::string::npos) return std::nullopt;
  }
}

}  // namespace apiref
