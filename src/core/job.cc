#include "core/job.h"

#include <algorithm>

#include "core/access.h"
#include "core/region_code.h"

namespace anju {

namespace {

constexpr EnumEntry<JobStatus> kJobStatus[] = {
    {JobStatus::queued, "queued", "排队中"},
    {JobStatus::running, "running", "进行中"},
    {JobStatus::succeeded, "succeeded", "已完成"},
    {JobStatus::failed, "failed", "失败"},
};
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
    {JobKind::print_households, "print.households", "打印农户档案"},
};

}  // namespace

ANJU_ENUM_ENTRIES(JobStatus, kJobStatus)
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
    case JobKind::print_households:
      return JobLane::exports;
  }
  return JobLane::import;
}

namespace {

std::string run_lane(const char* family, const std::string& region) {
  return std::string(family) + ":" + (region_range(region).whole() ? std::string() : region_prefix(region));
}

}  // namespace

std::string job_lane_key(const Job& job) {
  switch (job_lane(job.kind)) {
    case JobLane::import:
      return "import";
    case JobLane::match:
      return run_lane("match", job.region);
    case JobLane::judge:
      return run_lane("judge", job.region);
    case JobLane::exports:
      return "export:" + job.actor;
  }
  return "";
}

std::optional<std::string> lane_region(std::string_view lane) {
  for (std::string_view family : {"match", "judge"}) {
    if (lane == family) return std::string(kWholeCountry);  // before runs had regions
    if (!lane.starts_with(family) || lane.size() <= family.size() || lane[family.size()] != ':') continue;
    const std::string_view prefix = lane.substr(family.size() + 1);
    if (prefix.empty()) return std::string(kWholeCountry);
    return std::string(prefix) + std::string(12 - std::min<size_t>(prefix.size(), 12), '0');
  }
  return std::nullopt;
}

bool regions_overlap(std::string_view a, std::string_view b) {
  if (region_range(a).whole() || region_range(b).whole()) return true;
  return region_covers(a, b) || region_covers(b, a);
}

}  // namespace anju
