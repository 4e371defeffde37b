#include "ingest/normalize.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(Normalize, TrimsAndFoldsFullWidth) {
  EXPECT_EQ(normalize_cell("  abc \t"), "abc");
  EXPECT_EQ(normalize_cell("５００２２９"), "500229");              // full-width digits
  EXPECT_EQ(normalize_cell("１１０１０５１９４９１２３１００２ｘ"), "11010519491231002x");
  EXPECT_EQ(normalize_cell("敬（养）老院"), "敬(养)老院");          // full-width brackets
  EXPECT_EQ(normalize_cell("\xE3\x80\x80张三\xE3\x80\x80"), "张三");  // ideographic spaces
  EXPECT_EQ(normalize_cell("\xE2\x80\x8B来凤村"), "来凤村");          // zero-width space
  EXPECT_EQ(normalize_cell("高燕镇"), "高燕镇");
  EXPECT_EQ(normalize_cell(""), "");
}

}  // namespace
}  // namespace anju
