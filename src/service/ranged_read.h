#pragma once
// Batch runs (match, judge) spend most of their time reading a whole table
// and working on each row. They read it in two key ranges, each on a thread
// of its own through a read transaction, so both cores work (on
// PostgreSQL, two server processes as well).
//
// Such a read sees exactly what the run's write transaction sees, which has
// written nothing yet: it begins on the snapshot the run shares
// (BatchRepo::share_snapshot, Store::begin_shared). On SQLite the run holds
// the only write lock, so nothing can change meanwhile; on PostgreSQL the
// readers import the run's exported snapshot, so what others commit in
// between is unseen by all three alike.

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
  auto bounds = tx.batch().key_bounds(table, 2);
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
  auto snapshot = tx.batch().share_snapshot();
  if (!snapshot) return snapshot.error();
  std::vector<Result<T>> results(n, make_error(ErrorCode::internal, "未读取"));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < n; ++k)
    threads.emplace_back([&, k] {
      try {
        auto reader = store.begin_shared(*snapshot);
        results[k] = reader ? work(**reader, (*bounds)[k], (*bounds)[k + 1]) : Result<T>(reader.error());
      } catch (const std::exception& e) {  // a bug: reported, not the end of the process
        results[k] = make_error(ErrorCode::internal, std::string("分段读取失败：") + e.what());
      }
    });
  for (std::thread& t : threads) t.join();
  for (size_t k = 0; k < n; ++k) {
    // A reader that could not have a table's lock within a short wait
    // (PostgreSQL: it would have waited behind a schema change that waits
    // for the run)
    // leaves its range to the run's own transaction, which holds or waits
    // for its locks as a run in one range does.
    if (!results[k] && results[k].error().transient == Transient::lost_race)
      results[k] = work(tx, (*bounds)[k], (*bounds)[k + 1]);
    if (!results[k]) return results[k].error();
    out.push_back(std::move(*results[k]));
  }
  return out;
}

}  // namespace anju
