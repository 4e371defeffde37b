#pragma once
// The preliminary judgment (初判, DOMAIN.md §7): a pure function of a
// household, its matched building, the evidence about them, the disasters
// covering its region and the campaign's settings.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/building.h"
#include "core/household.h"

namespace anju {

enum class JudgeResult { excluded, verify, safe_other_housing, safe, unsafe };

// In the order DOMAIN.md §7 lists them; reasons are reported in this order.
enum class Reason {
  deceased,
  relocated,
  other_safe_housing,
  no_building,
  missing_info,
  no_assessment,
  assessment_before_cutoff,
  no_grade,
  hazard_reported,
  changed_since_assessment,
  aging,
};

const char* judge_result_key(JudgeResult r);
const char* judge_result_name(JudgeResult r);  // Chinese
const char* reason_key(Reason r);
const char* reason_name(Reason r);             // Chinese, short
const char* reason_explanation(Reason r);      // Chinese, a sentence for the UI
std::optional<JudgeResult> parse_judge_result(std::string_view key);
std::optional<Reason> parse_reason(std::string_view key);

struct JudgeSettings {
  Date as_of;
  Date cutoff{2020, 1, 1};
  int aging_year = 1980;        // built to-year ≤ this …
  int aging_age_years = 3;      // … and the best assessment older than this
  std::vector<Structure> aging_structures = {Structure::earth_wood, Structure::stone_wood,
                                             Structure::cave};
};

struct Judgment {
  JudgeResult result = JudgeResult::verify;
  std::vector<Reason> reasons;
  std::optional<Grade> grade;
  const Evidence* best = nullptr;  // points into the evidence passed in
};

// The best of the records dated on or before `as_of` (DOMAIN.md §7): latest
// assessed_on; then one with a grade; then higher credibility; then the
// smaller evidence_id byte by byte; then the source key alphabetically.
// nullptr when none qualifies.
const Evidence* best_evidence(std::span<const Evidence* const> evidence, const Date& as_of);

// True when `a` comes before `b` in that order (ignores dates after as_of:
// filter those first). Being a strict total order, the best of a union is
// the better of the bests of its parts, so callers may stream.
bool better_evidence(const Evidence& a, const Evidence& b);

// `building` is the matched building or nullptr; `best` the best record (as
// above, dated on or before settings.as_of) naming the building's parcel or
// the household, or nullptr; `disasters` those whose region covers the
// household's.
Judgment judge(const HouseholdStanding& h, const BuildingFacts* building, const Evidence* best,
               std::span<const Disaster* const> disasters, const JudgeSettings& settings);

}  // namespace anju
