#include "match/matcher.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

// A 0.001° square with its south-west corner at (x, y).
std::string square(double x, double y) {
  Polygon p;
  p.outer() = {{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y + 0.001}, {x, y}};
  return to_wkb(MultiPolygon{p});
}

Box box(double x, double y) { return Box(Point(x, y), Point(x + 0.001, y + 0.001)); }

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    table_.add("A", "V1", "张三", square(108.0, 31.0), box(108.0, 31.0));
    table_.add("B", "V1", "李四", square(108.01, 31.0), box(108.01, 31.0));
    table_.add("B2", "V1", "李四", square(108.02, 31.0), box(108.02, 31.0));
    table_.add("C", "V2", "张三", square(108.03, 31.0), box(108.03, 31.0));
    table_.build();
  }
  Household hh(const std::string& id, const std::string& name, const std::string& region = "V1") {
    Household h;
    h.household_id = id;
    h.head_name = name;
    h.region_code = region;
    return h;
  }
  BuildingTable table_;
};

TEST_F(MatcherTest, RulesInOrderAndSharedBuildings) {
  Matcher m(table_, {{"H1", "B"}});
  Household manual = hh("H1", "张三");
  manual.parcel_id = "A";  // the manual choice wins over the roster's parcel
  m.add(manual);
  Household located = hh("H2", "王五");
  located.parcel_id = "missing";
  located.lon = 108.0005;
  located.lat = 31.0005;
  m.add(located);
  m.add(hh("H3", "张三"));            // owner 张三 in V1: only A
  m.add(hh("H4", "李四"));            // two buildings of 李四 in V1
  m.add(hh("H5", "赵六"));            // nothing
  Household by_parcel = hh("H6", "某");
  by_parcel.parcel_id = "C";
  m.add(by_parcel);
  auto r = m.finish();
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].outcome, MatchOutcome::manual);
  EXPECT_EQ(r[0].parcel_id, "B");
  EXPECT_EQ(r[1].outcome, MatchOutcome::by_location);
  EXPECT_TRUE(r[1].parcel_not_found);
  EXPECT_EQ(r[1].parcel_id, "A");
  EXPECT_EQ(r[2].outcome, MatchOutcome::by_owner);
  EXPECT_EQ(r[2].parcel_id, "A");
  EXPECT_EQ(r[3].outcome, MatchOutcome::ambiguous);
  EXPECT_EQ(r[3].candidates, (std::vector<std::string>{"B", "B2"}));
  EXPECT_EQ(r[4].outcome, MatchOutcome::unmatched);
  EXPECT_EQ(r[5].outcome, MatchOutcome::by_parcel);
  // A is matched by H2 and H3: both shared; B only by H1.
  EXPECT_TRUE(r[1].shared);
  EXPECT_TRUE(r[2].shared);
  EXPECT_FALSE(r[0].shared);
  EXPECT_FALSE(r[5].shared);
}

TEST_F(MatcherTest, PointOutsideEveryFootprintFallsBackToOwner) {
  Matcher m(table_, {});
  Household h = hh("H1", "张三");
  h.lon = 108.5;
  h.lat = 31.5;
  m.add(h);
  auto r = m.finish();
  EXPECT_EQ(r[0].outcome, MatchOutcome::by_owner);
}

}  // namespace
}  // namespace anju
