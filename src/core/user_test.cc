#include "core/user.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(PasswordPolicy, LengthAndThreeClasses) {
  EXPECT_EQ(password_problem("Abcdef123"), "密码至少10个字符");  // 9 characters
  EXPECT_EQ(password_problem("Abcdef1234"), "");                  // lower, upper, digit
  EXPECT_EQ(password_problem("abcdef1234!"), "");                 // lower, digit, other
  EXPECT_NE(password_problem("abcdefghijk"), "");                 // one class
  EXPECT_NE(password_problem("abcdefghij12"), "");                // two classes
  EXPECT_NE(password_problem("ABCDEFGHIJ12"), "");
  // Characters, not bytes: five Chinese characters are 15 bytes but 5 long.
  EXPECT_EQ(password_problem("安居工程Ab1"), "密码至少10个字符");
  EXPECT_EQ(password_problem("安居工程安居工程Ab1"), "");  // other, upper/lower, digit
}

TEST(RoleRegion, EachRoleWorksAtItsLevel) {
  EXPECT_EQ(role_region_problem(Role::village_clerk, "500229108201"), "");
  EXPECT_NE(role_region_problem(Role::village_clerk, "500229108000"), "");
  EXPECT_EQ(role_region_problem(Role::town_office, "500229108000"), "");
  EXPECT_EQ(role_region_problem(Role::town_leader, "500229108000"), "");
  EXPECT_EQ(role_region_problem(Role::county_reviewer, "500229000000"), "");
  EXPECT_NE(role_region_problem(Role::county_reviewer, "500229108000"), "");
  EXPECT_EQ(role_region_problem(Role::city_reviewer, "500200000000"), "");
  EXPECT_EQ(role_region_problem(Role::field_worker, "500229108212"), "");
  EXPECT_EQ(role_region_problem(Role::admin, "500229108000"), "");
  EXPECT_EQ(role_region_problem(Role::admin, kWholeCountry), "");
  EXPECT_NE(role_region_problem(Role::town_office, kWholeCountry), "");
  EXPECT_NE(role_region_problem(Role::village_clerk, "5002291082"), "");
}

TEST(RoleRegion, ScopeIsEverythingTheRegionCovers) {
  User clerk{"c", "", Role::village_clerk, "500229108201"};
  EXPECT_TRUE(user_covers(clerk, "500229108201"));
  EXPECT_FALSE(user_covers(clerk, "500229108202"));
  User county{"k", "", Role::county_reviewer, "500229000000"};
  EXPECT_TRUE(user_covers(county, "500229108202"));
  EXPECT_FALSE(user_covers(county, "500230108202"));
  User root{"r", "", Role::admin, std::string(kWholeCountry)};
  EXPECT_TRUE(user_covers(root, "110101001001"));
}

TEST(Roles, ParseChineseNamesAndKeys) {
  EXPECT_EQ(enum_parse<Role>("村资料员"), Role::village_clerk);
  EXPECT_EQ(enum_parse<Role>("county_reviewer"), Role::county_reviewer);
  EXPECT_EQ(enum_parse<Role>("镇领导小组"), Role::town_leader);
  EXPECT_FALSE(enum_parse<Role>("村长"));
}

}  // namespace
}  // namespace anju
