#include "ingest/prefetched_rows.h"

#include <pthread.h>

namespace anju {

PrefetchedRows::PrefetchedRows(std::unique_ptr<RowSource> inner)
    : inner_(std::move(inner)), thread_([this] { read_ahead(); }) {
  // Named, so that top and perf tell the reader from the writer.
  pthread_setname_np(thread_.native_handle(), "anju-reader");
}

PrefetchedRows::~PrefetchedRows() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void PrefetchedRows::read_ahead() {
  Batch batch;
  auto publish = [&](bool last, std::optional<Error> error) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopping_ || queue_.size() < kMaxBatches; });
    if (stopping_) return false;
    batch.progress = inner_->progress();
    if (!batch.rows.empty()) queue_.push_back(std::move(batch));
    batch = Batch{};
    if (last) {
      finished_ = true;
      error_ = std::move(error);
    }
    changed_.notify_all();
    return true;
  };
  while (true) {
    Result<std::optional<ImportRow>> row = inner_->next();
    if (!row) {
      publish(true, row.error());
      return;
    }
    if (!*row) {
      publish(true, std::nullopt);
      return;
    }
    batch.rows.push_back(std::move(**row));
    if (batch.rows.size() == kBatchSize && !publish(false, std::nullopt)) return;
  }
}

Result<std::optional<ImportRow>> PrefetchedRows::next() {
  while (position_ == current_.rows.size()) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty() || finished_; });
    if (queue_.empty()) {
      if (error_) return *error_;
      return std::optional<ImportRow>();
    }
    current_ = std::move(queue_.front());
    queue_.pop_front();
    position_ = 0;
    progress_ = current_.progress;
    changed_.notify_all();
  }
  return std::optional(std::move(current_.rows[position_++]));
}

double PrefetchedRows::progress() const { return progress_; }

}  // namespace anju
