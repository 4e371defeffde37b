// The judgment run as named steps (census_service.h: JudgeStep): each
// timed, run in order in one transaction, and the ones a test may leave out
// left out — on both engines.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "service/census_service.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

class JudgeRunTest : public testing::StoreTest {
 protected:
  JudgeRunTest() : StoreTest("judge_run") {}

  void seed(Transaction& tx) override {
    for (int i = 0; i < 4; ++i) {
      const std::string id = "5002291082010" + std::to_string(i);
      Household h = testing::sample_household(id, "50022919900101" + std::to_string(1000 + i));
      h.housing = Housing::own_rural;  // in a house of its own, none matched: to verify
      ASSERT_TRUE(tx.households().insert_household(h, testing::kTestStamp));
    }
  }

  long active_tasks() {
    return static_cast<long>(begin(TxMode::read)->field_work().active_tasks_in(kWholeCountry)->size());
  }

  long counted_results() {
    auto counts =
        begin(TxMode::read)
            ->read_models()
            .region_counts(std::string(kWholeCountry), std::string(kWholeCountry), {"result"});
    long n = 0;
    for (const RegionCount& c : *counts) n += c.n;
    return n;
  }
};

TEST_F(JudgeRunTest, EveryStepRunsInOrderAndIsTimed) {
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run) << run.error().message;
  const std::vector<JudgeStep> order = {
      JudgeStep::settings, JudgeStep::judge,  JudgeStep::field_tasks, JudgeStep::ledger,
      JudgeStep::store,    JudgeStep::counts, JudgeStep::audit};
  ASSERT_EQ(run->steps.size(), order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(run->steps[i].step, order[i]) << i;
    EXPECT_FALSE(run->steps[i].skipped);
    EXPECT_GE(run->steps[i].seconds, 0);
  }
  // Households with no house matched are to verify: a task each, counted.
  EXPECT_EQ(run->households, 4);
  EXPECT_EQ(run->tasks_opened, 4);
  EXPECT_EQ(active_tasks(), 4);
  EXPECT_EQ(counted_results(), 4);
}

TEST_F(JudgeRunTest, ASkippedStepChangesNothingOfItsOwnAndTheNextRunCatchesUp) {
  JudgeOverrides o;
  o.skip = {JudgeStep::field_tasks, JudgeStep::ledger, JudgeStep::counts};
  auto run = run_judge(*store_, o, "test", kClock);
  ASSERT_TRUE(run) << run.error().message;
  for (const JudgeStepTime& t : run->steps)
    EXPECT_EQ(t.skipped, t.step == JudgeStep::field_tasks || t.step == JudgeStep::ledger ||
                             t.step == JudgeStep::counts)
        << enum_key(t.step);
  EXPECT_EQ(run->tasks_opened, 0);
  EXPECT_EQ(active_tasks(), 0) << "no field tasks without their step";
  EXPECT_EQ(counted_results(), 0) << "no counts without their step";
  EXPECT_TRUE(begin(TxMode::read)->results().find_judgment("50022910820100").value())
      << "the judgments are stored all the same";

  auto full = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_EQ(full->tasks_opened, 4);
  EXPECT_EQ(counted_results(), 4);
}

TEST_F(JudgeRunTest, AStepARunNeedsCannotBeSkipped) {
  for (JudgeStep step :
       {JudgeStep::settings, JudgeStep::judge, JudgeStep::store, JudgeStep::audit}) {
    JudgeOverrides o;
    o.skip = {step};
    auto run = run_judge(*store_, o, "test", kClock);
    ASSERT_FALSE(run) << enum_key(step);
    EXPECT_EQ(run.error().code, ErrorCode::invalid);
  }
  EXPECT_FALSE(begin(TxMode::read)->results().find_judgment("50022910820100").value())
      << "nothing ran";
}

}  // namespace
}  // namespace anju
