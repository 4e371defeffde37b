#include "service/job_service.h"

#include <gtest/gtest.h>

#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

class JobServiceTest : public testing::StoreTest {
 protected:
  JobServiceTest() : StoreTest("jobs") {}

  // The new job's id, or 0 when its lane is busy.
  long queue(const std::string& lane) {
    auto tx = begin();
    Job job;
    job.kind = "export.ledger";
    job.lane = lane;
    job.actor = "county";
    job.created_at = "2026-11-28T10:00:00Z";
    auto id = tx->jobs().insert_job(job);
    if (!id) {
      EXPECT_EQ(id.error().code, ErrorCode::conflict) << id.error().message;
      return 0;
    }
    EXPECT_TRUE(tx->commit());
    return *id;
  }
};

// A job is shown finished only once the store has it so. Shown earlier, a
// client that waited for it was refused the next job of its lane ("已有同类
// 任务在运行"), the store still holding the lane (seen under load on
// PostgreSQL: pg.ApiLedger.ARoleThatMayNotSeeIds…).
TEST_F(JobServiceTest, AFinishedJobIsShownOnlyOnceStored) {
  JobBoard board;
  Job ghost;  // a job the store does not have: every write of it fails
  ghost.id = 424242;
  ghost.lane = "export";
  ghost.status = JobStatus::running;
  JobProgress progress(*store_, board, ghost, kClock);
  progress.job().progress = 0.5;
  EXPECT_FALSE(progress.save());
  ASSERT_TRUE(board.find(ghost.id)) << "progress is shown at once, stored or not";
  progress.job().status = JobStatus::failed;
  progress.job().finished_at = "2026-11-28T10:00:01Z";
  EXPECT_FALSE(progress.save());
  ASSERT_TRUE(board.find(ghost.id));
  EXPECT_EQ(board.find(ghost.id)->status, JobStatus::running) << "not stored, so not shown finished";
}

TEST_F(JobServiceTest, WhenAJobIsShownFinishedItsLaneTakesTheNext) {
  const long first = queue("export");
  ASSERT_NE(first, 0);
  EXPECT_EQ(queue("export"), 0) << "one job a lane";
  JobBoard board;
  auto tx = begin(TxMode::read);
  auto stored = tx->jobs().find_job(first);
  ASSERT_TRUE(stored && *stored);
  tx.reset();
  run_job(*store_, board, **stored,
          [](JobProgress&) -> Result<nlohmann::json> { return make_error(ErrorCode::forbidden, "无权导出完整身份证号"); },
          kClock);
  auto read = begin(TxMode::read);
  auto done = read->jobs().find_job(first);
  ASSERT_TRUE(done && *done);
  EXPECT_EQ((*done)->status, JobStatus::failed);
  EXPECT_EQ((*done)->message, "无权导出完整身份证号");
  read.reset();
  EXPECT_NE(queue("export"), 0);
}

}  // namespace
}  // namespace anju
