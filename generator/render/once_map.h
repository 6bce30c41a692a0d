// OnceMap: strings the render makes once and shares between the pages (and threads) that need them.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

namespace apiref {

// Strings made once per key and shared by every page that needs them. Thread-safe; the
// reference a get() returns stays valid while the map lives. make() must be a pure function of
// the key: when two threads race, both make the same string and the first one stored is kept.
class OnceMap {
 public:
  template <class Make>
  const std::string& get(const std::string& key, Make&& make) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = map_.find(key);
      if (it != map_.end()) return it->second;
    }
    std::string made = make();
    std::lock_guard<std::mutex> lock(mutex_);
    return map_.emplace(key, std::move(made)).first->second;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> map_;  // node-based: references stay valid
};

}  // namespace apiref
