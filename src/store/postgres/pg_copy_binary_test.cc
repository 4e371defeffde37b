#include "store/postgres/pg_copy_binary.h"

#include <gtest/gtest.h>

#include "store/postgres/pg_db.h"
#include "support/test_db.h"

namespace anju::postgres {
namespace {

using Values = std::vector<std::optional<std::string>>;

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// One row of one column, its field as hex, or "refused".
std::string one(const std::optional<std::string>& value, CopyType type, int format = 0) {
  std::string out = "kept";
  if (!append_binary_row(out, {value}, {format}, {type})) return out == "kept" ? "refused" : "damaged";
  if (out.substr(0, 6) != std::string("kept\0\1", 6)) return "no field count: " + hex(out);
  return hex(out.substr(6));
}

TEST(PgCopyBinary, HeaderAndTrailer) {
  EXPECT_EQ(hex(copy_binary_header()), "5047434f50590aff0d0a00" "00000000" "00000000");
  std::string t;
  append_copy_trailer(t);
  EXPECT_EQ(hex(t), "ffff");
}

TEST(PgCopyBinary, DatesCountFromTheYear2000) {
  EXPECT_EQ(pg_date("2000-01-01"), 0);
  EXPECT_EQ(pg_date("1999-12-31"), -1);
  EXPECT_EQ(pg_date("2024-02-29"), 8825);
  EXPECT_EQ(pg_date("1970-01-01"), -10957);
  EXPECT_EQ(pg_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(pg_date("2024/1/1"), std::nullopt);  // the server's to parse: sent as text
  EXPECT_EQ(pg_date("2024-1-01"), std::nullopt);
}

TEST(PgCopyBinary, TimeStampsNeedTheirZone) {
  EXPECT_EQ(pg_timestamptz("2000-01-01T00:00:00Z"), 0);
  EXPECT_EQ(pg_timestamptz("2000-01-01 08:00:00+08"), 0);
  EXPECT_EQ(pg_timestamptz("2000-01-01T08:30:00+08:30"), 0);
  EXPECT_EQ(pg_timestamptz("1999-12-31T19:00:00-0500"), 0);
  EXPECT_EQ(pg_timestamptz("2000-01-01T00:00:01.5Z"), 1'500'000);
  EXPECT_EQ(pg_timestamptz("2000-01-01T00:00:00.000001Z"), 1);
  EXPECT_EQ(pg_timestamptz("2026-11-28T10:00:00Z"), int64_t{9828} * 86'400'000'000 + int64_t{36'000'000'000});
  EXPECT_EQ(pg_timestamptz("2026-11-28T10:00:00"), std::nullopt);  // the session's zone would apply
  EXPECT_EQ(pg_timestamptz("2026-11-28T10:00:00.1234567Z"), std::nullopt);
  EXPECT_EQ(pg_timestamptz("2026-11-28T24:00:00Z"), std::nullopt);
  EXPECT_EQ(pg_timestamptz("2026-11-28T10:00:00.Z"), std::nullopt);
}

TEST(PgCopyBinary, EachTypeInNetworkOrder) {
  EXPECT_EQ(one(std::nullopt, CopyType::int4), "ffffffff");
  EXPECT_EQ(one("-2", CopyType::int4), "00000004" "fffffffe");
  EXPECT_EQ(one("258", CopyType::int2), "00000002" "0102");
  EXPECT_EQ(one("1", CopyType::int8), "00000008" "0000000000000001");
  EXPECT_EQ(one("1", CopyType::boolean), "00000001" "01");
  EXPECT_EQ(one("false", CopyType::boolean), "00000001" "00");
  EXPECT_EQ(one("1.5", CopyType::float8), "00000008" "3ff8000000000000");
  EXPECT_EQ(one("1.5", CopyType::float4), "00000004" "3fc00000");
  EXPECT_EQ(one("2000-01-02", CopyType::date), "00000004" "00000001");
  EXPECT_EQ(one("\u5f20\t\\", CopyType::text), "00000005" "e5bca0095c");  // as is: no escapes
  EXPECT_EQ(one(std::string("\0\xff", 2), CopyType::bytea, 1), "00000002" "00ff");
  EXPECT_EQ(one("", CopyType::text), "00000000");
}

TEST(PgCopyBinary, RefusesWhatIsNotPlainlyItsType) {
  EXPECT_EQ(one("40000", CopyType::int2), "refused");
  EXPECT_EQ(one("12 ", CopyType::int4), "refused");
  EXPECT_EQ(one("", CopyType::int8), "refused");
  EXPECT_EQ(one("yes", CopyType::boolean), "refused");
  EXPECT_EQ(one("1,5", CopyType::float8), "refused");
  EXPECT_EQ(one("\\x00", CopyType::bytea), "refused");  // text for the server to decode
  EXPECT_EQ(one("raw", CopyType::text, 1), "refused");
  // A refused value leaves the rows before it as they were.
  std::string out = "rows";
  EXPECT_FALSE(append_binary_row(out, {"1", "x"}, {0, 0}, {CopyType::int4, CopyType::int4}));
  EXPECT_EQ(out, "rows");
  EXPECT_FALSE(append_binary_row(out, {"1"}, {0}, {CopyType::int4, CopyType::int4}));
  EXPECT_EQ(out, "rows");
}

TEST(PgCopyBinary, OnlyTheTypesItWrites) {
  EXPECT_EQ(copy_type(25), CopyType::text);
  EXPECT_EQ(copy_type(17), CopyType::bytea);
  EXPECT_EQ(copy_type(1184), CopyType::timestamptz);
  EXPECT_EQ(copy_type(1700), std::nullopt);  // numeric
  EXPECT_EQ(copy_type(3802), std::nullopt);  // jsonb
}

// Rows loaded through the bulk path (binary COPY, and text COPY after a row
// binary cannot carry) read back exactly as the same rows inserted one by
// one: PostgreSQL itself is the judge of the encoding.
TEST(PgCopyBinary, BulkRowsEqualInsertedRows) {
  if (auto why = anju::testing::engine_unavailable("postgresql"); !why.empty()) GTEST_SKIP() << why;
  anju::testing::TestDb db("pg_copy_binary", "postgresql");
  auto conn = Connection::open(db.url());
  ASSERT_TRUE(conn) << conn.error().message;
  Connection& c = **conn;
  const char* columns =
      "(t text, v varchar(20), b bytea, f boolean, s smallint, i integer, l bigint, r real,"
      " d double precision, day date, at timestamptz, n numeric)";
  ASSERT_TRUE(c.exec(std::string("CREATE TABLE one_by_one ") + columns));
  ASSERT_TRUE(c.exec(std::string("CREATE TABLE bulk ") + columns));

  struct Row {
    Values v;
    std::string bytes;
  };
  const std::vector<Row> rows = {
      {{"张三\t\\n", "v", "", "1", "-32768", "2147483647", "-9223372036854775808", "0.1", "0.1",
        "1999-12-31", "2026-11-28T10:00:00Z"},
       std::string("\0\x01\xff\\", 4)},
      {{"", std::nullopt, "", "0", "0", "-1", "1", "-0", "1e300", "2000-01-01", "2024-02-29T23:59:59.999999+08:00"},
       ""},
      {{std::nullopt, "x", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
        std::nullopt, std::nullopt, std::nullopt},
       ""},
      // Not plainly typed: the load goes on as text, and the server decides.
      {{"late", "v", "", "t", "7", " 8", "9", "1.5", "2.5", "2024-03-05", "2024-03-05 10:00:00+00"}, "z"},
  };
  const std::string insert = "(t, v, b, f, s, i, l, r, d, day, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
  auto bind = [&](sql::Statement& s, const Row& row) {
    for (size_t i = 0; i < row.v.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      if (i == 2) {
        if (row.v[i]) s.bind_blob(at, row.bytes); else s.bind_null(at);
      } else if (row.v[i]) {
        s.bind(at, std::string_view(*row.v[i]));
      } else {
        s.bind_null(at);
      }
    }
  };
  ASSERT_TRUE(c.begin(TxMode::write));
  for (const Row& row : rows) {
    auto& s = c.prepare(("INSERT INTO one_by_one " + insert).c_str());
    bind(s, row);
    ASSERT_TRUE(s.run());
  }
  ASSERT_TRUE(c.begin_bulk_load("bulk", false));
  for (const Row& row : rows) {
    auto& s = c.prepare(("INSERT INTO bulk" + insert).c_str());
    bind(s, row);
    ASSERT_TRUE(s.run());
  }
  ASSERT_TRUE(c.end_bulk_load());
  // A column of a type without a binary writer here: the whole load is text.
  ASSERT_TRUE(c.begin_bulk_load("one_by_one", false));
  auto& numeric = c.prepare("INSERT INTO one_by_one(t, n) VALUES (?,?)");
  ASSERT_TRUE(numeric.bind(1, std::string_view("numeric")).bind(2, std::string_view("1.25")).run());
  ASSERT_TRUE(c.end_bulk_load());
  ASSERT_TRUE(c.commit());

  auto count = [&](const char* sql) {
    auto& s = c.prepare(sql);
    auto row = s.step();
    EXPECT_TRUE(row && *row);
    return s.integer(0);
  };
  ASSERT_TRUE(c.begin(TxMode::read));
  EXPECT_EQ(count("SELECT count(*) FROM bulk"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM one_by_one WHERE n = 1.25 AND t = 'numeric'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM (SELECT * FROM bulk EXCEPT ALL SELECT * FROM one_by_one"
                  " WHERE t IS DISTINCT FROM 'numeric') x"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM (SELECT * FROM one_by_one WHERE t IS DISTINCT FROM 'numeric'"
                  " EXCEPT ALL SELECT * FROM bulk) x"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM bulk WHERE b = '\\x0001ff5c'::bytea AND t = E'张三\\t\\\\n'"), 1);
  c.rollback();
}

}  // namespace
}  // namespace anju::postgres
