#include "core/access.h"
#include "core/privacy.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

User user(Role role, std::string region) {
  User u;
  u.name = "u";
  u.role = role;
  u.region_code = std::move(region);
  return u;
}

TEST(Access, OutsideTheScopeIsNotFoundWhateverTheRole) {
  const User clerk = user(Role::village_clerk, "500229108201");
  EXPECT_TRUE(authorize(clerk, Action::read, "500229108201"));
  auto other = authorize(clerk, Action::read, "500229108202");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  // Even for an action the role may never take: no existence leak.
  auto audit = authorize(clerk, Action::import_data, "500229108202");
  EXPECT_EQ(audit.error().code, ErrorCode::not_found);
}

TEST(Access, ForbiddenInsideTheScope) {
  const User leader = user(Role::town_leader, "500229108000");
  auto r = authorize(leader, Action::manual_match, "500229108201");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_NE(r.error().message.find("镇领导小组"), std::string::npos);
  EXPECT_TRUE(authorize(user(Role::town_office, "500229108000"), Action::manual_match, "500229108201"));
  EXPECT_TRUE(authorize(user(Role::village_clerk, "500229108201"), Action::manual_match, "500229108201"));
}

TEST(Access, FullIdNumbersFromTownOfficeUp) {
  EXPECT_TRUE(role_may(Role::admin, Action::view_full_id));
  EXPECT_TRUE(role_may(Role::city_reviewer, Action::view_full_id));
  EXPECT_TRUE(role_may(Role::county_reviewer, Action::view_full_id));
  EXPECT_TRUE(role_may(Role::town_office, Action::view_full_id));
  EXPECT_FALSE(role_may(Role::town_leader, Action::view_full_id));
  EXPECT_FALSE(role_may(Role::village_clerk, Action::view_full_id));
  EXPECT_FALSE(role_may(Role::field_worker, Action::view_full_id));
}

TEST(Access, OnlyAdminsReadTheAuditLogAndManageUsers) {
  for (Role r : {Role::city_reviewer, Role::county_reviewer, Role::town_office, Role::town_leader,
                 Role::village_clerk, Role::field_worker}) {
    EXPECT_FALSE(role_may(r, Action::read_audit)) << enum_key(r);
    EXPECT_FALSE(role_may(r, Action::manage_users)) << enum_key(r);
  }
  EXPECT_TRUE(authorize(user(Role::admin, std::string(kWholeCountry)), Action::read_audit, ""));
}

TEST(Access, ListRegionStaysInsideTheScope) {
  const User county = user(Role::county_reviewer, "500229000000");
  EXPECT_EQ(*list_region(county, ""), "500229000000");
  EXPECT_EQ(*list_region(county, "500229108000"), "500229108000");
  EXPECT_EQ(list_region(county, "500230000000").error().code, ErrorCode::not_found);
  EXPECT_EQ(list_region(county, "000000000000").error().code, ErrorCode::not_found);
  EXPECT_EQ(list_region(county, "5002").error().code, ErrorCode::invalid);
  const User admin = user(Role::admin, std::string(kWholeCountry));
  EXPECT_EQ(*list_region(admin, "000000000000"), "000000000000");
}

TEST(Access, RegionRange) {
  auto town = region_range("500229108000");
  EXPECT_EQ(town.lo, "500229108000");
  EXPECT_EQ(town.hi, "500229108999");
  auto village = region_range("500229108201");
  EXPECT_EQ(village.lo, "500229108201");
  EXPECT_EQ(village.hi, "500229108201");
  auto all = region_range(kWholeCountry);
  EXPECT_EQ(all.lo, "000000000000");
  EXPECT_EQ(all.hi, "999999999999");
}

TEST(Privacy, MasksIdNumbersAndPhones) {
  EXPECT_EQ(mask_id_number("42280119900101123X"), "422801********123X");
  EXPECT_EQ(mask_id_number("422801900101123"), "422801*****1123");  // the old 15 digits
  EXPECT_EQ(mask_id_number("12345"), "****5");
  EXPECT_EQ(mask_phone("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone("8451234"), "*****34");
  EXPECT_EQ(mask_phone(""), "");
}

}  // namespace
}  // namespace anju
