#include "core/region_tally.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace anju {
namespace {

// A province 11, its city 1101, county 110101, town 110101001 and two
// villages; a second town has no village rows of its own in the directory.
RegionDirectory directory() {
  return {{"110000000000", {"province", ""}},
          {"110100000000", {"city", "110000000000"}},
          {"110101000000", {"county", "110100000000"}},
          {"110101001000", {"town", "110101000000"}},
          {"110101001001", {"village", "110101001000"}},
          {"110101001002", {"village", "110101001000"}}};
}

CountedHousehold household(std::string_view region, std::string_view result = "",
                           const std::vector<Reason>* reasons = nullptr) {
  return CountedHousehold{region, "lifted", "", "normal", "own_rural", "by_parcel", result, reasons};
}

long count(const std::vector<CountCell>& cells, std::string_view region, bool leaf, std::string_view dimension,
           std::string_view key) {
  long n = 0;
  for (const CountCell& c : cells)
    if (c.region_code == region && c.leaf == leaf && c.dimension == dimension && c.key == key) n += c.n;
  return n;
}

TEST(RegionTally, CountsEachHouseholdOnceInEveryDimensionAndOncePerReason) {
  const std::vector<Reason> two{Reason::aging, Reason::no_grade};
  CountTable t;
  t.add(household("110101001001", "verify", &two));
  t.add(household("110101001001", "safe"));
  t.add(household("110101001002"));
  const auto cells = t.cells(directory());
  EXPECT_EQ(count(cells, "110101001001", true, "households", ""), 2);
  EXPECT_EQ(count(cells, "110101001001", true, "result", "verify"), 1);
  EXPECT_EQ(count(cells, "110101001001", true, "result", "safe"), 1);
  EXPECT_EQ(count(cells, "110101001001", true, "reason", "aging"), 1);
  EXPECT_EQ(count(cells, "110101001001", true, "reason", "no_grade"), 1);
  EXPECT_EQ(count(cells, "110101001001", true, "monitor_type", ""), 2);
  // Not judged: the key "" of the result; no reason cell at all.
  EXPECT_EQ(count(cells, "110101001002", true, "result", ""), 1);
  EXPECT_EQ(count(cells, "110101001002", true, "reason", ""), 0);
  // A leaf's parent is its region's parent.
  for (const CountCell& c : cells) EXPECT_EQ(c.parent_code, "110101001000");
}

TEST(RegionTally, RollsUpToEveryLevelThatExistsAndTheWholeCountry) {
  CountTable leaves;
  leaves.add(household("110101001001", "safe"));
  leaves.add(household("110101001002", "unsafe"));
  leaves.add(household("110101002001", "safe"));  // its town 110101002000 is not a region
  CountTable levels;
  leaves.roll_up_into(levels, directory());
  const auto cells = levels.cells(directory());
  EXPECT_EQ(count(cells, "110101001000", false, "households", ""), 2);
  EXPECT_EQ(count(cells, "110101002000", false, "households", ""), 0);
  for (const char* code : {"110101000000", "110100000000", "110000000000", "000000000000"})
    EXPECT_EQ(count(cells, code, false, "households", ""), 3) << code;
  EXPECT_EQ(count(cells, "110000000000", false, "result", "safe"), 2);
  // Parents: the region's own; a province's is the whole country; the
  // country has none.
  for (const CountCell& c : cells) {
    const std::string parent = c.region_code == "110101001000"   ? "110101000000"
                               : c.region_code == "110000000000" ? "000000000000"
                               : c.region_code == "000000000000" ? ""
                                                                 : c.parent_code;
    EXPECT_EQ(c.parent_code, parent) << c.region_code;
    EXPECT_FALSE(c.leaf);
  }
}

TEST(RegionTally, ATownsOwnHouseholdsCountAtTheTownToo) {
  CountTable leaves;
  leaves.add(household("110101001000", "safe"));
  CountTable levels;
  leaves.roll_up_into(levels, directory());
  EXPECT_EQ(count(leaves.cells(directory()), "110101001000", true, "households", ""), 1);
  EXPECT_EQ(count(levels.cells(directory()), "110101001000", false, "households", ""), 1);
}

TEST(RegionTally, ADifferenceRolledUpMovesOnlyTheRegionsAbove) {
  // Stored: the town, 2 households judged safe; one of village 001 becomes unsafe.
  CountTable before, after;
  before.add(household("110101001001", "safe"));
  after.add(household("110101001001", "unsafe"));
  CountTable levels;
  levels.add(CountCell{"110101001000", "110101000000", false, "result", "safe", 2});
  after.roll_up_into(levels, directory());
  before.roll_up_into(levels, directory(), -1);
  const auto cells = levels.cells(directory());
  EXPECT_EQ(count(cells, "110101001000", false, "result", "safe"), 1);
  EXPECT_EQ(count(cells, "110101001000", false, "result", "unsafe"), 1);
  // Cells that come to 0 are left out.
  EXPECT_EQ(count(cells, "110101001000", false, "households", ""), 0);
  EXPECT_TRUE(std::none_of(cells.begin(), cells.end(), [](const CountCell& c) { return c.n == 0; }));
}

// A judgment run over village 001's two households, counted as the run
// counts them: each household, its result and its reasons.
RunCounts judged(const std::vector<std::pair<std::string_view, std::string_view>>& households,
                 const std::vector<Reason>& reasons = {}) {
  RunCounts run{{"result", "reason"}, {}};
  for (const auto& [region, result] : households) {
    run.counts.add(region, "households", "");
    run.counts.add(region, "result", result);
  }
  for (Reason r : reasons) run.counts.add(households.front().first, "reason", reason_key(r));
  return run;
}

TEST(RegionTally, ARunReplacesTheDimensionsItChangesAndKeepsTheOthersAsStored) {
  const std::vector<Reason> one{Reason::aging};
  CountTable stored;
  stored.add(household("110101001001", "safe"));
  stored.add(household("110101001001", "verify", &one));
  const std::vector<Reason> other{Reason::no_grade};
  const RunCounts run = judged({{"110101001001", "unsafe"}, {"110101001001", "unsafe"}}, other);
  const auto after = leaves_after_run(stored.cells(directory()), run);
  ASSERT_TRUE(after.has_value());
  // The same as counting the households afresh with their new results.
  CountTable afresh;
  afresh.add(household("110101001001", "unsafe", &other));
  afresh.add(household("110101001001", "unsafe"));
  EXPECT_EQ(after->cells(directory()), afresh.cells(directory()));
  EXPECT_EQ(count(after->cells(directory()), "110101001001", true, "reason", "aging"), 0);
  EXPECT_EQ(count(after->cells(directory()), "110101001001", true, "reason", "no_grade"), 1);
  EXPECT_EQ(count(after->cells(directory()), "110101001001", true, "match_outcome", "by_parcel"), 2);
}

TEST(RegionTally, ARunOverHouseholdsTheStoredCountsDoNotHoldGivesNothing) {
  CountTable stored;
  stored.add(household("110101001001", "safe"));
  // The stored counts are behind: a household the run went through is missing…
  EXPECT_FALSE(leaves_after_run(stored.cells(directory()),
                                judged({{"110101001001", "safe"}, {"110101001001", "safe"}})));
  // …or a region's households are stored and the run did not go through them.
  stored.add(household("110101001002", "safe"));
  EXPECT_FALSE(leaves_after_run(stored.cells(directory()), judged({{"110101001001", "safe"}})));
  // Only a region's sums (not a leaf) hold its households: nothing to keep.
  EXPECT_FALSE(leaves_after_run({CountCell{"110101001001", "110101001000", false, "households", "", 1}},
                                judged({{"110101001001", "safe"}})));
  EXPECT_TRUE(leaves_after_run(stored.cells(directory()),
                               judged({{"110101001001", "safe"}, {"110101001002", "verify"}})));
}

// A first roster import counts every dimension of every household it wrote
// (no result names them yet): what it counted is the leaf cells, whatever
// was stored, and the same as counting those households afresh.
TEST(RegionTally, ARunThatCountedEveryDimensionReplacesTheStoredCellsWhole) {
  RunCounts imported{{}, {}, RunCounts::Counted::everything};
  CountTable afresh;
  for (std::string_view village : {"110101001001", "110101001001", "110101001002"}) {
    const CountedHousehold h{village, "monitored", "sudden_hardship", "normal", "own_rural", "", "", nullptr};
    imported.counts.add(h);
    afresh.add(h);
  }
  const auto into_empty = leaves_after_run({}, imported);
  ASSERT_TRUE(into_empty.has_value());
  EXPECT_EQ(into_empty->cells(directory()), afresh.cells(directory()));
  EXPECT_EQ(count(into_empty->cells(directory()), "110101001001", true, "monitor_type", "sudden_hardship"), 2);
  // Stored cells of households the import did not write (stale) are not kept.
  CountTable stale;
  stale.add(household("110101001002", "unsafe"));
  const auto over_stale = leaves_after_run(stale.cells(directory()), imported);
  ASSERT_TRUE(over_stale.has_value());
  EXPECT_EQ(over_stale->cells(directory()), afresh.cells(directory()));
  // The same counts of a run that names its dimensions (all of them) are
  // guarded: the stored households are not those it went through.
  RunCounts named{std::vector<std::string_view>(kCountDimensions.begin() + 1, kCountDimensions.end()), {}};
  for (const CountCell& c : afresh.cells(directory())) named.counts.add(c);
  EXPECT_FALSE(leaves_after_run(stale.cells(directory()), named));
}

}  // namespace
}  // namespace anju
