#include "service/todo_service.h"

#include "core/access.h"
#include "core/record.h"
#include "core/renovation.h"
#include "service/change_service.h"
#include "service/job_service.h"
#include "service/record_service.h"
#include "service/renovation_service.h"
#include "service/task_service.h"

namespace anju {
namespace {

constexpr EnumEntry<TodoKind> kTodoKinds[] = {
    {TodoKind::records_returned, "records_returned", "被退回待修改的四类信息"},
    {TodoKind::records_to_review, "records_to_review", "待我审核的四类信息"},
    {TodoKind::changes_to_decide, "changes_to_decide", "待我审批的变更申请"},
    {TodoKind::renovations_to_act, "renovations_to_act", "待我办理的危房改造申请"},
    {TodoKind::tasks_open, "tasks_open", "我的待核实任务"},
    {TodoKind::tasks_overdue, "tasks_overdue", "已逾期的核实任务"},
    {TodoKind::imports_with_errors, "imports_with_errors", "近7天导入有误的文件"},
};

// The total of a list, as a page of one row tells it.
template <class PageResult>
Result<long> total_of(PageResult&& page) {
  if (!page) return page.error();
  return page->total;
}

// The states at which the role takes a decision, as the state machines
// themselves say (core/record.h, core/renovation.h): never a second copy of
// who reviews what.
template <class State, class Allows>
std::vector<State> deciding_states(Allows allows) {
  std::vector<State> out;
  for (const auto& e : EnumTraits<State>::entries())
    if (allows(e.value)) out.push_back(e.value);
  return out;
}
std::vector<RecordState> record_review_states(Role role) {
  return deciding_states<RecordState>(
      [&](RecordState s) { return record_transition(s, RecordAction::approve, role, "x").ok(); });
}
std::vector<ChangeState> change_decision_states(Role role) {
  // A move to another county asks the county, then the city: both steps.
  return deciding_states<ChangeState>(
      [&](ChangeState s) { return change_transition(s, ChangeAction::approve, role, true, "x").ok(); });
}
std::vector<RenovationState> renovation_states(Role role) {
  return deciding_states<RenovationState>([&](RenovationState s) {
    for (RenovationAction a : {RenovationAction::town_review, RenovationAction::approve, RenovationAction::accept})
      if (renovation_transition(s, a, role, "x")) return true;
    return false;
  });
}

}  // namespace

ANJU_ENUM_ENTRIES(TodoKind, kTodoKinds)

Result<std::vector<TodoItem>> todo_list(Store& store, const User& user, const Clock& clock) {
  std::vector<TodoItem> out;
  auto add = [&](TodoKind kind, std::string state, Result<long> count) -> Result<void> {
    if (!count) return count.error();
    out.push_back({kind, std::move(state), *count});
    return {};
  };
  if (role_may(user.role, Action::fill_records))
    ANJU_TRY(add(TodoKind::records_returned, "returned",
                 total_of(list_records(store, user, "", std::nullopt, 0, 1, RecordsShown::returned))));
  for (RecordState state : record_review_states(user.role))
    ANJU_TRY(add(TodoKind::records_to_review, std::string(enum_key(state)),
                 total_of(list_records(store, user, "", state, 0, 1))));
  for (ChangeState state : change_decision_states(user.role))
    ANJU_TRY(add(TodoKind::changes_to_decide, std::string(enum_key(state)),
                 total_of(list_change_requests(store, user, "", state, 0, 1))));
  for (RenovationState state : renovation_states(user.role))
    ANJU_TRY(add(TodoKind::renovations_to_act, std::string(enum_key(state)),
                 total_of(list_renovations(store, user, "", state, 0, 1))));
  if (user.role == Role::field_worker) {
    TaskQuery mine;
    mine.active_only = true;
    mine.assignee = user.name;
    mine.limit = 1;
    ANJU_TRY(add(TodoKind::tasks_open, "", total_of(list_field_tasks(store, user, mine, clock))));
  }
  if (role_may(user.role, Action::field_work) || role_may(user.role, Action::assign_tasks)) {
    TaskQuery late;
    late.active_only = true;
    late.overdue = true;
    if (user.role == Role::field_worker) late.assignee = user.name;
    late.limit = 1;
    ANJU_TRY(add(TodoKind::tasks_overdue, "", total_of(list_field_tasks(store, user, late, clock))));
  }
  if (role_may(user.role, Action::import_data)) {
    auto pending = imports_with_pending_errors(store, user, clock);
    if (!pending) return pending.error();
    ANJU_TRY(add(TodoKind::imports_with_errors, "pending", static_cast<long>(pending->size())));
  }
  return out;
}

}  // namespace anju
