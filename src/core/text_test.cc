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

TEST(Text, TellsGbkThatHappensToBeValidUtf8) {
  EXPECT_TRUE(looks_like_chinese_utf8("砖石结构 abc"));
  EXPECT_TRUE(is_valid_utf8("\xD7\xA9\xCA\xAF"));               // 砖石 in GBK …
  EXPECT_FALSE(looks_like_chinese_utf8("\xD7\xA9\xCA\xAF"));    // … reads as Hebrew
  EXPECT_FALSE(looks_like_chinese_utf8("\xB8\xDF\xD1\xE0"));    // invalid UTF-8
}

TEST(Text, Length) {
  EXPECT_EQ(utf8_length("高燕镇ab"), 5u);
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_TRUE(is_ascii("abc 123"));
  EXPECT_FALSE(is_ascii("镇"));
}

}  // namespace
}  // namespace anju

namespace anju {
namespace {

TEST(Hex, LowerCaseTwoDigitsAByte) {
  EXPECT_EQ(hex_lower(""), "");
  EXPECT_EQ(hex_lower(std::string("\x00\x0f\xa5\xff", 4)), "000fa5ff");
  EXPECT_EQ(hex_lower("安"), "e5ae89");
  EXPECT_EQ(hex_decode("000FA5ff"), std::string("\x00\x0f\xa5\xff", 4));
  EXPECT_EQ(hex_decode(""), std::string());
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("zz"));
}

}  // namespace
}  // namespace anju
