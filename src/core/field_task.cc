#include "core/field_task.h"

#include <algorithm>

namespace anju {

const char* task_status_key(TaskStatus s) {
  switch (s) {
    case TaskStatus::open: return "open";
    case TaskStatus::visited: return "visited";
    case TaskStatus::closed: return "closed";
    case TaskStatus::cancelled: return "cancelled";
  }
  return "";
}

const char* task_status_name(TaskStatus s) {
  switch (s) {
    case TaskStatus::open: return "待核实";
    case TaskStatus::visited: return "已核实待鉴定";
    case TaskStatus::closed: return "已完成";
    case TaskStatus::cancelled: return "已取消";
  }
  return "";
}

std::optional<TaskStatus> parse_task_status(std::string_view key) {
  for (TaskStatus s : {TaskStatus::open, TaskStatus::visited, TaskStatus::closed, TaskStatus::cancelled})
    if (key == task_status_key(s)) return s;
  return std::nullopt;
}

const char* task_origin_key(TaskOrigin o) { return o == TaskOrigin::judgment ? "judgment" : "sample"; }
const char* task_origin_name(TaskOrigin o) { return o == TaskOrigin::judgment ? "初判需核实" : "县级抽查"; }

const char* visit_outcome_key(VisitOutcome o) {
  switch (o) {
    case VisitOutcome::unchanged: return "unchanged";
    case VisitOutcome::changed: return "changed";
    case VisitOutcome::no_prior: return "no_prior";
  }
  return "";
}

const char* visit_outcome_name(VisitOutcome o) {
  switch (o) {
    case VisitOutcome::unchanged: return "与最近评估一致";
    case VisitOutcome::changed: return "房屋情况有变化，需鉴定";
    case VisitOutcome::no_prior: return "无评估记录，需鉴定";
  }
  return "";
}

std::optional<VisitOutcome> parse_visit_outcome(std::string_view key) {
  for (VisitOutcome o : {VisitOutcome::unchanged, VisitOutcome::changed, VisitOutcome::no_prior})
    if (key == visit_outcome_key(o)) return o;
  return std::nullopt;
}

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
