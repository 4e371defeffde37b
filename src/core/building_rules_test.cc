#include "core/building_rules.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(DateCell, EveryFormOfficesType) {
  const Date oct2{2021, 10, 2};
  for (const char* text : {"2021-10-02", "2021/10/2", "2021.10.2", "20211002", "2021年10月2日",
                           "2021年10月02日", "44471"})
    EXPECT_EQ(parse_date_cell(text), oct2) << text;
  for (const char* text : {"2021年13月1日", "2021年2月30日", "21年10月2日", "2021年10月", "2021-02-29",
                           "10月2日", "2021年x月2日", "999"})
    EXPECT_EQ(parse_date_cell(text), std::nullopt) << text;
}

}  // namespace
}  // namespace anju
