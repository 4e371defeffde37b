// A campaign per region (issue: region-scoped runs, item 3): a town sets its
// own window, dates and deadline; its households are judged, given tasks and
// marked late by it, the rest of the county by the county's; setting or
// removing it judges the town again at once — on both engines.
#include <gtest/gtest.h>

#include "core/access.h"
#include "core/clock.h"
#include "service/campaign_service.h"
#include "service/census_service.h"
#include "service/ledger_service.h"
#include "service/statistics_service.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});
constexpr const char* kTown = "500229108000";
constexpr const char* kOtherTown = "500229104000";
constexpr const char* kHere = "500229108201H1";   // in kTown
constexpr const char* kThere = "500229104201H1";  // in kOtherTown

User user(const char* name, Role role, const char* region) {
  return User{name, "", role, region, "", false, false, {}};
}

class CampaignTest : public testing::StoreTest {
 protected:
  CampaignTest() : StoreTest("campaign") {}

  void seed(Transaction& tx) override {
    for (const char* code : {"500000000000", "500229000000", kTown, kOtherTown, "500229108201", "500229104201"})
      testing::add_region_once(tx, code, std::string("区划") + code);
    // Each household on a house graded C on 2024-09-20.
    int n = 0;
    for (const char* id : {kHere, kThere}) {
      const std::string village = std::string(id).substr(0, 12);
      const std::string parcel = "P" + std::to_string(++n);
      const Building b = testing::square_building(parcel, village, 108.0 + n * 0.01, 31.0);
      ASSERT_TRUE(tx.census().insert_building(b, testing::kTestStamp));
      Evidence e;
      e.evidence_id = "E" + std::to_string(n);
      e.parcel_id = parcel;
      e.assessed_on = {2024, 9, 20};
      e.grade = Grade::C;
      ASSERT_TRUE(tx.census().insert_evidence(e, testing::kTestStamp));
      Household h = testing::sample_household(id, "50022919900101123" + std::to_string(n));
      h.region_code = village;
      h.housing = Housing::own_rural;
      h.parcel_id = parcel;
      ASSERT_TRUE(tx.households().insert_household(h, testing::kTestStamp));
    }
  }

  void prepare() override {
    // The country's campaign looks at assessments up to 2024-10-01.
    ASSERT_TRUE(change_campaign(*store_, operator_, kWholeCountry, std::nullopt,
                                [](Campaign& c) -> Result<void> {
                                  c.as_of = Date{2024, 10, 1};
                                  return {};
                                },
                                kClock));
    ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
    ASSERT_TRUE(run_judge(*store_, {}, "test", kClock));
  }

  JudgmentRow judgment(const char* id) { return **begin(TxMode::read)->results().find_judgment(id); }
  std::vector<FieldTask> active_tasks(const char* id) {
    auto tx = begin(TxMode::read);
    std::vector<FieldTask> out;
    auto active = tx->field_work().active_tasks_of({id});
    for (const ActiveTask& t : *active) out.push_back(**tx->field_work().find_task(t.id));
    return out;
  }
  // The town's own campaign: assessments up to 2024-09-15 only, its own
  // window and ledger deadline.
  Result<CampaignChange> set_town_campaign(const User& who, std::optional<long> version = std::nullopt) {
    return change_campaign(*store_, who, kTown, version,
                           [](Campaign& c) -> Result<void> {
                             c.name = "坪坝镇回头看";
                             c.window_start = {2026, 11, 1};
                             c.window_end = {2027, 1, 31};
                             c.as_of = Date{2024, 9, 15};
                             c.ledger_deadline = {2027, 12, 31};
                             return {};
                           },
                           kClock);
  }
  const User operator_ = system_operator("test");
  const User town_ = user("town", Role::town_office, kTown);
  const User county_ = user("county", Role::county_reviewer, "500229000000");
};

TEST_F(CampaignTest, ATownsOwnCampaignJudgesItsHouseholdsAndNoOthers) {
  ASSERT_EQ(judgment(kHere).result, JudgeResult::unsafe);
  ASSERT_EQ(judgment(kThere).result, JudgeResult::unsafe);
  const JudgmentRow there_before = judgment(kThere);

  auto set = set_town_campaign(town_);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_TRUE(set->now.own);
  EXPECT_EQ(set->now.campaign.region_code, kTown);
  ASSERT_TRUE(set->judged) << "the town had been judged: it is judged again at once";
  EXPECT_EQ(set->judged->households, 1) << "the town's households only";

  // The C assessment of 2024-09-20 is after the town's as_of: no assessment.
  const JudgmentRow here = judgment(kHere);
  EXPECT_EQ(here.result, JudgeResult::verify);
  EXPECT_EQ(here.campaign_id, set->now.campaign.id);
  auto tasks = active_tasks(kHere);
  ASSERT_EQ(tasks.size(), 1U);
  EXPECT_EQ(tasks[0].due, (Date{2027, 1, 31})) << "due at the end of the town's window";
  // The other town keeps the county's (the country's) campaign, untouched.
  const JudgmentRow there = judgment(kThere);
  EXPECT_EQ(there.result, there_before.result);
  EXPECT_EQ(there.campaign_id, 1);

  // A county's run judges each household by the campaign it follows.
  JudgeOverrides county;
  county.region = "500229000000";
  auto run = run_judge(*store_, county, "test", kClock);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->campaigns, 2);
  EXPECT_EQ(run->changed, 0) << "the same answers as the town's change gave";
  EXPECT_EQ(judgment(kHere).campaign_id, set->now.campaign.id);
  EXPECT_EQ(judgment(kThere).campaign_id, 1);

  // A new name changes no judgment: nothing is judged again.
  auto renamed = change_campaign(*store_, town_, kTown, std::nullopt,
                                 [](Campaign& c) -> Result<void> {
                                   c.name = "坪坝镇住房安全回头看";
                                   return {};
                                 },
                                 kClock);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_FALSE(renamed->judged);
  set->now.campaign.version = renamed->now.campaign.version;

  // Back to the county's: the town is judged again by it.
  auto removed = remove_campaign(*store_, town_, kTown, set->now.campaign.version, kClock);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(removed->now.own);
  EXPECT_EQ(judgment(kHere).result, JudgeResult::unsafe);
  EXPECT_EQ(judgment(kHere).campaign_id, 1);
  EXPECT_TRUE(active_tasks(kHere).empty()) << "the verify task closes: nothing to verify";
}

TEST_F(CampaignTest, TheLedgerIsLateByEachHouseholdsOwnDeadline) {
  // Today (2026-11-28) is past the country's deadline (2025-12-31): both
  // entries are late, until the town gives itself to the end of 2027.
  LedgerQuery late;
  late.region_code = "500229000000";
  late.status = "open";
  late.urgency = "late";
  auto before = list_ledger(*store_, county_, late, kClock);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(before->total, 2);

  ASSERT_TRUE(change_campaign(*store_, town_, kTown, std::nullopt,
                              [](Campaign& c) -> Result<void> {
                                c.ledger_deadline = {2027, 12, 31};
                                return {};
                              },
                              kClock));
  auto after = list_ledger(*store_, county_, late, kClock);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->total, 1);
  EXPECT_EQ(after->items[0].household.household_id, kThere);
  EXPECT_EQ(after->items[0].deadline, (Date{2025, 12, 31}));

  LedgerQuery all = late;
  all.urgency = "";
  auto rows = list_ledger(*store_, county_, all, kClock);
  ASSERT_TRUE(rows);
  for (const LedgerRow& r : rows->items)
    EXPECT_EQ(r.deadline, (r.household.household_id == kHere ? Date{2027, 12, 31} : Date{2025, 12, 31}));

  auto table = summary_table(*store_, county_, "500229000000", kClock);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->total.late, 1) << "the dashboard counts by the same deadlines";
  EXPECT_TRUE(table->deadlines_differ);
}

TEST_F(CampaignTest, OnlyOfficesOfTheRegionSetItsCampaign) {
  const User clerk = user("clerk", Role::village_clerk, "500229108201");
  auto refused = set_town_campaign(clerk);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found) << "a town is outside a village clerk's scope";
  const User other = user("other", Role::town_office, kOtherTown);
  auto outside = set_town_campaign(other);
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::not_found);
  const User leader = user("leader", Role::town_leader, kTown);
  auto forbidden = set_town_campaign(leader);
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::forbidden);
  auto village = change_campaign(*store_, town_, "500229108201", std::nullopt,
                                 [](Campaign&) -> Result<void> { return {}; }, kClock);
  ASSERT_FALSE(village);
  EXPECT_EQ(village.error().code, ErrorCode::invalid) << "villages follow their town";

  // A county sets it for a town of its own; a stale version is refused.
  auto set = set_town_campaign(county_, 0);
  ASSERT_TRUE(set) << set.error().message;
  auto stale = set_town_campaign(town_, 0);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto bad = change_campaign(*store_, town_, kTown, std::nullopt,
                             [](Campaign& c) -> Result<void> {
                               c.window_end = {2026, 1, 1};  // before its start
                               return {};
                             },
                             kClock);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid);
  EXPECT_EQ(begin(TxMode::read)->campaign().campaign_for("500229108201")->window_end, (Date{2027, 1, 31}))
      << "nothing changed by the refused edits";
  // A province's own beats the country's (both codes' prefixes are two
  // digits long); the town's still beats the province's.
  auto province = change_campaign(*store_, operator_, "500000000000", std::nullopt,
                                  [](Campaign& c) -> Result<void> {
                                    c.name = "重庆市回头看";
                                    return {};
                                  },
                                  kClock);
  ASSERT_TRUE(province) << province.error().message;
  EXPECT_TRUE(province->now.own);
  EXPECT_EQ(begin(TxMode::read)->campaign().campaign_for("500229104201")->region_code, "500000000000");
  EXPECT_EQ(begin(TxMode::read)->campaign().campaign_for("500229108201")->region_code, kTown);
  auto unknown = change_campaign(*store_, operator_, "500229199000", std::nullopt,
                                 [](Campaign&) -> Result<void> { return {}; }, kClock);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found) << "a region not in the division table";
  auto gone = remove_campaign(*store_, operator_, kWholeCountry, std::nullopt, kClock);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::invalid) << "the country's campaign stays";
}

}  // namespace
}  // namespace anju
