// Migrations that reshape stored data, run on a database at the version
// before them. (The PostgreSQL twin of 0014 was run by hand on a 3,000-
// household campaign: the 1,702 cells read back the same.)
#include <gtest/gtest.h>

#include <algorithm>

#include "store/count_rows.h"
#include "store/sql/migrate.h"
#include "store/sqlite/sqlite_store.h"

namespace anju::sqlite {
namespace {

// An in-memory database at schema `version` (null, and the test failed,
// if it cannot be made).
std::unique_ptr<Connection> at_version(int version) {
  auto conn = Connection::open(":memory:");
  if (!conn) {
    ADD_FAILURE() << conn.error().message;
    return nullptr;
  }
  std::vector<Migration> up_to;
  for (const Migration& m : SqliteStore::migrations())
    if (m.version <= version) up_to.push_back(m);
  auto reached = sql::apply_migrations(**conn, up_to, SqliteStore::kMigrationJournal);
  if (!reached || *reached != version) {
    ADD_FAILURE() << "not at version " << version;
    return nullptr;
  }
  return std::move(*conn);
}

// The migrations after the one it is at; the version reached.
Result<int> migrate(Connection& conn) {
  return sql::apply_migrations(conn, SqliteStore::migrations(), SqliteStore::kMigrationJournal);
}

TEST(SqliteMigrations, CountCellsBecomeARowPerRegionAndKind) {
  auto conn = at_version(13);
  ASSERT_TRUE(conn);
  // A village's own cells, one of them stored twice (two writers at once),
  // and its town's sums.
  ASSERT_TRUE(conn->exec(
      "INSERT INTO region_counts(region_code, parent_code, leaf, dimension, key, n) VALUES"
      " ('110101001001', '110101001000', 1, 'households', '', 3),"
      " ('110101001001', '110101001000', 1, 'result', 'safe', 2),"
      " ('110101001001', '110101001000', 1, 'result', 'safe', 2),"
      " ('110101001001', '110101001000', 1, 'result', '', 1),"
      " ('110101001000', '110101000000', 0, 'households', '', 3)"));
  auto after = migrate(*conn);
  ASSERT_TRUE(after);
  ASSERT_GE(*after, 14);
  std::vector<CountCell> cells;
  auto& s = conn->prepare("SELECT region_code, leaf, parent_code, counts FROM region_counts ORDER BY 1, 2");
  while (true) {
    auto more = s.step();
    ASSERT_TRUE(more);
    if (!*more) break;
    for (CountCell& c : unpack_count_row(CountRow{s.text(0), s.integer(1) != 0, s.text(2), s.text(3)}))
      cells.push_back(std::move(c));
  }
  s.reset();
  const std::vector<CountCell> expected{
      {"110101001000", "110101000000", false, "households", "", 3},
      {"110101001001", "110101001000", true, "households", "", 3},
      {"110101001001", "110101001000", true, "result", "", 1},
      {"110101001001", "110101001000", true, "result", "safe", 4},  // the copies are summed, as readers did
  };
  EXPECT_EQ(cells, expected);
}

// The first column of every row `sql` returns, as text.
std::vector<std::string> column(Connection& conn, const char* sql) {
  std::vector<std::string> out;
  auto& s = conn.prepare(sql);
  while (true) {
    auto more = s.step();
    EXPECT_TRUE(more);
    if (!more || !*more) break;
    out.push_back(s.text(0));
  }
  s.reset();
  return out;
}

// Household H1 of 来凤村 (province 50), foreign keys off: no regions needed.
constexpr const char* kHouseholdH1 =
    "PRAGMA foreign_keys=OFF;"  // no regions needed for this
    "INSERT INTO households(household_id, head_name, head_id_number, members, region_code, category, province,"
    " created_at, updated_at, updated_by) VALUES"
    " ('H1', '张三', '11010519491231002X', 3, '500229108201', 'poverty_exited', '50', 't', 't', 'x')";

// 0023: matches and judgments take their household's province; results of
// a household that is not there are dropped, the rest keep every column.
TEST(SqliteMigrations, ResultsTakeTheirHouseholdsProvince) {
  auto conn = at_version(22);
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->exec(
      std::string(kHouseholdH1) + ","
      " ('H2', '李四', '110105194912310037', 2, '110105001001', 'poverty_exited', '11', 't', 't', 'x');"
      "INSERT INTO matches(household_id, outcome, parcel_id, run_id) VALUES"
      " ('H1', 'by_parcel', 'P1', 4), ('H2', 'unmatched', NULL, 4), ('GONE', 'unmatched', NULL, 4);"
      "INSERT INTO judgments(household_id, result, reasons, grade, run_id, campaign_id) VALUES"
      " ('H1', 'unsafe', '[]', 'C', 5, 2), ('GONE', 'verify', '[\"no_assessment\"]', NULL, 5, 1);"
      "INSERT INTO judgment_reasons(household_id, reason) VALUES ('GONE', 'no_assessment')"));
  auto after = migrate(*conn);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_GE(*after, 23);
  auto rows = [&](const char* sql) { return column(*conn, sql); };
  EXPECT_EQ(rows("SELECT household_id || ' ' || outcome || ' ' || coalesce(parcel_id, '-') || ' ' || run_id || ' '"
                 " || province FROM matches ORDER BY 1"),
            (std::vector<std::string>{"H1 by_parcel P1 4 50", "H2 unmatched - 4 11"}));
  EXPECT_EQ(rows("SELECT household_id || ' ' || result || ' ' || grade || ' ' || run_id || ' ' || campaign_id || ' '"
                 " || province FROM judgments ORDER BY 1"),
            (std::vector<std::string>{"H1 unsafe C 5 2 50"}));
  EXPECT_TRUE(rows("SELECT household_id FROM judgment_reasons").empty());
  // No default: a writer that leaves the province out is refused, as on PostgreSQL.
  EXPECT_FALSE(conn->exec("INSERT INTO matches(household_id, outcome, run_id) VALUES ('H3', 'unmatched', 6)"));
}

// 0024: field tasks and ledger entries take their household's province (a
// task of a household no longer there its village's, an entry '00'); a row
// without a province is refused afterwards, as on PostgreSQL.
TEST(SqliteMigrations, TasksAndLedgerEntriesTakeTheirHouseholdsProvince) {
  auto conn = at_version(23);
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->exec(
      std::string(kHouseholdH1) + ";"
      "INSERT INTO field_tasks(household_id, region_code, origin, status, created_at, updated_at, updated_by)"
      " VALUES ('H1', '500229108201', 'judgment', 'open', 't', 't', 'x'),"
      " ('GONE', '110105001001', 'sample', 'closed', 't', 't', 'x'), ('NOWHERE', '', 'sample', 'closed', 't', 't', 'x');"
      "INSERT INTO ledger_entries(household_id, opened_on, grade, created_at, updated_at, updated_by)"
      " VALUES ('H1', '2026-01-02', 'C', 't', 't', 'x'), ('GONE', '2026-01-03', 'D', 't', 't', 'x')"));
  auto after = migrate(*conn);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_GE(*after, 24);
  EXPECT_EQ(column(*conn, "SELECT household_id || ' ' || region_code || ' ' || status || ' ' || province"
                          " FROM field_tasks ORDER BY id"),
            (std::vector<std::string>{"H1 500229108201 open 50", "GONE 110105001001 closed 11",
                                      "NOWHERE  closed 00"}));
  EXPECT_EQ(column(*conn, "SELECT household_id || ' ' || grade || ' ' || province FROM ledger_entries ORDER BY id"),
            (std::vector<std::string>{"H1 C 50", "GONE D 00"}));
  EXPECT_FALSE(conn->exec("INSERT INTO field_tasks(household_id, region_code, origin, status, created_at,"
                          " updated_at, updated_by) VALUES ('H1', '500229108201', 'sample', 'closed', 't', 't', 'x')"));
  // A closed entry (no clash with H1's open one): refused without a
  // province, taken with one.
  const std::string closed = "INSERT INTO ledger_entries(household_id, opened_on, closed_on, created_at, updated_at,"
                             " updated_by, province) VALUES ('H1', '2026-01-04', '2026-02-01', 't', 't', 'x', ";
  EXPECT_FALSE(conn->exec(closed + "'')"));
  EXPECT_TRUE(conn->exec(closed + "'50')"));
  EXPECT_FALSE(conn->exec("UPDATE ledger_entries SET province = NULL WHERE household_id = 'H1'"));
  EXPECT_EQ(column(*conn, "SELECT count(*) FROM field_tasks"), (std::vector<std::string>{"3"}));
}

}  // namespace
}  // namespace anju::sqlite
