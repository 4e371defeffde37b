#include "core/record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace anju {
namespace {

using S = RecordState;
using A = RecordAction;

constexpr Role kRoles[] = {Role::admin,       Role::city_reviewer,  Role::county_reviewer, Role::town_office,
                           Role::town_leader, Role::village_clerk, Role::field_worker};

// Every (state, action) and the roles that may take it, with the state it leads to.
struct Allowed {
  S from;
  A action;
  std::vector<Role> roles;
  S to;
};

TEST(RecordStates, EveryTransitionByRole) {
  const std::vector<Allowed> table = {
      {S::not_started, A::edit, {Role::admin, Role::town_office, Role::village_clerk}, S::draft},
      {S::draft, A::edit, {Role::admin, Role::town_office, Role::village_clerk}, S::draft},
      {S::draft, A::submit, {Role::admin, Role::town_office, Role::village_clerk}, S::submitted},
      {S::submitted, A::approve, {Role::admin, Role::town_office}, S::town_approved},
      {S::town_approved, A::approve, {Role::admin, Role::county_reviewer}, S::county_approved},
      {S::submitted, A::give_back, {Role::admin, Role::town_office}, S::draft},
      {S::town_approved, A::give_back, {Role::admin, Role::county_reviewer}, S::draft},
      {S::town_approved, A::reopen, {Role::admin, Role::town_office}, S::draft},
      {S::county_approved, A::reopen, {Role::admin, Role::county_reviewer}, S::draft},
  };
  long checked = 0;
  for (S from : {S::not_started, S::draft, S::submitted, S::town_approved, S::county_approved})
    for (A action : {A::edit, A::submit, A::approve, A::give_back, A::reopen})
      for (Role role : kRoles) {
        const Allowed* rule = nullptr;
        for (const Allowed& a : table)
          if (a.from == from && a.action == action) rule = &a;
        const bool may = rule && std::find(rule->roles.begin(), rule->roles.end(), role) != rule->roles.end();
        auto r = record_transition(from, action, role, "意见");
        const std::string what = std::string(enum_key(from)) + " " + enum_key(action) + " by " +
                                 enum_key(role);
        ++checked;
        if (may) {
          ASSERT_TRUE(r) << what << ": " << r.error().message;
          EXPECT_EQ(*r, rule->to) << what;
        } else {
          ASSERT_FALSE(r) << what;
          // A role that could act in this state is told the state is wrong;
          // one that never could is told it may not.
          EXPECT_TRUE(r.error().code == ErrorCode::forbidden || r.error().code == ErrorCode::invalid) << what;
          EXPECT_FALSE(r.error().message.empty());
        }
      }
  EXPECT_EQ(checked, 5 * 5 * 7);
}

TEST(RecordStates, AReturnOrReopenNeedsItsComment) {
  auto back = record_transition(S::submitted, A::give_back, Role::town_office, "");
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, ErrorCode::invalid);
  EXPECT_NE(back.error().message.find("意见"), std::string::npos);
  EXPECT_FALSE(record_transition(S::county_approved, A::reopen, Role::county_reviewer, ""));
  EXPECT_EQ(*record_transition(S::county_approved, A::reopen, Role::county_reviewer, "补充鉴定报告"), S::draft);
}

TEST(RecordStates, ApprovedAndSubmittedRecordsAreLocked) {
  EXPECT_TRUE(record_editable(S::not_started));
  EXPECT_TRUE(record_editable(S::draft));
  for (S s : {S::submitted, S::town_approved, S::county_approved}) {
    EXPECT_FALSE(record_editable(s));
    auto r = record_transition(s, A::edit, Role::village_clerk, "");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
  }
  // The village clerk may not approve its own submission.
  EXPECT_EQ(record_transition(S::submitted, A::approve, Role::village_clerk, "").error().code, ErrorCode::forbidden);
  EXPECT_EQ(record_transition(S::town_approved, A::approve, Role::town_office, "").error().code, ErrorCode::forbidden);
}

TEST(RecordCompleteness, DependsOnTheHousingCase) {
  const Date cutoff{2020, 1, 1};
  RecordFacts other{Housing::relatives, {"head_name", "head_id_number", "members", "address", "category", "housing"},
                    std::nullopt};
  EXPECT_TRUE(record_missing(other, cutoff).empty()) << "other safe housing needs no building data";
  other.present.pop_back();
  EXPECT_EQ(record_missing(other, cutoff), std::vector<std::string>{"现住房情况"});

  RecordFacts own = other;
  own.housing = Housing::own_rural;
  own.present.push_back("housing");
  auto missing = record_missing(own, cutoff);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "结构类型"), missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "安全性等级"), missing.end());
  for (const RecordField& f : record_fields())
    if (f.required_own_rural) own.present.push_back(f.key);
  own.safety_date = Date{2019, 6, 1};
  missing = record_missing(own, cutoff);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("2020-01-01"), std::string::npos) << "an old conclusion is not enough";
  own.safety_date = Date{2024, 9, 20};
  EXPECT_TRUE(record_missing(own, cutoff).empty());
}

TEST(RecordFields, EveryPartHasFieldsAndKeysAreUnique) {
  std::map<RecordPart, int> per_part;
  std::set<std::string> keys;
  for (const RecordField& f : record_fields()) {
    ++per_part[f.part];
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    EXPECT_EQ(find_record_field(f.key), &f);
  }
  EXPECT_EQ(per_part.size(), 4u);
  EXPECT_EQ(find_record_field("nope"), nullptr);
}

TEST(ChangeRequests, TheCountyDecidesAndTheCityTooForAMoveAcrossCounties) {
  using C = ChangeState;
  for (Role r : kRoles)
    EXPECT_EQ(may_raise_change(r), r == Role::admin || r == Role::town_office || r == Role::village_clerk)
        << enum_key(r);
  EXPECT_EQ(*change_transition(C::submitted, ChangeAction::approve, Role::county_reviewer, false, ""), C::approved);
  EXPECT_EQ(*change_transition(C::submitted, ChangeAction::approve, Role::county_reviewer, true, ""),
            C::county_approved);
  EXPECT_EQ(*change_transition(C::county_approved, ChangeAction::approve, Role::city_reviewer, true, ""),
            C::approved);
  for (Role r : {Role::town_office, Role::village_clerk, Role::city_reviewer, Role::town_leader, Role::field_worker})
    EXPECT_EQ(change_transition(C::submitted, ChangeAction::approve, r, false, "").error().code, ErrorCode::forbidden)
        << enum_key(r);
  EXPECT_EQ(change_transition(C::county_approved, ChangeAction::approve, Role::county_reviewer, true, "").error().code,
            ErrorCode::forbidden);
  EXPECT_FALSE(change_transition(C::submitted, ChangeAction::reject, Role::county_reviewer, false, ""));
  EXPECT_EQ(*change_transition(C::submitted, ChangeAction::reject, Role::county_reviewer, false, "证明材料不全"),
            C::rejected);
  EXPECT_EQ(*change_transition(C::county_approved, ChangeAction::reject, Role::city_reviewer, true, "不符合"),
            C::rejected);
  for (C done : {C::approved, C::rejected})
    EXPECT_EQ(change_transition(done, ChangeAction::approve, Role::admin, false, "").error().code, ErrorCode::invalid);
  EXPECT_EQ(enum_parse<ChangeKind>("户主变更"), ChangeKind::head_change);
}

}  // namespace
}  // namespace anju
