#include "core/sampler.h"

#include <gtest/gtest.h>

#include <set>

namespace anju {
namespace {

TownFrame town(const std::string& code, long households, long eligible) {
  TownFrame t{code, households, {}};
  for (long i = 0; i < eligible; ++i) t.eligible.push_back(code + "-" + std::to_string(1000 + i));
  return t;
}

TEST(Sampler, QuotasFollowTownSizesByLargestRemainder) {
  // 10 of 1000 households: 500/300/200 → 5/3/2 exactly.
  auto q = allocate_sample({town("a", 500, 500), town("b", 300, 300), town("c", 200, 200)}, 10);
  EXPECT_EQ(q["a"], 5);
  EXPECT_EQ(q["b"], 3);
  EXPECT_EQ(q["c"], 2);
  // 7 of 3 equal towns: 2.33 each → 2,2,2 and the one left to the smallest code.
  q = allocate_sample({town("b", 100, 100), town("a", 100, 100), town("c", 100, 100)}, 7);
  EXPECT_EQ(q["a"], 3);
  EXPECT_EQ(q["b"], 2);
  EXPECT_EQ(q["c"], 2);
  // 10 over 450/350/200: 4.5/3.5/2.0 → 4,3,2 + one to the largest remainder (tie → smaller code).
  q = allocate_sample({town("a", 450, 450), town("b", 350, 350), town("c", 200, 200)}, 10);
  EXPECT_EQ(q["a"] + q["b"] + q["c"], 10);
  EXPECT_EQ(q["a"], 5);
  EXPECT_EQ(q["b"], 3);
  EXPECT_EQ(q["c"], 2);
}

TEST(Sampler, ATownWithoutEnoughEligibleHouseholdsPassesItsShareOn) {
  // Town a is big but nearly everyone is already being visited.
  auto q = allocate_sample({town("a", 800, 2), town("b", 200, 200)}, 10);
  EXPECT_EQ(q["a"], 2);
  EXPECT_EQ(q["b"], 8);
}

TEST(Sampler, TheSameSeedGivesTheSameHouseholdsAndNoneTwice) {
  std::vector<TownFrame> towns = {town("500229108000", 900, 900), town("500229104000", 400, 400)};
  auto first = draw_sample(towns, 26, 42);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->size(), 26u);
  EXPECT_EQ(std::set<std::string>(first->begin(), first->end()).size(), 26u);
  // The stored order of the frame does not matter.
  std::vector<TownFrame> shuffled = towns;
  std::reverse(shuffled.begin(), shuffled.end());
  std::reverse(shuffled[0].eligible.begin(), shuffled[0].eligible.end());
  EXPECT_EQ(*draw_sample(shuffled, 26, 42), *first);
  EXPECT_NE(*draw_sample(towns, 26, 43), *first);
  long in_big = 0;
  for (const auto& h : *first) in_big += h.rfind("500229108000", 0) == 0;
  EXPECT_EQ(in_big, 18);  // 26 × 900/1300 = 18.0
}

TEST(Sampler, TooFewEligibleHouseholdsIsAClearError) {
  auto r = draw_sample({town("a", 10, 3)}, 5, 1);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("3"), std::string::npos);
  EXPECT_FALSE(draw_sample({town("a", 10, 10)}, 0, 1));
}

TEST(Sampler, ShareRoundsUp) {
  EXPECT_EQ(*sample_size_for_share(898, 0.05), 45);
  EXPECT_EQ(*sample_size_for_share(100, 0.05), 5);
  EXPECT_EQ(*sample_size_for_share(3, 0.01), 1);
  EXPECT_FALSE(sample_size_for_share(100, 0));
  EXPECT_FALSE(sample_size_for_share(100, 1.5));
}

}  // namespace
}  // namespace anju
