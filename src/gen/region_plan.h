#pragma once
// The region tree of a synthetic data set. The first town is always the demo
// town of DOMAIN.md §9 (重庆市城口县高燕镇 and its 14 villages and communities); data sets
// larger than one town add synthetic towns under a synthetic province "91",
// a code no real region uses, so they never clash with real division codes.

#include <string>
#include <vector>

#include "core/household.h"

namespace anju::gen {

// Every town has this many villages (the demo town's 12 villages and 2
// communities).
constexpr size_t kVillagesPerTown = 14;

struct Village {
  std::string code;
  std::string name;  // short, as addresses write it ("来凤村"); the region may be named in full
  std::string town_name;
  std::string county_name;
  double lon = 0;  // centre of the settlement
  double lat = 0;
  double weight = 1;  // relative number of households
};

struct RegionPlan {
  std::vector<Region> regions;    // every level, parents first
  std::vector<Village> villages;  // where households live
};

// A plan with enough villages for `households` (about 900 per town).
RegionPlan plan_regions(long households);

}  // namespace anju::gen
