#pragma once
// Background jobs (core/job.h): an import of an uploaded file, a matching
// run, a judgment run. A job is created (authorized, one per lane at a
// time), then run by whoever created it — on a thread of its own in the
// server — reporting progress into the store, where any server can read it.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/job.h"
#include "core/user.h"
#include "service/job_params.h"
#include "store/store.h"

namespace anju {

// Creates a queued job after failing the stale ones of every lane;
// `invalid` when `params` are not the kind's (check_job_params), `conflict`
// when its lane is busy (for a match or judge run: a run of the same kind
// whose region overlaps, named in the message), `forbidden` when the role
// may not, `not_found` when a run names a region outside the user's. A run
// that names no region acts on the user's.
Result<Job> create_job(Store& store, const User& user, JobKind kind, const JobParams& params,
                       const Clock& clock);

// The latest state of the jobs this process runs, for answering while a
// job's own transaction keeps the store from taking its progress (SQLite).
class JobBoard {
 public:
  void post(const Job& job);
  std::optional<Job> find(long id) const;
  void remove(long id);
  std::vector<long> ids() const;  // of the jobs on the board

 private:
  mutable std::mutex mutex_;
  std::map<long, Job> jobs_;
};

// Reports a running job's progress: to the board at once, and to the store
// (with a heartbeat) at most once a second where the store can take it
// while the job writes (Store::concurrent_writes).
class JobProgress {
 public:
  JobProgress(Store& store, JobBoard& board, Job job, const Clock& clock)
      : store_(store), board_(board), job_(std::move(job)), clock_(clock) {}
  void update(double fraction, long rows, const std::string& message = "");
  Job& job() { return job_; }
  Result<void> save();

 private:
  Store& store_;
  JobBoard& board_;
  Job job_;
  const Clock& clock_;
  std::chrono::steady_clock::time_point last_{};
};

// The work of a job: returns the result to keep, or the error that failed it.
using JobWork = std::function<Result<nlohmann::json>(JobProgress&)>;

// Runs `work` as job `job`: running → succeeded or failed, with its result
// and the error's message. Never throws.
void run_job(Store& store, JobBoard& board, const Job& job, const JobWork& work, const Clock& clock);

// At the start of a server on a store without concurrent writes (SQLite,
// one server): the jobs left queued or running by a stopped server failed.
Result<long> fail_abandoned_jobs(Store& store, const Clock& clock);

// Where several servers share the store (Store::concurrent_writes): every
// kJobHeartbeatSeconds a server marks its `running` jobs alive, and fails
// the jobs of any server whose heartbeat stopped kJobStaleSeconds ago (it
// was killed or lost): their lanes take the next job. Returns how many it
// failed.
inline constexpr long kJobHeartbeatSeconds = 30;
Result<long> keep_jobs_alive(Store& store, const std::vector<long>& running, const Clock& clock);

// The work of a job for `user`, chosen once by its kind from its typed
// parameters (job_params.h). An import of a file reads `path` (the upload,
// deleted afterwards, whatever happens); an export writes `path`, and its
// result names the file and the download name.
// A print job reads the photos it lays out from `files`.
JobWork job_work(Store& store, const User& user, const Job& job, const std::string& path, const FileStore& files,
                 const Clock& clock);

// A job the user may see: its own, or any for an admin (else `not_found`).
Result<Job> find_job(Store& store, const User& user, long id);
// A job the user submitted (else `not_found`, an admin's too): only its
// submitter downloads what an export or print wrote, since the file holds
// the submitter's region and, when asked, whole ID numbers.
Result<Job> find_own_job(Store& store, const User& user, long id);
// The newest jobs the user may see.
Result<std::vector<Job>> list_jobs(Store& store, const User& user, long limit);

// The user's own imports of the last kPendingImportDays days that
// rejected rows, unless the user later imported the corrected file clean
// (the same file name again, or the import's error workbook): what 待办
// counts and the import page lists.
inline constexpr long kPendingImportDays = 7;
Result<std::vector<Job>> imports_with_pending_errors(Store& store, const User& user, const Clock& clock);

}  // namespace anju
