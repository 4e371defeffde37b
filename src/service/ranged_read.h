#pragma once
// Batch runs (match, judge) spend most of their time reading a whole table
// and working on each row. On SQLite they read it in two key ranges, each on
// a thread of its own through a read transaction, so both cores work.
//
// Such a read sees exactly what the run's write transaction sees: that
// transaction holds SQLite's only write lock and has written nothing yet, so
// nothing can have changed since it began. On PostgreSQL other writers may
// commit in between (and the server does the reading), so the run reads
// everything through its own transaction, in one range.

#include <exception>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/store.h"

namespace anju {

// Calls `work(tx, after, upto)` for each key range of `table` and returns
// the results in key order. `work` must only read, and must not share
// mutable state between calls. Empty when the table is.
template <class T, class Work>
Result<std::vector<T>> read_in_ranges(Store& store, Transaction& tx, KeyedTable table, Work&& work) {
  const int parts = store.concurrent_writes() ? 1 : 2;
  auto bounds = tx.batch().key_bounds(table, parts);
  if (!bounds) return bounds.error();
  std::vector<T> out;
  if (bounds->size() < 2) return out;
  const size_t n = bounds->size() - 1;
  if (n == 1) {
    Result<T> one = work(tx, (*bounds)[0], (*bounds)[1]);
    if (!one) return one.error();
    out.push_back(std::move(*one));
    return out;
  }
  std::vector<Result<T>> results(n, make_error(ErrorCode::internal, "未读取"));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < n; ++k)
    threads.emplace_back([&, k] {
      try {
        auto reader = store.begin(TxMode::read);
        results[k] = reader ? work(**reader, (*bounds)[k], (*bounds)[k + 1]) : Result<T>(reader.error());
      } catch (const std::exception& e) {  // a bug: reported, not the end of the process
        results[k] = make_error(ErrorCode::internal, std::string("分段读取失败：") + e.what());
      }
    });
  for (std::thread& t : threads) t.join();
  for (Result<T>& r : results) {
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace anju
