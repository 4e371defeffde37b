// The read models kept by the store on both engines: region counts at every
// level follow the data (a whole refresh after a run, a partial one after a
// manual choice), list totals agree with them, and the manual choice keeps
// its optimistic lock.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/access.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const WriteStamp kStamp = testing::kTestStamp;

using testing::sample_household;

class ReadModels : public testing::StoreTest {
 protected:
  ReadModels() : StoreTest("read_models") {}

  void seed(Transaction& tx) override {
    ASSERT_TRUE(
        tx.households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    ASSERT_TRUE(
        tx.households().insert_household(sample_household("H2", "110105194912310037"), kStamp));
    Building b;
    b.parcel_id = "P1";
    b.region_code = "500229108201";
    b.wkb = std::string("\x01\x03\x00\x00\x00", 5);
    ASSERT_TRUE(tx.census().insert_building(b, kStamp));
    MatchResult m1{"H1", MatchOutcome::unmatched, "", {}, false, false, "500229108201"};
    MatchResult m2{"H2", MatchOutcome::unmatched, "", {}, false, false, "500229108201"};
    ASSERT_TRUE(tx.results().replace_matches(RunRecord{"match", kStamp.at, "test"}, kWholeCountry, {m1, m2}));
  }

  // A second village (500229109202) in another town, with household H3.
  static void add_second_village(Transaction& tx) {
    for (const char* code : {"500229109000", "500229109202"})
      ASSERT_TRUE(tx.regions().insert_region(Region{code, "区划"}, kStamp));
    Household h3 = sample_household("H3", "110105194912310045");
    h3.region_code = "500229109202";
    ASSERT_TRUE(tx.households().insert_household(h3, kStamp));
  }

  // n of (region, dimension, key), 0 when there is no such row.
  long count(const std::string& region, const std::string& dimension, const std::string& key) {
    auto tx = begin(TxMode::read);
    auto rows = tx->read_models().region_counts(region, region, {dimension});
    EXPECT_TRUE(rows);
    long n = 0;
    for (const RegionCount& r : *rows)
      if (r.key == key) n += r.n;
    return n;
  }
};

const char* const kChain[] = {"500229108201", "500229108000", "500229000000", "500200000000", "500000000000",
                              "000000000000"};

TEST_F(ReadModels, CountsAtEveryLevelFollowARunAndAManualChoice) {
  for (const char* region : kChain) {
    EXPECT_EQ(count(region, "households", ""), 2) << region;
    EXPECT_EQ(count(region, "match_outcome", "unmatched"), 2) << region;
    EXPECT_EQ(count(region, "result", ""), 2) << region;  // not judged yet
  }
  {
    auto tx = begin();
    ASSERT_TRUE(tx->results().set_manual_match("H1", "P1", 0, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  for (const char* region : kChain) {
    EXPECT_EQ(count(region, "match_outcome", "manual"), 1) << region;
    EXPECT_EQ(count(region, "match_outcome", "unmatched"), 1) << region;
    EXPECT_EQ(count(region, "households", ""), 2) << region;
  }
  auto tx = begin(TxMode::read);
  auto children = tx->read_models().child_counts("500229108000", "match_outcome");
  ASSERT_TRUE(children);
  ASSERT_EQ(children->size(), 2u);
  for (const RegionCount& c : *children) EXPECT_EQ(c.region_code, "500229108201");
  auto provinces = tx->regions().child_regions(std::string(kWholeCountry));
  ASSERT_TRUE(provinces);
  ASSERT_EQ(provinces->size(), 1u);
  EXPECT_EQ(provinces->front().code, "500000000000");
}

TEST_F(ReadModels, ARunsCountsAreTakenAsCountedAndCountedAfreshWhenTheStoredOnesAreBehind) {
  // A run that went through H1 and H2 (village 500229108201) and changed
  // their results only: what it counted is taken, without reading the
  // judgments back (none is stored), and the other dimensions are kept.
  RunCounts both{{"result"}, {}};
  for (int i = 0; i < 2; ++i) {
    both.counts.add("500229108201", "households", "");
    both.counts.add("500229108201", "result", "unsafe");
  }
  {
    auto tx = begin();
    ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry), both));
    ASSERT_TRUE(tx->commit());
  }
  for (const char* region : kChain) {
    EXPECT_EQ(count(region, "result", "unsafe"), 2) << region;
    EXPECT_EQ(count(region, "result", ""), 0) << region;
    EXPECT_EQ(count(region, "match_outcome", "unmatched"), 2) << region;
  }
  // A run that went through one of the two: the stored counts are not of
  // the households it saw, so every household is counted afresh.
  RunCounts one{{"result"}, {}};
  one.counts.add("500229108201", "households", "");
  one.counts.add("500229108201", "result", "safe");
  {
    auto tx = begin();
    ASSERT_TRUE(tx->read_models().refresh_summary("500229108201", one));
    ASSERT_TRUE(tx->commit());
  }
  for (const char* region : kChain) {
    EXPECT_EQ(count(region, "result", ""), 2) << region;
    EXPECT_EQ(count(region, "result", "safe"), 0) << region;
    EXPECT_EQ(count(region, "result", "unsafe"), 0) << region;
  }
}

// Every stored cell, as "region dimension key n" lines in a fixed order.
std::vector<std::string> all_cells(Transaction& tx) {
  const CodeRange all = region_range(kWholeCountry);
  auto rows = tx.read_models().region_counts(all.lo, all.hi,
                                             {"households", "result", "reason", "match_outcome",
                                              "category", "status", "housing", "monitor_type"});
  EXPECT_TRUE(rows);
  std::vector<std::string> out;
  for (const RegionCount& r : *rows)
    out.push_back(r.region_code + " " + r.dimension + " " + r.key + " " + std::to_string(r.n));
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(ReadModels, ARefreshOfOneVillageGivesWhatAWholeRefreshGives) {
  // A second village in another town; one household judged there, then
  // re-judged (a partial refresh moves the towns above by the difference).
  {
    auto tx = begin();
    add_second_village(*tx);
    JudgmentRow j{"H3", JudgeResult::verify, {Reason::no_assessment}, std::nullopt, std::nullopt, "", std::nullopt,
                  "500229109202"};
    ASSERT_TRUE(tx->results().replace_judgment(j));
    j.result = JudgeResult::unsafe;
    j.reasons = {};
    ASSERT_TRUE(tx->results().replace_judgment(j));
    ASSERT_TRUE(tx->results().set_manual_match("H1", "P1", 0, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(count("500229109000", "result", "unsafe"), 1);
  EXPECT_EQ(count("500229109000", "reason", "no_assessment"), 0);
  EXPECT_EQ(count("500229000000", "households", ""), 3);
  EXPECT_EQ(count("500229108000", "households", ""), 2);
  auto tx = begin();
  const auto partial = all_cells(*tx);
  ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
  EXPECT_EQ(all_cells(*tx), partial);
  // A household that moves away (a change request): the village and town
  // it leaves lose their cells, the ones it joins gain them.
  Household moved = sample_household("H3", "110105194912310045");
  ASSERT_TRUE(tx->households().update_household(moved, 1, kStamp));
  ASSERT_TRUE(tx->read_models().refresh_summary("500229109202"));
  ASSERT_TRUE(tx->read_models().refresh_summary(moved.region_code));
  const auto after_move = all_cells(*tx);
  for (const std::string& cell : after_move) EXPECT_EQ(cell.find("50022910"), cell.find("500229108")) << cell;
  EXPECT_NE(std::find(after_move.begin(), after_move.end(), "500229108000 households  3"), after_move.end());
  ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
  EXPECT_EQ(all_cells(*tx), after_move);
}

// A change within a village appends what it moved in the regions above
// (region_count_deltas) and never writes their rows; every so often the
// deltas are folded into them. Across many changes and a fold, the counts
// stay what a whole refresh gives.
TEST_F(ReadModels, ManyChangesAcrossAFoldGiveWhatAWholeRefreshGives) {
  JudgmentRow j{"H1", JudgeResult::verify, {Reason::no_assessment}, std::nullopt, std::nullopt, "", std::nullopt,
                "500229108201"};
  for (int i = 0; i < 150; ++i) {  // past two folds (every 64 changes)
    auto tx = begin();
    j.result = i % 2 ? JudgeResult::unsafe : JudgeResult::verify;
    j.reasons = i % 2 ? std::vector<Reason>{} : std::vector<Reason>{Reason::no_assessment};
    ASSERT_TRUE(tx->results().replace_judgment(j));
    ASSERT_TRUE(tx->commit());
  }
  for (const char* region : kChain) {
    EXPECT_EQ(count(region, "result", "unsafe"), 1) << region;  // the last change: unsafe
    EXPECT_EQ(count(region, "result", "verify"), 0) << region;
    EXPECT_EQ(count(region, "reason", "no_assessment"), 0) << region;
    EXPECT_EQ(count(region, "result", ""), 1) << region;  // H2, never judged
  }
  auto tx = begin();
  const auto kept = all_cells(*tx);
  auto children = tx->read_models().child_counts("500229000000", "result");
  ASSERT_TRUE(children);
  long unsafe = 0;
  for (const RegionCount& c : *children) unsafe += c.key == "unsafe" ? c.n : 0;
  EXPECT_EQ(unsafe, 1);
  ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
  EXPECT_EQ(all_cells(*tx), kept);
}

// A household of the town itself (not of a village): the town's list
// counts it once, though the town has its own row and its sums.
TEST_F(ReadModels, ATownsOwnHouseholdIsCountedOnceInItsTotal) {
  {
    auto tx = begin();
    Household h4 = sample_household("H4", "110105194912310053");
    h4.region_code = "500229108000";
    ASSERT_TRUE(tx->households().insert_household(h4, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin();
  ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
  HouseholdFilter f;
  f.region_code = "500229108000";
  auto page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->total, 3);
  f.region_code = "500229000000";
  page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 3);
}

// On PostgreSQL, writers in two villages at once both commit: neither
// writes a row of the regions above them (their town, county, the country).
TEST_F(ReadModels, WritersInTwoVillagesAtOnceDoNotMeet) {
  if (!store_->concurrent_writes()) GTEST_SKIP() << "one writer at a time on this engine";
  {
    auto tx = begin();
    add_second_village(*tx);
    ASSERT_TRUE(tx->commit());
  }
  auto one = begin();
  auto other = begin();
  JudgmentRow j1{"H1", JudgeResult::unsafe, {}, std::nullopt, std::nullopt, "", std::nullopt, "500229108201"};
  JudgmentRow j3{"H3", JudgeResult::unsafe, {}, std::nullopt, std::nullopt, "", std::nullopt, "500229109202"};
  ASSERT_TRUE(one->results().replace_judgment(j1));
  ASSERT_TRUE(other->results().replace_judgment(j3));
  ASSERT_TRUE(one->commit());
  auto committed = other->commit();
  ASSERT_TRUE(committed) << committed.error().message;
  EXPECT_EQ(count("500229000000", "result", "unsafe"), 2);
  EXPECT_EQ(count("000000000000", "result", "unsafe"), 2);
}

TEST_F(ReadModels, AWholeRefreshWritesEveryVillageOfATownOfManyVillages) {
  // More villages than one statement writes rows for (write_counts), and
  // a remainder written one by one; then one village moves on.
  constexpr int kVillages = 70;
  const auto village = [](int v) {
    const std::string n = std::to_string(v);
    return "500229107" + std::string(3 - n.size(), '0') + n;
  };
  {
    auto tx = begin();
    ASSERT_TRUE(tx->regions().insert_region(Region{"500229107000", "镇"}, kStamp));
    for (int v = 1; v <= kVillages; ++v) {
      ASSERT_TRUE(tx->regions().insert_region(Region{village(v), "村"}, kStamp));
      const std::string n = std::to_string(v);
      Household h = sample_household("V" + n, "1101051949123" + std::string(5 - n.size(), '0') + n);
      h.region_code = village(v);
      ASSERT_TRUE(tx->households().insert_household(h, kStamp));
    }
    ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
    ASSERT_TRUE(tx->commit());
  }
  for (int v = 1; v <= kVillages; ++v) EXPECT_EQ(count(village(v), "households", ""), 1) << village(v);
  EXPECT_EQ(count("500229107000", "households", ""), kVillages);
  EXPECT_EQ(count("500229000000", "households", ""), kVillages + 2);
  EXPECT_EQ(count("000000000000", "housing", "relatives"), kVillages + 2);
  auto tx = begin();
  auto children = tx->read_models().child_counts("500229107000", "households");
  ASSERT_TRUE(children);
  EXPECT_EQ(children->size(), static_cast<size_t>(kVillages));
}

TEST_F(ReadModels, ListTotalsAgreeWithTheRowsAndTheChoiceIsLocked) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->results().set_manual_match("H2", "P1", 0, kStamp));
    // Version 0 again: there is a choice now.
    auto again = tx->results().set_manual_match("H2", "P1", 0, kStamp);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
  }  // rolled back
  {
    auto tx = begin();
    ASSERT_TRUE(tx->results().set_manual_match("H2", "P1", 0, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin(TxMode::read);
  HouseholdFilter f;
  f.region_code = "500229108000";
  f.match_outcome = "manual";
  auto page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].household.household_id, "H2");
  EXPECT_EQ(page->items[0].matched_parcel, "P1");
  f.match_outcome.reset();
  f.search = "张";  // a search counts rows instead
  page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2);
  auto manual = tx->results().find_manual_match("H2");
  ASSERT_TRUE(manual && *manual);
  EXPECT_EQ((*manual)->version, 1);
  tx.reset();
  auto w = begin();
  auto stale = w->results().clear_manual_match("H2", 7);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace anju
