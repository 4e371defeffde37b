#include "core/access.h"

namespace anju {

const char* action_key(Action a) {
  switch (a) {
    case Action::read: return "read";
    case Action::view_full_id: return "view_full_id";
    case Action::import_data: return "import_data";
    case Action::run_jobs: return "run_jobs";
    case Action::manual_match: return "manual_match";
    case Action::read_audit: return "read_audit";
    case Action::manage_users: return "manage_users";
    case Action::manage_regions: return "manage_regions";
    case Action::export_lists: return "export_lists";
    case Action::draw_samples: return "draw_samples";
    case Action::assign_tasks: return "assign_tasks";
    case Action::field_work: return "field_work";
    case Action::fill_records: return "fill_records";
    case Action::review_records: return "review_records";
    case Action::decide_changes: return "decide_changes";
    case Action::keep_ledger: return "keep_ledger";
    case Action::draft_renovations: return "draft_renovations";
    case Action::renovate: return "renovate";
  }
  return "";
}

const char* action_name(Action a) {
  switch (a) {
    case Action::read: return "查看数据";
    case Action::view_full_id: return "查看完整证件号码";
    case Action::import_data: return "导入数据";
    case Action::run_jobs: return "运行人房对应和初判";
    case Action::manual_match: return "选择图斑";
    case Action::read_audit: return "查看审计日志";
    case Action::manage_users: return "管理用户";
    case Action::manage_regions: return "导入区划";
    case Action::export_lists: return "导出清单";
    case Action::draw_samples: return "抽取抽查样本";
    case Action::assign_tasks: return "分派核实任务";
    case Action::field_work: return "录入现场核实和鉴定";
    case Action::fill_records: return "填报四类信息";
    case Action::review_records: return "审核四类信息";
    case Action::decide_changes: return "审批变更申请";
    case Action::keep_ledger: return "维护危房台账";
    case Action::draft_renovations: return "填报危房改造申请";
    case Action::renovate: return "办理危房改造申请";
  }
  return "";
}

bool role_may(Role role, Action action) {
  switch (action) {
    case Action::read: return true;
    case Action::view_full_id:
      return role == Role::admin || role == Role::city_reviewer || role == Role::county_reviewer ||
             role == Role::town_office;
    case Action::import_data:
    case Action::run_jobs: return role == Role::admin || role == Role::town_office;
    case Action::manual_match:
      return role == Role::admin || role == Role::town_office || role == Role::village_clerk;
    case Action::read_audit:
    case Action::manage_users:
    case Action::manage_regions: return role == Role::admin;
    case Action::export_lists: return role != Role::field_worker;
    case Action::draw_samples: return role == Role::admin || role == Role::county_reviewer;
    case Action::assign_tasks: return role == Role::admin || role == Role::town_office;
    case Action::field_work:
      return role == Role::admin || role == Role::town_office || role == Role::field_worker;
    case Action::fill_records:
      return role == Role::admin || role == Role::town_office || role == Role::village_clerk;
    case Action::review_records:
      return role == Role::admin || role == Role::town_office || role == Role::county_reviewer;
    case Action::decide_changes:
      return role == Role::admin || role == Role::county_reviewer || role == Role::city_reviewer;
    case Action::keep_ledger: return role == Role::admin || role == Role::town_office;
    case Action::draft_renovations:
      return role == Role::admin || role == Role::town_office || role == Role::village_clerk;
    case Action::renovate:
      return role == Role::admin || role == Role::town_office || role == Role::village_clerk ||
             role == Role::county_reviewer;
  }
  return false;
}

User system_operator(std::string actor) {
  User u;
  u.name = std::move(actor);
  u.role = Role::admin;
  u.region_code = std::string(kWholeCountry);
  return u;
}

Result<void> authorize(const User& user, Action action, std::string_view region_code) {
  if (!region_code.empty() && !user_covers(user, region_code))
    return make_error(ErrorCode::not_found, kNotFoundInScope);
  if (!role_may(user.role, action))
    return make_error(ErrorCode::forbidden,
                      std::string(enum_name(user.role)) + "无权" + action_name(action));
  return {};
}

bool covers_user(const User& manager, std::string_view region_code) {
  if (region_code == kWholeCountry) return manager.region_code == kWholeCountry;
  return user_covers(manager, region_code);
}

Result<std::string> list_region(const User& user, std::string_view requested) {
  if (requested.empty()) return user.region_code;
  if (!is_region_code(requested) && requested != kWholeCountry)
    return make_error(ErrorCode::invalid, "区划代码应为12位数字：" + std::string(requested));
  if (requested == kWholeCountry ? user.region_code != kWholeCountry : !user_covers(user, requested))
    return make_error(ErrorCode::not_found, kNotFoundInScope);
  return std::string(requested);
}

CodeRange region_range(std::string_view region_code) {
  if (region_code == kWholeCountry || region_code.empty()) return {"000000000000", "999999999999"};
  const std::string prefix = region_prefix(region_code);
  return {prefix + std::string(12 - prefix.size(), '0'), prefix + std::string(12 - prefix.size(), '9')};
}

Result<void> check_task_worker(const FieldTask& t, const User& user) {
  if (user.role == Role::field_worker && !t.assignee.empty() && t.assignee != user.name)
    return make_error(ErrorCode::forbidden, "该任务已分派给 " + t.assignee + "，请由其录入");
  return {};
}

}  // namespace anju
