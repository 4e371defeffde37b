#include "ingest/xlsx_reader.h"

#include "core/id_number.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>

namespace anju {
namespace {

namespace fs = std::filesystem;

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("anju_xlsx_" + std::to_string(::getpid()) + ".xlsx"))
                .string();
  }
  void TearDown() override { fs::remove(path_); }
  std::string path_;
};

TEST_F(XlsxReaderTest, ReadsTextNumbersGapsAndRowNumbers) {
  lxw_workbook* wb = workbook_new(path_.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  worksheet_write_string(ws, 0, 0, "户编号", nullptr);
  worksheet_write_string(ws, 0, 1, "家庭人口数", nullptr);
  worksheet_write_string(ws, 0, 2, "户主身份证号", nullptr);
  worksheet_write_string(ws, 1, 0, "H1", nullptr);
  worksheet_write_number(ws, 1, 1, 4, nullptr);
  worksheet_write_string(ws, 1, 2, "11010519491231002X", nullptr);
  // Row 3 left empty; row 4 has an ID typed as a number.
  worksheet_write_string(ws, 3, 0, "H2", nullptr);
  worksheet_write_number(ws, 3, 1, 3, nullptr);
  worksheet_write_number(ws, 3, 2, 500229198001011234.0, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)->header(), (std::vector<std::string>{"户编号", "家庭人口数", "户主身份证号"}));
  std::vector<RawRow> rows;
  while (true) {
    auto row = (*r)->next();
    ASSERT_TRUE(row);
    if (!*row) break;
    rows.push_back(**row);
  }
  std::vector<long> numbers;
  for (const auto& row : rows)
    if (!row.cells.empty() && !row.cells[0].empty()) numbers.push_back(row.row_number);
  EXPECT_EQ(numbers, (std::vector<long>{2, 4}));
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows.front().cells[1], "4");
  EXPECT_EQ(rows.front().cells[2], "11010519491231002X");
  // An ID typed as a number has lost its last digits; it must reach the
  // validator as the scientific notation Excel shows, not as a fake ID.
  const std::string numeric_id = rows.back().cells[2];
  EXPECT_NE(numeric_id.find("E+17"), std::string::npos) << numeric_id;
  auto checked = validate_id_number(numeric_id, Date{2026, 1, 1});
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("科学计数法"), std::string::npos);
}

TEST_F(XlsxReaderTest, HeaderOnlySheetKeepsItsHeader) {
  lxw_workbook* wb = workbook_new(path_.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "模板");
  worksheet_write_string(ws, 0, 0, "户编号", nullptr);
  worksheet_write_string(ws, 0, 1, "户主姓名", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)->header(), (std::vector<std::string>{"户编号", "户主姓名"}));
  auto row = (*r)->next();
  ASSERT_TRUE(row);
  EXPECT_FALSE(*row);
}

TEST_F(XlsxReaderTest, NotAnXlsxIsAClearError) {
  FILE* f = std::fopen(path_.c_str(), "w");
  std::fputs("not a zip", f);
  std::fclose(f);
  auto r = XlsxReader::open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace anju
