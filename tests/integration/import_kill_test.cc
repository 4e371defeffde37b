// A roster import killed in the middle leaves the database exactly as it was
// before (one transaction per import, DESIGN.md §3.1).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "integration/cli_runner.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;

std::string scalar(const fs::path& db, const char* sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out = "<error>";
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

TEST(ImportKill, KilledImportLeavesTheDatabaseAsItWas) {
  const fs::path work = fs::temp_directory_path() / ("anju_kill_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  ASSERT_EQ(run_anju({"gen", "--households", "200000", "--seed", "5", "--out", "."}, work).exit_code, 0);
  // A first, small import that must survive untouched.
  {
    std::ifstream in(work / "households.csv");
    std::ofstream out(work / "first.csv");
    std::string line;
    for (int i = 0; i < 1001 && std::getline(in, line); ++i) out << line << '\n';
  }
  ASSERT_EQ(run_anju({"--db", "k.db", "import", "regions", "regions.csv"}, work).exit_code, 0);
  ASSERT_EQ(run_anju({"--db", "k.db", "import", "households", "first.csv"}, work).exit_code, 0);
  const std::string before = scalar(work / "k.db", "SELECT count(*) || ':' || sum(version) FROM households");
  ASSERT_EQ(before, "1000:1000");

  Spawned p = spawn_anju({"--db", "k.db", "--progress", "plain", "import", "households",
                          "households.csv"}, work);
  FILE* err = fdopen(p.stderr_fd, "r");
  char line[256];
  long rows = 0;
  while (rows < 40000 && std::fgets(line, sizeof line, err)) {
    double fraction = 0;
    char label[128];
    if (std::sscanf(line, "progress %127s %lf %ld", label, &fraction, &rows) != 3) rows = 0;
  }
  ASSERT_GE(rows, 40000) << "the import ended before it could be killed";
  kill(p.pid, SIGKILL);
  int status = 0;
  waitpid(p.pid, &status, 0);
  std::fclose(err);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before the kill";

  EXPECT_EQ(scalar(work / "k.db", "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar(work / "k.db", "SELECT count(*) || ':' || sum(version) FROM households"), before);
  EXPECT_EQ(scalar(work / "k.db", "SELECT count(*) FROM imports WHERE kind = 'households'"), "1");
  // And the database still takes the same import to the end afterwards.
  CliResult again = run_anju({"--db", "k.db", "--json", "import", "households", "households.csv"}, work);
  EXPECT_EQ(again.exit_code, 0) << again.out.substr(0, 500) << again.err;
  EXPECT_EQ(scalar(work / "k.db", "SELECT count(*) FROM households"), "200000");
  fs::remove_all(work);
}

}  // namespace
}  // namespace anju::testing
