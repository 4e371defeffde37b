#include "ingest/prefetched_rows.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace anju {
namespace {

// Hands out `count` rows, then an error when `fail` is set.
class CountingSource final : public RowSource {
 public:
  CountingSource(long count, bool fail) : count_(count), fail_(fail) {}
  Result<std::optional<ImportRow>> next() override {
    if (n_ == count_) {
      if (fail_) return make_error(ErrorCode::invalid, "broken at the end");
      return std::optional<ImportRow>();
    }
    ImportRow r;
    r.row_number = ++n_ + 1;
    return std::optional(std::move(r));
  }
  double progress() const override { return static_cast<double>(n_) / static_cast<double>(count_); }

 private:
  long count_, n_ = 0;
  bool fail_;
};

// Reads every batch; the row numbers in order, or the error.
Result<std::vector<long>> read_all(PrefetchedRows& rows, size_t batch_size) {
  std::vector<long> numbers;
  std::vector<ImportRow> batch;
  while (true) {
    if (auto r = rows.next_batch(batch); !r) return r.error();
    if (batch.empty()) return numbers;
    EXPECT_LE(batch.size(), batch_size);
    for (const ImportRow& row : batch) numbers.push_back(row.row_number);
  }
}

// Reads until the error: the rows before it and its message ("" when the
// end came instead).
std::pair<long, std::string> rows_before_error(PrefetchedRows& rows) {
  std::vector<ImportRow> batch;
  long n = 0;
  while (true) {
    auto r = rows.next_batch(batch);
    if (!r) return {n, r.error().message};
    if (batch.empty()) return {n, ""};
    n += static_cast<long>(batch.size());
  }
}

TEST(PrefetchedRows, DeliversEveryRowInOrder) {
  for (size_t batch_size : {1, 7, 512}) {
    PrefetchedRows rows(std::make_unique<CountingSource>(10000, false), batch_size);
    auto numbers = read_all(rows, batch_size);
    ASSERT_TRUE(numbers);
    ASSERT_EQ(numbers->size(), 10000u);
    for (size_t i = 0; i < numbers->size(); ++i) ASSERT_EQ((*numbers)[i], static_cast<long>(i) + 2);
    EXPECT_DOUBLE_EQ(rows.progress(), 1.0);
  }
}

TEST(PrefetchedRows, AnEmptySourceGivesAnEmptyBatch) {
  PrefetchedRows rows(std::make_unique<CountingSource>(0, false), 16);
  std::vector<ImportRow> batch(3);
  ASSERT_TRUE(rows.next_batch(batch));
  EXPECT_TRUE(batch.empty());
}

TEST(PrefetchedRows, PassesOnTheReadersErrorAfterTheRowsBeforeIt) {
  PrefetchedRows rows(std::make_unique<CountingSource>(700, true), 64);
  auto [n, error] = rows_before_error(rows);
  EXPECT_EQ(error, "broken at the end");
  EXPECT_EQ(n, 700);
}

struct FirstRow final : BatchNote {
  explicit FirstRow(long n) : row(n) {}
  long row;
};

TEST(PrefetchedRows, EachBatchComesWithWhatTheWorkMadeOfIt) {
  const auto reader = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  PrefetchedRows rows(std::make_unique<CountingSource>(1000, false), 64,
                      [&](std::vector<ImportRow>& batch) -> Result<std::unique_ptr<BatchNote>> {
                        if (std::this_thread::get_id() == reader) on_caller = true;
                        return std::unique_ptr<BatchNote>(std::make_unique<FirstRow>(batch.front().row_number));
                      });
  std::vector<ImportRow> batch;
  std::unique_ptr<BatchNote> note;
  long n = 0;
  while (true) {
    ASSERT_TRUE(rows.next_batch(batch, &note));
    if (batch.empty()) break;
    auto* first = dynamic_cast<FirstRow*>(note.get());
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->row, batch.front().row_number);
    n += static_cast<long>(batch.size());
  }
  EXPECT_EQ(n, 1000);
  EXPECT_FALSE(on_caller) << "the work must run on the reading thread";
}

TEST(PrefetchedRows, AFailedWorkEndsTheReadingWithItsError) {
  PrefetchedRows rows(std::make_unique<CountingSource>(1000000, false), 100,
                      [](std::vector<ImportRow>& batch) -> Result<std::unique_ptr<BatchNote>> {
                        if (batch.front().row_number > 300) return make_error(ErrorCode::io, "look-up failed");
                        return std::unique_ptr<BatchNote>();
                      });
  auto [n, error] = rows_before_error(rows);
  EXPECT_EQ(error, "look-up failed");
  EXPECT_EQ(n, 300);  // the batches before the failed one, none after
}

TEST(PrefetchedRows, AWorkThatThrowsIsAnErrorNotTheEndOfTheProcess) {
  PrefetchedRows rows(std::make_unique<CountingSource>(1000, false), 100,
                      [](std::vector<ImportRow>&) -> Result<std::unique_ptr<BatchNote>> {
                        throw std::logic_error("SQL does not compile");
                      });
  std::vector<ImportRow> batch;
  auto r = rows.next_batch(batch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::internal);
  EXPECT_NE(r.error().message.find("SQL does not compile"), std::string::npos);
}

TEST(PrefetchedRows, StopsEarlyWithoutHanging) {
  PrefetchedRows rows(std::make_unique<CountingSource>(1000000, false), 100);
  std::vector<ImportRow> batch;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(rows.next_batch(batch));
}  // the destructor must stop the reader, which is blocked on a full queue

}  // namespace
}  // namespace anju
