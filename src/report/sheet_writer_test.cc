// The export workbook prints as a ledger: read back from the .xlsx's own
// parts (the sheet's page set-up and the print titles in the workbook).
#include "report/sheet_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/zip_archive.h"

namespace anju {
namespace {

std::string part(const std::string& path, const std::string& name) {
  auto zip = ZipArchive::open(path, 64 << 20);
  EXPECT_TRUE(zip) << path;
  if (!zip) return "";
  auto entry = (*zip)->open_entry(name);
  EXPECT_TRUE(entry) << name;
  if (!entry) return "";
  std::string out;
  char buf[4096];
  for (auto n = (*entry)->read(buf, sizeof buf); n && *n > 0; n = (*entry)->read(buf, sizeof buf)) out.append(buf, *n);
  return out;
}

struct Book {
  std::string path = (std::filesystem::temp_directory_path() / ("sheet_writer_" + std::to_string(::getpid()) + ".xlsx")).string();
  ~Book() { std::filesystem::remove(path); }
};

TEST(SheetWriter, AWideSheetPrintsLandscapeOnePageWideWithItsHeadOnEveryPage) {
  Book book;
  auto w = SheetWriter::create(book.path, BookInfo{"危房台账", "高燕镇", "王会计（town）", "2026-12-02T05:55:44Z"});
  ASSERT_TRUE(w);
  std::vector<SheetColumn> wide;
  for (int i = 0; i < 12; ++i) wide.push_back({"列" + std::to_string(i), 12, CellType::text});
  (*w)->add_sheet("台账", "危房台账", wide);
  for (int r = 0; r < 100; ++r) (*w)->row({text_cell("x"), Cell(2.0)});
  (*w)->add_sheet("窄表", "汇总", {{"乡镇", 20, CellType::text}, {"户数", 10, CellType::integer}});
  (*w)->row({text_cell("高燕镇"), Cell(12.0)});
  ASSERT_TRUE((*w)->close());

  const std::string first = part(book.path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(first.find("paperSize=\"9\""), std::string::npos) << first.substr(0, 2000);
  EXPECT_NE(first.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(first.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(first.find("fitToPage=\"1\""), std::string::npos);  // sheetPr: fit to the page
  EXPECT_NE(first.find("第 &amp;P 页 共 &amp;N 页"), std::string::npos);
  EXPECT_NE(first.find("<mergeCell ref=\"A1:L1\""), std::string::npos) << "the title spans the columns";
  const std::string second = part(book.path, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(second.find("orientation=\"landscape\""), std::string::npos) << "a narrow sheet stays portrait";
  const std::string workbook = part(book.path, "xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(workbook.find("$1:$2"), std::string::npos) << workbook;
  // China's time and the maker's name, never the UTC stamp (strings are
  // inline in a streamed sheet).
  EXPECT_NE(first.find("王会计（town）  导出时间：2026-12-02 13:55"), std::string::npos);
  EXPECT_EQ(first.find("05:55:44Z"), std::string::npos);
  const std::string styles = part(book.path, "xl/styles.xml");
  EXPECT_NE(styles.find("宋体"), std::string::npos);
}

}  // namespace
}  // namespace anju
