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
  long queue(JobKind kind, const std::string& actor = "county") {
    auto tx = begin();
    Job job;
    job.kind = kind;
    job.actor = actor;
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
  const long first = queue(JobKind::export_ledger);
  ASSERT_NE(first, 0);
  EXPECT_EQ(queue(JobKind::export_households), 0) << "one export at a time a user";
  EXPECT_NE(queue(JobKind::export_households, "town"), 0)
      << "another user's exports are another lane";
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
  EXPECT_NE(queue(JobKind::export_ledger), 0);
}

// Servers sharing a store: each marks its running jobs alive; a job whose
// server was killed stops being marked and is failed after kJobStaleSeconds,
// freeing its lane. A finished job is never brought back.
TEST_F(JobServiceTest, AKilledServersJobIsFailedAndALiveServersIsKept) {
  const long mine = queue(JobKind::export_ledger, "county");
  const long killed = queue(JobKind::export_ledger, "town");  // its server stopped beating at 10:00
  const long done = queue(JobKind::export_households, "city");
  ASSERT_TRUE(mine && killed && done);
  {
    auto tx = begin();
    for (long id : {mine, killed, done}) {
      auto job = tx->jobs().find_job(id);
      ASSERT_TRUE(job && *job);
      (*job)->status = id == done ? JobStatus::succeeded : JobStatus::running;
      (*job)->heartbeat_at = "2026-11-28T10:00:00Z";
      if (id == done) (*job)->finished_at = "2026-11-28T10:00:00Z";
      ASSERT_TRUE(tx->jobs().update_job(**job));
    }
    ASSERT_TRUE(tx->commit());
  }
  // One heartbeat later nothing is stale yet.
  const FixedClock soon("2026-11-28T10:00:30Z", Date{2026, 11, 28});
  auto failed = keep_jobs_alive(*store_, {mine}, soon);
  ASSERT_TRUE(failed);
  EXPECT_EQ(*failed, 0);
  // Past kJobStaleSeconds: only the job nobody marked is failed.
  const FixedClock later("2026-11-28T10:02:10Z", Date{2026, 11, 28});
  failed = keep_jobs_alive(*store_, {mine, done}, later);
  ASSERT_TRUE(failed);
  EXPECT_EQ(*failed, 1);
  auto tx = begin(TxMode::read);
  EXPECT_EQ((*tx->jobs().find_job(mine))->status, JobStatus::running);
  EXPECT_EQ((*tx->jobs().find_job(mine))->heartbeat_at, "2026-11-28T10:02:10Z");
  EXPECT_EQ((*tx->jobs().find_job(killed))->status, JobStatus::failed);
  EXPECT_NE((*tx->jobs().find_job(killed))->message.find("中断"), std::string::npos);
  EXPECT_EQ((*tx->jobs().find_job(done))->status, JobStatus::succeeded);
  EXPECT_EQ((*tx->jobs().find_job(done))->heartbeat_at, "2026-11-28T10:00:00Z") << "a finished job is not touched";
  tx.reset();
  EXPECT_NE(queue(JobKind::export_ledger, "town"), 0) << "the killed job's lane takes the next";
}

TEST(JobLanes, OneImportInTheStoreOneMatchOrJudgmentARegionOneExportAUser) {
  auto lane = [](JobKind kind, const char* actor, std::string region = "") {
    Job j;
    j.kind = kind;
    j.actor = actor;
    j.region = std::move(region);
    return job_lane_key(j);
  };
  EXPECT_EQ(lane(JobKind::import_households, "a"), lane(JobKind::import_regions, "b"));
  EXPECT_EQ(lane(JobKind::match, "a", std::string(kWholeCountry)), "match:");
  EXPECT_EQ(lane(JobKind::judge, "a", "500229108000"), "judge:500229108");
  EXPECT_NE(lane(JobKind::match, "a", "500229108000"), lane(JobKind::judge, "a", "500229108000"));
  EXPECT_EQ(lane(JobKind::export_summary, "county"), "export:county");
  EXPECT_EQ(lane_region("judge:500229108"), "500229108000");
  EXPECT_EQ(lane_region("judge:"), std::string(kWholeCountry));
  EXPECT_EQ(lane_region("judge"), std::string(kWholeCountry)) << "a run kept before runs had regions";
  EXPECT_FALSE(lane_region("import"));
  EXPECT_TRUE(regions_overlap("500229000000", "500229108201"));
  EXPECT_TRUE(regions_overlap("500229108201", "500229000000"));
  EXPECT_TRUE(regions_overlap(kWholeCountry, "500229108201"));
  EXPECT_FALSE(regions_overlap("500229108000", "500229109000"));
  EXPECT_FALSE(regions_overlap("500229000000", "500230000000"));
}

// A match or judge run acts on a region: the user's own unless it names one
// inside it; runs of disjoint regions are accepted together, a run whose
// region overlaps an active one of its kind is refused, naming it.
TEST_F(JobServiceTest, RunsOfDisjointRegionsRunTogetherOverlappingOnesAreRefused) {
  auto user = [](const char* name, Role role, const char* region) {
    User u;
    u.name = name;
    u.role = role;
    u.region_code = region;
    return u;
  };
  const User town_a = user("town_a", Role::town_office, "500229108000");
  const User town_b = user("town_b", Role::town_office, "500229109000");
  const User admin = user("admin", Role::admin, std::string(kWholeCountry).c_str());

  auto a = create_job(*store_, town_a, JobKind::judge, RunParams{}, kClock);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->region, "500229108000") << "the user's own region by default";
  EXPECT_EQ(std::get<RunParams>(*read_job_params(a->kind, a->params)).region, "500229108000");
  auto b = create_job(*store_, town_b, JobKind::judge, RunParams{}, kClock);
  ASSERT_TRUE(b) << "a disjoint town's run is accepted beside it: " << b.error().message;
  EXPECT_TRUE(create_job(*store_, town_a, JobKind::match, RunParams{}, kClock))
      << "a match run is not a judge run";

  auto county = create_job(*store_, admin, JobKind::judge, RunParams{"500229000000"}, kClock);
  ASSERT_FALSE(county);
  EXPECT_EQ(county.error().code, ErrorCode::conflict);
  EXPECT_NE(county.error().message.find("500229108000"), std::string::npos) << county.error().message;
  EXPECT_NE(county.error().message.find(std::to_string(a->id)), std::string::npos) << county.error().message;
  auto village = create_job(*store_, admin, JobKind::judge, RunParams{"500229108201"}, kClock);
  ASSERT_FALSE(village) << "a village inside a running town";
  EXPECT_EQ(village.error().code, ErrorCode::conflict);
  EXPECT_EQ(create_job(*store_, admin, JobKind::judge, RunParams{}, kClock).error().code, ErrorCode::conflict)
      << "the whole country overlaps everything";

  auto outside = create_job(*store_, town_a, JobKind::judge, RunParams{"500229109000"}, kClock);
  ASSERT_FALSE(outside) << "another town's region is not the user's to run";
  EXPECT_EQ(outside.error().code, ErrorCode::not_found);

  auto listed = find_job(*store_, admin, b->id);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->region, "500229109000") << "read back from the store";
}

// Parameters are checked against the kind when a job is created, kept as
// JSON and read back as they were; a stored text that is not what was
// written is an error, never the defaults.
TEST(JobParams, ReadBackAsWrittenAndCheckedAgainstTheKind) {
  FileImportParams file{"花名册.xlsx", InvalidRows::reject_file, EvidenceSource::census,
                        "EPSG:4326", "layer2"};
  const auto back = read_job_params(JobKind::import_evidence, job_params_json(file).dump());
  ASSERT_TRUE(back);
  const auto& got = std::get<FileImportParams>(*back);
  EXPECT_EQ(got.file_name, "花名册.xlsx");
  EXPECT_EQ(got.invalid_rows, InvalidRows::reject_file);
  EXPECT_EQ(got.source, EvidenceSource::census);
  EXPECT_EQ(got.srs, "EPSG:4326");
  EXPECT_EQ(got.layer, "layer2");

  ExportRequest request{ExportKind::records, "500229102", true, "all", {}};
  request.households.result = "verify";
  request.households.search = "张";
  const auto exported = read_job_params(JobKind::export_records, job_params_json(request).dump());
  ASSERT_TRUE(exported);
  EXPECT_EQ(std::get<ExportRequest>(*exported).kind, ExportKind::records);
  EXPECT_EQ(std::get<ExportRequest>(*exported).region_code, "500229102");
  EXPECT_TRUE(std::get<ExportRequest>(*exported).full_id);
  EXPECT_EQ(std::get<ExportRequest>(*exported).households.result, "verify");
  EXPECT_FALSE(std::get<ExportRequest>(*exported).households.category);
  EXPECT_EQ(std::get<ExportRequest>(*exported).households.search, "张");

  PrintRequest print;
  print.kind = PrintKind::households;
  print.region_code = "500229108200";
  print.full_id = true;
  EXPECT_TRUE(check_job_params(JobKind::print_households, print));
  const auto printed = read_job_params(JobKind::print_households, job_params_json(print).dump());
  ASSERT_TRUE(printed);
  EXPECT_EQ(std::get<PrintRequest>(*printed).kind, PrintKind::households);
  EXPECT_EQ(std::get<PrintRequest>(*printed).region_code, "500229108200");
  EXPECT_TRUE(std::get<PrintRequest>(*printed).full_id);
  EXPECT_FALSE(read_job_params(JobKind::print_households, R"({"region":"500229108200","full_id":"yes"})"))
      << "a corrupt stored flag is an error, never a default";
  print.kind = PrintKind::ledger;
  EXPECT_FALSE(check_job_params(JobKind::print_households, print)) << "only household files are a job";
  EXPECT_FALSE(check_job_params(JobKind::print_households, request)) << "an export's parameters are not a print's";

  EXPECT_TRUE(check_job_params(JobKind::judge, RunParams{}));
  EXPECT_TRUE(check_job_params(JobKind::judge, RunParams{"500229108000"}));
  EXPECT_FALSE(check_job_params(JobKind::match, RunParams{"5002291"})) << "a region is a 12-digit code";
  const auto run = read_job_params(JobKind::judge, job_params_json(RunParams{"500229108000"}).dump());
  ASSERT_TRUE(run);
  EXPECT_EQ(std::get<RunParams>(*run).region, "500229108000");
  EXPECT_EQ(std::get<RunParams>(*read_job_params(JobKind::judge, "{}")).region, std::string(kWholeCountry))
      << "a run kept before runs had regions ran over everything";
  EXPECT_TRUE(check_job_params(JobKind::import_regions, BuiltinRegionsParams{"500229"}));
  EXPECT_FALSE(check_job_params(JobKind::import_households, BuiltinRegionsParams{"500229"}));
  EXPECT_FALSE(check_job_params(JobKind::export_ledger, request))
      << "an export of records is not a ledger job";
  file.source.reset();
  EXPECT_FALSE(check_job_params(JobKind::import_evidence, file)) << "evidence names its source";

  EXPECT_FALSE(
      read_job_params(JobKind::import_households, R"({"file_name":"a.csv","strict":"yes"})"));
  EXPECT_FALSE(
      read_job_params(JobKind::import_evidence, R"({"file_name":"a.csv","source":"rumour"})"));
  EXPECT_FALSE(read_job_params(JobKind::match, R"({"prefix":"5"})"));
  EXPECT_FALSE(read_job_params(JobKind::export_ledger, "not json"));
}

}  // namespace
}  // namespace anju
