#include "match/matcher.h"

#include <gtest/gtest.h>

#include <thread>

namespace anju {
namespace {

// A 0.001° square footprint with its south-west corner at (x, y).
Footprint square(const std::string& parcel, const std::string& region, const std::string& owner,
                 double x, double y) {
  Polygon p;
  p.outer() = {{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y + 0.001}, {x, y}};
  return Footprint{parcel, region, owner, to_wkb(MultiPolygon{p}), BBox{x, y, x + 0.001, y + 0.001}};
}

HouseholdPlace hh(const std::string& id, const std::string& name, const std::string& region = "V1") {
  HouseholdPlace h;
  h.household_id = id;
  h.head_name = name;
  h.region_code = region;
  return h;
}

const std::vector<Footprint>& buildings() {
  static const std::vector<Footprint> all = {square("A", "V1", "张三", 108.0, 31.0),
                                             square("B", "V1", "李四", 108.01, 31.0),
                                             square("B2", "V1", "李四", 108.02, 31.0),
                                             square("C", "V2", "张三", 108.03, 31.0)};
  return all;
}

std::vector<MatchResult> run(Matcher& m, const std::vector<HouseholdPlace>& households) {
  for (const auto& h : households) m.add_household(h);
  m.index();
  for (const Footprint& b : buildings()) m.add_building(b);
  return m.finish();
}

// As run(), the buildings streamed in two passes on two threads, each in
// reverse order, as the match does on SQLite.
std::vector<MatchResult> run_in_passes(Matcher& m, const std::vector<HouseholdPlace>& households) {
  for (const auto& h : households) m.add_household(h);
  m.index();
  const auto& all = buildings();
  Matcher::Pass first, second;
  std::thread a([&] {
    for (size_t i = all.size() / 2; i-- > 0;) m.add_building(first, all[i]);
  });
  std::thread b([&] {
    for (size_t i = all.size(); i-- > all.size() / 2;) m.add_building(second, all[i]);
  });
  a.join();
  b.join();
  m.merge(std::move(second));
  m.merge(std::move(first));
  return m.finish();
}

// H2 inside A but with a roster parcel that does not exist, H6 with C as
// its roster parcel, H7 on B's west edge.
struct PlacedHouseholds {
  HouseholdPlace located, by_parcel, edge;
};
PlacedHouseholds placed_households() {
  PlacedHouseholds p{hh("H2", "王五"), hh("H6", "某"), hh("H7", "某某")};
  p.located.parcel_id = "missing";
  p.located.lon = 108.0005;
  p.located.lat = 31.0005;
  p.by_parcel.parcel_id = "C";
  p.edge.lon = 108.01;
  p.edge.lat = 31.0005;
  return p;
}

TEST(Matcher, RulesInOrderAndSharedBuildings) {
  Matcher m(std::unordered_map<std::string, std::string>{{"H1", "B"}});
  HouseholdPlace manual = hh("H1", "张三");
  manual.parcel_id = "A";  // the manual choice wins over the roster's parcel
  auto [located, by_parcel, edge] = placed_households();
  auto r = run(m, {manual, located, hh("H3", "张三"), hh("H4", "李四"), hh("H5", "赵六"), by_parcel, edge});
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].outcome, MatchOutcome::manual);
  EXPECT_EQ(r[0].parcel_id, "B");
  EXPECT_EQ(r[1].outcome, MatchOutcome::by_location);
  EXPECT_TRUE(r[1].parcel_not_found);
  EXPECT_EQ(r[1].parcel_id, "A");
  EXPECT_EQ(r[2].outcome, MatchOutcome::by_owner);  // 张三 owns A in V1 (C is in V2)
  EXPECT_EQ(r[2].parcel_id, "A");
  EXPECT_EQ(r[3].outcome, MatchOutcome::ambiguous);
  EXPECT_EQ(r[3].candidates, (std::vector<std::string>{"B", "B2"}));
  EXPECT_EQ(r[4].outcome, MatchOutcome::unmatched);
  EXPECT_EQ(r[5].outcome, MatchOutcome::by_parcel);
  EXPECT_EQ(r[6].outcome, MatchOutcome::by_location);
  EXPECT_EQ(r[6].parcel_id, "B");
  // A is matched by H2 and H3, B by H1 and H7: shared; C only by H6.
  EXPECT_TRUE(r[1].shared && r[2].shared && r[0].shared && r[6].shared);
  EXPECT_FALSE(r[5].shared);
}

// The order in which buildings arrive, and on which thread, changes nothing.
TEST(Matcher, BuildingsInPassesOnThreadsGiveTheSameResults) {
  auto [located, by_parcel, edge] = placed_households();
  const std::vector<HouseholdPlace> households = {located, hh("H3", "张三"), hh("H4", "李四"), by_parcel, edge};
  Matcher one(std::unordered_map<std::string, std::string>{{"H1", "B"}});
  Matcher two(std::unordered_map<std::string, std::string>{{"H1", "B"}});
  auto expected = run(one, households);
  auto got = run_in_passes(two, households);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].household_id, expected[i].household_id);
    EXPECT_EQ(got[i].outcome, expected[i].outcome) << i;
    EXPECT_EQ(got[i].parcel_id, expected[i].parcel_id) << i;
    EXPECT_EQ(got[i].candidates, expected[i].candidates) << i;
    EXPECT_EQ(got[i].shared, expected[i].shared) << i;
    EXPECT_EQ(got[i].parcel_not_found, expected[i].parcel_not_found) << i;
  }
  EXPECT_EQ(got[3].outcome, MatchOutcome::by_parcel);  // C found in the other pass
  EXPECT_EQ(got[2].candidates, (std::vector<std::string>{"B", "B2"}));
}

TEST(Matcher, PointOutsideEveryFootprintFallsBackToOwner) {
  Matcher m(std::unordered_map<std::string, std::string>{});
  HouseholdPlace h = hh("H1", "张三");
  h.lon = 108.5;
  h.lat = 31.5;
  auto r = run(m, {h});
  EXPECT_EQ(r[0].outcome, MatchOutcome::by_owner);
}

}  // namespace
}  // namespace anju
