#pragma once
// Reads a RowSource ahead on a thread of its own — file parsing, decoding,
// NFKC, GDAL and GEOS work — so that it overlaps with validation and
// writing on the caller's thread (the machine has two cores). Rows travel in
// batches through a bounded queue: at most kMaxBatches × kBatchSize rows are
// in flight, so memory stays bounded. The wrapped source is used only by the
// reading thread.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ingest/row_source.h"

namespace anju {

class PrefetchedRows final : public RowSource {
 public:
  static constexpr size_t kBatchSize = 256;
  static constexpr size_t kMaxBatches = 16;

  explicit PrefetchedRows(std::unique_ptr<RowSource> inner);
  ~PrefetchedRows() override;  // stops the reading thread and waits for it

  Result<std::optional<ImportRow>> next() override;
  double progress() const override;

 private:
  struct Batch {
    std::vector<ImportRow> rows;
    double progress = 0;
  };
  void read_ahead();

  std::unique_ptr<RowSource> inner_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool finished_ = false;  // the reader reached the end or an error
  bool stopping_ = false;  // the consumer is gone
  std::optional<Error> error_;
  Batch current_;
  size_t position_ = 0;
  double progress_ = 0;
  std::thread thread_;
};

}  // namespace anju
