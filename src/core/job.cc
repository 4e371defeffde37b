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

namespace {

constexpr EnumEntry<JobKind> kJobKinds[] = {
    {JobKind::import_regions, "import.regions", "导入区划"},
    {JobKind::import_households, "import.households", "导入农户花名册"},
    {JobKind::import_buildings, "import.buildings", "导入房屋图斑"},
    {JobKind::import_evidence, "import.evidence", "导入安全性证据"},
    {JobKind::import_disasters, "import.disasters", "导入灾害事件"},
    {JobKind::match, "match", "人房对应"},
    {JobKind::judge, "judge", "初判"},
    {JobKind::export_ledger, "export.ledger", "导出危房台账"},
    {JobKind::export_households, "export.households", "导出农户清单"},
    {JobKind::export_field_tasks, "export.field_tasks", "导出外业核实任务"},
    {JobKind::export_records, "export.records", "导出四类信息审核情况"},
    {JobKind::export_summary, "export.summary", "导出汇总表"},
};

}  // namespace

ANJU_ENUM_ENTRIES(JobKind, kJobKinds)

JobLane job_lane(JobKind kind) {
  switch (kind) {
    case JobKind::import_regions:
    case JobKind::import_households:
    case JobKind::import_buildings:
    case JobKind::import_evidence:
    case JobKind::import_disasters:
      return JobLane::import;
    case JobKind::match:
      return JobLane::match;
    case JobKind::judge:
      return JobLane::judge;
    case JobKind::export_ledger:
    case JobKind::export_households:
    case JobKind::export_field_tasks:
    case JobKind::export_records:
    case JobKind::export_summary:
      return JobLane::exports;
  }
  return JobLane::import;
}

std::string job_lane_key(JobKind kind, std::string_view actor) {
  switch (job_lane(kind)) {
    case JobLane::import:
      return "import";
    case JobLane::match:
      return "match";
    case JobLane::judge:
      return "judge";
    case JobLane::exports:
      return "export:" + std::string(actor);
  }
  return "";
}

}  // namespace anju
