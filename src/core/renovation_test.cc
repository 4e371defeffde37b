#include "core/renovation.h"

#include <gtest/gtest.h>

#include <map>

namespace anju {
namespace {

using S = RenovationState;
using A = RenovationAction;

// Every (state, action) and the roles that may take it, with the state it leads to.
struct Allowed {
  S from;
  A action;
  std::vector<Role> roles;
  S to;
};

TEST(RenovationStates, EveryTransitionByRole) {
  const std::vector<Role> drafters = {Role::admin, Role::town_office, Role::village_clerk};
  const std::vector<Role> town = {Role::admin, Role::town_office};
  const std::vector<Role> county = {Role::admin, Role::county_reviewer};
  const std::vector<Allowed> table = {
      {S::draft, A::edit, drafters, S::draft},
      {S::draft, A::submit, drafters, S::submitted},
      {S::submitted, A::town_review, town, S::town_reviewed},
      {S::submitted, A::give_back, town, S::draft},
      {S::town_reviewed, A::give_back, county, S::draft},
      {S::town_reviewed, A::approve, county, S::county_approved},
      {S::town_reviewed, A::reject, county, S::rejected},
      {S::county_approved, A::start, town, S::started},
      {S::started, A::complete, town, S::completed},
      {S::completed, A::accept, county, S::accepted},
      {S::completed, A::fail, county, S::started},
  };
  for (const auto& s : EnumTraits<S>::entries()) {
    for (const auto& a : EnumTraits<A>::entries()) {
      const Allowed* row = nullptr;
      for (const Allowed& t : table)
        if (t.from == s.value && t.action == a.value) row = &t;
      for (const auto& r : EnumTraits<Role>::entries()) {
        const Role role = r.value;
        auto to = renovation_transition(s.value, a.value, role, "意见");
        const bool may = row && std::find(row->roles.begin(), row->roles.end(), role) != row->roles.end();
        EXPECT_EQ(static_cast<bool>(to), may) << s.key << " " << a.key << " " << enum_key(role);
        if (to) EXPECT_EQ(*to, row->to);
        else if (row) EXPECT_EQ(to.error().code, ErrorCode::forbidden);
        else EXPECT_EQ(to.error().code, ErrorCode::invalid);
      }
    }
  }
}

TEST(RenovationStates, ReturnRejectAndFailNeedAReason) {
  for (auto [from, action] : std::vector<std::pair<S, A>>{
           {S::submitted, A::give_back}, {S::town_reviewed, A::reject}, {S::completed, A::fail}}) {
    auto to = renovation_transition(from, action, Role::admin, "");
    ASSERT_FALSE(to);
    EXPECT_EQ(to.error().code, ErrorCode::invalid);
    EXPECT_NE(to.error().message.find("原因"), std::string::npos);
  }
}

TEST(RenovationStates, ActionsOfARoleAreTheButtonsItSees) {
  EXPECT_EQ(renovation_actions(S::town_reviewed, Role::county_reviewer),
            (std::vector<A>{A::give_back, A::approve, A::reject}));
  EXPECT_EQ(renovation_actions(S::town_reviewed, Role::town_office), std::vector<A>{});
  EXPECT_EQ(renovation_actions(S::draft, Role::village_clerk), (std::vector<A>{A::edit, A::submit}));
  EXPECT_TRUE(renovation_actions(S::accepted, Role::admin).empty());
  EXPECT_TRUE(renovation_actions(S::rejected, Role::admin).empty());
}

TEST(RenovationChecks, SubmitNeedsAreaPlanYearAndSubsidy) {
  const Date deadline{2025, 12, 31};
  Renovation r;
  EXPECT_TRUE(check_renovation(r, 2024, deadline, false));  // a draft may be incomplete
  auto bad = check_renovation(r, 2024, deadline, true);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("改造面积"), std::string::npos);
  EXPECT_NE(bad.error().message.find("计划年度"), std::string::npos);
  EXPECT_NE(bad.error().message.find("补助资金"), std::string::npos);
  r.area_m2 = 72;
  r.plan_year = 2025;
  r.subsidy_central = 20000;
  EXPECT_TRUE(check_renovation(r, 2024, deadline, true));
  r.subsidy_local = -1;
  EXPECT_FALSE(check_renovation(r, 2024, deadline, false));
  r.subsidy_local = 5000;
  r.plan_year = 2026;
  EXPECT_FALSE(check_renovation(r, 2024, deadline, false));
  r.plan_year = 2024;
  r.method = RenovationMethod::other;
  EXPECT_FALSE(check_renovation(r, 2024, deadline, false));
  r.note = "危房拆除后购置村集体闲置住房";
  EXPECT_TRUE(check_renovation(r, 2024, deadline, true));
}

TEST(RenovationChecks, StepsNeedOrderedPastDaysAndAPassingGrade) {
  const Date today{2025, 6, 30};
  Renovation r;
  EXPECT_FALSE(check_step(r, A::start, {}, today));
  EXPECT_FALSE(check_step(r, A::start, {Date{2025, 7, 1}, std::nullopt, ""}, today));  // the future
  EXPECT_TRUE(check_step(r, A::start, {Date{2025, 3, 1}, std::nullopt, ""}, today));
  // Not before the county approved it.
  auto early = check_step(r, A::start, {Date{2025, 3, 1}, std::nullopt, ""}, today, Date{2025, 3, 2});
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("2025-03-02"), std::string::npos) << early.error().message;
  EXPECT_TRUE(check_step(r, A::start, {Date{2025, 3, 2}, std::nullopt, ""}, today, Date{2025, 3, 2}));
  r.started_on = Date{2025, 3, 1};
  EXPECT_FALSE(check_step(r, A::complete, {Date{2025, 2, 1}, std::nullopt, ""}, today));  // before the start
  EXPECT_TRUE(check_step(r, A::complete, {Date{2025, 5, 20}, std::nullopt, ""}, today));
  r.completed_on = Date{2025, 5, 20};
  EXPECT_FALSE(check_step(r, A::accept, {Date{2025, 6, 1}, std::nullopt, ""}, today));  // no grade
  auto c = check_step(r, A::accept, {Date{2025, 6, 1}, Grade::C, ""}, today);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("验收不合格"), std::string::npos);
  EXPECT_TRUE(check_step(r, A::accept, {Date{2025, 6, 1}, Grade::A, ""}, today));
  EXPECT_TRUE(check_step(r, A::approve, {}, today));
}

TEST(RenovationChecks, AreaGuideline) {
  EXPECT_EQ(area_warning(60, 2), "");
  EXPECT_NE(area_warning(61, 3), "");
  EXPECT_EQ(area_warning(72, 4), "");
  EXPECT_NE(area_warning(73, 4), "");
  EXPECT_EQ(enum_parse<RenovationMethod>("异地非集中新建"), RenovationMethod::relocate_build);
  EXPECT_EQ(enum_parse<BuildMode>("代建"), BuildMode::agent);
}

TEST(RenovationChecks, AnAcceptanceLacksEachRequiredPaperNotUploaded) {
  using P = RenovationPaper;
  EXPECT_EQ(missing_papers(kDefaultAcceptancePapers, {}), (std::vector<P>{P::acceptance_photo, P::acceptance}));
  EXPECT_EQ(missing_papers(kDefaultAcceptancePapers, {"application", "acceptance"}),
            (std::vector<P>{P::acceptance_photo}));
  EXPECT_TRUE(missing_papers(kDefaultAcceptancePapers, {"acceptance", "acceptance_photo", "acceptance"}).empty());
  EXPECT_TRUE(missing_papers({}, {}).empty()) << "a county may ask for none";
  EXPECT_EQ(missing_papers({P::completion}, {"acceptance"}), (std::vector<P>{P::completion}));
}

}  // namespace
}  // namespace anju
