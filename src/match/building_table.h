#pragma once
// The buildings as matching needs them, packed: parcel id, village, owner and
// footprint (WKB) in one byte arena, an index by parcel id, one by (village,
// owner name), and an R-tree over the footprints' bounding boxes. About 150
// bytes a building, so a province's millions fit in memory.

#include <boost/geometry/index/rtree.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/geometry.h"

namespace anju {

class BuildingTable {
 public:
  // Adds a building (before build()).
  void add(std::string_view parcel_id, std::string_view region_code, std::string_view owner_name,
           std::string_view wkb, const Box& bbox);
  // Builds the indexes; call once after the last add().
  void build();

  size_t size() const { return refs_.size(); }
  std::string_view parcel_id(uint32_t i) const { return view(refs_[i].parcel); }
  std::string_view region_code(uint32_t i) const { return view(refs_[i].region); }

  // The building with this parcel id, or -1.
  long find(std::string_view parcel_id) const;
  // Buildings whose footprint covers `p` (boundary included), by index.
  std::vector<uint32_t> covering(const Point& p) const;
  // Buildings of village `region_code` whose owner is `name`.
  std::vector<uint32_t> owned_by(std::string_view region_code, std::string_view name) const;

 private:
  struct Span {
    uint32_t offset = 0, size = 0;
  };
  struct Ref {
    Span parcel, region, owner, wkb;
  };
  using Entry = std::pair<Box, uint32_t>;

  Span put(std::string_view bytes);
  std::string_view view(Span s) const { return std::string_view(arena_.data() + s.offset, s.size); }
  static uint64_t owner_key(std::string_view region, std::string_view owner);

  std::string arena_;
  std::vector<Ref> refs_;
  std::vector<Entry> boxes_;  // consumed by build()
  std::vector<std::pair<uint64_t, uint32_t>> by_parcel_;  // (hash, index), sorted
  std::vector<std::pair<uint64_t, uint32_t>> by_owner_;   // (hash, index), sorted
  boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>> rtree_;
};

}  // namespace anju
