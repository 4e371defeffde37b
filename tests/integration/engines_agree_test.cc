// The same data set imported, matched and judged on SQLite and on PostgreSQL
// gives byte-identical `anju match --json` and `anju judge --json` output.
#include <gtest/gtest.h>

#include <filesystem>

#include "integration/cli_runner.h"
#include "support/test_db.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;

// Runs the whole pipeline on `db` and returns the outputs of match and judge.
std::string pipeline(const TestDb& db, const fs::path& work) {
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db.url(), "--progress", "none"});
    CliResult r = run_anju(args, work.string());
    EXPECT_EQ(r.exit_code, 0) << r.out.substr(0, 300) << r.err;
    return r.out;
  };
  run({"import", "regions", "regions.csv"});
  run({"import", "households", "households.csv"});
  run({"import", "buildings", "buildings.geojson"});
  for (const char* source : {"census", "selfbuilt", "monitoring", "appraisal"})
    run({"import", "evidence", std::string("evidence_") + source + ".csv", "--source", source});
  run({"import", "disasters", "disasters.csv"});
  const std::string matched = run({"--json", "match"});
  run({"judge"});
  return matched + run({"--json", "judge"});
}

TEST(EnginesAgree, SameDataGivesTheSameMatchAndJudgment) {
  if (auto why = engine_unavailable("postgresql"); !why.empty()) GTEST_SKIP() << why;
  const fs::path work = fs::temp_directory_path() / ("anju_agree_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  ASSERT_EQ(run_anju({"gen", "--households", "2000", "--seed", "11", "--out", "."}, work).exit_code, 0);
  TestDb sqlite("agree", "sqlite");
  TestDb postgres("agree", "postgresql");
  const std::string on_sqlite = pipeline(sqlite, work);
  const std::string on_postgres = pipeline(postgres, work);
  EXPECT_GT(on_sqlite.size(), 2000u * 60);
  EXPECT_TRUE(on_sqlite == on_postgres) << "outputs differ";
  fs::remove_all(work);
}

}  // namespace
}  // namespace anju::testing
