#include "ingest/cell_text.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

struct CellCase {
  const char* name;
  const char* raw;
  CellKind kind;
  bool code;
  const char* text;     // expected text, or null when refused
  const char* message;  // part of the refusal
};

class CellTextTest : public ::testing::TestWithParam<CellCase> {};

TEST_P(CellTextTest, TakesOrRefuses) {
  const CellCase& c = GetParam();
  auto got = cell_text(c.raw, c.kind, c.code, "户编号");
  if (c.text) {
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(*got, c.text);
  } else {
    ASSERT_FALSE(got) << *got;
    EXPECT_NE(got.error().message.find(c.message), std::string::npos) << got.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cells, CellTextTest,
    ::testing::Values(
        CellCase{"code_text", "5002291080010001", CellKind::text, true, "5002291080010001", ""},
        CellCase{"code_15_digits", "500229108001000", CellKind::number, true, "500229108001000", ""},
        CellCase{"code_16_digits", "5002291080010000", CellKind::number, true, nullptr, "超过15位"},
        CellCase{"code_16_digits_e", "5.00229108001E+15", CellKind::number, true, nullptr, "超过15位"},
        CellCase{"code_id_number", "5.0022919800101101E+17", CellKind::number, true, nullptr, "超过15位"},
        CellCase{"code_fraction", "12.5", CellKind::number, true, nullptr, "带小数"},
        CellCase{"code_phone", "13800138000", CellKind::number, true, "13800138000", ""},
        CellCase{"code_zero_padded", "00123", CellKind::number, true, "00123", ""},
        CellCase{"code_exponent_exact", "1.2345E+4", CellKind::number, true, "12345", ""},
        CellCase{"code_scientific_text", "1.23E+17", CellKind::text, true, nullptr, "科学计数法"},
        CellCase{"code_date", "2021-10-02", CellKind::date, true, nullptr, "日期"},
        CellCase{"plain_scientific_text", "1.23E+17", CellKind::text, false, "1.23E+17", ""},
        CellCase{"plain_integer", "4", CellKind::number, false, "4", ""},
        CellCase{"plain_shown_digits", "120.09999999999999", CellKind::number, false, "120.1", ""},
        CellCase{"plain_date", "2021-10-02", CellKind::date, false, "2021-10-02", ""},
        CellCase{"error_value", "#N/A", CellKind::error, false, nullptr, "#N/A"},
        CellCase{"formula_without_value", "", CellKind::formula_without_value, false, nullptr,
                 "没有它的计算结果"},
        CellCase{"broken_number", "12abc", CellKind::number, false, nullptr, "无法读取"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CellText, ScientificNotationIsRecognised) {
  EXPECT_TRUE(looks_scientific("1.23E+17"));
  EXPECT_TRUE(looks_scientific("5e3"));
  EXPECT_TRUE(looks_scientific("-1.5e-2"));
  EXPECT_FALSE(looks_scientific("PC-2021E5"));
  EXPECT_FALSE(looks_scientific("E+17"));
  EXPECT_FALSE(looks_scientific("1.23E+"));
  EXPECT_FALSE(looks_scientific("500229108201-0001"));
}

}  // namespace
}  // namespace anju
