#include "core/record.h"

#include <algorithm>

namespace anju {

namespace {

constexpr EnumEntry<RecordState> kRecordState[] = {
    {RecordState::not_started, "not_started", "未开始"},
    {RecordState::draft, "draft", "填报中"},
    {RecordState::submitted, "submitted", "已提交待镇审核"},
    {RecordState::town_approved, "town_approved", "镇已审核待县审核"},
    {RecordState::county_approved, "county_approved", "县已审核"},
};
constexpr EnumEntry<RecordAction> kRecordAction[] = {
    {RecordAction::edit, "edit", "填报"},
    {RecordAction::submit, "submit", "提交"},
    {RecordAction::approve, "approve", "审核通过"},
    {RecordAction::give_back, "return", "退回"},
    {RecordAction::reopen, "reopen", "重新打开"},
};
constexpr EnumEntry<RecordPart> kRecordPart[] = {
    {RecordPart::basic, "basic", "农户基本信息"},
    {RecordPart::building, "building", "房屋基础信息"},
    {RecordPart::safety, "safety", "房屋安全情况"},
    {RecordPart::hazards, "hazards", "地质灾害、改扩建、用作经营"},
};
constexpr EnumEntry<ChangeKind> kChangeKind[] = {
    {ChangeKind::deceased, "deceased", "死亡销户"},
    {ChangeKind::head_change, "head_change", "户主变更"},
    {ChangeKind::relocation, "relocation", "迁出"},
};
constexpr EnumEntry<ChangeState> kChangeState[] = {
    {ChangeState::submitted, "submitted", "待县审批"},
    {ChangeState::county_approved, "county_approved", "县已同意待市审批"},
    {ChangeState::approved, "approved", "已批准并生效"},
    {ChangeState::rejected, "rejected", "未批准"},
};

}  // namespace

ANJU_ENUM_ENTRIES(RecordState, kRecordState)
ANJU_ENUM_ENTRIES(RecordAction, kRecordAction)
ANJU_ENUM_ENTRIES(RecordPart, kRecordPart)
ANJU_ENUM_ENTRIES(ChangeKind, kChangeKind)
ANJU_ENUM_ENTRIES(ChangeState, kChangeState)

namespace {

bool is_admin(Role r) { return r == Role::admin; }
bool fills_records(Role r) { return is_admin(r) || r == Role::village_clerk || r == Role::town_office; }
bool town_reviews(Role r) { return is_admin(r) || r == Role::town_office; }
bool county_reviews(Role r) { return is_admin(r) || r == Role::county_reviewer; }

Error refused(Role role, const char* what) {
  return Error{ErrorCode::forbidden, std::string(enum_name(role)) + "不能" + what};
}
Error not_now(RecordState s, const char* what) {
  return Error{ErrorCode::invalid, std::string("记录处于“") + enum_name(s) + "”状态，不能" + what};
}

}  // namespace

Result<RecordState> record_transition(RecordState from, RecordAction action, Role role, std::string_view comment) {
  using S = RecordState;
  switch (action) {
    case RecordAction::edit:
      if (!fills_records(role)) return refused(role, "填报四类信息");
      if (!record_editable(from)) return not_now(from, "修改（请先由审核人员退回或重新打开）");
      return S::draft;
    case RecordAction::submit:
      if (!fills_records(role)) return refused(role, "提交四类信息");
      if (from != S::draft) return not_now(from, "提交");
      return S::submitted;
    case RecordAction::approve:
      if (from == S::submitted) return town_reviews(role) ? Result<S>(S::town_approved) : refused(role, "进行镇级审核");
      if (from == S::town_approved)
        return county_reviews(role) ? Result<S>(S::county_approved) : refused(role, "进行县级审核");
      return not_now(from, "审核");
    case RecordAction::give_back:
      if (from == S::submitted && !town_reviews(role)) return refused(role, "退回待镇审核的记录");
      if (from == S::town_approved && !county_reviews(role)) return refused(role, "退回待县审核的记录");
      if (from != S::submitted && from != S::town_approved) return not_now(from, "退回");
      if (comment.empty()) return make_error(ErrorCode::invalid, "退回时必须填写意见");
      return S::draft;
    case RecordAction::reopen:
      if (from == S::town_approved && !town_reviews(role)) return refused(role, "重新打开镇已审核的记录");
      if (from == S::county_approved && !county_reviews(role)) return refused(role, "重新打开县已审核的记录");
      if (from != S::town_approved && from != S::county_approved) return not_now(from, "重新打开");
      if (comment.empty()) return make_error(ErrorCode::invalid, "重新打开时必须写明原因");
      return S::draft;
  }
  return make_error(ErrorCode::invalid, "未知的操作");
}

const std::vector<RecordField>& record_fields() {
  using P = RecordPart;
  static const std::vector<RecordField> fields = {
      {"head_name", "户主姓名", P::basic, false, true},
      {"head_id_number", "户主身份证号", P::basic, false, true},
      {"members", "家庭人口数", P::basic, false, true},
      {"address", "详细地址", P::basic, false, true},
      {"phone", "联系电话", P::basic, false, false},
      {"category", "户类型", P::basic, false, true},
      {"housing", "现住房情况", P::basic, false, true},
      {"parcel_id", "房屋图斑编号", P::building, true, false},
      {"floors", "层数", P::building, true, false},
      {"built", "建成年代", P::building, true, false},
      {"structure", "结构类型", P::building, true, false},
      {"area_m2", "建筑面积", P::building, true, false},
      {"planning_permit", "规划许可", P::building, true, false},
      {"homestead_approval", "宅基地审批", P::building, true, false},
      {"property_registration", "不动产登记", P::building, true, false},
      {"safety_grade", "安全性等级", P::safety, true, false},
      {"safety_date", "评估或鉴定日期", P::safety, true, false},
      {"safety_source", "结论来源", P::safety, true, false},
      {"geo_hazard", "是否有地质灾害隐患", P::hazards, true, false},
      {"expanded", "是否改扩建", P::hazards, true, false},
      {"business_use", "是否用作经营", P::hazards, true, false},
  };
  return fields;
}

const RecordField* find_record_field(std::string_view key) {
  for (const RecordField& f : record_fields())
    if (key == f.key) return &f;
  return nullptr;
}

bool record_field_typed(const RecordField& f) {
  return std::string_view(f.key) != "head_id_number" && f.part != RecordPart::safety;
}

std::vector<std::string> record_missing(const RecordFacts& facts, Date cutoff) {
  std::vector<std::string> out;
  const bool own_rural = facts.housing == Housing::own_rural;
  auto has = [&](const char* key) {
    return std::find(facts.present.begin(), facts.present.end(), key) != facts.present.end();
  };
  for (const RecordField& f : record_fields())
    if ((f.required_always || (own_rural && f.required_own_rural)) && !has(f.key)) out.push_back(f.name);
  if (own_rural && facts.safety_date && *facts.safety_date < cutoff)
    out.push_back("安全性结论须为 " + cutoff.to_string() + " 以后作出（请现场核实或鉴定）");
  return out;
}

bool may_raise_change(Role role) { return fills_records(role); }

Result<ChangeState> change_transition(ChangeState from, ChangeAction action, Role role, bool crosses_county,
                                      std::string_view reason) {
  const bool city = is_admin(role) || role == Role::city_reviewer;
  if (from == ChangeState::submitted) {
    if (!county_reviews(role)) return Error{ErrorCode::forbidden, std::string(enum_name(role)) + "不能审批变更申请（由县住建审核）"};
  } else if (from == ChangeState::county_approved) {
    if (!city) return Error{ErrorCode::forbidden, std::string(enum_name(role)) + "不能审批跨县迁出（由市级审核）"};
  } else {
    return make_error(ErrorCode::invalid, std::string("申请已") + enum_name(from) + "，不能再审批");
  }
  if (action == ChangeAction::reject) {
    if (reason.empty()) return make_error(ErrorCode::invalid, "不批准时必须写明理由");
    return ChangeState::rejected;
  }
  if (from == ChangeState::submitted && crosses_county) return ChangeState::county_approved;
  return ChangeState::approved;
}

}  // namespace anju
