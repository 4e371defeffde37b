#include "core/key_index.h"

#include <functional>
#include <stdexcept>

namespace anju {

std::string_view KeyIndex::key_at(uint32_t offset) const {
  const auto* p = reinterpret_cast<const unsigned char*>(arena_.data() + offset);
  const size_t len = static_cast<size_t>(p[0]) | (static_cast<size_t>(p[1]) << 8);
  return std::string_view(arena_.data() + offset + 2, len);
}

std::optional<long> KeyIndex::first_use(std::string_view key, long row) {
  if (key.size() > 0xFFFF) throw std::length_error("KeyIndex key too long");
  // Row 0 is the empty marker, so rows are stored plus one.
  const uint64_t h = std::hash<std::string_view>{}(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.row == 0) {
      if (arena_.size() > 0xFFFFFFFFu - key.size() - 2) throw std::length_error("KeyIndex full");
      s.hash = h;
      s.offset = static_cast<uint32_t>(arena_.size());
      s.row = static_cast<uint32_t>(row + 1);
      arena_.push_back(static_cast<char>(key.size() & 0xFF));
      arena_.push_back(static_cast<char>(key.size() >> 8));
      arena_.append(key);
      if (++size_ * 2 > slots_.size()) grow();
      return std::nullopt;
    }
    if (s.hash == h && key_at(s.offset) == key) return static_cast<long>(s.row) - 1;
  }
}

void KeyIndex::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.row == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].row != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace anju
