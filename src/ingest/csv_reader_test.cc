#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace anju {
namespace {

namespace fs = std::filesystem;

class CsvReaderTest : public ::testing::Test {
 protected:
  void TearDown() override { fs::remove(path_); }
  std::unique_ptr<CsvReader> open(const std::string& bytes) {
    path_ = (fs::temp_directory_path() / ("anju_csv_" + std::to_string(::getpid()) + ".csv"))
                .string();
    std::ofstream(path_, std::ios::binary) << bytes;
    auto r = CsvReader::open(path_);
    EXPECT_TRUE(r) << r.error().message;
    return r ? std::move(*r) : nullptr;
  }
  std::vector<RawRow> all(CsvReader& r) {
    std::vector<RawRow> rows;
    while (true) {
      auto row = r.next();
      EXPECT_TRUE(row);
      if (!row || !*row) break;
      rows.push_back(**row);
    }
    return rows;
  }
  std::string path_;
};

TEST_F(CsvReaderTest, QuotesNewlinesAndCrlf) {
  auto r = open("\xEF\xBB\xBF" "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,z");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding(), "UTF-8");
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"a", "b", "c"}));  // the header is row 1
  EXPECT_EQ(rows[0].row_number, 1);
  rows.erase(rows.begin());
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ(rows[1].row_number, 3);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{""}));  // the blank line counts as a row
  EXPECT_EQ(rows[3].row_number, 5);
  EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"3", "", "z"}));
  EXPECT_DOUBLE_EQ(r->progress(), 1.0);
}

TEST_F(CsvReaderTest, GbkIsDetectedAndConverted) {
  // "户编号,名称\nH1,高燕镇\n" in GBK.
  auto r = open("\xBB\xA7\xB1\xE0\xBA\xC5,\xC3\xFB\xB3\xC6\nH1,\xB8\xDF\xD1\xE0\xD5\xF2\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding(), "GB18030");
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"户编号", "名称"}));
  EXPECT_EQ(rows[1].cells[1], "高燕镇");
}

TEST_F(CsvReaderTest, InvalidUtf8RowIsFlaggedNotFatal) {
  // The first megabyte is UTF-8, so the file is; a later bad row is flagged.
  std::string big = "a,b\n";
  for (int i = 0; i < 40000; ++i) big += "1,高高高高高高高高高高\n";
  auto r = open(big + "2,\xE9\xAB\xE9\xAB\n3,ok\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding(), "UTF-8");
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 40003u);
  EXPECT_TRUE(rows[40000].encoding_error.empty());
  EXPECT_FALSE(rows[40001].encoding_error.empty());
  EXPECT_EQ(rows[40001].row_number, 40002);
  EXPECT_TRUE(rows[40002].encoding_error.empty());
}

TEST_F(CsvReaderTest, UnclosedQuoteIsAnError) {
  auto r = open("a,b\n1,\"open\n2,3\n");
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->next());  // the header
  auto row = r->next();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("第2行"), std::string::npos);
}

TEST_F(CsvReaderTest, LimitsAreCheckedWhileReading) {
  path_ = (fs::temp_directory_path() / ("anju_csv_limits_" + std::to_string(::getpid()) + ".csv")).string();
  ReadLimits limits;
  limits.max_columns = 3;
  limits.max_cell_bytes = 10;
  std::ofstream(path_, std::ios::binary) << "a,b,c\n1,2,3,4\n";
  auto wide = CsvReader::open(path_, limits);
  ASSERT_TRUE(wide);
  ASSERT_TRUE((*wide)->next());
  auto row = (*wide)->next();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("超过3列"), std::string::npos) << row.error().message;

  std::ofstream(path_, std::ios::binary) << "a\n\"" << std::string(100, 'x') << "\"\n";
  auto longer = CsvReader::open(path_, limits);
  ASSERT_TRUE(longer);
  ASSERT_TRUE((*longer)->next());
  EXPECT_FALSE((*longer)->next());
}

TEST_F(CsvReaderTest, EmptyFileIsAnError) {
  path_ = (fs::temp_directory_path() / ("anju_csv_empty_" + std::to_string(::getpid()) + ".csv"))
              .string();
  std::ofstream(path_, std::ios::binary) << "";
  auto r = CsvReader::open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace anju
