// Migrations that reshape stored data, run on a PostgreSQL database at the
// version before them. Run as "pg.PgMigrations.*"; skipped on SQLite.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/postgres/pg_store.h"
#include "store/sql/migrate.h"
#include "support/test_db.h"

namespace anju::postgres {
namespace {

// The first column of every row `sql` returns, as text.
std::vector<std::string> column(Connection& conn, const char* sql) {
  std::vector<std::string> out;
  auto& s = conn.prepare(sql);
  while (true) {
    auto more = s.step();
    EXPECT_TRUE(more) << (more ? "" : more.error().message);
    if (!more || !*more) break;
    out.push_back(s.text(0));
  }
  s.reset();
  return out;
}

// 0024: field tasks and ledger entries take their household's province (a
// task of a household no longer there its village's, '00' when that is no
// code; an entry '00'); a row without a province is refused afterwards.
TEST(PgMigrations, TasksAndLedgerEntriesTakeTheirHouseholdsProvince) {
  if (anju::testing::test_engine() != "postgresql") GTEST_SKIP() << "PostgreSQL's migrations only";
  anju::testing::TestDb db("pg_migrations");
  auto conn = Connection::open(db.url());
  ASSERT_TRUE(conn) << conn.error().message;
  std::vector<Migration> up_to;
  for (const Migration& m : PgStore::migrations())
    if (m.version <= 23) up_to.push_back(m);
  auto reached = sql::apply_migrations(**conn, up_to, PgStore::kMigrationJournal);
  ASSERT_TRUE(reached && *reached == 23);
  ASSERT_TRUE((*conn)->exec(
      "INSERT INTO regions(code, name, level, created_at, updated_at, updated_by)"
      " VALUES ('500229108201', '来凤村', 'village', now(), now(), 'x');"
      "INSERT INTO households(household_id, head_name, head_id_number, members, region_code, category, province,"
      " created_at, updated_at, updated_by) VALUES"
      " ('H1', '张三', '11010519491231002X', 3, '500229108201', 'poverty_exited', '50', now(), now(), 'x');"
      "INSERT INTO field_tasks(household_id, region_code, origin, status, created_at, updated_at, updated_by)"
      " VALUES ('H1', '500229108201', 'judgment', 'open', now(), now(), 'x'),"
      " ('GONE', '110105001001', 'sample', 'closed', now(), now(), 'x'),"
      " ('NOWHERE', '', 'sample', 'closed', now(), now(), 'x');"
      "INSERT INTO ledger_entries(household_id, opened_on, grade, created_at, updated_at, updated_by)"
      " VALUES ('H1', '2026-01-02', 'C', now(), now(), 'x'), ('GONE', '2026-01-03', 'D', now(), now(), 'x')"));
  auto after = sql::apply_migrations(**conn, PgStore::migrations(), PgStore::kMigrationJournal);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_GE(*after, 24);
  EXPECT_EQ(column(**conn, "SELECT household_id || ' ' || region_code || ' ' || status || ' ' || province"
                           " FROM field_tasks ORDER BY id"),
            (std::vector<std::string>{"H1 500229108201 open 50", "GONE 110105001001 closed 11",
                                      "NOWHERE  closed 00"}));
  EXPECT_EQ(column(**conn, "SELECT household_id || ' ' || grade || ' ' || province FROM ledger_entries ORDER BY id"),
            (std::vector<std::string>{"H1 C 50", "GONE D 00"}));
  const std::string closed = "INSERT INTO ledger_entries(household_id, opened_on, closed_on, created_at, updated_at,"
                             " updated_by, province) VALUES ('H1', '2026-01-04', '2026-02-01', now(), now(), 'x', ";
  EXPECT_FALSE((*conn)->exec(closed + "'')"));
  EXPECT_FALSE((*conn)->exec(closed + "NULL)"));
  EXPECT_TRUE((*conn)->exec(closed + "'50')"));
}

}  // namespace
}  // namespace anju::postgres
