#include "core/judgment.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace anju {
namespace {

struct ReasonInfo {
  Reason reason;
  const char* key;
  const char* name;
  const char* explanation;
};

constexpr std::array<ReasonInfo, 11> kReasons = {{
    {Reason::deceased, "deceased", "死亡销户", "该户已死亡销户，不再纳入核实范围。"},
    {Reason::relocated, "relocated", "已迁出", "该户已迁出原行政区域，需核实其当前住址并提出变更申请。"},
    {Reason::other_safe_housing, "other_safe_housing", "其他安全住房",
     "该户现居住在自有城镇住房、公租房、幸福大院、敬(养)老院或投亲靠友、租住等安全住房，可判断为保障安全，无需鉴定原住房。"},
    {Reason::no_building, "no_building", "未对应房屋",
     "尚未找到该户居住的普查房屋图斑（人房未对应），需现场核实或选择图斑。"},
    {Reason::missing_info, "missing_info", "重要信息缺失",
     "房屋的建筑层数、建造年代或结构类型缺失，内业无法补全，需现场核实。"},
    {Reason::no_assessment, "no_assessment", "无评估鉴定记录",
     "该房屋没有任何安全评估或鉴定记录，需现场核实。"},
    {Reason::assessment_before_cutoff, "assessment_before_cutoff", "结论早于2020年",
     "最新的评估鉴定结论早于截止日期（默认2020年1月1日），需现场核实。"},
    {Reason::no_grade, "no_grade", "结论无等级", "最新的评估记录没有给出A/B/C/D等级，需现场核实。"},
    {Reason::hazard_reported, "hazard_reported", "存在安全隐患",
     "最新的评估记录标注有安全隐患，需现场核实。"},
    {Reason::changed_since_assessment, "changed_since_assessment", "评估后发生灾害",
     "最新评估之后，该户所在区域发生过自然灾害，房屋状况可能已变化，需现场核实。"},
    {Reason::aging, "aging", "房屋老化",
     "土木、石木或窑洞房屋建于1980年及以前，且最新评估已超过3年，房屋可能老化，需现场核实。"},
}};

struct ResultInfo {
  JudgeResult result;
  const char* key;
  const char* name;
};
constexpr std::array<ResultInfo, 5> kResults = {{
    {JudgeResult::excluded, "excluded", "不纳入"},
    {JudgeResult::verify, "verify", "需现场核实"},
    {JudgeResult::safe_other_housing, "safe_other_housing", "保障安全（其他安全住房）"},
    {JudgeResult::safe, "safe", "安全（A/B级）"},
    {JudgeResult::unsafe, "unsafe", "危房（C/D级）"},
}};

const ReasonInfo& info(Reason r) { return kReasons[static_cast<size_t>(r)]; }
const ResultInfo& info(JudgeResult r) { return kResults[static_cast<size_t>(r)]; }

}  // namespace

bool better_evidence(const Evidence& a, const Evidence& b) {
  if (a.assessed_on != b.assessed_on) return a.assessed_on > b.assessed_on;
  if (a.grade.has_value() != b.grade.has_value()) return a.grade.has_value();
  if (credibility(a.method) != credibility(b.method))
    return credibility(a.method) > credibility(b.method);
  // std::string compares bytes as unsigned char; a prefix is smaller.
  if (a.evidence_id != b.evidence_id) return a.evidence_id < b.evidence_id;
  return std::string_view(enum_key(a.source)) < std::string_view(enum_key(b.source));
}

namespace {

bool missing_key_info(const BuildingFacts& b) {
  return !b.floors || !b.built || (!b.built->from && !b.built->to) || !b.structure;
}

bool is_aging(const BuildingFacts& b, const Evidence& best, const JudgeSettings& s) {
  if (!b.structure || !b.built || !b.built->to) return false;
  const bool old_structure = std::find(s.aging_structures.begin(), s.aging_structures.end(),
                                       *b.structure) != s.aging_structures.end();
  return old_structure && *b.built->to <= s.aging_year &&
         best.assessed_on < s.as_of.minus_years(s.aging_age_years);
}

}  // namespace

const char* judge_result_key(JudgeResult r) { return info(r).key; }
const char* judge_result_name(JudgeResult r) { return info(r).name; }
const char* reason_key(Reason r) { return info(r).key; }
const char* reason_name(Reason r) { return info(r).name; }
const char* reason_explanation(Reason r) { return info(r).explanation; }

std::optional<JudgeResult> parse_judge_result(std::string_view key) {
  for (const auto& r : kResults)
    if (key == r.key) return r.result;
  return std::nullopt;
}

std::optional<Reason> parse_reason(std::string_view key) {
  for (const auto& r : kReasons)
    if (key == r.key) return r.reason;
  return std::nullopt;
}

const Evidence* best_evidence(std::span<const Evidence* const> evidence, const Date& as_of) {
  const Evidence* best = nullptr;
  for (const Evidence* e : evidence)
    if (e->assessed_on <= as_of && (!best || better_evidence(*e, *best))) best = e;
  return best;
}

Judgment judge(const HouseholdStanding& h, const BuildingFacts* building, const Evidence* best,
               std::span<const Disaster* const> disasters, const JudgeSettings& s) {
  Judgment j;
  if (h.status == HouseholdStatus::deceased) {
    j.result = JudgeResult::excluded;
    j.reasons = {Reason::deceased};
    return j;
  }
  if (h.status == HouseholdStatus::relocated) {
    j.reasons = {Reason::relocated};
    return j;
  }
  if (h.housing != Housing::own_rural) {
    j.result = JudgeResult::safe_other_housing;
    j.reasons = {Reason::other_safe_housing};
    return j;
  }
  j.best = best && best->assessed_on <= s.as_of ? best : nullptr;
  if (j.best) j.grade = j.best->grade;
  if (!building) j.reasons.push_back(Reason::no_building);
  else if (missing_key_info(*building)) j.reasons.push_back(Reason::missing_info);
  if (!j.best) {
    j.reasons.push_back(Reason::no_assessment);
  } else {
    const Evidence& e = *j.best;
    if (e.assessed_on < s.cutoff) j.reasons.push_back(Reason::assessment_before_cutoff);
    if (!e.grade) j.reasons.push_back(Reason::no_grade);
    if (e.hazard == true) j.reasons.push_back(Reason::hazard_reported);
    for (const Disaster* d : disasters) {
      if (e.assessed_on < d->occurred_on && d->occurred_on <= s.as_of) {
        j.reasons.push_back(Reason::changed_since_assessment);
        break;
      }
    }
    if (building && is_aging(*building, e, s)) j.reasons.push_back(Reason::aging);
  }
  if (!j.reasons.empty()) {
    j.result = JudgeResult::verify;
  } else {
    j.result = (*j.grade == Grade::A || *j.grade == Grade::B) ? JudgeResult::safe
                                                              : JudgeResult::unsafe;
  }
  return j;
}

}  // namespace anju
