#include "core/rng.h"

#include <gtest/gtest.h>

#include <array>

namespace anju {
namespace {

TEST(Rng, SameSeedSameSequence) {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.next();
    EXPECT_EQ(x, b.next());
    differs |= x != c.next();
  }
  EXPECT_TRUE(differs);
}

TEST(Rng, FixedOutputPinsTheAlgorithm) {
  // Changing the generator would silently change every generated data set
  // and every spot-check draw: these values pin it.
  Rng s(2024);
  EXPECT_EQ(s.below(100), 18u);
  EXPECT_EQ(s.below(100), 93u);
  EXPECT_EQ(s.below(100), 41u);
  EXPECT_EQ(Rng(1).next(), 12966619160104079557ULL);
}

TEST(Rng, RangesAndWeights) {
  Rng r(7);
  std::array<int, 3> counts{};
  const double w[] = {1, 0, 3};
  for (int i = 0; i < 4000; ++i) {
    const long v = r.between(-2, 2);
    EXPECT_GE(v, -2);
    EXPECT_LE(v, 2);
    const double u = r.unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    ++counts[r.weighted(w)];
  }
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2] / 4000.0, 0.75, 0.05);
}

}  // namespace
}  // namespace anju
