#include "core/household_rules.h"

#include <gtest/gtest.h>

#include <map>

#include "core/columns.h"
#include "core/id_number.h"

namespace anju {
namespace {

const Date kToday{2026, 11, 28};

std::string valid_id() {
  const std::string first17 = "50022919800101123";
  return first17 + id_check_char(first17);
}

ImportRow make_row(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> cells = {
      {"household_id", "5002291082010001"}, {"head_name", "张三"},
      {"head_id_number", valid_id()},       {"members", "4"},
      {"region_code", "500229108201"},      {"category", "脱贫户"},
  };
  for (const auto& [k, v] : overrides) cells[k] = v;
  ImportRow row;
  row.row_number = 7;
  for (const auto& [k, v] : cells) row.fields.emplace_back(k, v);
  return row;
}

TEST(HouseholdRules, ValidRowWithDefaults) {
  auto p = parse_household(make_row({}), kToday);
  ASSERT_TRUE(p.value) << p.errors.front().message;
  EXPECT_EQ(p.value->members, 4);
  EXPECT_EQ(p.value->category, Category::lifted);
  EXPECT_EQ(p.value->status, HouseholdStatus::normal);
  EXPECT_EQ(p.value->housing, Housing::own_rural);
  EXPECT_FALSE(p.value->lon);
}

TEST(HouseholdRules, LowerCaseXIsNormalised) {
  const std::string first17 = "11010519491231002";
  auto p = parse_household(make_row({{"head_id_number", first17 + "x"}}), kToday);
  ASSERT_TRUE(p.value);
  EXPECT_EQ(p.value->head_id_number, first17 + "X");
}

struct BadCase {
  const char* name;
  std::map<std::string, std::string> overrides;
  std::vector<std::string> error_columns;
};

class HouseholdBadRows : public ::testing::TestWithParam<BadCase> {};

TEST_P(HouseholdBadRows, ReportsExactlyTheFaultyColumns) {
  const auto& c = GetParam();
  auto p = parse_household(make_row(c.overrides), kToday);
  EXPECT_FALSE(p.value);
  std::vector<std::string> columns;
  for (const auto& e : p.errors) {
    columns.push_back(e.column);
    EXPECT_EQ(e.row, 7);
    EXPECT_FALSE(e.message.empty());
  }
  EXPECT_EQ(columns, c.error_columns);
}

INSTANTIATE_TEST_SUITE_P(
    Domain5, HouseholdBadRows,
    ::testing::Values(
        BadCase{"missing_id", {{"household_id", ""}}, {"household_id"}},
        BadCase{"id_too_long", {{"household_id", std::string(33, '1')}}, {"household_id"}},
        BadCase{"missing_name", {{"head_name", ""}}, {"head_name"}},
        BadCase{"name_31_chars", {{"head_name", std::string(31, 'a')}}, {"head_name"}},
        BadCase{"wrong_check_digit", {{"head_id_number", "500229198001011230"}}, {"head_id_number"}},
        BadCase{"birth_0231", {{"head_id_number", "50022919800231123" +
                                                      std::string(1, id_check_char("50022919800231123"))}},
                {"head_id_number"}},
        BadCase{"future_birth", {{"head_id_number", "50022920300101123" +
                                                        std::string(1, id_check_char("50022920300101123"))}},
                {"head_id_number"}},
        BadCase{"members_0", {{"members", "0"}}, {"members"}},
        BadCase{"members_31", {{"members", "31"}}, {"members"}},
        BadCase{"members_text", {{"members", "四"}}, {"members"}},
        BadCase{"region_11_digits", {{"region_code", "50022910820"}}, {"region_code"}},
        BadCase{"region_town_level", {{"region_code", "500229108000"}}, {"region_code"}},
        BadCase{"unknown_category", {{"category", "低保户"}}, {"category"}},
        BadCase{"monitored_without_type", {{"category", "监测对象"}}, {"monitor_type"}},
        BadCase{"lifted_with_type", {{"monitor_type", "边缘易致贫户"}}, {"monitor_type"}},
        BadCase{"bad_status", {{"status", "失联"}}, {"status"}},
        BadCase{"bad_housing", {{"housing", "别墅"}}, {"housing"}},
        BadCase{"bad_source", {{"source", "网上"}}, {"source"}},
        BadCase{"bad_phone", {{"phone", "12345"}}, {"phone"}},
        BadCase{"lon_without_lat", {{"lon", "108.6"}}, {"lat"}},
        BadCase{"swapped_coordinates", {{"lon", "31.8"}, {"lat", "108.6"}}, {"lon"}},
        BadCase{"lon_outside_china", {{"lon", "12.5"}, {"lat", "31.8"}}, {"lon"}},
        BadCase{"two_faults", {{"members", "0"}, {"category", ""}}, {"members", "category"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HouseholdRules, MonitoredWithType) {
  auto p = parse_household(make_row({{"category", "监测对象"}, {"monitor_type", "突发严重困难户"}}),
                           kToday);
  ASSERT_TRUE(p.value);
  EXPECT_EQ(p.value->monitor_type, MonitorType::sudden_hardship);
}

TEST(HouseholdRules, EnglishKeysAndExcelNumbersAreAccepted) {
  auto p = parse_household(
      make_row({{"category", "monitored"}, {"monitor_type", "marginal"}, {"members", "3.0"},
                {"housing", "nursing_home"}, {"lon", "108.6"}, {"lat", "31.8"}}),
      kToday);
  ASSERT_TRUE(p.value);
  EXPECT_EQ(p.value->members, 3);
  EXPECT_EQ(p.value->housing, Housing::nursing_home);
  EXPECT_DOUBLE_EQ(*p.value->lon, 108.6);
}

TEST(HouseholdRules, Phones) {
  EXPECT_TRUE(is_phone_number("13800000000"));
  EXPECT_TRUE(is_phone_number("023-12345678"));
  EXPECT_TRUE(is_phone_number("0851-1234567"));
  EXPECT_TRUE(is_phone_number("023-12345678-123"));
  EXPECT_FALSE(is_phone_number("12800000000"));
  EXPECT_FALSE(is_phone_number("1380000000"));
  EXPECT_FALSE(is_phone_number("23-12345678"));
}

TEST(RegionRules, Validates) {
  ImportRow row;
  row.row_number = 3;
  row.fields = {{"code", "500229108201"}, {"name", "来凤村"}};
  EXPECT_TRUE(parse_region(row).value);
  row.fields = {{"code", "5002291082"}, {"name", ""}};
  auto p = parse_region(row);
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].column, "code");
  EXPECT_EQ(p.errors[1].column, "name");
}

}  // namespace
}  // namespace anju

namespace anju {
namespace {

// The households template's examples, typed as a row, import cleanly: a
// clerk who copies them must not meet Anju refusing its own example (the
// ID number's check digit, the phone).
TEST(HouseholdRules, TheTemplatesExampleRowIsValid) {
  ImportRow row;
  row.row_number = 2;
  for (const ColumnSpec& c : template_columns(TemplateKind::households))
    if (*c.example) row.fields.emplace_back(c.key, c.example);
  const Parsed<Household> parsed = parse_household(row, kToday);
  for (const FieldError& e : parsed.errors) ADD_FAILURE() << e.column << ": " << e.message;
  EXPECT_TRUE(parsed.value);
}

}  // namespace
}  // namespace anju
