#pragma once
// Reads a RowSource ahead on a thread of its own — file parsing, decoding,
// NFKC, GDAL and GEOS work — so that it overlaps with validation and
// writing on the caller's thread (the machine has two cores). Rows travel in
// batches through a bounded queue: at most kMaxBatches batches are in
// flight, so memory stays bounded.
//
// A batch the caller is done with goes back to the reading thread, which
// frees its rows: memory is freed by the thread that allocated it. Freeing
// on the other thread made the two threads queue on glibc's arena locks
// (futex waits, malloc_consolidate: ≈ 10 % of the writing thread at 1M
// buildings). The wrapped source is used only by the reading thread.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ingest/row_source.h"

namespace anju {

// What BatchWork found out about a batch, handed out with it.
struct BatchNote {
  virtual ~BatchNote() = default;
};
// Work on each batch on the reading thread before it is handed out (an
// import's parsing and look-ups); it may move values out of the rows into
// its note. An error ends the reading as a file error would.
using BatchWork = std::function<Result<std::unique_ptr<BatchNote>>(std::vector<ImportRow>&)>;

class PrefetchedRows final {
 public:
  static constexpr size_t kMaxBatches = 8;

  PrefetchedRows(std::unique_ptr<RowSource> inner, size_t batch_size, BatchWork work = nullptr);
  ~PrefetchedRows();  // stops the reading thread and waits for it

  // Replaces `rows` with the next batch of up to batch_size rows, in file
  // order, and `note` with what the BatchWork made of it (null without
  // one); `rows` is empty at the end. The rows and the note it held go back
  // to the reading thread. An error when the file cannot be read further.
  Result<void> next_batch(std::vector<ImportRow>& rows, std::unique_ptr<BatchNote>* note = nullptr);
  // The share of the file read up to the last batch handed out.
  double progress() const { return progress_; }

 private:
  struct Batch {
    std::vector<ImportRow> rows;
    std::unique_ptr<BatchNote> note;
    double progress = 0;
  };
  void read_ahead();
  bool publish(Batch& batch, bool last, std::optional<Error> error);
  bool reading_ended();  // after a failed batch work

  std::unique_ptr<RowSource> inner_;
  const size_t batch_size_;
  BatchWork work_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  struct Spent {
    std::vector<ImportRow> rows;
    std::unique_ptr<BatchNote> note;
  };
  std::vector<Spent> spent_;  // for the reader to free
  bool finished_ = false;  // the reader reached the end or an error
  bool stopping_ = false;  // the consumer is gone
  std::optional<Error> error_;
  double progress_ = 0;
  std::thread thread_;
};

}  // namespace anju
