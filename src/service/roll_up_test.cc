#include "service/roll_up.h"

#include <gtest/gtest.h>

#include "core/record.h"

namespace anju {
namespace {

// Village counts become the counts of the towns directly under a county,
// named, by town code; a row no town covers is left out, and rows merge
// only where the merge says so (a record state stays apart).
TEST(RollUp, VillagesBecomeTheRegionsUnderTheOneAsked) {
  const std::vector<Region> towns = {{"500229108000", "高燕镇"}, {"500229102000", "庙坝镇"}};
  std::vector<RecordCount> rows = {
      {"500229108201", RecordState::submitted, 2, ""},
      {"500229102201", RecordState::submitted, 1, ""},
      {"500229108202", RecordState::submitted, 3, ""},
      {"500229108202", RecordState::town_approved, 4, ""},
      {"500229999201", RecordState::submitted, 9, ""},
  };
  const auto rolled =
      roll_up(towns, rows, &RecordCount::region_code, [](RecordCount& into, const RecordCount& r) {
        if (into.state != r.state) return false;
        into.n += r.n;
        return true;
      });
  ASSERT_EQ(rolled.size(), 3u);
  EXPECT_EQ(rolled[0].region_code, "500229102000");
  EXPECT_EQ(rolled[0].name, "庙坝镇");
  EXPECT_EQ(rolled[0].n, 1);
  EXPECT_EQ(rolled[1].region_code, "500229108000");
  EXPECT_EQ(rolled[1].state, RecordState::submitted);
  EXPECT_EQ(rolled[1].n, 5);
  EXPECT_EQ(rolled[2].state, RecordState::town_approved);
  EXPECT_EQ(rolled[2].n, 4);
}

}  // namespace
}  // namespace anju
