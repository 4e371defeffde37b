#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>

#include "ingest/template_rows.h"

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
  // A workbook of one sheet of text cells, row by row.
  void write_text_sheet(const char* sheet, const std::vector<std::vector<const char*>>& rows) {
    lxw_workbook* wb = workbook_new(path_.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet);
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t c = 0; c < rows[r].size(); ++c)
        worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c], nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  std::vector<RawRow> all(TableReader& r) {
    std::vector<RawRow> rows;
    while (true) {
      auto row = r.next();
      EXPECT_TRUE(row) << row.error().message;
      if (!row || !*row) break;
      rows.push_back(**row);
    }
    return rows;
  }
  std::string path_;
};

TEST_F(XlsxReaderTest, CellsKeepTheKindTheProducerStored) {
  lxw_workbook* wb = workbook_new(path_.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_write_string(ws, 0, 0, "户编号", nullptr);
  worksheet_write_string(ws, 0, 1, "家庭人口数", nullptr);
  worksheet_write_string(ws, 0, 2, "户主身份证号", nullptr);
  worksheet_write_string(ws, 0, 3, "日期", nullptr);
  worksheet_write_string(ws, 1, 0, "H1", nullptr);
  worksheet_write_number(ws, 1, 1, 4, nullptr);
  worksheet_write_string(ws, 1, 2, "11010519491231002X", nullptr);
  worksheet_write_number(ws, 1, 3, 44471, date);  // 2021-10-02
  // Row 3 left empty; row 4 has an ID typed as a number.
  worksheet_write_number(ws, 3, 0, 5002291080010001.0, nullptr);
  worksheet_write_number(ws, 3, 2, 500229198001011234.0, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)->sheet_count(), 1u);
  EXPECT_EQ((*r)->sheet_name(), "名单");
  auto rows = all(**r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].row_number, 1);
  EXPECT_EQ(rows[0].cells[0], "户编号");
  EXPECT_EQ(rows[1].row_number, 2);
  EXPECT_EQ(rows[1].cells[1], "4");
  EXPECT_EQ(rows[1].kind(1), CellKind::number);
  EXPECT_EQ(rows[1].kind(2), CellKind::text);
  EXPECT_EQ(rows[1].cells[3], "2021-10-02");
  EXPECT_EQ(rows[1].kind(3), CellKind::date);
  EXPECT_EQ(rows[2].row_number, 4);
  EXPECT_EQ(rows[2].kind(0), CellKind::number);
  EXPECT_EQ(rows[2].kind(2), CellKind::number);
}

TEST_F(XlsxReaderTest, TheHeaderIsFoundUnderTitlesAndAfterANotesSheet) {
  lxw_workbook* wb = workbook_new(path_.c_str());
  lxw_worksheet* notes = workbook_add_worksheet(wb, "填写说明");
  worksheet_write_string(notes, 0, 0, "请按模板填写", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "花名册");
  worksheet_merge_range(ws, 0, 0, 0, 8, "高燕镇脱贫户花名册", nullptr);
  worksheet_write_string(ws, 1, 0, "填报单位：高燕镇", nullptr);
  const char* header[] = {"户编号", "户主姓名", "户主身份证号", "家庭人口数", "区划代码", "户类型"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c + 1), header[c], nullptr);
  worksheet_write_number(ws, 3, 1, 5002291080010001.0, nullptr);   // 16 digits: refused
  worksheet_write_number(ws, 3, 5, 500229108200.0, nullptr);       // 12 digits: exact
  lxw_format* padded = workbook_add_format(wb);
  format_set_num_format(padded, "00000");
  worksheet_write_number(ws, 4, 1, 123.0, padded);                 // shown as 00123
  worksheet_write_string(ws, 4, 3, "11010519491231002X", nullptr);
  worksheet_write_formula_num(ws, 4, 4, "=1+2", nullptr, 3);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r) << r.error().message;
  auto opened = TemplateRows::open(TemplateKind::households, std::move(*r));
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(opened->header_errors.empty()) << opened->header_errors[0].message;
  ASSERT_TRUE(opened->rows);
  EXPECT_EQ(opened->rows->header_row(), 3);
  ASSERT_EQ(opened->notes.size(), 1u);
  EXPECT_EQ(opened->notes[0], "读取工作表“花名册”，表头在第3行");

  auto first = opened->rows->next();
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->row_number, 4);
  ASSERT_EQ((*first)->cell_errors.size(), 1u);
  EXPECT_EQ((*first)->cell_errors[0].column, "household_id");
  EXPECT_NE((*first)->cell_errors[0].message.find("超过15位的数字已被表格软件改动"), std::string::npos)
      << (*first)->cell_errors[0].message;
  EXPECT_EQ((*first)->get("region_code"), "500229108200");

  auto second = opened->rows->next();
  ASSERT_TRUE(second && *second);
  EXPECT_TRUE((*second)->cell_errors.empty());
  EXPECT_EQ((*second)->get("household_id"), "00123");
  EXPECT_EQ((*second)->get("members"), "3");  // a formula with its calculated value
}

// A hidden sheet (an old copy, the lists behind drop-downs) is not what the
// clerk sees: the visible sheet's header wins; a hidden one is read only
// when no visible sheet has one, and the report says it was hidden.
TEST_F(XlsxReaderTest, AVisibleSheetWinsOverAHiddenOneWithTheSameHeader) {
  const char* header[] = {"户编号", "户主姓名", "户主身份证号", "家庭人口数", "区划代码", "户类型"};
  for (bool visible_copy : {true, false}) {
    lxw_workbook* wb = workbook_new(path_.c_str());
    lxw_worksheet* old = workbook_add_worksheet(wb, "旧名单");
    lxw_worksheet* now = workbook_add_worksheet(wb, "花名册");
    for (int c = 0; c < 6; ++c) {
      worksheet_write_string(old, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
      if (visible_copy) worksheet_write_string(now, 1, static_cast<lxw_col_t>(c), header[c], nullptr);
    }
    worksheet_write_string(old, 1, 0, "OLD1", nullptr);
    worksheet_write_string(now, 2, 0, "NEW1", nullptr);
    worksheet_activate(now);
    worksheet_hide(old);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    auto r = XlsxReader::open(path_);
    ASSERT_TRUE(r) << r.error().message;
    auto opened = TemplateRows::open(TemplateKind::households, std::move(*r));
    ASSERT_TRUE(opened && opened->rows);
    ASSERT_EQ(opened->notes.size(), 1u);
    auto row = opened->rows->next();
    ASSERT_TRUE(row && *row);
    if (visible_copy) {
      EXPECT_EQ(opened->notes[0], "读取工作表“花名册”，表头在第2行");
      EXPECT_EQ((*row)->get("household_id"), "NEW1");
    } else {
      EXPECT_EQ(opened->notes[0], "读取隐藏的工作表“旧名单”，表头在第1行");
      EXPECT_EQ((*row)->get("household_id"), "OLD1");
    }
  }
}

TEST_F(XlsxReaderTest, AFileWithoutTheHeaderSaysWhatWasLookedFor) {
  write_text_sheet("Sheet1", {{"姓名"}, {"张三"}});
  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r);
  auto opened = TemplateRows::open(TemplateKind::households, std::move(*r));
  ASSERT_TRUE(opened);
  ASSERT_EQ(opened->header_errors.size(), 1u);
  EXPECT_NE(opened->header_errors[0].message.find("没有找到表头"), std::string::npos);
  EXPECT_NE(opened->header_errors[0].message.find("“户编号”"), std::string::npos);
}

TEST_F(XlsxReaderTest, HeaderOnlySheetKeepsItsHeader) {
  write_text_sheet("模板", {{"户编号", "户主姓名"}});
  auto r = XlsxReader::open(path_);
  ASSERT_TRUE(r) << r.error().message;
  auto rows = all(**r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"户编号", "户主姓名"}));
}

TEST_F(XlsxReaderTest, AZipBombIsRefusedWhileItIsRead) {
  lxw_workbook* wb = workbook_new(path_.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  const std::string filler(1000, 'a');
  for (lxw_row_t row = 0; row < 3000; ++row) worksheet_write_number(ws, row, 0, row, nullptr);
  worksheet_write_string(ws, 0, 1, filler.c_str(), nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  ReadLimits limits;
  limits.max_unpacked_bytes = 64 * 1024;  // the sheet's XML is larger than this
  auto r = XlsxReader::open(path_, limits);
  ASSERT_TRUE(r) << r.error().message;
  Result<std::optional<RawRow>> row = std::optional<RawRow>();
  do row = (*r)->next();
  while (row && *row);
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("压缩炸弹"), std::string::npos) << row.error().message;

  limits = ReadLimits{};
  limits.max_rows = 100;
  r = XlsxReader::open(path_, limits);
  ASSERT_TRUE(r);
  do row = (*r)->next();
  while (row && *row);
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("超过100行"), std::string::npos) << row.error().message;
}

TEST_F(XlsxReaderTest, NotAnXlsxIsAClearError) {
  FILE* f = std::fopen(path_.c_str(), "w");
  std::fputs("not a zip", f);
  std::fclose(f);
  auto r = XlsxReader::open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
}

TEST(ExcelSerial, BothDateSystemsAndThePhantomLeapDay) {
  EXPECT_EQ(excel_serial_text(44471, false), "2021-10-02");
  EXPECT_EQ(excel_serial_text(1, false), "1900-01-01");
  EXPECT_EQ(excel_serial_text(59, false), "1900-02-28");
  EXPECT_EQ(excel_serial_text(61, false), "1900-03-01");
  EXPECT_EQ(excel_serial_text(60, false), std::nullopt);
  EXPECT_EQ(excel_serial_text(0, true), "1904-01-01");
  EXPECT_EQ(excel_serial_text(44471.5, false), "2021-10-02 12:00:00");
  EXPECT_EQ(excel_serial_text(-1, false), std::nullopt);
}

}  // namespace
}  // namespace anju
