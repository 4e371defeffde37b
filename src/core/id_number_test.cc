#include "core/id_number.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

const Date kToday{2026, 11, 28};

std::string with_check(const std::string& first17) { return first17 + id_check_char(first17); }
std::string with_wrong_check(const std::string& first17) {
  return first17 + (id_check_char(first17) == '0' ? '1' : '0');
}

TEST(IdNumber, CheckCharacterMatchesKnownNumbers) {
  // The example number of GB 11643-1999's annex.
  EXPECT_EQ(id_check_char("11010519491231002"), 'X');
  EXPECT_EQ(id_check_char("44052418800101001"), '4');
}

struct IdCase {
  const char* name;
  std::string input;
  bool ok;
  std::string normalised_or_message_part;
};

class IdNumberCases : public ::testing::TestWithParam<IdCase> {};

TEST_P(IdNumberCases, Validates) {
  const IdCase& c = GetParam();
  auto r = validate_id_number(c.input, kToday);
  ASSERT_EQ(r.ok(), c.ok) << c.name << ": " << (r.ok() ? *r : r.error().message);
  if (c.ok) {
    EXPECT_EQ(*r, c.normalised_or_message_part);
  } else {
    EXPECT_NE(r.error().message.find(c.normalised_or_message_part), std::string::npos)
        << r.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Gb11643, IdNumberCases,
    ::testing::Values(
        IdCase{"annex_example_wrong_check", "110105194912310021", false, "校验位错误（应为X）"},
        IdCase{"valid_x", "11010519491231002X", true, "11010519491231002X"},
        IdCase{"lower_x", "11010519491231002x", true, "11010519491231002X"},
        IdCase{"valid_digit", with_check("50022919800101123"), true,
               with_check("50022919800101123")},
        IdCase{"wrong_check", with_wrong_check("50022919800101123"), false, "校验位错误"},
        IdCase{"feb_31", with_check("50022919800231123"), false, "不是真实存在的日期"},
        IdCase{"feb_29_non_leap", with_check("50022919810229123"), false, "不是真实存在"},
        IdCase{"feb_29_leap", with_check("50022019800229123"), true,
               with_check("50022019800229123")},
        IdCase{"month_13", with_check("50022919801301123"), false, "不是真实存在"},
        IdCase{"year_1899", with_check("50022918991231123"), false, "不是真实存在"},
        IdCase{"future_birth", with_check("50022920261129123"), false, "晚于今天"},
        IdCase{"born_today", with_check("50022920261128123"), true,
               with_check("50022920261128123")},
        IdCase{"too_short", "50022919800101123", false, "应为18位"},
        IdCase{"too_long", "5002291980010112345", false, "应为18位"},
        IdCase{"letters", "50022919800101A234", false, "前17位"},
        IdCase{"bad_last", "50022919800101123Y", false, "第18位"},
        IdCase{"scientific", "5.00229198001011E+17", false, "科学计数法"},
        IdCase{"empty", "", false, "应为18位"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IdNumber, Masks) {
  EXPECT_EQ(mask_id_number("42280119800101123X"), "422801********123X");
  EXPECT_EQ(mask_id_number("123"), "**3");
  EXPECT_EQ(mask_id_number(""), "");
}

}  // namespace
}  // namespace anju
