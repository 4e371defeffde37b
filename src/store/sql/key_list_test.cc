#include "store/sql/key_list.h"

#include <gtest/gtest.h>

#include <vector>

namespace anju::sql {
namespace {

std::string literal(std::vector<std::string> keys) { return text_array_literal(keys); }

TEST(TextArrayLiteral, QuotesEveryElement) {
  EXPECT_EQ(literal({}), "{}");
  EXPECT_EQ(literal({"P1"}), "{\"P1\"}");
  EXPECT_EQ(literal({"P1", "P2"}), "{\"P1\",\"P2\"}");
  EXPECT_EQ(literal({""}), "{\"\"}");  // an empty key, not an empty array
  EXPECT_EQ(literal({"NULL"}), "{\"NULL\"}");  // quoted: the text, not a null
}

TEST(TextArrayLiteral, EscapesQuotesAndBackslashesOnly) {
  EXPECT_EQ(literal({"a\"b"}), "{\"a\\\"b\"}");
  EXPECT_EQ(literal({"a\\b"}), "{\"a\\\\b\"}");
  EXPECT_EQ(literal({"a,b", "{c}", " d ", "来凤村"}), "{\"a,b\",\"{c}\",\" d \",\"来凤村\"}");
}

}  // namespace
}  // namespace anju::sql
