#include "core/renovation.h"

#include <algorithm>

#include <cmath>

namespace anju {
namespace {

constexpr EnumEntry<RenovationMethod> kMethod[] = {
    {RenovationMethod::repair, "repair", "修固", {"修缮加固", "维修加固"}},
    {RenovationMethod::rebuild, "rebuild", "原址翻建"},
    {RenovationMethod::relocate_build, "relocate_build", "异地新建", {"异地非集中新建", "异地相对集中新建"}},
    {RenovationMethod::swap, "swap", "房屋置换"},
    {RenovationMethod::new_build, "new_build", "无房新建"},
    {RenovationMethod::seismic_retrofit, "seismic_retrofit", "抗震加固"},
    {RenovationMethod::other, "other", "其他", {"其它"}},
};
constexpr EnumEntry<BuildMode> kMode[] = {
    {BuildMode::self_build, "self_build", "自建"},
    {BuildMode::unified, "unified", "统建"},
    {BuildMode::agent, "agent", "代建"},
};
constexpr EnumEntry<RenovationState> kState[] = {
    {RenovationState::draft, "draft", "草稿"},
    {RenovationState::submitted, "submitted", "已提交待镇审核"},
    {RenovationState::town_reviewed, "town_reviewed", "镇已审核待县审批"},
    {RenovationState::county_approved, "county_approved", "县已审批待开工"},
    {RenovationState::rejected, "rejected", "未获批准"},
    {RenovationState::started, "started", "已开工"},
    {RenovationState::completed, "completed", "已竣工待验收"},
    {RenovationState::accepted, "accepted", "已验收"},
};
constexpr EnumEntry<RenovationAction> kAction[] = {
    {RenovationAction::edit, "edit", "保存"},
    {RenovationAction::submit, "submit", "提交"},
    {RenovationAction::town_review, "town_review", "镇审核通过"},
    {RenovationAction::give_back, "return", "退回"},
    {RenovationAction::approve, "approve", "县审批通过"},
    {RenovationAction::reject, "reject", "不予批准"},
    {RenovationAction::start, "start", "登记开工"},
    {RenovationAction::complete, "complete", "登记竣工"},
    {RenovationAction::accept, "accept", "验收合格"},
    {RenovationAction::fail, "fail", "验收不合格"},
};

constexpr EnumEntry<RenovationPaper> kPaper[] = {
    {RenovationPaper::application, "application", "申请材料"},
    {RenovationPaper::approval, "approval", "审批材料"},
    {RenovationPaper::construction, "construction", "施工照片"},
    {RenovationPaper::completion, "completion", "竣工材料"},
    {RenovationPaper::acceptance, "acceptance", "验收单"},
    {RenovationPaper::acceptance_photo, "acceptance_photo", "验收照片"},
};

bool is_admin(Role r) { return r == Role::admin; }
bool drafts(Role r) { return is_admin(r) || r == Role::village_clerk || r == Role::town_office; }
bool town(Role r) { return is_admin(r) || r == Role::town_office; }
bool county(Role r) { return is_admin(r) || r == Role::county_reviewer; }

Error refused(Role role, RenovationAction a) {
  return Error{ErrorCode::forbidden, std::string(enum_name(role)) + "不能对改造申请执行“" + enum_name(a) + "”"};
}

}  // namespace

ANJU_ENUM_ENTRIES(RenovationMethod, kMethod)
ANJU_ENUM_ENTRIES(BuildMode, kMode)
ANJU_ENUM_ENTRIES(RenovationState, kState)
ANJU_ENUM_ENTRIES(RenovationAction, kAction)
ANJU_ENUM_ENTRIES(RenovationPaper, kPaper)

std::vector<RenovationPaper> missing_papers(const std::vector<RenovationPaper>& required,
                                            const std::vector<std::string>& present) {
  std::vector<RenovationPaper> out;
  for (RenovationPaper paper : required)
    if (std::find(present.begin(), present.end(), enum_key(paper)) == present.end()) out.push_back(paper);
  return out;
}

Result<RenovationState> renovation_transition(RenovationState from, RenovationAction action, Role role,
                                              std::string_view comment) {
  using S = RenovationState;
  using A = RenovationAction;
  struct Step {
    A action;
    S from;
    bool (*may)(Role);
    S to;
    bool needs_comment;
  };
  static constexpr Step kSteps[] = {
      {A::edit, S::draft, drafts, S::draft, false},
      {A::submit, S::draft, drafts, S::submitted, false},
      {A::town_review, S::submitted, town, S::town_reviewed, false},
      {A::give_back, S::submitted, town, S::draft, true},
      {A::give_back, S::town_reviewed, county, S::draft, true},
      {A::approve, S::town_reviewed, county, S::county_approved, false},
      {A::reject, S::town_reviewed, county, S::rejected, true},
      {A::start, S::county_approved, town, S::started, false},
      {A::complete, S::started, town, S::completed, false},
      {A::accept, S::completed, county, S::accepted, false},
      {A::fail, S::completed, county, S::started, true},
  };
  bool known_elsewhere = false;
  for (const Step& s : kSteps) {
    if (s.action != action) continue;
    if (s.from != from) {
      known_elsewhere = true;
      continue;
    }
    if (!s.may(role)) return refused(role, action);
    if (s.needs_comment && comment.empty())
      return make_error(ErrorCode::invalid, std::string("“") + enum_name(action) + "”时必须写明原因或意见");
    return s.to;
  }
  if (!known_elsewhere) return make_error(ErrorCode::invalid, "未知的操作");
  return make_error(ErrorCode::invalid, std::string("改造申请处于“") + enum_name(from) + "”状态，不能" +
                                            enum_name(action));
}

std::vector<RenovationAction> renovation_actions(RenovationState from, Role role) {
  std::vector<RenovationAction> out;
  for (const auto& e : EnumTraits<RenovationAction>::entries())
    if (renovation_transition(from, e.value, role, "x")) out.push_back(e.value);
  return out;
}

bool renovation_approved(RenovationState s) {
  return s == RenovationState::county_approved || s == RenovationState::started ||
         s == RenovationState::completed || s == RenovationState::accepted;
}

Result<void> check_renovation(const Renovation& r, int first_plan_year, const Date& deadline, bool submitting) {
  std::string faults;
  auto fault = [&](const std::string& f) { faults += (faults.empty() ? "" : "；") + f; };
  auto non_negative = [&](const std::optional<double>& v, const char* what) {
    if (v && (!std::isfinite(*v) || *v < 0)) fault(std::string(what) + "不能为负数");
  };
  non_negative(r.area_m2, "改造面积");
  non_negative(r.subsidy_central, "中央补助资金");
  non_negative(r.subsidy_local, "地方补助资金");
  if (r.area_m2 && *r.area_m2 > 1000) fault("改造面积超过 1000 平方米，请核对");
  if (r.plan_year && (*r.plan_year < first_plan_year || *r.plan_year > deadline.year))
    fault("列入计划年度应在 " + std::to_string(first_plan_year) + "–" + std::to_string(deadline.year) + " 年之间");
  if (r.method == RenovationMethod::other && r.note.empty()) fault("改造方式为“其他”时必须在备注中写明");
  if (submitting) {
    if (!r.area_m2 || *r.area_m2 <= 0) fault("提交前必须填写改造面积");
    if (!r.plan_year) fault("提交前必须填写列入计划年度");
    if (!r.subsidy_central && !r.subsidy_local) fault("提交前必须填写补助资金（中央或地方）");
  }
  if (!faults.empty()) return make_error(ErrorCode::invalid, faults);
  return {};
}

Result<void> check_step(const Renovation& r, RenovationAction action, const RenovationStep& step, const Date& today,
                        const std::optional<Date>& approved_on) {
  auto dated = [&](const std::optional<Date>& after, const char* what) -> Result<void> {
    if (!step.on) return make_error(ErrorCode::invalid, std::string("请填写") + what);
    if (*step.on > today) return make_error(ErrorCode::invalid, std::string(what) + "不能晚于今天");
    if (after && *step.on < *after)
      return make_error(ErrorCode::invalid, std::string(what) + "不能早于上一步的日期（" + after->to_string() + "）");
    return {};
  };
  switch (action) {
    case RenovationAction::start:
      if (step.on && approved_on && *step.on < *approved_on)
        return make_error(ErrorCode::invalid, "开工日期不能早于县级审批日期（" + approved_on->to_string() + "）");
      return dated(std::nullopt, "开工日期");
    case RenovationAction::complete: return dated(r.started_on, "竣工日期");
    case RenovationAction::accept:
      ANJU_TRY(dated(r.completed_on, "验收日期"));
      if (!step.grade) return make_error(ErrorCode::invalid, "请填写验收评定的安全等级（A 或 B）");
      if (*step.grade != Grade::A && *step.grade != Grade::B)
        return make_error(ErrorCode::invalid, "验收评定为 C/D 级的房屋不能验收合格，请选择“验收不合格”并写明原因");
      return {};
    default: return {};
  }
}

std::string area_warning(double area_m2, int members) {
  const double limit = members > 3 ? 18.0 * members : 60.0;
  if (area_m2 <= limit) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf, "改造面积 %.1f 平方米超过指导标准（%d 人户不超过 %.0f 平方米）", area_m2, members,
                limit);
  return buf;
}

}  // namespace anju
