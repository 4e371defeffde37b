#include "store/count_rows.h"

#include <gtest/gtest.h>

#include "store/row_codec.h"

namespace anju {
namespace {

const CountCell kVillageSafe{"110101001001", "110101001000", true, "result", "safe", 2};
const CountCell kVillageAll{"110101001001", "110101001000", true, "households", "", 3};
const CountCell kTownSafe{"110101001000", "110101000000", false, "result", "safe", 2};
const CountCell kTownOwn{"110101001000", "110101000000", true, "result", "safe", 1};

TEST(CountRows, CellsArePackedARowPerRegionAndKindAndComeBackTheSame) {
  const std::vector<CountCell> cells{kTownOwn, kTownSafe, kVillageAll, kVillageSafe};
  const auto rows = pack_count_rows(cells);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].region_code, "110101001000");
  EXPECT_TRUE(rows[0].leaf);
  EXPECT_FALSE(rows[1].leaf);
  EXPECT_EQ(rows[2].parent_code, "110101001000");
  EXPECT_EQ(rows[2].counts, R"({"households":{"":3},"result":{"safe":2}})");
  std::vector<CountCell> back;
  for (const CountRow& r : rows)
    for (CountCell& c : unpack_count_row(r)) back.push_back(std::move(c));
  EXPECT_EQ(back, cells);
}

TEST(CountRows, DeltasAreAddedToTheRowsAboveMadeWhenMissingAndEmptiedOnesDropped) {
  // Stored: the town's own row and its sums; the county has no row yet.
  std::vector<CountRow> rows = pack_count_rows({kTownOwn, kTownSafe});
  const std::vector<CountRow> deltas = {
      // One household of the village judged safe → unsafe: the town's sums move.
      {"110101001000", false, "110101000000", R"({"result":{"safe":-1,"unsafe":1}})"},
      {"110101000000", false, "110101000000", R"({"result":{"unsafe":1}})"},
      {"110101001000", false, "110101000000", R"({"result":{"safe":-1}})"},
  };
  const auto merged = add_count_deltas(rows, deltas);
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].region_code, "110101000000");  // the county's new row first (by code)
  EXPECT_FALSE(merged[0].leaf);
  EXPECT_EQ(merged[0].counts, R"({"result":{"unsafe":1}})");
  EXPECT_EQ(merged[1].region_code, "110101001000");
  EXPECT_TRUE(merged[1].leaf);  // a region's own row before its sums, untouched
  EXPECT_EQ(merged[1].counts, R"({"result":{"safe":1}})");
  EXPECT_FALSE(merged[2].leaf);
  EXPECT_EQ(merged[2].parent_code, "110101000000");
  // safe: 2 − 1 − 1 = 0 is dropped; unsafe 1 is new.
  EXPECT_EQ(merged[2].counts, R"({"result":{"unsafe":1}})");
  // Deltas that cancel leave no row behind; none change nothing.
  EXPECT_TRUE(add_count_deltas({}, {{"110101000000", false, "110000000000", R"({"result":{"safe":1}})"},
                                    {"110101000000", false, "110000000000", R"({"result":{"safe":-1}})"}})
                  .empty());
  EXPECT_EQ(add_count_deltas(rows, {}), rows);
  // A delta that is not such JSON is an error, never a zero.
  EXPECT_THROW(add_count_deltas(rows, {{"110101000000", false, "", "[1]"}}), UnreadableValue);
}

TEST(CountRows, EqualCountsGiveEqualTextWhateverTheOrderOfTheKeys) {
  CountCell unsafe = kVillageSafe;
  unsafe.key = "unsafe";
  EXPECT_EQ(pack_count_rows({kVillageSafe, unsafe}), pack_count_rows({unsafe, kVillageSafe}));
  // Text from elsewhere (the migration's JSON, keys in another order) reads the same.
  const CountRow migrated{"110101001001", true, "110101001000", R"({"result":{"unsafe":2,"safe":2}})"};
  EXPECT_EQ(unpack_count_row(migrated).size(), 2u);
  // Damaged text is an error, never "no counts" (which a refresh would
  // then write back as zeros).
  EXPECT_THROW(unpack_count_row(CountRow{"x", true, "", "not json"}), UnreadableValue);
  EXPECT_THROW(unpack_count_row(CountRow{"x", true, "", R"({"result":{"safe":"2"}})"}), UnreadableValue);
}

TEST(CountRows, DiffWritesOnlyTheRowsThatChangedAndRemovesTheEmptied) {
  const auto stored = pack_count_rows({kTownOwn, kTownSafe, kVillageAll, kVillageSafe});
  EXPECT_TRUE(diff_count_rows(stored, stored).empty());
  CountCell more = kVillageSafe;
  more.n = 3;
  CountCell moved = kTownSafe;
  moved.parent_code = "110101009000";
  // The village's count changes, the town's parent changes, the town's own
  // households are gone.
  const auto wanted = pack_count_rows({moved, kVillageAll, more});
  const auto changes = diff_count_rows(stored, wanted);
  ASSERT_EQ(changes.put.size(), 2u);
  EXPECT_EQ(changes.put[0].parent_code, "110101009000");
  EXPECT_EQ(changes.put[1].counts, R"({"households":{"":3},"result":{"safe":3}})");
  ASSERT_EQ(changes.remove.size(), 1u);
  EXPECT_EQ(changes.remove[0].region_code, "110101001000");
  EXPECT_TRUE(changes.remove[0].leaf);
  // A new region is written.
  EXPECT_EQ(diff_count_rows({}, stored).put, stored);
}

}  // namespace
}  // namespace anju
