// An import killed in the middle leaves the database exactly as it was
// before (one transaction per import, DESIGN.md §3.1), on either engine: a
// roster import at one moment, the census footprints' bulk load at ten
// random ones.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

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

// What a buildings import leaves: the rows (a digest), the import's record
// and the table's indexes (a bulk load drops them and builds them again).
std::string buildings_state(const TestDb& db) {
  const std::string indexes =
      test_engine() == "sqlite"
          ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'buildings' ORDER BY name"
          : "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'buildings%' ORDER BY 1";
  const std::string state = db.query("SELECT count(*), sum(length(parcel_id)), sum(length(geom)), sum(version),"
                                     " min(parcel_id), max(parcel_id) FROM buildings").dump() +
                            db.query("SELECT count(*) FROM imports WHERE kind = 'buildings'").dump() +
                            db.query(indexes).dump();
  EXPECT_EQ(state.find("SQL error"), std::string::npos) << state;
  return state;
}

// A database with the roster and no buildings yet.
void roster_only(const TestDb& db, const fs::path& work) {
  ASSERT_EQ(run_anju({"--db", db.url(), "import", "regions", "regions.csv"}, work).exit_code, 0);
  ASSERT_EQ(run_anju({"--db", db.url(), "import", "households", "households.csv"}, work).exit_code, 0);
}

// Reads the import's progress lines ("progress LABEL FRACTION ROWS") until
// one reaches `fraction`; false at the end of the stream.
bool read_until(FILE* progress, double fraction) {
  char line[256];
  while (std::fgets(line, sizeof line, progress)) {
    char label[128];
    double at = 0;
    long rows = 0;
    if (std::sscanf(line, "progress %127s %lf %ld", label, &at, &rows) == 3 && at >= fraction) return true;
  }
  return false;
}

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The census footprints (a bulk load: the table's indexes dropped, the rows
// written, the indexes built again, one commit) killed at ten random
// moments: seven while the rows are read (one in each seventh of the file),
// three after the last row, while the indexes are built and the
// transaction commits. Each time the database is whole and holds the old
// state or the new one, never a part of the file or a table without its
// indexes.
TEST(ImportKill, BuildingsImportKilledAtRandomMomentsLeavesTheOldStateOrTheNew) {
  if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
  const fs::path work = fs::temp_directory_path() / ("anju_kill_b_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  const long households = test_engine() == "sqlite" ? 40000 : 8000;
  ASSERT_EQ(run_anju({"gen", "--households", std::to_string(households), "--seed", "7", "--out", "."},
                     work).exit_code, 0);
  auto import = [&](const TestDb& db) {
    return std::vector<std::string>{"--db", db.url(), "--progress", "plain", "import", "buildings",
                                    "buildings.geojson"};
  };
  // The two states a kill may leave, and how long the import works after
  // its last row.
  std::string old_state, new_state;
  double tail = 0;
  {
    TestDb db("kill_b_ref");
    roster_only(db, work);
    old_state = buildings_state(db);
    Spawned p = spawn_anju(import(db), work.string());
    FILE* progress = fdopen(p.stderr_fd, "r");
    ASSERT_TRUE(read_until(progress, 1.0));
    const auto rows_read = Clock::now();
    int status = 0;
    waitpid(p.pid, &status, 0);
    tail = seconds_since(rows_read);
    std::fclose(progress);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    new_state = buildings_state(db);
  }
  ASSERT_NE(old_state, new_state);
  std::mt19937 random(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  int killed_reading = 0, killed_after = 0;
  bool ran_again = false;
  for (int i = 0; i < 10; ++i) {
    TestDb db("kill_b" + std::to_string(i));
    roster_only(db, work);
    Spawned p = spawn_anju(import(db), work.string());
    FILE* progress = fdopen(p.stderr_fd, "r");
    const bool reading = i < 7;
    const double at = reading ? (i + uniform(random)) / 7 * 0.98 : uniform(random) * 0.6 * tail;
    SCOPED_TRACE("kill " + std::to_string(i) + (reading ? " at the fraction " : " seconds after the last row ") +
                 std::to_string(at));
    EXPECT_TRUE(read_until(progress, reading ? at : 1.0));
    if (!reading) std::this_thread::sleep_for(std::chrono::duration<double>(at));
    kill(p.pid, SIGKILL);
    int status = 0;
    waitpid(p.pid, &status, 0);
    std::fclose(progress);
    if (WIFSIGNALED(status)) ++(reading ? killed_reading : killed_after);
    if (test_engine() == "sqlite") EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
    const std::string state = buildings_state(db);
    EXPECT_TRUE(state == old_state || state == new_state) << state;
    if (state == old_state && !ran_again) {  // and the import still runs to the end afterwards
      ASSERT_EQ(run_anju(import(db), work).exit_code, 0);
      EXPECT_EQ(buildings_state(db), new_state);
      ran_again = true;
    }
  }
  EXPECT_TRUE(ran_again);
  EXPECT_EQ(killed_reading, 7);
  EXPECT_GE(killed_after, 1) << "every kill after the last row came after the import had ended";
  fs::remove_all(work);
}

}  // namespace
}  // namespace anju::testing
