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

std::vector<Migration> up_to(int version) {
  std::vector<Migration> out;
  for (const Migration& m : SqliteStore::migrations())
    if (m.version <= version) out.push_back(m);
  return out;
}

TEST(SqliteMigrations, CountCellsBecomeARowPerRegionAndKind) {
  auto conn = Connection::open(":memory:");
  ASSERT_TRUE(conn);
  auto before = sql::apply_migrations(**conn, up_to(13), SqliteStore::kMigrationJournal);
  ASSERT_TRUE(before);
  ASSERT_EQ(*before, 13);
  // A village's own cells, one of them stored twice (two writers at once),
  // and its town's sums.
  ASSERT_TRUE((*conn)->exec(
      "INSERT INTO region_counts(region_code, parent_code, leaf, dimension, key, n) VALUES"
      " ('110101001001', '110101001000', 1, 'households', '', 3),"
      " ('110101001001', '110101001000', 1, 'result', 'safe', 2),"
      " ('110101001001', '110101001000', 1, 'result', 'safe', 2),"
      " ('110101001001', '110101001000', 1, 'result', '', 1),"
      " ('110101001000', '110101000000', 0, 'households', '', 3)"));
  auto after = sql::apply_migrations(**conn, SqliteStore::migrations(), SqliteStore::kMigrationJournal);
  ASSERT_TRUE(after);
  ASSERT_GE(*after, 14);
  std::vector<CountCell> cells;
  auto& s = (*conn)->prepare("SELECT region_code, leaf, parent_code, counts FROM region_counts ORDER BY 1, 2");
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

}  // namespace
}  // namespace anju::sqlite
