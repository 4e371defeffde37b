#pragma once
// Background jobs (core/job.h): an import of an uploaded file, a matching
// run, a judgment run. A job is created (authorized, one per lane at a
// time), then run by whoever created it — on a thread of its own in the
// server — reporting progress into the store, where any server can read it.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/job.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

// What a job of each kind does and who may start it.
struct JobKind {
  std::string kind;  // "import.households", …, "match", "judge"
  std::string lane;  // "import", "match", "judge"
  std::string name;  // Chinese
};
// The kinds, or nullopt for an unknown one.
std::optional<JobKind> job_kind(const std::string& kind);
const std::vector<JobKind>& job_kinds();

// Creates a queued job after failing the stale ones of every lane;
// `conflict` when its lane is busy, `forbidden` when the role may not.
Result<Job> create_job(Store& store, const User& user, const std::string& kind, const nlohmann::json& params,
                       const Clock& clock);

// Reports a running job's progress to the store, at most once a second.
class JobProgress {
 public:
  JobProgress(Store& store, Job job, const Clock& clock) : store_(store), job_(std::move(job)), clock_(clock) {}
  void update(double fraction, long rows, const std::string& message = "");
  Job& job() { return job_; }
  Result<void> save();

 private:
  Store& store_;
  Job job_;
  const Clock& clock_;
  std::chrono::steady_clock::time_point last_{};
};

// The work of a job: returns the result to keep, or the error that failed it.
using JobWork = std::function<Result<nlohmann::json>(JobProgress&)>;

// Runs `work` as job `job`: running → succeeded or failed, with its result
// and the error's message. Never throws.
void run_job(Store& store, const Job& job, const JobWork& work, const Clock& clock);

// The work of each kind for `user`. An import reads `path` (the upload,
// deleted afterwards) named `file_name`; params: strict, source, srs.
JobWork job_work(Store& store, const User& user, const Job& job, const std::string& path, const Clock& clock);

// A job the user may see: its own, or any for an admin (else `not_found`).
Result<Job> find_job(Store& store, const User& user, long id);
// The newest jobs the user may see.
Result<std::vector<Job>> list_jobs(Store& store, const User& user, long limit);

}  // namespace anju
