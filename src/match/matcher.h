#pragma once
// Person–house matching (人房对应, DOMAIN.md §6). Households are held in
// memory (points in an R-tree, roster parcel ids and owner keys in sorted
// hash tables); buildings are streamed past them once, so a province's
// millions of footprints never need to fit in memory at the same time.
//
// Use: add_household() for every household, index(), add_building() for
// every building, finish(). For each household the first rule that applies
// wins — manual choice, roster parcel id, dwelling point inside exactly one
// footprint (edges count), exactly one building of its village whose owner is
// the head — else unmatched; then buildings matched by several households
// are marked shared.

#include <boost/geometry/index/rtree.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/building.h"
#include "core/geometry.h"
#include "core/household.h"
#include "core/match_types.h"

namespace anju {

class Matcher {
  using Hits = std::vector<std::pair<uint32_t, std::string>>;  // (household, parcel)

 public:
  // What a stream of buildings told the households. Buildings may be
  // streamed in parts, one pass each (on threads of their own), merged
  // before finish(): the result does not depend on their order.
  class Pass {
    friend class Matcher;
    Hits location_hits_;
    Hits owner_hits_;
    std::vector<uint32_t> parcel_found_;  // households whose roster parcel exists
  };

  // `manual`: household_id → parcel_id chosen by a user (选择图斑).
  explicit Matcher(std::unordered_map<std::string, std::string> manual)
      : manual_(std::move(manual)) {}

  void add_household(const HouseholdPlace& h);
  void index();
  // After index(); the const one may run on several threads at once, each
  // with a pass of its own.
  void add_building(Pass& pass, const Footprint& b) const;
  void add_building(const Footprint& b) { add_building(own_, b); }
  void merge(Pass&& pass);
  // What a stream for a few households (a region's, one household's) must
  // hold besides the buildings of their villages: the parcels they name
  // (roster, manual choice) and their dwelling points. After index().
  std::vector<std::string> named_parcels() const;
  std::vector<Point> dwelling_points() const;
  // The results, in the order the households were added.
  std::vector<MatchResult> finish();

 private:
  struct Entry {
    std::string household_id;
    std::string region_code;
    std::string head_name;
    std::string roster_parcel;
    std::string manual_parcel;
    bool roster_parcel_found = false;
  };
  // Households by a 64-bit key hash: sorted, with a directory by top bits.
  struct KeyTable {
    std::vector<std::pair<uint64_t, uint32_t>> entries;  // (hash, household)
    std::vector<uint32_t> directory;
    int bits = 1;
    void build();
    template <class F>
    void for_each(uint64_t h, F&& f) const;
  };

  static uint64_t owner_key(std::string_view region, std::string_view name);

  std::unordered_map<std::string, std::string> manual_;
  std::vector<Entry> households_;
  std::vector<std::pair<Point, uint32_t>> pending_points_;  // consumed by index()
  boost::geometry::index::rtree<std::pair<Point, uint32_t>, boost::geometry::index::rstar<16>> points_;
  KeyTable by_parcel_;  // roster parcel ids
  KeyTable by_owner_;   // village + head name
  Pass own_;  // buildings added without a pass of their own, and the merged
};

}  // namespace anju
