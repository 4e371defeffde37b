#pragma once
// The threads that run this server's background jobs (service/job_service.h).
// Each job gets a thread of its own, so a long import never holds a worker
// that answers requests; the server waits for them when it stops.

#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "service/job_service.h"

namespace anju::http {

class JobThreads {
 public:
  JobThreads(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // The live state of a job of this server, if it runs one with that id.
  std::optional<Job> live(long id) const { return board_.find(id); }
  ~JobThreads() { join(); }

  void start(const Job& job, JobWork work) {
    std::lock_guard lock(mutex_);
    threads_.emplace_back([this, job, work = std::move(work)] { run_job(store_, board_, job, work, clock_); });
  }
  void join() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& t : threads) t.join();
  }

 private:
  Store& store_;
  const Clock& clock_;
  JobBoard board_;
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

}  // namespace anju::http
