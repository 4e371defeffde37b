#include "core/text.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(Text, Utf8Validity) {
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_TRUE(is_valid_utf8("高燕镇"));
  EXPECT_FALSE(is_valid_utf8("\xB8\xDF\xD1\xE0"));  // 高燕 in GBK
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE9\xAB"));          // truncated 高
  EXPECT_TRUE(is_valid_utf8("\xE9\xAB", true));
}

TEST(Text, Length) {
  EXPECT_EQ(utf8_length("高燕镇ab"), 5u);
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_TRUE(is_ascii("abc 123"));
  EXPECT_FALSE(is_ascii("镇"));
}

}  // namespace
}  // namespace anju
