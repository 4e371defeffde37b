#pragma once
// Background jobs (DESIGN.md §3.2): imports, matching and judgment runs,
// exports, polled for progress. Jobs live in the store so that any app
// server can answer for a job another one runs.

#include <optional>
#include <string>
#include <string_view>

#include "core/enums.h"

namespace anju {

enum class JobStatus { queued, running, succeeded, failed };
ANJU_ENUM_TRAITS(JobStatus);  // 排队中 / 进行中 / 已完成 / 失败

// What a job does. Keys ("import.households", "match", …) are the API's and
// the store's; names are Chinese (导入农户花名册, 人房对应, …).
enum class JobKind {
  import_regions,
  import_households,
  import_buildings,
  import_evidence,
  import_disasters,
  match,
  judge,
  export_ledger,
  export_households,
  export_field_tasks,
  export_records,
  export_summary,
  print_households,  // a village's or town's household files in one PDF
};
ANJU_ENUM_TRAITS(JobKind);

// Jobs of a lane run one at a time: one import in the whole store; one
// matching run and one judgment run in a region (runs of disjoint regions
// may run at once); one export at a time for each user.
enum class JobLane { import, match, judge, exports };

JobLane job_lane(JobKind kind);

struct Job;
// The store's lane of a job ("import", "judge:500229108", "export:county",
// …): at most one queued or running job holds each. A match or judge lane
// names the run's region by its prefix ("judge:" for the whole country).
std::string job_lane_key(const Job& job);
// The region a match or judge lane names (kWholeCountry for "judge:"), or
// nullopt when `lane` is not one.
std::optional<std::string> lane_region(std::string_view lane);
// True when two regions overlap: one holds the other.
bool regions_overlap(std::string_view a, std::string_view b);

struct Job {
  long id = 0;
  JobKind kind = JobKind::match;
  JobStatus status = JobStatus::queued;
  std::string actor;
  std::string region;          // match, judge: the region the run acts on; else ""
  std::string params = "{}";   // JSON of the kind's typed parameters (service/job_params.h)
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
