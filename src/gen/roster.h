#pragma once
// Synthetic households for a region plan (DOMAIN.md §4.1, §9).

#include <functional>

#include "core/household.h"
#include "core/rng.h"
#include "gen/region_plan.h"

namespace anju::gen {

// Calls `emit` once per household, `total` in all, spread over the plan's
// towns evenly and over each town's villages by weight. Same seed, same
// households. Every category, monitor type, status and housing option occurs
// once `total` ≥ 12.
void generate_households(const RegionPlan& plan, long total, uint64_t seed,
                         const std::function<void(const Household&, const Village&)>& emit);

// The cells of a household in the order of the roster template, with the
// Chinese names users type.
std::vector<std::string> roster_cells(const Household& h);

}  // namespace anju::gen
