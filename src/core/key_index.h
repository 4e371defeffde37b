#pragma once
// Remembers which row first used a key (duplicate detection in imports).
// An open-addressing table of (hash, arena offset, row) slots over one
// arena of key bytes: about 16 bytes a slot plus the key itself, and one
// cache miss per look-up, which matters at millions of rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anju {

class KeyIndex {
 public:
  KeyIndex() : slots_(1024) {}

  // Records `key` for `row` and returns nullopt, or, when the key was seen
  // before, returns that first row and records nothing. Keys up to 65535
  // bytes; rows up to 2^32-1.
  std::optional<long> first_use(std::string_view key, long row);
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // into arena_: a 2-byte length, then the key
    uint32_t row = 0;     // 0 = empty slot (spreadsheet rows start at 1)
  };

  std::string_view key_at(uint32_t offset) const;
  void grow();

  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
};

}  // namespace anju
