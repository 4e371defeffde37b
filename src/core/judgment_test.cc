#include "core/judgment.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

Evidence ev(const char* id, Date on, std::optional<Grade> g, AssessMethod m = AssessMethod::census,
            EvidenceSource src = EvidenceSource::census) {
  Evidence e;
  e.evidence_id = id;
  e.assessed_on = on;
  e.grade = g;
  e.method = m;
  e.source = src;
  return e;
}

const Evidence* best_of(std::vector<Evidence>& list, Date as_of = {2024, 9, 11}) {
  std::vector<const Evidence*> ptrs;
  for (auto& e : list) ptrs.push_back(&e);
  return best_evidence(ptrs, as_of);
}

TEST(BestEvidence, TieBreakOrder) {
  std::vector<Evidence> latest = {ev("a", {2021, 1, 1}, Grade::A), ev("b", {2022, 1, 1}, Grade::B)};
  EXPECT_EQ(best_of(latest)->evidence_id, "b");
  std::vector<Evidence> graded = {ev("a", {2022, 1, 1}, std::nullopt), ev("b", {2022, 1, 1}, Grade::C)};
  EXPECT_EQ(best_of(graded)->evidence_id, "b");
  std::vector<Evidence> credible = {ev("a", {2022, 1, 1}, Grade::A, AssessMethod::census),
                                    ev("b", {2022, 1, 1}, Grade::B, AssessMethod::professional)};
  EXPECT_EQ(best_of(credible)->evidence_id, "b");
  std::vector<Evidence> by_id = {ev("C-2", {2022, 1, 1}, Grade::A), ev("C-10", {2022, 1, 1}, Grade::B),
                                 ev("C-1", {2022, 1, 1}, Grade::B)};
  EXPECT_EQ(best_of(by_id)->evidence_id, "C-1");
  std::vector<Evidence> by_source = {
      ev("X", {2022, 1, 1}, Grade::A, AssessMethod::survey, EvidenceSource::selfbuilt),
      ev("X", {2022, 1, 1}, Grade::A, AssessMethod::survey, EvidenceSource::monitoring)};
  EXPECT_EQ(best_of(by_source)->source, EvidenceSource::monitoring);
  std::vector<Evidence> future = {ev("a", {2024, 9, 12}, Grade::A)};
  EXPECT_EQ(best_of(future), nullptr);
  std::vector<Evidence> on_day = {ev("a", {2024, 9, 11}, Grade::A)};
  EXPECT_NE(best_of(on_day), nullptr);
}

TEST(BestEvidence, Utf8IdsCompareByBytes) {
  // 'Z' (0x5A) < '甲' (0xE7…): byte order, not locale order.
  std::vector<Evidence> list = {ev("甲", {2022, 1, 1}, Grade::A), ev("Z", {2022, 1, 1}, Grade::A)};
  EXPECT_EQ(best_of(list)->evidence_id, "Z");
}

TEST(Judge, RulesOneToThreeIgnoreEvidence) {
  HouseholdStanding h;
  std::vector<Evidence> list = {ev("a", {2023, 1, 1}, Grade::A)};
  std::vector<const Evidence*> ptrs = {&list[0]};
  JudgeSettings s;
  s.as_of = {2024, 9, 11};
  h.status = HouseholdStatus::deceased;
  h.housing = Housing::renting;
  Judgment j = judge(h, nullptr, best_evidence(ptrs, s.as_of), {}, s);
  EXPECT_EQ(j.result, JudgeResult::excluded);
  EXPECT_EQ(j.reasons, std::vector<Reason>{Reason::deceased});
  EXPECT_EQ(j.best, nullptr);
  EXPECT_FALSE(j.grade);
  h.status = HouseholdStatus::relocated;
  j = judge(h, nullptr, best_evidence(ptrs, s.as_of), {}, s);
  EXPECT_EQ(j.result, JudgeResult::verify);
  EXPECT_EQ(j.reasons, std::vector<Reason>{Reason::relocated});
  h.status = HouseholdStatus::normal;
  j = judge(h, nullptr, best_evidence(ptrs, s.as_of), {}, s);
  EXPECT_EQ(j.result, JudgeResult::safe_other_housing);
  EXPECT_EQ(j.best, nullptr);
}

TEST(Judge, AgingAtExactlyThreeYearsIsNotAging) {
  HouseholdStanding h;
  BuildingFacts b;
  b.floors = 1;
  b.built = BuiltYears{std::nullopt, 1980, "1980年及以前"};
  b.structure = Structure::earth_wood;
  JudgeSettings s;
  s.as_of = {2024, 9, 11};
  std::vector<Evidence> exact = {ev("a", {2021, 9, 11}, Grade::B)};
  std::vector<const Evidence*> p1 = {&exact[0]};
  EXPECT_EQ(judge(h, &b, best_evidence(p1, s.as_of), {}, s).result, JudgeResult::safe);
  std::vector<Evidence> older = {ev("a", {2021, 9, 10}, Grade::B)};
  std::vector<const Evidence*> p2 = {&older[0]};
  Judgment j = judge(h, &b, best_evidence(p2, s.as_of), {}, s);
  EXPECT_EQ(j.result, JudgeResult::verify);
  EXPECT_EQ(j.reasons, std::vector<Reason>{Reason::aging});
  EXPECT_EQ(j.grade, Grade::B);
  b.built = BuiltYears{1981, 1990, "1981-1990年"};
  EXPECT_EQ(judge(h, &b, best_evidence(p2, s.as_of), {}, s).result, JudgeResult::safe);
}

TEST(Judge, LeapDayAsOf) {
  EXPECT_EQ((Date{2024, 2, 29}.minus_years(3)), (Date{2021, 2, 28}));
  EXPECT_EQ((Date{2024, 2, 29}.minus_years(4)), (Date{2020, 2, 29}));
}

TEST(Judge, ReasonsComeInDomainOrder) {
  HouseholdStanding h;
  BuildingFacts b;  // no key info
  b.structure = Structure::cave;
  std::vector<Evidence> list = {ev("a", {2019, 5, 1}, std::nullopt)};
  list[0].hazard = true;
  std::vector<const Evidence*> ptrs = {&list[0]};
  Disaster d;
  d.occurred_on = {2020, 1, 1};
  std::vector<const Disaster*> ds = {&d};
  JudgeSettings s;
  s.as_of = {2024, 9, 11};
  Judgment j = judge(h, &b, best_evidence(ptrs, s.as_of), ds, s);
  EXPECT_EQ(j.reasons, (std::vector<Reason>{Reason::missing_info, Reason::assessment_before_cutoff,
                                            Reason::no_grade, Reason::hazard_reported,
                                            Reason::changed_since_assessment}));
  EXPECT_FALSE(j.grade);
  EXPECT_EQ(j.best, &list[0]);
}

TEST(Judge, GradesDecideWithoutReasons) {
  HouseholdStanding h;
  BuildingFacts b;
  b.floors = 2;
  b.built = BuiltYears{2005, 2005, "2005"};
  b.structure = Structure::masonry;
  JudgeSettings s;
  s.as_of = {2024, 9, 11};
  for (auto [g, r] : {std::pair{Grade::A, JudgeResult::safe}, {Grade::B, JudgeResult::safe},
                      {Grade::C, JudgeResult::unsafe}, {Grade::D, JudgeResult::unsafe}}) {
    std::vector<Evidence> list = {ev("a", {2022, 1, 1}, g)};
    std::vector<const Evidence*> ptrs = {&list[0]};
    EXPECT_EQ(judge(h, &b, best_evidence(ptrs, s.as_of), {}, s).result, r);
  }
}

}  // namespace
}  // namespace anju
