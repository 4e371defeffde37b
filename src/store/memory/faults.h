#pragma once
// Failures on demand for the in-memory repositories (as leveldb's
// fault-injection env): a streamed read that breaks at its n-th row, writes
// that fail. The fakes consult it before every row they hand out and before
// every write, and change nothing when it says no.
//
// Several fakes may share one Faults (a run's transaction fails as one):
// rows are counted over every read of every fake that shares it.
// Not thread-safe, like a Transaction.

#include <optional>
#include <string>

#include "core/result.h"

namespace anju {

class Faults {
 public:
  // From now on, the `n`-th row a streamed read hands out (1-based, counted
  // over every read) is not handed out: the read fails with `io` instead,
  // after the rows before it. nullopt: no failure. Restarts the count.
  void fail_at_row(std::optional<long> n) {
    fail_at_row_ = n;
    rows_read_ = 0;
  }
  // Every write fails with `io` (and the fake changes nothing).
  void fail_writes(bool fail) { fail_writes_ = fail; }

  // `io` when the next streamed row is the one to fail at.
  Result<void> next_row() {
    ++rows_read_;
    if (fail_at_row_ && rows_read_ >= *fail_at_row_)
      return make_error(ErrorCode::io,
                        "数据库错误（模拟）：第" + std::to_string(rows_read_) + "行读取失败");
    return {};
  }
  // `io` when writes fail.
  Result<void> writable() const {
    if (fail_writes_) return make_error(ErrorCode::io, "数据库错误（模拟）：写入失败");
    return {};
  }

 private:
  std::optional<long> fail_at_row_;
  long rows_read_ = 0;
  bool fail_writes_ = false;
};

}  // namespace anju
