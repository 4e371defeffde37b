// A reader in a child process: rows and sheets come through whole, and a
// helper that crashes, eats memory, hangs or tries to leave its sandbox
// costs the parent one `invalid` error, nothing more.
#include "ingest/child_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace anju {
namespace {

class ChildReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = std::filesystem::temp_directory_path() / ("anju_child_" + std::to_string(::getpid()) + ".xls");
    std::ofstream(file_) << "not really a workbook";
  }
  void TearDown() override {
    std::filesystem::remove(file_);
    std::filesystem::remove(file_.string() + ".out");
  }
  Result<std::unique_ptr<TableReader>> open(const std::string& mode, ChildLimits limits = {}) {
    return open_in_child({helper_path("anju-test-child"), {mode, file_.string()}}, limits);
  }
  std::filesystem::path file_;
};

TEST_F(ChildReaderTest, RowsAndSheetsComeThroughWhole) {
  auto r = open("rows");
  ASSERT_TRUE(r) << r.error().message;
  TableReader& reader = **r;
  EXPECT_EQ(reader.sheet_count(), 2u);
  EXPECT_EQ(reader.sheet_name(), "第一张");
  EXPECT_EQ(reader.encoding(), "TEST");
  long n = 0;
  for (;;) {
    auto row = reader.next();
    ASSERT_TRUE(row) << row.error().message;
    if (!*row) break;
    ++n;
    ASSERT_EQ((*row)->row_number, n);
    ASSERT_EQ((*row)->cells, (std::vector<std::string>{"0", "第" + std::to_string(n) + "行"}));
  }
  EXPECT_EQ(n, 1200);  // more than one batch
  EXPECT_DOUBLE_EQ(reader.progress(), 1.0);
  ASSERT_TRUE(reader.select_sheet(1));
  EXPECT_EQ(reader.sheet_name(), "第二张");
  auto first = reader.next();
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->cells[0], "1");
  EXPECT_FALSE(reader.select_sheet(2));
}

TEST_F(ChildReaderTest, TheHelpersOwnRefusalIsTheError) {
  auto r = open("refuse");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().message, "不是工作簿");
}

TEST_F(ChildReaderTest, ACrashInTheHelperIsAnErrorAndStaysOne) {
  auto r = open("crash");
  ASSERT_TRUE(r);
  auto row = (*r)->next();
  ASSERT_FALSE(row);
  EXPECT_EQ(row.error().code, ErrorCode::invalid);
  EXPECT_NE(row.error().message.find("异常退出"), std::string::npos) << row.error().message;
  EXPECT_FALSE((*r)->next());
  EXPECT_FALSE((*r)->select_sheet(0));
}

TEST_F(ChildReaderTest, MemoryIsBoundedInTheHelper) {
  ChildLimits limits;
  limits.memory_bytes = std::uint64_t{256} << 20;
  auto r = open("hog", limits);
  ASSERT_TRUE(r);
  auto row = (*r)->next();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("内存超过上限"), std::string::npos) << row.error().message;
}

TEST_F(ChildReaderTest, AHelperThatNeverAnswersIsEnded) {
  ChildLimits limits;
  limits.reply_timeout = std::chrono::milliseconds(500);
  auto r = open("spin", limits);
  ASSERT_TRUE(r);
  auto row = (*r)->next();
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("超时"), std::string::npos) << row.error().message;
}

TEST_F(ChildReaderTest, AHelperThatDripsRowsIsEndedAtTheDeadline) {
  ChildLimits limits;
  limits.total_timeout = std::chrono::milliseconds(1500);
  auto r = open("drip", limits);
  ASSERT_TRUE(r);
  const auto started = std::chrono::steady_clock::now();
  Result<std::optional<RawRow>> row = std::optional<RawRow>();
  while ((row = (*r)->next()) && *row) {
  }
  ASSERT_FALSE(row);
  EXPECT_NE(row.error().message.find("超时"), std::string::npos) << row.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(ChildReaderTest, AnAnswerPastTheBoundsIsRefusedUnread) {
  auto r = open("flood");
  ASSERT_TRUE(r) << r.error().message;
  auto row = (*r)->next();
  ASSERT_FALSE(row);
  EXPECT_EQ(row.error().code, ErrorCode::invalid);
}

TEST_F(ChildReaderTest, TheHelperCanReadItsFileAndDoNothingElse) {
  ::setenv("ANJU_TEST_SECRET", "PGPASSWORD-like", 1);
  auto r = open("escape");
  ::unsetenv("ANJU_TEST_SECRET");
  ASSERT_TRUE(r) << r.error().message;
  auto row = (*r)->next();
  ASSERT_TRUE(row && *row) << (row ? "" : row.error().message);
  const std::vector<std::string>& got = (*row)->cells;
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0], "ok") << "its own file, read-only";
  EXPECT_EQ(got[1], "EACCES") << "another file (Landlock)";
  EXPECT_EQ(got[2], "EPERM") << "a file to write";
  EXPECT_EQ(got[3], "EPERM") << "a socket";
  EXPECT_EQ(got[4], "EPERM") << "a process";
  EXPECT_EQ(got[5], "0") << "variables of the server's environment";
  EXPECT_FALSE(std::filesystem::exists(file_.string() + ".out"));
}

TEST_F(ChildReaderTest, AMissingHelperIsAnIoError) {
  auto r = open_in_child({"/nonexistent/anju-xls", {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::io);
}

}  // namespace
}  // namespace anju
