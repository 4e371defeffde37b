#include "core/job.h"

namespace anju {

const char* job_status_key(JobStatus s) {
  switch (s) {
    case JobStatus::queued: return "queued";
    case JobStatus::running: return "running";
    case JobStatus::succeeded: return "succeeded";
    case JobStatus::failed: return "failed";
  }
  return "";
}

const char* job_status_name(JobStatus s) {
  switch (s) {
    case JobStatus::queued: return "排队中";
    case JobStatus::running: return "进行中";
    case JobStatus::succeeded: return "已完成";
    case JobStatus::failed: return "失败";
  }
  return "";
}

std::optional<JobStatus> parse_job_status(std::string_view key) {
  for (JobStatus s : {JobStatus::queued, JobStatus::running, JobStatus::succeeded, JobStatus::failed})
    if (key == job_status_key(s)) return s;
  return std::nullopt;
}

}  // namespace anju
