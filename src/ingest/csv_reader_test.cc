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
  EXPECT_EQ(r->header(), (std::vector<std::string>{"a", "b", "c"}));
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 4u);
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
  EXPECT_EQ(r->header(), (std::vector<std::string>{"户编号", "名称"}));
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells[1], "高燕镇");
}

TEST_F(CsvReaderTest, InvalidUtf8RowIsFlaggedNotFatal) {
  // The first megabyte is UTF-8, so the file is; a later bad row is flagged.
  std::string big;
  for (int i = 0; i < 400000; ++i) big += "高";
  auto r = open("a,b\n1," + big + "\n2,\xE9\xAB\xE9\xAB\n3,ok\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding(), "UTF-8");
  auto rows = all(*r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].encoding_error.empty());
  EXPECT_FALSE(rows[1].encoding_error.empty());
  EXPECT_TRUE(rows[2].encoding_error.empty());
}

TEST_F(CsvReaderTest, UnclosedQuoteIsAnError) {
  auto r = open("a,b\n1,\"open\n2,3\n");
  ASSERT_TRUE(r);
  auto row = r->next();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("第2行"), std::string::npos);
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
