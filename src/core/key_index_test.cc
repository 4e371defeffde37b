#include "core/key_index.h"

#include <gtest/gtest.h>

#include <string>

namespace anju {
namespace {

TEST(KeyIndex, ReportsTheFirstRowOfARepeatedKey) {
  KeyIndex idx;
  EXPECT_EQ(idx.first_use("GY0001", 2), std::nullopt);
  EXPECT_EQ(idx.first_use("GY0002", 3), std::nullopt);
  EXPECT_EQ(idx.first_use("GY0001", 7), 2);
  EXPECT_EQ(idx.first_use("GY0001", 9), 2);  // still the first use
  EXPECT_EQ(idx.first_use("", 10), std::nullopt);
  EXPECT_EQ(idx.first_use("", 11), 10);
  EXPECT_EQ(idx.size(), 3u);
}

TEST(KeyIndex, SurvivesGrowthWithManyKeys) {
  KeyIndex idx;
  for (long i = 0; i < 100000; ++i)
    ASSERT_EQ(idx.first_use("key-" + std::to_string(i), i + 2), std::nullopt);
  for (long i = 0; i < 100000; i += 997)
    ASSERT_EQ(idx.first_use("key-" + std::to_string(i), 0), i + 2);
  EXPECT_EQ(idx.size(), 100000u);
}

}  // namespace
}  // namespace anju
