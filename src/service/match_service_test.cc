// The match step without SQL: in-memory households, census and results
// (store/memory/) in place of the engines, sharing one Faults, so a store
// that fails half-way through a run can be shown.
#include <gtest/gtest.h>

#include "core/geometry.h"
#include "service/census_service.h"
#include "store/memory/memory_census.h"
#include "store/memory/memory_households.h"
#include "store/memory/memory_results.h"

namespace anju {
namespace {

const WriteStamp kStamp{"test", "2026-01-01T00:00:00Z"};
constexpr const char* kVillage = "500229108201";

// A 0.001° square building with its south-west corner at (x, y).
Building square(const std::string& parcel, const std::string& owner, double x, double y) {
  Polygon p;
  p.outer() = {{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y + 0.001}, {x, y}};
  Building b;
  b.parcel_id = parcel;
  b.region_code = kVillage;
  b.owner_name = owner;
  b.wkb = to_wkb(MultiPolygon{p});
  b.bbox = BBox{x, y, x + 0.001, y + 0.001};
  return b;
}

Household household(const std::string& id, const std::string& head, const std::string& parcel = "",
                    std::optional<double> lon = {}, std::optional<double> lat = {}) {
  Household h;
  h.household_id = id;
  h.head_name = head;
  h.head_id_number = "11010519491231002X";
  h.region_code = kVillage;
  h.parcel_id = parcel;
  h.lon = lon;
  h.lat = lat;
  return h;
}

class MatchStep : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const Building& b : {square("P1", "张三", 108.0, 31.0), square("P2", "李四", 108.01, 31.0),
                              square("P3", "李四", 108.02, 31.0), square("P4", "王五", 108.03, 31.0)})
      ASSERT_TRUE(census_.insert_building(b, kStamp));
    for (const Household& h :
         {household("H1", "赵六", "P1"),                        // by parcel
          household("H2", "孙七", "", 108.0305, 31.0005),       // inside P4
          household("H3", "王五"),                              // owner of P4 alone
          household("H4", "李四"),                              // owner of P2 and P3
          household("H5", "周八", "P9"),                        // a parcel never imported
          household("H6", "吴九", "P1")})                       // by parcel, and a manual choice
      ASSERT_TRUE(households_.insert_household(h, kStamp));
    ASSERT_TRUE(results_.set_manual_match("H6", "P3", 0, kStamp));
  }

  // The whole census in `parts` key ranges, as a run reads it.
  Result<std::vector<MatchResult>> run(int parts = 1) {
    return match_households(households_, results_, kWholeCountry, [&](const Matcher& matcher) {
      static const char* bounds[] = {"", "P2", "\xff"};
      std::vector<Matcher::Pass> passes;
      for (int k = 0; k < parts; ++k) {
        auto pass = read_building_pass(census_, matcher, parts == 1 ? "" : bounds[k],
                                       parts == 1 ? "\xff" : bounds[k + 1]);
        if (!pass) return Result<std::vector<Matcher::Pass>>(pass.error());
        passes.push_back(std::move(*pass));
      }
      return Result<std::vector<Matcher::Pass>>(std::move(passes));
    });
  }

  Faults faults_;
  MemoryHouseholds households_{&faults_};
  MemoryCensus census_{&faults_};
  MemoryResults results_{&faults_};
};

TEST_F(MatchStep, EveryRuleOfDomainSixInOrder) {
  auto matched = run();
  ASSERT_TRUE(matched) << matched.error().message;
  ASSERT_EQ(matched->size(), 6u);
  const std::vector<MatchResult>& m = *matched;
  EXPECT_EQ(m[0].household_id, "H1");
  EXPECT_EQ(m[0].outcome, MatchOutcome::by_parcel);
  EXPECT_EQ(m[0].parcel_id, "P1");
  EXPECT_EQ(m[1].outcome, MatchOutcome::by_location);
  EXPECT_EQ(m[1].parcel_id, "P4");
  EXPECT_EQ(m[2].outcome, MatchOutcome::by_owner);
  EXPECT_EQ(m[2].parcel_id, "P4");
  // Two buildings of the village are 李四's: a manual choice is asked for.
  EXPECT_EQ(m[3].outcome, MatchOutcome::ambiguous);
  EXPECT_EQ(m[3].candidates, (std::vector<std::string>{"P2", "P3"}));
  // A roster parcel that names no building is reported, then rules 3–4 tried.
  EXPECT_EQ(m[4].outcome, MatchOutcome::unmatched);
  EXPECT_TRUE(m[4].parcel_not_found);
  // The manual choice wins over the roster's parcel.
  EXPECT_EQ(m[5].outcome, MatchOutcome::manual);
  EXPECT_EQ(m[5].parcel_id, "P3");
  // P4 is H2's and H3's: shared, listed for review.
  EXPECT_TRUE(m[1].shared);
  EXPECT_TRUE(m[2].shared);
  EXPECT_FALSE(m[0].shared);
}

TEST_F(MatchStep, TheResultDoesNotDependOnHowTheBuildingsAreSplit) {
  auto whole = run(1);
  auto split = run(2);
  ASSERT_TRUE(whole && split);
  ASSERT_EQ(whole->size(), split->size());
  for (size_t i = 0; i < whole->size(); ++i) {
    EXPECT_EQ((*whole)[i].outcome, (*split)[i].outcome) << (*whole)[i].household_id;
    EXPECT_EQ((*whole)[i].parcel_id, (*split)[i].parcel_id) << (*whole)[i].household_id;
    EXPECT_EQ((*whole)[i].shared, (*split)[i].shared) << (*whole)[i].household_id;
  }
}

TEST_F(MatchStep, AStoreFailingHalfWayFailsTheStepWithNoResults) {
  // Row 4 of the roster stream, then row 3 of the buildings (after the six
  // households): each fails the step; no result comes back.
  for (long row : {4L, 9L}) {
    faults_.fail_at_row(row);
    auto matched = run();
    ASSERT_FALSE(matched) << row;
    EXPECT_EQ(matched.error().code, ErrorCode::io);
  }
  faults_.fail_at_row(std::nullopt);
  // The manual choice stored before the failures is intact, and a run
  // after them matches as if nothing had happened.
  auto choice = results_.find_manual_match("H6");
  ASSERT_TRUE(choice && *choice);
  EXPECT_EQ((*choice)->parcel_id, "P3");
  auto again = run();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), 6u);
  EXPECT_TRUE(results_.runs().empty());  // the step stores nothing
}

TEST(MemoryCensus, VersionsAndKeysAsTheEngines) {
  MemoryCensus census;
  Building b = square("P1", "张三", 108.0, 31.0);
  ASSERT_TRUE(census.insert_building(b, kStamp));
  EXPECT_EQ(census.insert_building(b, kStamp).error().code, ErrorCode::conflict);
  b.floors = 2;
  ASSERT_TRUE(census.update_building(b, 1, kStamp));
  EXPECT_EQ(census.update_building(b, 1, kStamp).error().code, ErrorCode::conflict);
  b.parcel_id = "P9";
  EXPECT_EQ(census.update_building(b, 1, kStamp).error().code, ErrorCode::not_found);
  auto facts = census.find_building_facts("P1");
  ASSERT_TRUE(facts && *facts);
  EXPECT_EQ((*facts)->floors, 2);
  // The same evidence id in two sources is two records.
  Evidence e;
  e.evidence_id = "E1";
  e.parcel_id = "P1";
  e.assessed_on = {2023, 5, 1};
  ASSERT_TRUE(census.insert_evidence(e, kStamp));
  e.source = EvidenceSource::appraisal;
  e.assessed_on = {2022, 5, 1};
  ASSERT_TRUE(census.insert_evidence(e, kStamp));
  EXPECT_EQ(*census.count_evidence(std::nullopt), 2);
  EXPECT_EQ(*census.count_evidence(EvidenceSource::census), 1);
  auto about = census.evidence_about("P1", "");
  ASSERT_TRUE(about);
  ASSERT_EQ(about->size(), 2u);
  EXPECT_EQ((*about)[0].value.source, EvidenceSource::appraisal);  // by date
  census.faults().fail_writes(true);
  Disaster flood;
  flood.event_id = "D1";
  EXPECT_EQ(census.insert_disaster(flood, kStamp).error().code, ErrorCode::io);
  EXPECT_TRUE(census.list_disasters()->empty());
}

TEST(MemoryHouseholds, VersionsHeadsAndRegions) {
  MemoryHouseholds households;
  ASSERT_TRUE(households.insert_household(household("H1", "赵六"), kStamp));
  Household dead = household("H2", "孙七");
  dead.head_id_number = "110105194912310021";
  dead.status = HouseholdStatus::deceased;
  ASSERT_TRUE(households.insert_household(dead, kStamp));
  EXPECT_EQ(households.insert_household(dead, kStamp).error().code, ErrorCode::conflict);
  EXPECT_EQ(**households.household_with_head("11010519491231002X"), "H1");
  EXPECT_EQ(households.living_households(kVillage, kVillage)->size(), 1u);
  EXPECT_EQ(*households.count_households(), 2);
  dead.members = 3;
  EXPECT_EQ(households.update_household(dead, 2, kStamp).error().code, ErrorCode::conflict);
  ASSERT_TRUE(households.update_household(dead, 1, kStamp));
  EXPECT_EQ((*households.find_household("H2"))->version, 2);
  EXPECT_EQ(households.household_regions({"H2", "H7"})->size(), 1u);
}

}  // namespace
}  // namespace anju
