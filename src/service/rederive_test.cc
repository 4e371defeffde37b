// Every change re-derives at once (issue: region-scoped runs, item 4): a
// manual choice, its clearing, an approved relocation and building facts
// typed into the four-part record leave the
// household's match, judgment and field tasks as a run would, in the same
// transaction — on both engines.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/access.h"
#include "core/clock.h"
#include "service/census_service.h"
#include "service/change_service.h"
#include "service/import_service.h"
#include "service/record_service.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});
constexpr const char* kHousehold = "500229108201H1";
constexpr const char* kNewVillage = "500229108299";

class RederiveTest : public testing::StoreTest {
 protected:
  RederiveTest() : StoreTest("rederive") {}

  void seed(Transaction& tx) override {
    testing::add_region_once(tx, kNewVillage, "测试村");
    Building b = testing::square_building("P1", "500229108201", 108.0, 31.0);
    b.owner_name = "李四";  // not the head: no match by owner
    ASSERT_TRUE(tx.census().insert_building(b, testing::kTestStamp));
    Evidence e;
    e.evidence_id = "E1";
    e.parcel_id = "P1";
    e.assessed_on = {2023, 5, 1};
    e.grade = Grade::B;
    ASSERT_TRUE(tx.census().insert_evidence(e, testing::kTestStamp));
    Household h = testing::sample_household(kHousehold, "50022919900101" + std::to_string(1234));
    h.housing = Housing::own_rural;
    h.lon.reset();
    h.lat.reset();
    ASSERT_TRUE(tx.households().insert_household(h, testing::kTestStamp));
  }

  void prepare() override {
    ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
    ASSERT_TRUE(run_judge(*store_, {}, "test", kClock));
  }

  JudgmentRow judgment() { return **begin(TxMode::read)->results().find_judgment(kHousehold); }
  MatchResult match() { return **begin(TxMode::read)->results().find_match(kHousehold); }
  std::vector<FieldTask> active_tasks() {
    auto tx = begin(TxMode::read);
    std::vector<FieldTask> out;
    auto active = tx->field_work().active_tasks_of({kHousehold});
    for (const ActiveTask& t : *active) out.push_back(**tx->field_work().find_task(t.id));
    return out;
  }
  const User operator_ = system_operator("test");
};

// Evidence imported for a judged household's building judges it again in
// the import's transaction: a D appraisal puts it in the ledger at once.
TEST_F(RederiveTest, AnEvidenceImportJudgesTheHouseholdsItTouchesAtOnce) {
  ASSERT_TRUE(set_manual_match(*store_, operator_, kHousehold, "P1", std::nullopt, kClock));
  ASSERT_EQ(judgment().result, JudgeResult::safe);
  const std::string path = ::testing::TempDir() + "anju_rederive_evidence.csv";
  {
    std::ofstream out(path);
    out << "记录编号,图斑编号,户编号,评估日期,鉴定等级,安全隐患,评估方式,评估单位\n"
        << "JD-1,P1,,2026-11-01,D,,专业机构鉴定,某鉴定中心\n";
  }
  auto report = import_evidence(*store_, path, EvidenceSource::appraisal, ImportOptions{}, kClock);
  std::remove(path.c_str());
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->inserted, 1);
  EXPECT_EQ(judgment().result, JudgeResult::unsafe) << "judged from the new D appraisal without a run";
  EXPECT_EQ(judgment().evidence_id, "JD-1");
  auto ledger = begin(TxMode::read)->ledger().open_ledger_entries(kHousehold);
  ASSERT_TRUE(ledger);
  EXPECT_EQ(ledger->size(), 1u) << "a C/D house gets its ledger entry at once";
  bool said = false;
  for (const std::string& note : report->notes) said = said || note.find("重新初判") != std::string::npos;
  EXPECT_TRUE(said) << "the report says who was judged again";

  ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->changed, 0) << "a run from scratch agrees";
  EXPECT_EQ(run->ledger_opened + run->ledger_closed, 0);
}

TEST_F(RederiveTest, AManualChoiceAndItsClearingJudgeAtOnce) {
  ASSERT_EQ(judgment().reasons.front(), Reason::no_building);
  ASSERT_EQ(active_tasks().size(), 1u);

  auto chosen = set_manual_match(*store_, operator_, kHousehold, "P1", std::nullopt, kClock);
  ASSERT_TRUE(chosen) << chosen.error().message;
  // Judged from P1's assessment (B) without a run: safe, its task closed.
  EXPECT_EQ(chosen->judgment.result, JudgeResult::safe);
  EXPECT_EQ(judgment().result, JudgeResult::safe);
  EXPECT_EQ(judgment().evidence_id, "E1");
  EXPECT_TRUE(active_tasks().empty());

  auto cleared = clear_manual_match(*store_, operator_, kHousehold, std::nullopt, kClock);
  ASSERT_TRUE(cleared) << cleared.error().message;
  // Matched again by the rules of a run (nothing names P1 now) and judged.
  EXPECT_EQ(match().outcome, MatchOutcome::unmatched);
  EXPECT_EQ(cleared->reasons.front(), Reason::no_building);
  EXPECT_EQ(judgment().result, JudgeResult::verify);
  ASSERT_EQ(active_tasks().size(), 1u);
  EXPECT_GE(*active_tasks()[0].due, kClock.today()) << "a new task is never due in the past";

  // The same as a run from scratch over the same data.
  ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->changed, 0);
  EXPECT_EQ(run->tasks_opened + run->tasks_closed, 0);
}

TEST_F(RederiveTest, AnApprovedRelocationLeavesTheOldHouseAndItsTasks) {
  ASSERT_TRUE(set_manual_match(*store_, operator_, kHousehold, "P1", std::nullopt, kClock));
  ASSERT_TRUE(clear_manual_match(*store_, operator_, kHousehold, std::nullopt, kClock));
  ASSERT_TRUE(set_manual_match(*store_, operator_, kHousehold, "P1", std::nullopt, kClock));
  ASSERT_EQ(judgment().result, JudgeResult::safe);
  // A task of the old village, drawn as a spot check would be.
  FieldTask old;
  old.household_id = kHousehold;
  old.region_code = "500229108201";
  old.origin = TaskOrigin::sample;
  {
    auto tx = begin();
    ASSERT_TRUE(tx->field_work().insert_task(old, testing::kTestStamp));
    ASSERT_TRUE(tx->commit());
  }

  const User clerk{"clerk", "", Role::town_office, "500229108000", "", false, false, {}};
  const User county{"county", "", Role::county_reviewer, "500229000000", "", false, false, {}};
  ChangeInput in{kHousehold, ChangeKind::relocation, {{"region_code", kNewVillage}, {"address", "新村1号"}}, "搬迁"};
  auto raised = raise_change(*store_, clerk, in, kClock);
  ASSERT_TRUE(raised) << raised.error().message;
  auto decided = decide_change(*store_, county, raised->id, raised->version, ChangeAction::approve, "", kClock);
  ASSERT_TRUE(decided) << decided.error().message;

  // No longer on the old village's house (its manual choice went too), and
  // judged in the new village: no house there yet, so to verify.
  EXPECT_FALSE(begin(TxMode::read)->results().find_manual_match(kHousehold).value());
  EXPECT_EQ(match().outcome, MatchOutcome::unmatched);
  EXPECT_EQ(judgment().result, JudgeResult::verify);
  // The old village's task is cancelled with the reason; the new village
  // has its own.
  auto tasks = active_tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].region_code, kNewVillage);
  EXPECT_EQ(tasks[0].origin, TaskOrigin::judgment);
  auto page = begin(TxMode::read)->field_work().list_tasks(
      TaskFilter{"500229108201", "500229108201", TaskStatus::cancelled, false, std::nullopt, std::nullopt, 0, 10});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_NE(page->items[0].task.closed_reason.find("迁出"), std::string::npos);
}

}  // namespace
}  // namespace anju

namespace anju {
namespace {

// A construction year typed into the four-part record (the census lacked
// it) becomes the building's, and the household is judged again in the
// same save: 重要信息缺失 goes at once, audited, nothing left for a run.
TEST_F(RederiveTest, BuildingFactsTypedIntoTheRecordJudgeAtOnce) {
  ASSERT_TRUE(set_manual_match(*store_, operator_, kHousehold, "P1", std::nullopt, kClock));
  {
    auto tx = begin();
    auto b = *tx->census().find_building("P1");
    Building without = b->value;
    without.built.reset();
    ASSERT_TRUE(tx->census().update_building(without, b->version, testing::kTestStamp));
    ASSERT_TRUE(tx->commit());
  }
  ASSERT_TRUE(run_judge(*store_, {}, "test", kClock));
  ASSERT_EQ(judgment().reasons, std::vector<Reason>{Reason::missing_info});

  auto seen = record_view(*store_, operator_, kHousehold, Disclosure{}, kClock);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(save_record_fields(*store_, operator_, kHousehold, seen->version, {{"built", "去年"}}, kClock).error().code,
            ErrorCode::invalid);
  auto saved = save_record_fields(*store_, operator_, kHousehold, seen->version, {{"built", "2008"}}, kClock);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ((*begin(TxMode::read)->census().find_building("P1"))->value.built, (BuiltYears{2008, 2008, "2008"}));
  EXPECT_EQ(judgment().result, JudgeResult::safe);
  EXPECT_TRUE(judgment().reasons.empty());
  bool audited = false;
  ASSERT_TRUE(begin(TxMode::read)->audit().for_each_audit(
      [&](AuditEntry&& e) { audited |= e.action == "census.building_edit" && e.object_id == "P1"; }));
  EXPECT_TRUE(audited);
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->changed, 0);
}

}  // namespace
}  // namespace anju

namespace anju {
namespace {

// A house the census lacks, typed in from the paper ledger: it becomes a
// building of its own, chosen for the household, and 未对应房屋 goes at once;
// a run from scratch keeps it so.
TEST_F(RederiveTest, AHouseTypedIntoTheRecordBecomesABuildingOfItsOwn) {
  ASSERT_EQ(match().outcome, MatchOutcome::unmatched);
  ASSERT_EQ(judgment().reasons.front(), Reason::no_building);
  auto seen = record_view(*store_, operator_, kHousehold, Disclosure{}, kClock);
  ASSERT_TRUE(seen) << seen.error().message;
  auto saved = save_record_fields(
      *store_, operator_, kHousehold, seen->version,
      {{"floors", "1"}, {"built", "1985"}, {"structure", enum_name(Structure::masonry)}}, kClock);
  ASSERT_TRUE(saved) << saved.error().message;
  const std::string parcel = std::string("SG") + kHousehold;
  auto house = *begin(TxMode::read)->census().find_building(parcel);
  ASSERT_TRUE(house);
  EXPECT_EQ(house->value.floors, 1);
  EXPECT_EQ(house->value.structure, Structure::masonry);
  EXPECT_EQ(house->value.region_code, "500229108201");
  EXPECT_EQ(match().outcome, MatchOutcome::manual);
  EXPECT_EQ(match().parcel_id, parcel);
  const std::vector<Reason> reasons = judgment().reasons;
  EXPECT_EQ(std::find(reasons.begin(), reasons.end(), Reason::no_building), reasons.end());
  ASSERT_TRUE(saved->judgment);
  EXPECT_EQ(saved->judgment->result, judgment().result);  // the page shows it
  ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->changed, 0);
  EXPECT_EQ(match().parcel_id, parcel);
}

}  // namespace
}  // namespace anju
