#include "core/access.h"

namespace anju {

namespace {

constexpr EnumEntry<Action> kActionEntries[] = {
    {Action::read, "read", "查看数据"},
    {Action::view_full_id, "view_full_id", "查看完整证件号码"},
    {Action::import_data, "import_data", "导入数据"},
    {Action::run_jobs, "run_jobs", "运行人房对应和初判"},
    {Action::manual_match, "manual_match", "选择图斑"},
    {Action::read_audit, "read_audit", "查看审计日志"},
    {Action::manage_users, "manage_users", "管理用户"},
    {Action::manage_regions, "manage_regions", "导入区划"},
    {Action::export_lists, "export_lists", "导出清单"},
    {Action::draw_samples, "draw_samples", "抽取抽查样本"},
    {Action::assign_tasks, "assign_tasks", "分派核实任务"},
    {Action::field_work, "field_work", "录入现场核实和鉴定"},
    {Action::fill_records, "fill_records", "填报四类信息"},
    {Action::review_records, "review_records", "审核四类信息"},
    {Action::decide_changes, "decide_changes", "审批变更申请"},
    {Action::keep_ledger, "keep_ledger", "维护危房台账"},
    {Action::draft_renovations, "draft_renovations", "填报危房改造申请"},
    {Action::renovate, "renovate", "办理危房改造申请"},
    {Action::set_campaign, "set_campaign", "设置本级工作（回头看）"},
};

}  // namespace

ANJU_ENUM_ENTRIES(Action, kActionEntries)

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
    case Action::set_campaign:
      return role == Role::admin || role == Role::city_reviewer || role == Role::county_reviewer ||
             role == Role::town_office;
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
                      std::string(enum_name(user.role)) + "无权" + enum_name(action));
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
