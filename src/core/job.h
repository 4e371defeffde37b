#pragma once
// Background jobs (DESIGN.md §3.2): imports, matching and judgment runs,
// polled for progress. Jobs live in the store so that any app server can
// answer for a job another one runs.

#include <optional>
#include <string>

namespace anju {

enum class JobStatus { queued, running, succeeded, failed };

const char* job_status_key(JobStatus s);
const char* job_status_name(JobStatus s);  // Chinese
std::optional<JobStatus> parse_job_status(std::string_view key);

struct Job {
  long id = 0;
  std::string kind;    // "import.households", "match", "judge", …
  std::string lane;    // one job per lane at a time: "import", "match", "judge"
  JobStatus status = JobStatus::queued;
  std::string actor;
  std::string params = "{}";   // JSON: file name, options
  double progress = 0;         // 0…1
  long rows = 0;               // rows or households done so far
  std::string message;         // Chinese: what it is doing, or why it failed
  std::string result = "{}";   // JSON: the report or summary
  std::string created_at;
  std::string heartbeat_at;
  std::string finished_at;     // "" while queued or running
};

// A job that has not reported for this long is taken to be dead (its server
// stopped) and failed by the next job of its lane.
inline constexpr long kJobStaleSeconds = 120;

}  // namespace anju
