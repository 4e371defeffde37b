#include "core/campaign_index.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

Campaign set_for(long id, const char* region) {
  Campaign c;
  c.id = id;
  c.region_code = region;
  c.name = std::string("campaign of ") + region;
  return c;
}

TEST(CampaignIndex, AHouseholdFollowsTheNearestRegionWithACampaign) {
  // The county's campaign governs; a town and one village in another town
  // set their own.
  const CampaignIndex index(set_for(2, "500229000000"),
                            {set_for(4, "500229108203"), set_for(3, "500229108000")});
  EXPECT_EQ(index.of("500229108201").id, 3) << "a village of the town: the town's";
  EXPECT_EQ(index.of("500229108203").id, 4) << "the village's own beats its town's";
  EXPECT_EQ(index.of("500229108000").id, 3) << "the town itself";
  EXPECT_EQ(index.of("500229104201").id, 2) << "another town: the county's";
  EXPECT_EQ(index.of("500229000000").id, 2);
  EXPECT_EQ(index.index_of("500229108201"), 2U);
  EXPECT_EQ(index.governing().id, 2);
  EXPECT_EQ(index.all().size(), 3U);
}

TEST(CampaignIndex, AnUnknownOrMissingCodeFollowsTheGoverningCampaign) {
  const CampaignIndex index(set_for(1, "000000000000"), {set_for(5, "500229108000")});
  EXPECT_EQ(index.of("").id, 1) << "a household filed without a region";
  EXPECT_EQ(index.of("5002291082").id, 1);
  EXPECT_EQ(index.of("441900003001").id, 1) << "a town straight under a city, no campaign above it";
}

TEST(CampaignIndex, ATownStraightUnderACityFindsTheCityCampaign) {
  // 东莞 (4419) has no counties: the town's parent is the city.
  const CampaignIndex index(set_for(1, "000000000000"), {set_for(6, "441900000000")});
  EXPECT_EQ(index.of("441900003001").id, 6);
}

}  // namespace
}  // namespace anju
