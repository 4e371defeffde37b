#pragma once
// Background jobs (core/job.h).
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <string>
#include <vector>

#include "core/job.h"
#include "core/result.h"

namespace anju {

class JobRepo {
 public:
  virtual ~JobRepo() = default;

  // Adds a queued job; `conflict` when its lane is busy or, for a match or
  // judge run, when an active run of its kind covers an overlapping region
  // (the message names it). Returns its id.
  virtual Result<long> insert_job(const Job& job) = 0;
  virtual Result<std::optional<Job>> find_job(long id) = 0;
  // The newest jobs first, of one actor or (actor "") of all.
  virtual Result<std::vector<Job>> list_jobs(long limit, const std::string& actor) = 0;
  // Sets status, progress, rows, message and heartbeat (and result and
  // finished_at when given).
  virtual Result<void> update_job(const Job& job) = 0;
  // Sets the heartbeat of those of `ids` still queued or running (a job's
  // server says it is alive; never brings back a finished one).
  virtual Result<void> touch_jobs(const std::vector<long>& ids, const std::string& at) = 0;
  // Fails the queued or running jobs whose heartbeat is older than `before`.
  virtual Result<long> fail_stale_jobs(const std::string& before, const std::string& at) = 0;

 protected:
  JobRepo() = default;
  JobRepo(const JobRepo&) = default;
  JobRepo& operator=(const JobRepo&) = default;
};

}  // namespace anju
