#include "core/region_code.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(RegionCode, Syntax) {
  EXPECT_TRUE(is_region_code("500229108201"));
  EXPECT_FALSE(is_region_code("50022910820"));     // 11 digits
  EXPECT_FALSE(is_region_code("5002291082011"));   // 13 digits
  EXPECT_FALSE(is_region_code("50022910820A"));
  EXPECT_FALSE(is_region_code("000229108201"));    // no province
}

struct LevelCase {
  const char* code;
  RegionLevel level;
  const char* prefix;
  const char* parent;  // "" for none
};

class RegionLevels : public ::testing::TestWithParam<LevelCase> {};

TEST_P(RegionLevels, LevelPrefixParent) {
  const auto& c = GetParam();
  EXPECT_EQ(region_level(c.code), c.level) << c.code;
  EXPECT_EQ(region_prefix(c.code), c.prefix) << c.code;
  auto parent = region_parent(c.code);
  EXPECT_EQ(parent.value_or(""), c.parent) << c.code;
}

INSTANTIATE_TEST_SUITE_P(
    Codes, RegionLevels,
    ::testing::Values(LevelCase{"500000000000", RegionLevel::province, "50", ""},
                      LevelCase{"500200000000", RegionLevel::city, "5002", "500000000000"},
                      LevelCase{"500229000000", RegionLevel::county, "500229", "500200000000"},
                      LevelCase{"500229108000", RegionLevel::town, "500229108", "500229000000"},
                      LevelCase{"500229108201", RegionLevel::village, "500229108201",
                                "500229108000"},
                      LevelCase{"500229104000", RegionLevel::town, "500229104", "500229000000"},
                      // A town directly under a city (no county level).
                      LevelCase{"441900003000", RegionLevel::town, "441900003", "441900000000"}),
    [](const auto& info) { return std::string("c") + info.param.code; });

TEST(RegionCode, CoversByPrefix) {
  EXPECT_TRUE(region_covers("500229000000", "500229108201"));
  EXPECT_TRUE(region_covers("500229108000", "500229108201"));
  EXPECT_TRUE(region_covers("500229108201", "500229108201"));
  EXPECT_FALSE(region_covers("500229104000", "500229108201"));
  EXPECT_FALSE(region_covers("500229108201", "500229108000"));
  EXPECT_TRUE(region_covers("500000000000", "500229108201"));
}

// What an import's counts refresh: the smallest region over what it touched.
TEST(RegionCode, TheCoveringRegionIsTheSmallestOverAll) {
  EXPECT_EQ(covering_region({"500229108201"}), "500229108201");
  EXPECT_EQ(covering_region({"500229108201", "500229108202"}), "500229108000");
  EXPECT_EQ(covering_region({"500229108201", "500229104001"}), "500229000000");
  EXPECT_EQ(covering_region({"500229108201", "500101001001"}), "500000000000");
  EXPECT_EQ(covering_region({"500229108201", "910101101001"}), "000000000000") << "two provinces";
  EXPECT_EQ(covering_region({}), "000000000000");
}

}  // namespace

TEST(RegionCode, TheCountyOfATownOrVillage) {
  EXPECT_EQ(region_county("500229108201"), "500229000000");
  EXPECT_EQ(region_county("500229108000"), "500229000000");
  EXPECT_EQ(region_county("500229000000"), "500229000000");
  EXPECT_EQ(region_county("500000000000"), "500000000000");
  EXPECT_EQ(region_county("441900003000"), "441900000000") << "a town straight under a city: the city";
}

}  // namespace anju
