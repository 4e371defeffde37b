#include "ingest/prefetched_rows.h"

#include <gtest/gtest.h>

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

TEST(PrefetchedRows, DeliversEveryRowInOrder) {
  PrefetchedRows rows(std::make_unique<CountingSource>(10000, false));
  long expected = 2;
  while (true) {
    auto r = rows.next();
    ASSERT_TRUE(r);
    if (!*r) break;
    ASSERT_EQ((*r)->row_number, expected++);
  }
  EXPECT_EQ(expected, 10002);
  EXPECT_DOUBLE_EQ(rows.progress(), 1.0);
}

TEST(PrefetchedRows, PassesOnTheReadersError) {
  PrefetchedRows rows(std::make_unique<CountingSource>(700, true));
  long n = 0;
  while (true) {
    auto r = rows.next();
    if (!r) {
      EXPECT_EQ(r.error().message, "broken at the end");
      break;
    }
    ASSERT_TRUE(*r);
    ++n;
  }
  EXPECT_EQ(n, 700);
}

TEST(PrefetchedRows, StopsEarlyWithoutHanging) {
  PrefetchedRows rows(std::make_unique<CountingSource>(1000000, false));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(rows.next());
}  // the destructor must stop the reader, which is blocked on a full queue

}  // namespace
}  // namespace anju
