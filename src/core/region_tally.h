#pragma once
// The counts behind totals and dashboards (the region_counts read model,
// RegionCount in read_models.h), computed in one pass over the households:
// each village's households by every filter dimension (its leaf cells), the
// regions above as sums of the villages they cover; the store compares
// them with what it holds and writes what changed (store/count_rows.h).

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/judgment.h"

namespace anju {

// The dimensions, in the order cells are kept: "households" (key ""),
// "result", "reason", "match_outcome", "category", "status", "housing",
// "monitor_type".
inline constexpr std::array<std::string_view, 8> kCountDimensions = {
    "households", "result", "reason", "match_outcome", "category", "status", "housing", "monitor_type"};

// One household as the counts see it: "" where it has no match, judgment or
// monitor type. A reason counts the household once under its key.
struct CountedHousehold {
  std::string_view region_code, category, monitor_type, status, housing, match_outcome, result;
  const std::vector<Reason>* reasons = nullptr;
};

// One row of region_counts. Leaf cells are a region's own households;
// the others are the sums of the leaf cells it covers.
struct CountCell {
  std::string region_code;
  std::string parent_code;
  bool leaf = true;
  std::string dimension;
  std::string key;
  long n = 0;
  bool operator==(const CountCell&) const = default;
};

// What the roll-up needs of a region: its level ("village", "town",
// "county", "city", "province") and its parent ("" = none).
struct TallyRegion {
  std::string level;
  std::string parent_code;
};
using RegionDirectory = std::unordered_map<std::string, TallyRegion>;

// Counts by (region, leaf or not, dimension, key).
class CountTable {
 public:
  CountTable() = default;
  CountTable(CountTable&&) = default;
  CountTable& operator=(CountTable&&) = default;
  // One household, to the leaf cells of its region.
  void add(const CountedHousehold& h);
  // A stored cell, times `sign` (-1 takes it away).
  void add(const CountCell& c, long sign = 1);
  // One to a leaf cell of `region_code` (`dimension` of kCountDimensions).
  void add(std::string_view region_code, std::string_view dimension, std::string_view key);
  // Every leaf cell's count added (times `sign`) to the cells of each region
  // above it that exists at its level in `regions` (the town is the code's
  // first 9 digits, the county 6, the city 4, the province 2, the rest
  // zeros) and to the whole country.
  void roll_up_into(CountTable& levels, const RegionDirectory& regions, long sign = 1) const;
  // The regions that have cells, leaf or not.
  std::vector<std::string> regions(bool leaf) const;
  // The cells with a count other than 0, ordered by region, leaf first,
  // dimension (as kCountDimensions) and key; parents from `regions` (a leaf
  // without one gets "", a region above without one the whole country's
  // code, the whole country "").
  std::vector<CountCell> cells(const RegionDirectory& regions) const;

 private:
  struct Dimensions {
    std::array<std::vector<std::pair<std::string, long>>, kCountDimensions.size()> keys;
    void add(size_t dimension, std::string_view key, long n);
  };
  using Key = std::pair<std::string, bool>;  // (region code, above): leaf cells first
  Dimensions& at(std::string_view region_code, bool leaf);
  std::map<Key, Dimensions> regions_;
  // The region added to last: households come in household_id order, which
  // starts with the region code. A node of the map outlives moves.
  std::pair<const Key, Dimensions>* last_ = nullptr;
};

// What a run counted of the households it went through, in the dimensions
// it changes (a judgment: result and reason; a match: match_outcome), so
// that the counts need not read back what the run has just written: each
// household once under "households" and under its keys in `dimensions`.
// A run that counted every dimension of its households (CountTable::add of
// a CountedHousehold: a first roster import, of households no result names
// yet) says so: what it counted is all there is of its region.
struct RunCounts {
  enum class Counted { its_dimensions, everything };
  std::vector<std::string_view> dimensions;  // of kCountDimensions, never "households"
  CountTable counts;                         // leaf cells only
  Counted counted = Counted::its_dimensions;
};

// The leaf cells after a run that went through every household of the
// regions it covers: `stored` (those regions' leaf cells as kept) with the
// run's dimensions replaced by what it counted, the others as they were.
// Nothing when a region's stored number of households is not the number
// the run went through (the stored counts are behind): the caller counts
// afresh. The guard is that total; the run's own rules make the households
// the same ones (it reads every household of its region). A run that
// counted everything replaces the stored cells whole, with no guard:
// nothing of them is kept.
std::optional<CountTable> leaves_after_run(const std::vector<CountCell>& stored, const RunCounts& run);


}  // namespace anju
