#pragma once
// Synthetic census buildings and assessments around each generated
// household, arranged so that every matching outcome (DOMAIN.md §6) and
// every judgment result and reason (§7) occurs.

#include <optional>
#include <string>
#include <vector>

#include "core/building.h"
#include "core/household.h"
#include "core/rng.h"
#include "gen/region_plan.h"

namespace anju::gen {

struct GenBuilding {
  Building attrs;                 // wkb/bbox unused
  std::vector<double> ring;       // outer ring x0,y0,x1,y1,… (closed), lon/lat
};

struct HouseholdCensus {
  std::vector<GenBuilding> buildings;
  std::vector<Evidence> evidence;  // any source, in generation order
};

// Buildings and evidence for household `h` (its roster parcel id and
// coordinates are adjusted to the matching case drawn). `previous_parcel`
// is the last household's dwelling, for the shared-house case.
HouseholdCensus generate_census(Rng& rng, Household& h, const Village& v, long index,
                                const std::string& previous_parcel);

// A few disasters of the plan's villages and towns.
std::vector<Disaster> generate_disasters(const RegionPlan& plan, Rng& rng);

}  // namespace anju::gen
