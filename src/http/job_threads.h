#pragma once
// The threads that run this server's background jobs (service/job_service.h).
// Each job gets a thread of its own, so a long import never holds a worker
// that answers requests; the server waits for them when it stops. Where
// servers share the store (PostgreSQL), a heartbeat thread marks this
// server's jobs alive every kJobHeartbeatSeconds, until the last has
// finished, and fails the jobs of servers that stopped beating
// (service/job_service.h: keep_jobs_alive).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "service/job_service.h"

namespace anju::http {

class JobThreads {
 public:
  JobThreads(Store& store, const Clock& clock) : store_(store), clock_(clock) {
    if (store.concurrent_writes()) heart_ = std::thread([this] { beat(); });
  }
  // The live state of a job of this server, if it runs one with that id.
  std::optional<Job> live(long id) const { return board_.find(id); }
  ~JobThreads() {
    join();
    stopped_ = true;
    if (heart_.joinable()) heart_.join();
  }

  void start(const Job& job, JobWork work) {
    std::lock_guard lock(mutex_);
    reap();
    auto done = std::make_shared<std::atomic<bool>>(false);
    threads_.push_back(Running{std::thread([this, job, work = std::move(work), done] {
                                 run_job(store_, board_, job, work, clock_);
                                 *done = true;
                               }),
                               done});
  }
  // The ids of the jobs this server runs now.
  std::vector<long> live_ids() const { return board_.ids(); }
  // Jobs this server runs now.
  long running() const {
    std::lock_guard lock(mutex_);
    return static_cast<long>(std::count_if(threads_.begin(), threads_.end(),
                                           [](const Running& r) { return !*r.done; }));
  }
  void join() {
    std::vector<Running> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& r : threads) r.thread.join();
  }

 private:
  Store& store_;
  const Clock& clock_;
  JobBoard board_;
  struct Running {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  // Joins the threads whose job has ended (the caller holds mutex_), so a
  // server that runs many jobs keeps no finished threads around.
  void reap() {
    for (auto it = threads_.begin(); it != threads_.end();) {
      if (*it->done) {
        it->thread.join();
        it = threads_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void beat() {
    for (long tick = 1; !stopped_; ++tick) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (tick % kJobHeartbeatSeconds != 0 || stopped_) continue;
      auto failed = keep_jobs_alive(store_, board_.ids(), clock_);
      if (!failed) std::cerr << "jobs: " << operator_detail(failed.error()) << '\n';
      else if (*failed > 0) std::cerr << "jobs: " << *failed << " jobs of a stopped server failed\n";
    }
  }

  mutable std::mutex mutex_;
  std::vector<Running> threads_;
  std::atomic<bool> stopped_{false};
  std::thread heart_;  // declared last: started once the rest is made
};

}  // namespace anju::http
