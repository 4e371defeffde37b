#include "match/building_table.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace anju {
namespace {

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Indexes in `sorted` whose hash is `h`.
template <class F>
void for_hash(const std::vector<std::pair<uint64_t, uint32_t>>& sorted, uint64_t h, F&& f) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), std::pair<uint64_t, uint32_t>{h, 0});
  for (; it != sorted.end() && it->first == h; ++it) f(it->second);
}

}  // namespace

BuildingTable::Span BuildingTable::put(std::string_view bytes) {
  if (arena_.size() + bytes.size() > UINT32_MAX) throw std::length_error("BuildingTable arena full");
  Span s{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(bytes.size())};
  arena_.append(bytes);
  return s;
}

uint64_t BuildingTable::owner_key(std::string_view region, std::string_view owner) {
  return hash_of(region) * 31 + hash_of(owner);
}

void BuildingTable::add(std::string_view parcel_id, std::string_view region_code,
                        std::string_view owner_name, std::string_view wkb, const Box& bbox) {
  const auto i = static_cast<uint32_t>(refs_.size());
  refs_.push_back(Ref{put(parcel_id), put(region_code), put(owner_name), put(wkb)});
  boxes_.emplace_back(bbox, i);
  by_parcel_.emplace_back(hash_of(parcel_id), i);
  if (!owner_name.empty()) by_owner_.emplace_back(owner_key(region_code, owner_name), i);
}

void BuildingTable::build() {
  std::sort(by_parcel_.begin(), by_parcel_.end());
  std::sort(by_owner_.begin(), by_owner_.end());
  // The packing constructor (STR bulk load) is much faster than inserting
  // one by one and gives a better tree.
  rtree_ = decltype(rtree_)(boxes_.begin(), boxes_.end());
  std::vector<Entry>().swap(boxes_);
  arena_.shrink_to_fit();
}

long BuildingTable::find(std::string_view parcel_id) const {
  long found = -1;
  for_hash(by_parcel_, hash_of(parcel_id), [&](uint32_t i) {
    if (found < 0 && view(refs_[i].parcel) == parcel_id) found = i;
  });
  return found;
}

std::vector<uint32_t> BuildingTable::covering(const Point& p) const {
  std::vector<Entry> candidates;
  rtree_.query(boost::geometry::index::covers(p), std::back_inserter(candidates));
  std::vector<uint32_t> out;
  for (const auto& [box, i] : candidates) {
    auto shape = parse_wkb(view(refs_[i].wkb));
    if (shape && covers(*shape, p)) out.push_back(i);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint32_t> BuildingTable::owned_by(std::string_view region_code,
                                              std::string_view name) const {
  std::vector<uint32_t> out;
  for_hash(by_owner_, owner_key(region_code, name), [&](uint32_t i) {
    if (view(refs_[i].region) == region_code && view(refs_[i].owner) == name) out.push_back(i);
  });
  return out;
}

}  // namespace anju
