#include "core/household_rules.h"

#include <charconv>
#include <cmath>
#include <string>

#include "core/columns.h"
#include "core/enums.h"
#include "core/id_number.h"
#include "core/row_checker.h"
#include "core/text.h"

namespace anju {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

void check_coordinates(RowChecker& c, Household& h) {
  std::string_view lon = c.get("lon"), lat = c.get("lat");
  if (lon.empty() && lat.empty()) return;
  if (lon.empty() || lat.empty()) {
    c.fail(lon.empty() ? "lon" : "lat", "经度和纬度须同时填写");
    return;
  }
  auto x = parse_decimal(lon), y = parse_decimal(lat);
  if (!x) c.fail("lon", "经度应为十进制度数，如108.6012");
  if (!y) c.fail("lat", "纬度应为十进制度数，如31.8023");
  if (!x || !y) return;
  const bool lon_ok = *x >= 73 && *x <= 136, lat_ok = *y >= 3 && *y <= 54;
  if (!lon_ok && !lat_ok && *y >= 73 && *y <= 136 && *x >= 3 && *x <= 54) {
    c.fail("lon", "经度和纬度可能填反了（经度约73-136，纬度约3-54）");
    return;
  }
  if (!lon_ok) c.fail("lon", "经度超出中国范围（73-136）");
  if (!lat_ok) c.fail("lat", "纬度超出中国范围（3-54）");
  h.lon = x;
  h.lat = y;
}

void check_category(RowChecker& c, Household& h) {
  if (auto v = c.required("category", "户类型")) {
    if (auto cat = c.parse_enum<Category>("category", "户类型", *v)) h.category = *cat;
  }
  std::string_view mt = c.get("monitor_type");
  h.monitor_type = c.parse_enum<MonitorType>("monitor_type", "监测对象类别", mt);
  const bool monitored = enum_parse<Category>(c.get("category")) == Category::monitored;
  const bool lifted = enum_parse<Category>(c.get("category")) == Category::lifted;
  if (monitored && mt.empty()) c.fail("monitor_type", "户类型为监测对象时，监测对象类别为必填项");
  if (lifted && !mt.empty()) c.fail("monitor_type", "户类型为脱贫户时不应填写监测对象类别");
}

}  // namespace

bool is_phone_number(std::string_view t) {
  if (t.size() == 11 && all_digits(t) && t[0] == '1' && t[1] >= '3' && t[1] <= '9') return true;
  // Landline: 0 + 2-3 digit area code, optional '-', 7-8 digit number, optional -extension.
  if (t.empty() || t[0] != '0') return false;
  size_t dash = t.find('-');
  std::string_view area, rest;
  if (dash == std::string_view::npos) {
    if (!all_digits(t) || t.size() < 10 || t.size() > 12) return false;
    return true;
  }
  area = t.substr(0, dash);
  rest = t.substr(dash + 1);
  std::string_view ext;
  if (size_t d2 = rest.find('-'); d2 != std::string_view::npos) {
    ext = rest.substr(d2 + 1);
    rest = rest.substr(0, d2);
    if (!all_digits(ext) || ext.size() > 6) return false;
  }
  return all_digits(area) && area.size() >= 3 && area.size() <= 4 && all_digits(rest) &&
         rest.size() >= 7 && rest.size() <= 8;
}

Parsed<Household> parse_household(const ImportRow& row, const Date& today) {
  RowChecker c(row);
  Household h;
  h.household_id = c.required_text("household_id", "户编号", 32);
  h.head_name = c.required_text("head_name", "户主姓名", 30);
  if (auto v = c.required("head_id_number", "户主身份证号")) {
    auto id = validate_id_number(*v, today);
    if (id) h.head_id_number = *id;
    else c.fail("head_id_number", id.error().message);
  }
  if (auto v = c.required("members", "家庭人口数")) {
    auto n = parse_integer(*v);
    if (!n || *n < 1 || *n > 30) c.fail("members", "家庭人口数应为1-30之间的整数");
    else h.members = static_cast<int>(*n);
  }
  if (auto v = c.required("region_code", "区划代码")) {
    if (!is_region_code(*v)) c.fail("region_code", "区划代码应为12位数字");
    else if (region_level(*v) != RegionLevel::village)
      c.fail("region_code", "区划代码应为村级（12位代码最后3位不全为0）");
    h.region_code = *v;
  }
  h.address = c.optional_text("address", "详细地址", 200);
  h.phone = c.get("phone");
  if (!h.phone.empty() && !is_phone_number(h.phone))
    c.fail("phone", "联系电话应为11位手机号或带区号的固定电话，如023-12345678");
  check_category(c, h);
  h.source = c.parse_enum<RosterSource>("source", "数据来源", c.get("source"));
  h.status = c.parse_enum<HouseholdStatus>("status", "户状态", c.get("status"))
                 .value_or(HouseholdStatus::normal);
  h.housing =
      c.parse_enum<Housing>("housing", "现住房情况", c.get("housing")).value_or(Housing::own_rural);
  h.parcel_id = c.optional_text("parcel_id", "图斑编号", 64);
  check_coordinates(c, h);
  h.extras = row.extras;
  return finish(c, std::move(h));
}

Parsed<Region> parse_region(const ImportRow& row) {
  RowChecker c(row);
  Region r;
  if (auto v = c.required("code", "区划代码")) {
    if (!is_region_code(*v)) c.fail("code", "区划代码应为12位数字，且前2位（省级）不为00");
    r.code = *v;
  }
  r.name = c.required_text("name", "名称", 50);
  return finish(c, std::move(r));
}

namespace {

std::string shortest(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

}  // namespace

std::vector<std::string> household_template_values(const Household& h) {
  std::vector<std::string> cells;
  for (const ColumnSpec& spec : template_columns(TemplateKind::households)) {
    const std::string_view key = spec.key;
    std::string v;
    if (key == "household_id") v = h.household_id;
    else if (key == "head_name") v = h.head_name;
    else if (key == "head_id_number") v = h.head_id_number;
    else if (key == "members") v = std::to_string(h.members);
    else if (key == "region_code") v = h.region_code;
    else if (key == "address") v = h.address;
    else if (key == "phone") v = h.phone;
    else if (key == "category") v = enum_name(h.category);
    else if (key == "monitor_type") v = h.monitor_type ? enum_name(*h.monitor_type) : "";
    else if (key == "source") v = h.source ? enum_name(*h.source) : "";
    else if (key == "status") v = enum_name(h.status);
    else if (key == "housing") v = enum_name(h.housing);
    else if (key == "parcel_id") v = h.parcel_id;
    else if (key == "lon") v = h.lon ? shortest(*h.lon) : "";
    else if (key == "lat") v = h.lat ? shortest(*h.lat) : "";
    cells.push_back(std::move(v));
  }
  return cells;
}

}  // namespace anju
