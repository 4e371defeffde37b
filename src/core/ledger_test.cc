#include "core/ledger.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

JudgmentRow row(const std::string& id, JudgeResult result, std::optional<Grade> grade = std::nullopt,
                const std::string& evidence = "") {
  JudgmentRow r;
  r.household_id = id;
  r.result = result;
  r.grade = grade;
  if (!evidence.empty()) {
    r.evidence_id = evidence;
    r.evidence_source = EvidenceSource::census;
  }
  return r;
}

TEST(LedgerRules, UnsafeEntersEveryOtherSafeOutcomeLeavesVerifyStays) {
  EXPECT_TRUE(belongs_in_ledger(JudgeResult::unsafe));
  for (JudgeResult r : {JudgeResult::safe, JudgeResult::safe_other_housing, JudgeResult::excluded,
                        JudgeResult::verify})
    EXPECT_FALSE(belongs_in_ledger(r));
  EXPECT_EQ(ledger_exit(JudgeResult::safe), LedgerExit::graded_safe);
  EXPECT_EQ(ledger_exit(JudgeResult::safe_other_housing), LedgerExit::other_safe_housing);
  EXPECT_EQ(ledger_exit(JudgeResult::excluded), LedgerExit::excluded);
  EXPECT_EQ(ledger_exit(JudgeResult::verify), std::nullopt);  // a pending visit proves nothing
  EXPECT_EQ(ledger_exit(JudgeResult::unsafe), std::nullopt);
}

TEST(LedgerRules, SyncOpensClosesRegradesAndLeavesOthersAlone) {
  const std::vector<OpenLedgerEntry> open = {
      {1, "H-stays", Grade::C, "E1"},   {2, "H-regraded", Grade::C, "E2"}, {3, "H-safe", Grade::D, "E3"},
      {4, "H-moved", Grade::C, "E4"},   {5, "H-dead", Grade::D, "E5"},     {6, "H-verify", Grade::C, "E6"},
      {7, "H-not-judged", Grade::C, "E7"},
  };
  const std::vector<JudgmentRow> rows = {
      row("H-new", JudgeResult::unsafe, Grade::D, "E9"),
      row("H-stays", JudgeResult::unsafe, Grade::C, "E1"),
      row("H-regraded", JudgeResult::unsafe, Grade::D, "E8"),
      row("H-safe", JudgeResult::safe, Grade::B, "ACC-3"),
      row("H-moved", JudgeResult::safe_other_housing),
      row("H-dead", JudgeResult::excluded),
      row("H-verify", JudgeResult::verify, Grade::C, "E6"),
      row("H-never", JudgeResult::safe, Grade::A, "E10"),
  };
  const LedgerSync s = sync_ledger(rows, open);
  ASSERT_EQ(s.open.size(), 1u);
  EXPECT_EQ(s.open[0].household_id, "H-new");
  EXPECT_EQ(s.open[0].grade, Grade::D);
  EXPECT_EQ(s.open[0].evidence_id, "E9");
  ASSERT_EQ(s.regrade.size(), 1u);
  EXPECT_EQ(s.regrade_ids, std::vector<long>{2});
  EXPECT_EQ(s.regrade[0].grade, Grade::D);
  ASSERT_EQ(s.close.size(), 3u);
  EXPECT_EQ(s.close[0].entry_id, 3);
  EXPECT_EQ(s.close[0].exit, LedgerExit::graded_safe);
  EXPECT_NE(s.close[0].note.find("ACC-3"), std::string::npos);
  EXPECT_NE(s.close[0].note.find("B级"), std::string::npos);
  EXPECT_EQ(s.close[1].entry_id, 4);
  EXPECT_EQ(s.close[1].exit, LedgerExit::other_safe_housing);
  EXPECT_EQ(s.close[2].entry_id, 5);
  EXPECT_EQ(s.close[2].exit, LedgerExit::excluded);
}

TEST(LedgerRules, EditNeedsPlanYearForRenovationAndWordsForOther) {
  const Date deadline{2025, 12, 31};
  LedgerEdit e;
  EXPECT_TRUE(check_ledger_edit(e, 2024, deadline));
  e.measure = LedgerMeasure::renovation;
  auto r = check_ledger_edit(e, 2024, deadline);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("列入计划年度"), std::string::npos);
  e.plan_year = 2026;
  EXPECT_FALSE(check_ledger_edit(e, 2024, deadline));
  e.plan_year = 2023;
  EXPECT_FALSE(check_ledger_edit(e, 2024, deadline));
  for (int y : {2024, 2025}) {
    e.plan_year = y;
    EXPECT_TRUE(check_ledger_edit(e, 2024, deadline)) << y;
  }
  e.measure = LedgerMeasure::other;
  EXPECT_FALSE(check_ledger_edit(e, 2024, deadline));  // a plan year belongs to renovation only
  e.plan_year.reset();
  r = check_ledger_edit(e, 2024, deadline);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("其他方式"), std::string::npos);
  e.measure_note = "纳入易地扶贫搬迁安置";
  EXPECT_TRUE(check_ledger_edit(e, 2024, deadline));
  e.transitional = Transitional::other;
  EXPECT_FALSE(check_ledger_edit(e, 2024, deadline));
  e.transitional_note = "借住村委会周转用房";
  e.responsible_phone = "023-5999x";
  r = check_ledger_edit(e, 2024, deadline);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("电话"), std::string::npos);
  e.responsible_phone = "023-59991234";
  EXPECT_TRUE(check_ledger_edit(e, 2024, deadline));
}

TEST(LedgerRules, UrgencyAgainstTheDeadline) {
  const Date deadline{2025, 12, 31};
  LedgerEntry e;
  e.opened_on = {2024, 9, 20};
  EXPECT_EQ(ledger_urgency(e, {2025, 3, 1}, deadline), LedgerUrgency::on_track);
  EXPECT_EQ(ledger_urgency(e, {2025, 10, 15}, deadline), LedgerUrgency::at_risk);  // no measure, 77 days left
  e.renovation_id = 4;
  EXPECT_EQ(ledger_urgency(e, {2025, 10, 15}, deadline), LedgerUrgency::on_track);
  EXPECT_EQ(ledger_urgency(e, {2025, 12, 10}, deadline), LedgerUrgency::at_risk);  // 21 days left
  EXPECT_EQ(ledger_urgency(e, {2025, 12, 31}, deadline), LedgerUrgency::at_risk);
  EXPECT_EQ(ledger_urgency(e, {2026, 1, 1}, deadline), LedgerUrgency::late);
  e.closed_on = Date{2025, 11, 2};
  EXPECT_EQ(ledger_urgency(e, {2026, 11, 29}, deadline), LedgerUrgency::on_track);  // closed in time
  e.closed_on = Date{2026, 2, 2};
  EXPECT_EQ(ledger_urgency(e, {2026, 11, 29}, deadline), LedgerUrgency::late);  // closed, but after it
}

TEST(LedgerRules, TheUrgencyFilterIsDecidedForTheDay) {
  const Date deadline{2025, 12, 31};
  UrgencyFilter f = urgency_filter({2025, 3, 1}, deadline);
  EXPECT_FALSE(f.open_late || f.risk_all_open || f.risk_unmeasured);
  f = urgency_filter({2025, 10, 15}, deadline);  // 77 days left
  EXPECT_TRUE(f.risk_unmeasured);
  EXPECT_FALSE(f.risk_all_open);
  f = urgency_filter({2025, 12, 10}, deadline);  // 21 days left
  EXPECT_TRUE(f.risk_all_open);
  f = urgency_filter({2026, 1, 1}, deadline);
  EXPECT_TRUE(f.open_late);
  EXPECT_FALSE(f.risk_all_open || f.risk_unmeasured);
}

TEST(LedgerRules, CodesParseByKeyAndChineseName) {
  EXPECT_EQ(enum_parse<LedgerMeasure>("危房改造"), LedgerMeasure::renovation);
  EXPECT_EQ(enum_parse<Transitional>("投亲靠友"), Transitional::relatives);
  EXPECT_STREQ(enum_name(LedgerExit::other_safe_housing), "已有其他安全住房");
}

}  // namespace
}  // namespace anju
