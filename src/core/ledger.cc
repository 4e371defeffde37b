#include "core/ledger.h"

#include <unordered_map>

#include "core/judgment.h"

namespace anju {
namespace {

constexpr EnumEntry<LedgerMeasure> kMeasure[] = {
    {LedgerMeasure::undecided, "undecided", "待定"},
    {LedgerMeasure::renovation, "renovation", "农村危房改造", {"危房改造", "危改"}},
    {LedgerMeasure::other, "other", "其他方式", {"其他", "其它方式"}},
};
constexpr EnumEntry<Transitional> kTransitional[] = {
    {Transitional::none, "none", "未落实"},
    {Transitional::relatives, "relatives", "投亲靠友"},
    {Transitional::rent, "rent", "租房居住"},
    {Transitional::turnover, "turnover", "周转房安置"},
    {Transitional::temporary, "temporary", "临时安置房（板房）"},
    {Transitional::safe_room, "safe_room", "搬至安全房间居住"},
    {Transitional::other, "other", "其他措施"},
};
constexpr EnumEntry<LedgerExit> kExit[] = {
    {LedgerExit::graded_safe, "graded_safe", "鉴定为安全住房（A/B级）"},
    {LedgerExit::other_safe_housing, "other_safe_housing", "已有其他安全住房"},
    {LedgerExit::excluded, "excluded", "已销户"},
};

constexpr EnumEntry<LedgerUrgency> kUrgency[] = {
    {LedgerUrgency::on_track, "on_track", "按期推进"},
    {LedgerUrgency::at_risk, "at_risk", "临近期限"},
    {LedgerUrgency::late, "late", "已逾期"},
};

std::string assessment_words(const JudgmentRow& r) {
  std::string s = r.evidence_id;
  if (r.evidence_source) s += std::string("（") + enum_name(*r.evidence_source);
  if (r.grade) s += std::string(r.evidence_source ? "，" : "（") + enum_name(*r.grade) + "级";
  if (r.evidence_source || r.grade) s += "）";
  return s;
}

}  // namespace

ANJU_ENUM_ENTRIES(LedgerMeasure, kMeasure)
ANJU_ENUM_ENTRIES(LedgerUrgency, kUrgency)
ANJU_ENUM_ENTRIES(Transitional, kTransitional)
ANJU_ENUM_ENTRIES(LedgerExit, kExit)

Result<void> check_ledger_edit(const LedgerEdit& e, int first_plan_year, const Date& deadline) {
  std::string faults;
  auto fault = [&](const std::string& f) { faults += (faults.empty() ? "" : "；") + f; };
  if (e.measure == LedgerMeasure::renovation) {
    if (!e.plan_year)
      fault("改造措施为农村危房改造时必须填写列入计划年度");
    else if (*e.plan_year < first_plan_year || *e.plan_year > deadline.year)
      fault("列入计划年度应在 " + std::to_string(first_plan_year) + "–" + std::to_string(deadline.year) + " 年之间");
  } else if (e.plan_year) {
    fault("只有农村危房改造才有列入计划年度");
  }
  if (e.measure == LedgerMeasure::other && e.measure_note.empty()) fault("改造措施为其他方式时必须写明具体方式");
  if (e.transitional == Transitional::other && e.transitional_note.empty())
    fault("过渡期安全措施为其他措施时必须写明具体措施");
  if (e.responsible.size() > 60) fault("责任人过长");
  if (!e.responsible_phone.empty() &&
      e.responsible_phone.find_first_not_of("0123456789-+ ") != std::string::npos)
    fault("责任人电话只能包含数字和“-”");
  if (e.note.size() > 2000 || e.measure_note.size() > 2000 || e.transitional_note.size() > 2000)
    fault("说明文字过长（至多约 600 字）");
  if (!faults.empty()) return make_error(ErrorCode::invalid, faults);
  return {};
}

bool belongs_in_ledger(JudgeResult result) { return result == JudgeResult::unsafe; }

std::optional<LedgerExit> ledger_exit(JudgeResult result) {
  switch (result) {
    case JudgeResult::safe: return LedgerExit::graded_safe;
    case JudgeResult::safe_other_housing: return LedgerExit::other_safe_housing;
    case JudgeResult::excluded: return LedgerExit::excluded;
    case JudgeResult::unsafe:
    case JudgeResult::verify: return std::nullopt;
  }
  return std::nullopt;
}

LedgerSync sync_ledger(const std::vector<JudgmentRow>& rows, const std::vector<OpenLedgerEntry>& open) {
  std::unordered_map<std::string_view, const OpenLedgerEntry*> by_household;
  for (const OpenLedgerEntry& e : open) by_household.emplace(e.household_id, &e);
  LedgerSync out;
  for (const JudgmentRow& r : rows) {
    auto it = by_household.find(r.household_id);
    const OpenLedgerEntry* entry = it == by_household.end() ? nullptr : it->second;
    LedgerOpen line{r.household_id, r.grade, r.evidence_source, r.evidence_id, r.region_code};
    if (belongs_in_ledger(r.result)) {
      if (!entry) {
        out.open.push_back(std::move(line));
      } else if (entry->grade != r.grade || entry->evidence_id != r.evidence_id) {
        out.regrade.push_back(std::move(line));
        out.regrade_ids.push_back(entry->id);
      }
      continue;
    }
    if (!entry) continue;
    if (auto exit = ledger_exit(r.result)) {
      std::string note = *exit == LedgerExit::graded_safe ? "依据 " + assessment_words(r) : judge_result_name(r.result);
      out.close.push_back({entry->id, r.household_id, *exit, std::move(note)});
    }
  }
  return out;
}

UrgencyFilter urgency_filter(const Date& today, const Date& deadline, int risk_days) {
  UrgencyFilter f;
  f.deadline = deadline;
  f.open_late = today > deadline;
  if (f.open_late) return f;
  const long left = deadline.days_since_epoch() - today.days_since_epoch();
  f.risk_all_open = left <= risk_days / 3;
  f.risk_unmeasured = left <= risk_days;
  return f;
}

LedgerUrgency ledger_urgency(const LedgerEntry& e, const Date& today, const Date& deadline, int risk_days) {
  const UrgencyFilter f = urgency_filter(today, deadline, risk_days);
  if (e.closed_on) return *e.closed_on > deadline ? LedgerUrgency::late : LedgerUrgency::on_track;
  if (f.open_late) return LedgerUrgency::late;
  const bool measure_set = e.renovation_id != 0 || e.measure == LedgerMeasure::other;
  if (f.risk_all_open || (f.risk_unmeasured && !measure_set)) return LedgerUrgency::at_risk;
  return LedgerUrgency::on_track;
}

}  // namespace anju
