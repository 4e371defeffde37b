#include "service/campaign_service.h"
#include "service/field_service.h"

#include <gtest/gtest.h>

#include <set>

#include "core/access.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

// Two towns of 城口县: 高燕镇's 来凤村 with 30 households (3 deceased) and
// another town's village with 10.
class FieldServiceTest : public testing::StoreTest {
 protected:
  FieldServiceTest() : StoreTest("field") {}

  void seed(Transaction& tx) override {
    ASSERT_TRUE(tx.regions().insert_region(Region{"500229104000", "另一镇"}, testing::kTestStamp));
    ASSERT_TRUE(tx.regions().insert_region(Region{"500229104201", "另一村"}, testing::kTestStamp));
    for (int i = 0; i < 40; ++i) {
      char id[20];
      std::snprintf(id, sizeof id, "50022910%s%04d", i < 30 ? "8201" : "4201", i);
      Household h = testing::sample_household(id, "50022919900101" + std::to_string(1000 + i));
      h.region_code = i < 30 ? "500229108201" : "500229104201";
      if (i < 3) h.status = HouseholdStatus::deceased;
      ASSERT_TRUE(tx.households().insert_household(h, testing::kTestStamp)) << id;
      ids_.push_back(id);
    }
  }

  JudgmentRow row(const std::string& id, JudgeResult r) { return JudgmentRow{id, r, {}, std::nullopt, std::nullopt, "", std::nullopt, ""}; }

  // Within the seed's window (2024-09-11 … 10-13) unless told.
  TaskSync sync(const std::vector<JudgmentRow>& rows, SyncScope scope = SyncScope::run_over(std::string(kWholeCountry)),
                Date today = {2024, 9, 20}) {
    auto tx = begin();
    auto campaigns = campaigns_over(tx->campaign(), kWholeCountry);
    EXPECT_TRUE(campaigns);
    auto s = sync_field_tasks(*tx, rows, *campaigns, scope, today, testing::kTestStamp);
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(tx->commit());
    return s ? *s : TaskSync{};
  }

  std::vector<ActiveTask> active() { return *begin(TxMode::read)->field_work().active_tasks_in(kWholeCountry); }

  User county() { return User{"county", "", Role::county_reviewer, "500229000000", "", false, false, {}}; }

  std::vector<std::string> ids_;
};

TEST_F(FieldServiceTest, AJudgmentRunKeepsOneTaskPerHouseholdToVerify) {
  TaskSync first = sync({row(ids_[5], JudgeResult::verify), row(ids_[6], JudgeResult::verify),
                         row(ids_[7], JudgeResult::safe)});
  EXPECT_EQ(first.open, (std::vector<std::string>{ids_[5], ids_[6]}));
  auto tasks = active();
  ASSERT_EQ(tasks.size(), 2u);
  auto t = *begin(TxMode::read)->field_work().find_task(tasks[0].id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->region_code, "500229108201");
  EXPECT_EQ(t->origin, TaskOrigin::judgment);
  ASSERT_TRUE(t->due);
  EXPECT_EQ(*t->due, begin(TxMode::read)->campaign().campaign_for(kWholeCountry)->window_end)
      << "due at the campaign window's end";

  // The same judgment again opens nothing (idempotent).
  TaskSync again = sync({row(ids_[5], JudgeResult::verify), row(ids_[6], JudgeResult::verify)});
  EXPECT_TRUE(again.open.empty());
  EXPECT_EQ(active().size(), 2u);

  // ids_[6] is now safe: its open task closes, with the reason.
  TaskSync later = sync({row(ids_[5], JudgeResult::verify), row(ids_[6], JudgeResult::safe)});
  ASSERT_EQ(later.close.size(), 1u);
  auto closed = *begin(TxMode::read)->field_work().find_task(later.close[0]);
  EXPECT_EQ(closed->status, TaskStatus::closed);
  EXPECT_EQ(closed->household_id, ids_[6]);
  EXPECT_FALSE(closed->closed_reason.empty());
  EXPECT_EQ(active().size(), 1u);
  // A household may get a new task after its last one ended.
  EXPECT_EQ(sync({row(ids_[6], JudgeResult::verify)}).open, std::vector<std::string>{ids_[6]});
}

TEST_F(FieldServiceTest, OneHouseholdsSyncTouchesOnlyItsOwnTasks) {
  sync({row(ids_[5], JudgeResult::verify), row(ids_[6], JudgeResult::verify)});
  // ids_[7] judged again alone (after a manual choice): its task opens and
  // the tasks of households not in the rows stay (a whole run would close
  // them).
  TaskSync one = sync({row(ids_[7], JudgeResult::verify)}, SyncScope::these_households());
  EXPECT_EQ(one.open, std::vector<std::string>{ids_[7]});
  EXPECT_TRUE(one.close.empty());
  EXPECT_EQ(active().size(), 3u);
  // ids_[5] died (judged excluded): its task is cancelled with the reason.
  TaskSync death = sync({row(ids_[5], JudgeResult::excluded)}, SyncScope::these_households());
  ASSERT_EQ(death.cancel.size(), 1u);
  auto cancelled = *begin(TxMode::read)->field_work().find_task(death.cancel[0]);
  EXPECT_EQ(cancelled->status, TaskStatus::cancelled);
  EXPECT_EQ(cancelled->household_id, ids_[5]);
  EXPECT_NE(cancelled->closed_reason.find("死亡"), std::string::npos) << cancelled->closed_reason;
  EXPECT_EQ(active().size(), 2u);
}

TEST_F(FieldServiceTest, ATaskOpenedAfterTheWindowIsDueTheDayItIsMade) {
  sync({row(ids_[8], JudgeResult::verify)}, SyncScope::these_households(), Date{2026, 11, 28});
  auto task = *begin(TxMode::read)->field_work().find_task(active().at(0).id);
  ASSERT_TRUE(task->due);
  EXPECT_EQ(*task->due, (Date{2026, 11, 28})) << "never due on a day already past";
  // Spot checks too (the clock says 2026-11-28, the window ended 2024-10-13).
  auto drawn = draw_spot_check(*store_, county(), SampleRequest{"500229000000", 2, std::nullopt, 7, false}, kClock);
  ASSERT_TRUE(drawn) << drawn.error().message;
  for (const ActiveTask& t : active()) {
    auto stored = *begin(TxMode::read)->field_work().find_task(t.id);
    ASSERT_TRUE(stored->due);
    EXPECT_GE(*stored->due, (Date{2026, 11, 28})) << t.household_id;
  }
}

TEST_F(FieldServiceTest, TheSameSeedDrawsTheSameHouseholdsSpreadOverTowns) {
  SampleRequest r{"500229000000", 8, std::nullopt, 2026, true};
  auto a = draw_spot_check(*store_, county(), r, kClock);
  ASSERT_TRUE(a) << a.error().message;
  auto b = draw_spot_check(*store_, county(), r, kClock);
  EXPECT_EQ(a->households, b->households);
  EXPECT_EQ(a->sample_id, 0) << "a dry run records nothing";
  EXPECT_TRUE(active().empty());
  // 37 living households: 27 in 高燕镇, 10 in the other town → 5.84 and 2.16 → 6 and 2.
  EXPECT_EQ(a->per_town["500229108000"], 6);
  EXPECT_EQ(a->per_town["500229104000"], 2);
  for (const std::string& h : a->households)
    for (int i = 0; i < 3; ++i) EXPECT_NE(h, ids_[i]) << "a deceased household is never drawn";

  r.dry_run = false;
  auto recorded = draw_spot_check(*store_, county(), r, kClock);
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->households, a->households) << "recording draws the same households";
  EXPECT_GT(recorded->sample_id, 0);
  auto tasks = active();
  ASSERT_EQ(tasks.size(), 8u);
  for (const ActiveTask& t : tasks) EXPECT_EQ(t.origin, TaskOrigin::sample);

  // Drawn again with the same seed: those now being visited are not drawn twice.
  auto next = draw_spot_check(*store_, county(), r, kClock);
  ASSERT_TRUE(next);
  std::set<std::string> first(recorded->households.begin(), recorded->households.end());
  for (const std::string& h : next->households) EXPECT_FALSE(first.count(h)) << h;
  EXPECT_EQ(active().size(), 16u);
}

TEST_F(FieldServiceTest, OnlyCountyReviewersDrawAndOnlyInTheirCounty) {
  SampleRequest r{"500229000000", std::nullopt, 0.1, 1, true};
  auto by_share = draw_spot_check(*store_, county(), r, kClock);
  ASSERT_TRUE(by_share);
  EXPECT_EQ(by_share->households.size(), 4u) << "10% of 37, rounded up";
  User city{"city", "", Role::city_reviewer, "500200000000", "", false, false, {}};
  EXPECT_EQ(draw_spot_check(*store_, city, r, kClock).error().code, ErrorCode::forbidden);
  User town{"town", "", Role::town_office, "500229108000", "", false, false, {}};
  EXPECT_EQ(draw_spot_check(*store_, town, r, kClock).error().code, ErrorCode::not_found) << "beyond its town";
  User other{"other", "", Role::county_reviewer, "500230000000", "", false, false, {}};
  EXPECT_EQ(draw_spot_check(*store_, other, r, kClock).error().code, ErrorCode::not_found);
  r.county_code = "500229108000";
  EXPECT_EQ(draw_spot_check(*store_, county(), r, kClock).error().code, ErrorCode::invalid) << "a town is no county";
  r = SampleRequest{"500229000000", 100, std::nullopt, 1, true};
  EXPECT_EQ(draw_spot_check(*store_, county(), r, kClock).error().code, ErrorCode::invalid) << "more than there are";
}

}  // namespace
}  // namespace anju
