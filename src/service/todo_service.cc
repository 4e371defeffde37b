#include "service/todo_service.h"

#include "core/access.h"
#include "service/change_service.h"
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
};

// The total of a list, as a page of one row tells it.
template <class PageResult>
Result<long> total_of(PageResult&& page) {
  if (!page) return page.error();
  return page->total;
}

// The state a role acts on at each review step (core/record.h,
// core/renovation.h, core/record.h's change requests).
std::optional<RecordState> record_review_state(Role role) {
  if (role == Role::town_office) return RecordState::submitted;
  if (role == Role::county_reviewer) return RecordState::town_approved;
  return std::nullopt;
}
std::optional<ChangeState> change_decision_state(Role role) {
  if (role == Role::county_reviewer) return ChangeState::submitted;
  if (role == Role::city_reviewer) return ChangeState::county_approved;
  return std::nullopt;
}
std::vector<RenovationState> renovation_states(Role role) {
  if (role == Role::town_office) return {RenovationState::submitted};
  if (role == Role::county_reviewer) return {RenovationState::town_reviewed, RenovationState::completed};
  return {};
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
  if (auto state = record_review_state(user.role))
    ANJU_TRY(add(TodoKind::records_to_review, std::string(enum_key(*state)),
                 total_of(list_records(store, user, "", state, 0, 1))));
  if (auto state = change_decision_state(user.role))
    ANJU_TRY(add(TodoKind::changes_to_decide, std::string(enum_key(*state)),
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
  return out;
}

}  // namespace anju
