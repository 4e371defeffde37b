#include "service/retry.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace anju {
namespace {

Error lost_race() { return Error{ErrorCode::conflict, "数据已被他人同时修改，请稍后重试", Transient::lost_race}; }

TEST(RetryRaces, AWorkThatLostARaceIsBegunAgainUntilItSucceeds) {
  int calls = 0;
  Result<int> r = retry_races([&]() -> Result<int> { return ++calls < 3 ? Result<int>(lost_race()) : 7; });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(calls, 3);
}

TEST(RetryRaces, OtherErrorsAreNotRetriedAndRacesOnlySoOften) {
  int calls = 0;
  Result<int> refused = retry_races([&]() -> Result<int> {
    ++calls;
    return make_error(ErrorCode::conflict, "区划 500229108000 的初判任务尚未结束");
  });
  EXPECT_FALSE(refused);
  EXPECT_EQ(calls, 1) << "a real conflict is the caller's at once";
  calls = 0;
  Result<int> lost = retry_races([&]() -> Result<int> {
    ++calls;
    return lost_race();
  });
  ASSERT_FALSE(lost);
  EXPECT_EQ(calls, kRaceAttempts);
  // Given up: not marked for another retry, or a caller above (the server
  // runs a lost race again) would run it kRaceAttempts times over.
  EXPECT_EQ(lost.error().transient, Transient::no);
  EXPECT_EQ(lost.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace anju
