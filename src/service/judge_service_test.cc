// The judge step without SQL: an in-memory ResultRepo (store/memory/) in
// place of the engines, and a store that fails half-way through a run.
#include <gtest/gtest.h>

#include "service/census_service.h"
#include "store/memory/memory_results.h"

namespace anju {
namespace {

JudgeInput household(const std::string& id, std::optional<Grade> grade,
                     Date assessed_on = {2022, 1, 1}) {
  JudgeInput in;
  in.household = HouseholdStanding{id, "500229108201", HouseholdStatus::normal, Housing::own_rural};
  BuildingFacts b;
  b.floors = 2;
  b.built = BuiltYears{2005, 2005, "2005"};
  b.structure = Structure::masonry;
  in.building = b;
  Evidence e;
  e.source = EvidenceSource::census;
  e.evidence_id = "E-" + id;
  e.assessed_on = assessed_on;
  e.grade = grade;
  e.method = AssessMethod::census;
  in.evidence.push_back(e);
  return in;
}

JudgeSettings settings() {
  JudgeSettings s;
  s.as_of = {2024, 9, 11};
  return s;
}

class JudgeStep : public ::testing::Test {
 protected:
  void SetUp() override {
    results_.put_judge_input(household("H1", Grade::A));
    results_.put_judge_input(household("H2", Grade::C));
    results_.put_judge_input(household("H3", std::nullopt));
    results_.put_judge_input(household("H4", Grade::D, {2025, 3, 1}));  // assessed after as_of
  }
  MemoryResults results_;
};

TEST_F(JudgeStep, JudgesEveryHouseholdOfTheRangeInKeyOrder) {
  auto rows = judge_households(results_, {}, judge_by(settings()), "", "H9", kWholeCountry);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].household_id, "H1");
  EXPECT_EQ((*rows)[0].result, JudgeResult::safe);
  EXPECT_EQ((*rows)[0].evidence_id, "E-H1");
  EXPECT_EQ((*rows)[1].result, JudgeResult::unsafe);
  EXPECT_EQ((*rows)[1].grade, Grade::C);
  EXPECT_EQ((*rows)[2].result, JudgeResult::verify);
  EXPECT_EQ((*rows)[2].reasons, std::vector<Reason>{Reason::no_grade});
  // Evidence dated after as_of is not read: no assessment at all.
  EXPECT_EQ((*rows)[3].result, JudgeResult::verify);
  EXPECT_FALSE((*rows)[3].grade);
  // A range is after < id ≤ upto.
  auto part = judge_households(results_, {}, judge_by(settings()), "H1", "H3", kWholeCountry);
  ASSERT_TRUE(part);
  ASSERT_EQ(part->size(), 2u);
  EXPECT_EQ(part->front().household_id, "H2");
  EXPECT_EQ(part->back().household_id, "H3");
}

TEST_F(JudgeStep, ThePreviousResultIsWhatWasStored) {
  auto first = judge_households(results_, {}, judge_by(settings()), "", "H9", kWholeCountry);
  ASSERT_TRUE(first);
  ASSERT_TRUE(results_.replace_judgments(RunRecord{"judge", "t", "test"}, kWholeCountry, *first));
  auto second = judge_households(results_, {}, judge_by(settings()), "", "H9", kWholeCountry);
  ASSERT_TRUE(second);
  for (const JudgmentRow& r : *second) EXPECT_EQ(r.previous_result, r.result) << r.household_id;
}

TEST_F(JudgeStep, ADisasterAfterTheAssessmentSendsTheHouseToVerification) {
  Disaster quake;
  quake.event_id = "D1";
  quake.region_code = "500229108000";  // the town: covers the village
  quake.occurred_on = {2023, 6, 1};
  auto rows = judge_households(results_, {quake}, judge_by(settings()), "", "H9", kWholeCountry);
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].result, JudgeResult::verify);
  EXPECT_NE(std::find((*rows)[0].reasons.begin(), (*rows)[0].reasons.end(),
                      Reason::changed_since_assessment),
            (*rows)[0].reasons.end());
}

TEST_F(JudgeStep, AStoreFailingHalfWayFailsTheStepWithNoRows) {
  results_.faults().fail_at_row(3);
  auto rows = judge_households(results_, {}, judge_by(settings()), "", "H9", kWholeCountry);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::io);
  // What was stored before stays: the step stores nothing, and a run whose
  // step failed stores nothing either (its transaction rolls back).
  EXPECT_TRUE(results_.runs().empty());
  auto stored = results_.find_judgment("H1");
  ASSERT_TRUE(stored);
  EXPECT_FALSE(*stored);
  results_.faults().fail_at_row(std::nullopt);
  EXPECT_TRUE(judge_households(results_, {}, judge_by(settings()), "", "H9", kWholeCountry));
}

TEST(MemoryResults, ManualChoicesAreVersionedAndMakeTheMatchManual) {
  MemoryResults results;
  const WriteStamp stamp{"clerk", "2026-01-01T00:00:00Z"};
  ASSERT_TRUE(results.replace_matches(
      RunRecord{"match", "t", "test"}, kWholeCountry,
      {MatchResult{"H1", MatchOutcome::by_parcel, "P1", {}, false, false, "500229108201"},
       MatchResult{"H2", MatchOutcome::by_location, "P2", {}, false, false, "500229108201"}}));
  ASSERT_TRUE(results.set_manual_match("H1", "P2", 0, stamp));
  EXPECT_EQ(results.set_manual_match("H1", "P3", 0, stamp).error().code, ErrorCode::conflict);
  auto m = results.find_match("H1");
  ASSERT_TRUE(m && *m);
  EXPECT_EQ((*m)->outcome, MatchOutcome::manual);
  EXPECT_TRUE((*m)->shared);  // H2 is on P2 too
  EXPECT_EQ(results.households_of_building("P2")->size(), 2u);
  results.faults().fail_writes(true);
  EXPECT_EQ(results.clear_manual_match("H1", 1).error().code, ErrorCode::io);
  results.faults().fail_writes(false);
  EXPECT_TRUE(results.clear_manual_match("H1", 1));
  EXPECT_EQ(results.clear_manual_match("H1", 1).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace anju
