#pragma once
// Remembers which row first used a key (duplicate detection in imports).
// Keys are copied into an arena, so memory is about key bytes + 40 bytes a
// key, with no allocation per key.

#include <memory_resource>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace anju {

class KeyIndex {
 public:
  // Records `key` for `row` and returns nullopt, or, when the key was seen
  // before, returns that first row and records nothing.
  std::optional<long> first_use(std::string_view key, long row) {
    if (auto it = rows_.find(key); it != rows_.end()) return it->second;
    char* copy = static_cast<char*>(arena_.allocate(key.size(), 1));
    key.copy(copy, key.size());
    rows_.emplace(std::string_view(copy, key.size()), row);
    return std::nullopt;
  }
  size_t size() const { return rows_.size(); }

 private:
  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  std::unordered_map<std::string_view, long> rows_;
};

}  // namespace anju
