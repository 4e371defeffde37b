// The error workbook read back as a clerk's Excel and Anju's importer see it.
#include "report/import_report_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "ingest/row_source.h"
#include "ingest/xlsx_reader.h"

namespace anju {
namespace {

using nlohmann::json;

struct TempBook {
  std::string path = (std::filesystem::temp_directory_path() / ("errors_" + std::to_string(::getpid()) + ".xlsx")).string();
  ~TempBook() { std::filesystem::remove(path); }
};

std::vector<std::vector<std::string>> first_sheet(const std::string& path) {
  std::vector<std::vector<std::string>> out;
  auto reader = XlsxReader::open(path);
  EXPECT_TRUE(reader);
  if (!reader) return out;
  for (auto row = (*reader)->next(); row && *row; row = (*reader)->next()) out.push_back((*row)->cells);
  return out;
}

// Row 2 kept whole; row 3's bytes were not text (kept without cells); row 4
// rejected after reading (a region's missing parent): both named with their
// problems only. The file's empty extra column is there too.
TEST(ErrorWorkbook, RowsNotKeptAreNamedAndSkippedWhenImportedAgain) {
  const json errors = json::array({
      {{"row", 2}, {"column", "head_id_number"}, {"value", "500229196504120015"}, {"message", "身份证号校验位错误（应为4）"}},
      {{"row", 3}, {"column", ""}, {"value", ""}, {"message", "该行不是有效的文字（编码错误）"}},
      {{"row", 4}, {"column", "region_code"}, {"value", "500229999999"}, {"message", "区划不存在"}}});
  const json rejected = json::array({
      {{"row", 2},
       {"fields", {{"household_id", "GY0002"}, {"head_name", "李志贵"}, {"head_id_number", "500229196504120015"},
                   {"members", "3"}, {"region_code", "500229108200"}, {"category", "脱贫户"}}},
       {"extras", json::array({json::array({"备注", "门前有坎"})})}},
      {{"row", 3}, {"fields", json::object()}, {"extras", json::array()}}});
  TempBook book;
  ASSERT_TRUE(write_error_workbook(TemplateKind::households, errors, rejected, json({"备注", "空列"}), book.path));

  const auto rows = first_sheet(book.path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "原行号");
  EXPECT_EQ(rows[0][1], "导入问题");
  EXPECT_EQ(rows[0][rows[0].size() - 2], "备注");
  EXPECT_EQ(rows[0].back(), "空列") << "every extra column of the file, filled or not";
  EXPECT_EQ(rows[1][0], "2");
  EXPECT_EQ(rows[1][2], "GY0002");
  EXPECT_EQ(rows[2][0], "3");
  EXPECT_NE(rows[2][1].find("原文件第3行"), std::string::npos) << rows[2][1];
  EXPECT_EQ(rows[3][0], "4");
  EXPECT_NE(rows[3][1].find("区划不存在"), std::string::npos) << rows[3][1];

  // Imported again as it is: the kept row is read, the named ones are blank.
  auto source = open_template_source(TemplateKind::households, book.path);
  ASSERT_TRUE(source);
  ASSERT_TRUE(source->rows);
  std::vector<ImportRow> read;
  for (auto r = source->rows->next(); r && *r; r = source->rows->next()) read.push_back(std::move(**r));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].get("head_name"), "李志贵");
  EXPECT_EQ(source->extra_headers, (std::vector<std::string>{"备注", "空列"}));
}

TEST(ErrorWorkbook, WithoutRowsToWriteBackOnlyTheErrorListIsWritten) {
  ImportReport report;
  report.rows = 3;
  EXPECT_TRUE(rejected_rows_json(TemplateKind::buildings, report).is_null()) << "a geometry cannot go back";
  EXPECT_TRUE(rejected_rows_json(TemplateKind::households, ImportReport{}).is_null()) << "no row was read";
  EXPECT_TRUE(rejected_rows_json(TemplateKind::households, report).is_array());
  TempBook book;
  const json errors = json::array({{{"row", 2}, {"column", "building_id"}, {"value", ""}, {"message", "缺少图斑编号"}}});
  ASSERT_TRUE(write_error_workbook(TemplateKind::buildings, errors, nullptr, nullptr, book.path));
  const auto rows = first_sheet(book.path);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0], "行号") << "the first sheet is the error list";
}

}  // namespace
}  // namespace anju
