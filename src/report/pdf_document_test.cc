// The PDF layout read back with poppler: every page numbered 「第 N 页 共 M
// 页」 with the header and footer, a long table split between rows with its
// header on every page, a heading never left alone at a page's foot.
#include "report/pdf_document.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "report/pdf_text_testing.h"

namespace anju {
namespace {

struct File {
  std::string path = (std::filesystem::temp_directory_path() / ("pdf_document_" + std::to_string(::getpid()) + ".pdf")).string();
  ~File() { if (!std::getenv("KEEP_PDF")) std::filesystem::remove(path); }
};

PdfInfo info(PaperSide side = PaperSide::portrait) {
  return {"危房台账", "重庆市丰都县高燕镇", "2026年住房安全回头看", "王会计", "2026-12-02 13:55", side};
}

TEST(PdfDocument, ALongTableRepeatsItsHeaderOnEveryNumberedPage) {
  File f;
  PdfDocument doc(info(PaperSide::landscape));
  doc.title("农村低收入群体等重点对象危房台账", "高燕镇，在账");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 120; ++i) rows.push_back({std::to_string(i), "户主" + std::to_string(i), "C级", "危房改造"});
  doc.table({{"序号", 0.6}, {"户主姓名", 1.5}, {"鉴定等级", 1}, {"处置措施", 1.2}}, rows);
  auto pages = doc.write(f.path);
  ASSERT_TRUE(pages) << pages.error().message;
  ASSERT_GT(*pages, 2);
  const auto text = testing::pdf_pages(f.path);
  ASSERT_EQ(static_cast<long>(text.size()), *pages);
  for (long n = 1; n <= *pages; ++n) {
    const std::string& page = text[n - 1];
    EXPECT_NE(testing::squeezed(page).find("第" + std::to_string(n) + "页共" + std::to_string(*pages) + "页"),
              std::string::npos)
        << n;
    EXPECT_NE(page.find("户主姓名"), std::string::npos) << "header on page " << n;
    EXPECT_NE(page.find("重庆市丰都县高燕镇"), std::string::npos);
    EXPECT_NE(page.find("制表：王会计"), std::string::npos);
  }
  // Every row exactly once, none lost or repeated at a break.
  const std::string all = testing::pdf_text(f.path);
  for (int i = 1; i <= 120; ++i) {
    const std::string cell = "户主" + std::to_string(i) + " ";
    const size_t at = all.find(cell);
    EXPECT_NE(at, std::string::npos) << i;
    if (at != std::string::npos) EXPECT_EQ(all.find(cell, at + 1), std::string::npos) << i;
  }
}

TEST(PdfDocument, AHeadingNeverEndsAPageWithoutWhatItHeads) {
  // However much comes before, the heading and its first line share a page.
  for (int paragraphs = 30; paragraphs < 60; ++paragraphs) {
    File f;
    PdfDocument doc(info());
    for (int i = 0; i < paragraphs; ++i) doc.text("第" + std::to_string(i) + "段：现场核实情况记录。");
    doc.section("五、签字");
    doc.signatures({{"村级填报人", "张三，2026-12-01 14:02 提交"}, {"镇级审核人", ""}, {"县级审核人", ""}});
    auto pages = doc.write(f.path);
    ASSERT_TRUE(pages);
    const auto text = testing::pdf_pages(f.path);
    ASSERT_EQ(static_cast<long>(text.size()), *pages);
    bool together = false;
    for (const std::string& page : text)
      together = together || (page.find("五、签字") != std::string::npos &&
                              page.find("村级填报人：张三，2026-12-01 14:02 提交") != std::string::npos);
    EXPECT_TRUE(together) << paragraphs << " paragraphs before";
  }
}

TEST(PdfDocument, ARowTallerThanAPageIsCutWithAMarkNotLostUnseen) {
  File f;
  PdfDocument doc(info());
  std::string notes;
  for (int i = 0; i < 400; ++i) notes += "房屋东侧墙体出现裂缝，";
  doc.table({{"日期", 1}, {"情况说明", 2}}, {{"2026-11-20", notes}, {"2026-11-21", "复查无变化"}});
  auto pages = doc.write(f.path);
  ASSERT_TRUE(pages) << pages.error().message;
  const std::string all = testing::pdf_text(f.path);
  EXPECT_NE(all.find("内容过长"), std::string::npos);
  EXPECT_NE(all.find("复查无变化"), std::string::npos) << "the next row still prints";
  EXPECT_EQ(static_cast<long>(testing::pdf_pages(f.path).size()), *pages);
}

TEST(PdfDocument, AnUnreadablePhotoKeepsItsBoxAndCaptionAndAnEmptyTableIsNothing) {
  File f;
  PdfDocument doc(info());
  doc.images({{"/nonexistent/photo.jpg", 320, 240, "东立面.jpg"}, {"/etc/hostname", 0, 0, "坏文件.png"}});
  doc.table({{"日期", 1}}, {});
  doc.text("之后的内容");
  auto pages = doc.write(f.path);
  ASSERT_TRUE(pages) << pages.error().message;
  const std::string all = testing::pdf_text(f.path);
  EXPECT_NE(all.find("照片文件无法读取"), std::string::npos);
  EXPECT_NE(all.find("东立面.jpg"), std::string::npos);
  EXPECT_NE(all.find("坏文件.png"), std::string::npos);
  EXPECT_NE(all.find("之后的内容"), std::string::npos);
}

TEST(PdfDocument, FieldsPairLabelsWithValuesAndAPageBreakStartsAFreshPage) {
  File f;
  PdfDocument doc(info());
  doc.title("农户档案（一户一档）");
  doc.fields({{"户主姓名", "张三"}, {"家庭人口", "4"}, {"房屋等级", "C级"}});
  doc.new_page();
  doc.new_page();  // a second break on an empty page adds nothing
  doc.title("农户档案（一户一档）");
  doc.fields({{"户主姓名", "李四"}});
  auto pages = doc.write(f.path);
  ASSERT_TRUE(pages);
  EXPECT_EQ(*pages, 2);
  const auto text = testing::pdf_pages(f.path);
  ASSERT_EQ(text.size(), 2u);
  EXPECT_NE(text[0].find("张三"), std::string::npos);
  EXPECT_NE(text[0].find("C级"), std::string::npos);
  EXPECT_NE(text[1].find("李四"), std::string::npos);
}

TEST(PdfDocument, AnUnwritablePathIsAnError) {
  PdfDocument doc(info());
  doc.text("x");
  auto r = doc.write("/nonexistent-dir/x.pdf");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::io);
}

}  // namespace
}  // namespace anju
