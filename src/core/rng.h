#pragma once
// A seeded pseudo-random generator (xoshiro256**, seeded by splitmix64) with
// its own distributions, so the same seed gives the same sequence on every
// platform and standard library (std::uniform_*_distribution does not).

#include <cstdint>
#include <span>

namespace anju {

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t next();
  // Uniform in [0, n); n > 0. Unbiased (rejection sampling).
  uint64_t below(uint64_t n);
  // Uniform in [lo, hi].
  long between(long lo, long hi) { return lo + static_cast<long>(below(static_cast<uint64_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double unit();
  bool chance(double p) { return unit() < p; }
  // An index drawn with the given non-negative weights (not all zero).
  size_t weighted(std::span<const double> weights);

 private:
  uint64_t s_[4];
};

}  // namespace anju
