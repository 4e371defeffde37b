// Runs act on a region (issue: region-scoped runs, item 1): a town's match
// or judge run changes its own households' matches, judgments, field tasks,
// ledger entries and counts and nothing of another town's; runs over every
// town in turn leave exactly what one run over everything leaves — on both
// engines, over a generated province of two towns.
#include "service/generated_store_testing.h"

namespace anju {
namespace {

using testing::Derived;
const Clock& kClock = testing::kGeneratedClock;
// The generator's two towns (gen/generator.h): the seed's 高燕镇 and a made-up one.
constexpr const char* kTownA = "500229108000";
constexpr const char* kTownB = "910101101000";

class ScopedRunTest : public testing::GeneratedStoreTest {
 protected:
  ScopedRunTest() : GeneratedStoreTest("scoped_run", 2000, 5) {}

  void survey() override {
    for (const auto& [id, village] : village_) {
      if (region_covers(kTownA, village)) ++in_a_;
      if (region_covers(kTownB, village)) ++in_b_;
    }
    ASSERT_GT(in_a_, 0);
    ASSERT_GT(in_b_, 0);
  }

  // The part of `d` that belongs to households of `town` (counts: of the
  // town and its villages; those above sum every town).
  Derived of_town(const Derived& d, const char* town) {
    Derived out;
    auto keep = [&](const std::map<std::string, std::string>& from, std::map<std::string, std::string>& to) {
      for (const auto& [id, v] : from)
        if (region_covers(town, village_.at(id))) to[id] = v;
    };
    keep(d.matches, out.matches);
    keep(d.judgments, out.judgments);
    keep(d.tasks, out.tasks);
    keep(d.ledger, out.ledger);
    for (const auto& [key, n] : d.counts)
      if (region_covers(town, key.substr(0, 12))) out.counts[key] = n;
    return out;
  }

  // Changes behind the runs' back, in both towns: of the first `n`
  // households of each, every other one dies (its status only, as a roster
  // import would) and the rest take the building of the household before
  // them as their roster parcel (the first of town B: one of town A's, so
  // that a building is shared across the towns).
  void change_both_towns(int n) {
    auto tx = begin();
    std::map<std::string, int> changed;
    std::string previous_parcel;
    for (const auto& [id, village] : village_) {
      const std::string town = village.substr(0, 9) + "000";
      if (changed[town] >= n) continue;
      auto h = tx->households().find_household(id);
      ASSERT_TRUE(h && *h);
      Household x = (*h)->value;
      if (changed[town] % 2 == 0) {
        x.status = HouseholdStatus::deceased;
      } else {
        x.parcel_id = previous_parcel;  // the building of the household before it: now shared
      }
      auto m = tx->results().find_match(id);
      if (*m && !(*m)->parcel_id.empty()) previous_parcel = (*m)->parcel_id;
      ASSERT_TRUE(tx->households().update_household(x, (*h)->version, testing::kTestStamp));
      ++changed[town];
    }
    ASSERT_TRUE(tx->commit());
  }

  long in_a_ = 0, in_b_ = 0;
};

TEST_F(ScopedRunTest, ATownsRunsChangeItsHouseholdsAndNoOtherTowns) {
  change_both_towns(6);
  const Derived before = derived();

  auto matched = run_match(*store_, kTownA, "test", kClock);
  ASSERT_TRUE(matched) << matched.error().message;
  EXPECT_EQ(matched->households, in_a_) << "a town's run reads its households only";
  JudgeOverrides town_a;
  town_a.region = kTownA;
  auto judged = run_judge(*store_, town_a, "test", kClock);
  ASSERT_TRUE(judged) << judged.error().message;
  EXPECT_EQ(judged->households, in_a_);
  EXPECT_GT(judged->changed, 0) << "the deaths were judged";

  const Derived after = derived();
  EXPECT_EQ(of_town(after, kTownB), of_town(before, kTownB)) << "nothing of the other town changed";
  EXPECT_NE(of_town(after, kTownA), of_town(before, kTownA));
}

TEST_F(ScopedRunTest, RunsOverEveryTownInTurnLeaveWhatOneRunOverEverythingLeaves) {
  change_both_towns(6);
  for (const char* town : {kTownA, kTownB}) {
    ASSERT_TRUE(run_match(*store_, town, "test", kClock));
    JudgeOverrides o;
    o.region = town;
    ASSERT_TRUE(run_judge(*store_, o, "test", kClock));
  }
  const Derived by_towns = derived();

  ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
  auto whole = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(whole->changed, 0);
  EXPECT_EQ(whole->tasks_opened, 0);
  EXPECT_EQ(whole->tasks_closed, 0);
  EXPECT_EQ(whole->ledger_opened, 0);
  EXPECT_EQ(whole->ledger_closed, 0);
  const Derived everything = derived();
  EXPECT_EQ(by_towns.matches, everything.matches);
  EXPECT_EQ(by_towns.judgments, everything.judgments);
  EXPECT_EQ(by_towns.tasks, everything.tasks);
  EXPECT_EQ(by_towns.ledger, everything.ledger);
  EXPECT_EQ(by_towns.counts, everything.counts);
}

}  // namespace
}  // namespace anju
