#include "ingest/prefetched_rows.h"

#include <pthread.h>

#include <exception>
#include <string>

namespace anju {

PrefetchedRows::PrefetchedRows(std::unique_ptr<RowSource> inner, size_t batch_size, BatchWork work)
    : inner_(std::move(inner)), batch_size_(batch_size == 0 ? 1 : batch_size), work_(std::move(work)),
      thread_([this] { read_ahead(); }) {
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

// Queues `batch` once there is room; frees the batches the consumer gave
// back. False when the consumer is gone.
bool PrefetchedRows::publish(Batch& batch, bool last, std::optional<Error> error) {
  if (work_ && !batch.rows.empty() && !error) {
    Result<std::unique_ptr<BatchNote>> note = std::unique_ptr<BatchNote>();
    try {
      note = work_(batch.rows);
    } catch (const std::exception& e) {  // a bug: reported, not the end of the process
      note = make_error(ErrorCode::internal, std::string("导入预处理失败：") + e.what());
    }
    if (note) {
      batch.note = std::move(*note);
    } else {  // the batch goes no further: the error ends the reading
      batch.rows.clear();
      last = true;
      error = note.error();
    }
  }
  std::vector<Spent> spent;
  {
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
    spent.swap(spent_);
  }
  changed_.notify_all();
  return true;  // `spent` is freed here, on this thread, outside the lock
}

void PrefetchedRows::read_ahead() {
  Batch batch;
  batch.rows.reserve(batch_size_);
  while (true) {
    Result<std::optional<ImportRow>> row = inner_->next();
    if (!row) {
      publish(batch, true, row.error());  // the rows before it, without the batch work
      return;
    }
    if (!*row) {
      publish(batch, true, std::nullopt);
      return;
    }
    batch.rows.push_back(std::move(**row));
    if (batch.rows.size() == batch_size_) {
      if (!publish(batch, false, std::nullopt) || reading_ended()) return;
      batch.rows.reserve(batch_size_);
    }
  }
}

bool PrefetchedRows::reading_ended() {
  std::lock_guard lock(mutex_);
  return finished_;
}

Result<void> PrefetchedRows::next_batch(std::vector<ImportRow>& rows, std::unique_ptr<BatchNote>* note) {
  Spent done;
  done.rows.swap(rows);
  if (note) done.note = std::move(*note);
  std::unique_lock lock(mutex_);
  // Once the reader has finished nobody would free them: they go with
  // `done` at the end of this call instead.
  if ((!done.rows.empty() || done.note) && !finished_) spent_.push_back(std::move(done));
  changed_.wait(lock, [&] { return !queue_.empty() || finished_; });
  if (queue_.empty()) {
    if (error_) return *error_;
    progress_ = 1.0;
    return {};
  }
  rows = std::move(queue_.front().rows);
  if (note) *note = std::move(queue_.front().note);
  progress_ = queue_.front().progress;
  queue_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return {};
}

}  // namespace anju
