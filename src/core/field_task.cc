#include "core/field_task.h"

#include <algorithm>

namespace anju {

namespace {

constexpr EnumEntry<TaskStatus> kTaskStatus[] = {
    {TaskStatus::open, "open", "待核实"},
    {TaskStatus::visited, "visited", "已核实待鉴定"},
    {TaskStatus::closed, "closed", "已完成"},
    {TaskStatus::cancelled, "cancelled", "已取消"},
};
constexpr EnumEntry<TaskOrigin> kTaskOrigin[] = {
    {TaskOrigin::judgment, "judgment", "初判需核实"},
    {TaskOrigin::sample, "sample", "县级抽查"},
};
constexpr EnumEntry<VisitOutcome> kVisitOutcome[] = {
    {VisitOutcome::unchanged, "unchanged", "与最近评估一致"},
    {VisitOutcome::changed, "changed", "房屋情况有变化，需鉴定"},
    {VisitOutcome::no_prior, "no_prior", "无评估记录，需鉴定"},
};

}  // namespace

ANJU_ENUM_ENTRIES(TaskStatus, kTaskStatus)
ANJU_ENUM_ENTRIES(TaskOrigin, kTaskOrigin)
ANJU_ENUM_ENTRIES(VisitOutcome, kVisitOutcome)

TaskSync sync_tasks(const std::set<std::string>& verify, const std::set<std::string>& gone,
                    const std::vector<ActiveTask>& active) {
  TaskSync out;
  std::set<std::string> covered;
  for (const ActiveTask& t : active) {
    covered.insert(t.household_id);
    if (gone.count(t.household_id)) {
      out.cancel.push_back(t.id);
      continue;
    }
    // A visited task waits for its appraisal whatever the new judgment says.
    if (t.origin == TaskOrigin::judgment && t.status == TaskStatus::open && !verify.count(t.household_id))
      out.close.push_back(t.id);
  }
  for (const std::string& h : verify)
    if (!covered.count(h)) out.open.push_back(h);
  std::sort(out.close.begin(), out.close.end());
  std::sort(out.cancel.begin(), out.cancel.end());
  return out;
}

}  // namespace anju
