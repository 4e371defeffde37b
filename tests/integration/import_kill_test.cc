// A roster import killed in the middle leaves the database exactly as it was
// before (one transaction per import, DESIGN.md §3.1), on either engine.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "integration/cli_runner.h"
#include "support/test_db.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;

// The first cell of the first row, as text.
std::string scalar(const TestDb& db, const char* sql) {
  const auto rows = db.query(sql);
  if (rows.empty() || !rows[0].is_array() || rows[0].empty()) return "<no rows>";
  const auto& v = rows[0][0];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

TEST(ImportKill, KilledImportLeavesTheDatabaseAsItWas) {
  if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
  TestDb db("kill");
  const fs::path work = fs::temp_directory_path() / ("anju_kill_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  // A re-import over existing rows looks each one up: PostgreSQL does that
  // over the network, several times slower, so it gets a smaller file.
  const long households = test_engine() == "sqlite" ? 200000 : 30000;
  const long kill_at = households / 5;
  ASSERT_EQ(run_anju({"gen", "--households", std::to_string(households), "--seed", "5", "--out", "."},
                     work).exit_code, 0);
  // A first, small import that must survive untouched.
  {
    std::ifstream in(work / "households.csv");
    std::ofstream out(work / "first.csv");
    std::string line;
    for (int i = 0; i < 1001 && std::getline(in, line); ++i) out << line << '\n';
  }
  ASSERT_EQ(run_anju({"--db", db.url(), "import", "regions", "regions.csv"}, work).exit_code, 0);
  ASSERT_EQ(run_anju({"--db", db.url(), "import", "households", "first.csv"}, work).exit_code, 0);
  const std::string before = scalar(db, "SELECT count(*) || ':' || sum(version) FROM households");
  ASSERT_EQ(before, "1000:1000");

  Spawned p = spawn_anju({"--db", db.url(), "--progress", "plain", "import", "households",
                          "households.csv"}, work);
  FILE* err = fdopen(p.stderr_fd, "r");
  char line[256];
  long rows = 0;
  while (rows < kill_at && std::fgets(line, sizeof line, err)) {
    double fraction = 0;
    char label[128];
    if (std::sscanf(line, "progress %127s %lf %ld", label, &fraction, &rows) != 3) rows = 0;
  }
  ASSERT_GE(rows, kill_at) << "the import ended before it could be killed";
  kill(p.pid, SIGKILL);
  int status = 0;
  waitpid(p.pid, &status, 0);
  std::fclose(err);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before the kill";

  if (test_engine() == "sqlite") EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar(db, "SELECT count(*) || ':' || sum(version) FROM households"), before);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM imports WHERE kind = 'households'"), "1");
  // And the database still takes the same import to the end afterwards.
  CliResult again = run_anju({"--db", db.url(), "--json", "import", "households", "households.csv"}, work);
  EXPECT_EQ(again.exit_code, 0) << again.out.substr(0, 500) << again.err;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM households"), std::to_string(households));
  fs::remove_all(work);
}

}  // namespace
}  // namespace anju::testing
