#include "core/appraisal.h"

#include <set>

namespace anju {

Result<Grade> computed_grade(const Appraisal& a) {
  if (a.site_dangerous) return Grade::D;
  std::optional<Grade> worst;
  for (const PartGrade& p : a.parts)
    if (p.grade && (!worst || *p.grade > *worst)) worst = p.grade;
  if (!worst) return make_error(ErrorCode::invalid, "请至少评定一项承重构件的等级（或认定场地危险）");
  return *worst;
}

Result<Grade> house_grade(const Appraisal& a) {
  if (a.override_grade) return *a.override_grade;
  return computed_grade(a);
}

Result<void> check_appraisal(const Appraisal& a, const std::vector<AppraisalPart>& catalogue, Date today) {
  std::set<std::string> seen;
  for (const PartGrade& p : a.parts) {
    bool known = false;
    for (const AppraisalPart& c : catalogue) known = known || c.key == p.part;
    if (!known) return make_error(ErrorCode::invalid, "未知的构件：" + p.part);
    if (!seen.insert(p.part).second) return make_error(ErrorCode::invalid, "构件重复评定：" + p.part);
  }
  if (a.site_dangerous && a.site_hazard.empty())
    return make_error(ErrorCode::invalid, "场地危险时请写明危险类型（如滑坡、崩塌、泥石流、地面塌陷、洪涝）");
  ANJU_TRY(computed_grade(a));
  if (a.override_grade && a.override_reason.empty())
    return make_error(ErrorCode::invalid, "调整鉴定等级时必须写明理由");
  if (a.method != AssessMethod::professional && a.method != AssessMethod::technical)
    return make_error(ErrorCode::invalid, "鉴定方式应为专业机构鉴定或技术人员评定");
  if (a.appraiser.empty()) return make_error(ErrorCode::invalid, "请填写鉴定单位或鉴定人员");
  if (today < a.appraised_on) return make_error(ErrorCode::invalid, "鉴定日期不能晚于今天");
  return {};
}

namespace {

constexpr EnumEntry<Prevention> kPrevention[] = {
    {Prevention::full, "full", "具备"},
    {Prevention::partial, "partial", "部分具备"},
    {Prevention::none, "none", "完全不具备"},
};

}  // namespace

ANJU_ENUM_ENTRIES(Prevention, kPrevention)

}  // namespace anju
