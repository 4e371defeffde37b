#include "gen/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/id_number.h"
#include "core/import_row.h"
#include "gen/roster.h"
#include "service/import_service.h"

namespace anju::gen {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("anju_gen_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(GeneratorTest, SameSeedSameFilesOtherSeedOtherFiles) {
  ASSERT_TRUE(generate({898, 7, (dir_ / "a").string()}));
  ASSERT_TRUE(generate({898, 7, (dir_ / "b").string()}));
  ASSERT_TRUE(generate({898, 8, (dir_ / "c").string()}));
  EXPECT_EQ(slurp(dir_ / "a/households.csv"), slurp(dir_ / "b/households.csv"));
  EXPECT_NE(slurp(dir_ / "a/households.csv"), slurp(dir_ / "c/households.csv"));
  EXPECT_EQ(slurp(dir_ / "a/regions.csv"), slurp(dir_ / "b/regions.csv"));
}

TEST_F(GeneratorTest, DemoTownHasEveryValueAndValidIds) {
  const RegionPlan plan = plan_regions(898);
  // 高燕镇's villages and communities with the codes of the 2023 table.
  ASSERT_EQ(plan.villages.size(), 14u);
  EXPECT_EQ(plan.villages[0].code, "500229108001");
  EXPECT_EQ(plan.villages[0].name, "泰山社区");
  EXPECT_EQ(plan.villages[2].code, "500229108200");
  EXPECT_EQ(plan.villages[13].code, "500229108214");
  EXPECT_EQ(plan.villages[13].name, "星光村");
  bool named = false;
  for (const Region& r : plan.regions)
    if (r.code == "500229108200") named = r.name == "来凤村村民委员会";
  EXPECT_TRUE(named) << "the region carries the official name";
  std::set<Housing> housing;
  std::set<HouseholdStatus> status;
  std::set<MonitorType> monitor;
  std::set<std::string> ids, heads;
  long count = 0;
  generate_households(plan, 898, 1, [&](const Household& h, const Village& v) {
    ++count;
    housing.insert(h.housing);
    status.insert(h.status);
    if (h.monitor_type) monitor.insert(*h.monitor_type);
    EXPECT_TRUE(ids.insert(h.household_id).second);
    EXPECT_TRUE(heads.insert(h.head_id_number).second);
    EXPECT_TRUE(validate_id_number(h.head_id_number, Date{2026, 1, 1})) << h.head_id_number;
    EXPECT_EQ(h.region_code, v.code);
  });
  EXPECT_EQ(count, 898);
  EXPECT_EQ(housing.size(), 8u);
  EXPECT_EQ(status.size(), 3u);
  EXPECT_EQ(monitor.size(), 3u);
}

TEST_F(GeneratorTest, LargerSetsAddSyntheticTowns) {
  const RegionPlan plan = plan_regions(10000);
  EXPECT_EQ(plan.villages.size(), 11u * kVillagesPerTown);
  long count = 0;
  generate_households(plan, 10000, 3, [&](const Household&, const Village&) { ++count; });
  EXPECT_EQ(count, 10000);
}

TEST_F(GeneratorTest, GeneratedFilesImportWithoutErrors) {
  ASSERT_TRUE(generate({898, 1, dir_.string()}));
  auto store = open_store(":memory:");
  ASSERT_TRUE(store);
  const FixedClock clock("2026-11-28T10:00:00Z", Date{2026, 11, 28});
  auto regions = import_regions(**store, (dir_ / "regions.csv").string(), {}, clock);
  ASSERT_TRUE(regions);
  EXPECT_EQ(regions->error_count, 0);
  auto households = import_households(**store, (dir_ / "households.csv").string(), {}, clock);
  ASSERT_TRUE(households);
  EXPECT_EQ(households->error_count, 0) << households->errors[0].message;
  EXPECT_EQ(households->inserted, 898);
}

}  // namespace
}  // namespace anju::gen
