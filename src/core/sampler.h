#pragma once
// The county's spot-check draw (DOMAIN.md §12): N households spread over the
// towns in proportion to their households (largest-remainder rounding),
// drawn from those not already opened for a visit, reproducible from a seed:
// the same seed over the same data gives the same households.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace anju {

struct TownFrame {
  std::string town_code;
  long households = 0;                  // all of the town's: the weight
  std::vector<std::string> eligible;    // those that may be drawn (no open visit)
};

// How many of `n` each town gets: proportional to `households`, the largest
// remainders rounded up (ties: the smaller town code), never more than a
// town's eligible households; what a town cannot take goes to the others by
// the same rule. Towns in code order.
std::map<std::string, long> allocate_sample(const std::vector<TownFrame>& towns, long n);

// The draw: each town's quota taken from its eligible households (sorted by
// id first, so the stored order does not matter) by a partial Fisher–Yates
// shuffle, towns in code order, one generator seeded by `seed`. `invalid`
// when n < 1 or there are fewer eligible households than n.
Result<std::vector<std::string>> draw_sample(std::vector<TownFrame> towns, long n, uint64_t seed);

// N for a share of the county's households (0 < share ≤ 1), rounded up.
Result<long> sample_size_for_share(long households, double share);

}  // namespace anju
