#include "core/building_rules.h"

#include <array>

#include "core/region_code.h"
#include "core/row_checker.h"

namespace anju {
namespace {

void check_region(RowChecker& c, const char* key, std::string& out) {
  if (auto v = c.required(key, "区划代码")) {
    if (!is_region_code(*v)) c.fail(key, "区划代码应为12位数字");
    out = *v;
  }
}

// A date cell that must not lie after today.
std::optional<Date> check_date(RowChecker& c, const char* key, const char* name,
                               const Date& today) {
  auto v = c.required(key, name);
  if (!v) return std::nullopt;
  auto d = parse_date_cell(*v);
  if (!d) {
    c.fail(key, std::string(name) + "应为日期，如2024-09-11");
    return std::nullopt;
  }
  if (*d > today) {
    c.fail(key, std::string(name) + "晚于今天");
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::optional<BuiltYears> parse_built_years(std::string_view text, int this_year) {
  struct Band {
    std::string_view text;
    std::optional<int> from, to;
  };
  static const std::array<Band, 6> kBands = {{
      {"1980年及以前", std::nullopt, 1980},
      {"1981-1990年", 1981, 1990},
      {"1991-2000年", 1991, 2000},
      {"2001-2010年", 2001, 2010},
      {"2011-2015年", 2011, 2015},
      {"2016年及以后", 2016, std::nullopt},
  }};
  for (const Band& b : kBands)
    if (text == b.text) return BuiltYears{b.from, b.to, std::string(text)};
  std::string_view year = text;
  if (year.ends_with("年")) year.remove_suffix(std::string_view("年").size());
  auto y = parse_integer(year);
  if (!y || *y < 1800 || *y > this_year) return std::nullopt;
  return BuiltYears{static_cast<int>(*y), static_cast<int>(*y), std::string(text)};
}

std::optional<Date> parse_date_cell(std::string_view text) {
  if (auto d = parse_date(text)) return d;
  // 2021年10月2日: as Chinese offices type it.
  if (text.ends_with("日")) {
    std::string_view t = text.substr(0, text.size() - std::string_view("日").size());
    const size_t y = t.find("年"), m = t.find("月");
    if (y == 4 && m != std::string_view::npos && m > y) {
      const std::string_view month = t.substr(y + 3, m - y - 3), day = t.substr(m + 3);
      auto yy = parse_integer(t.substr(0, 4)), mm = parse_integer(month), dd = parse_integer(day);
      if (yy && mm && dd && month.size() <= 2 && day.size() <= 2 &&
          is_real_date(static_cast<int>(*yy), static_cast<int>(*mm), static_cast<int>(*dd)))
        return Date{static_cast<int>(*yy), static_cast<int>(*mm), static_cast<int>(*dd)};
    }
    return std::nullopt;
  }
  // Excel serial days: 1 = 1900-01-01, with Excel's phantom 1900-02-29,
  // so serials from 61 on are one day ahead of the calendar.
  auto serial = parse_integer(text);
  if (!serial || *serial < 10000 || *serial > 2958465) return std::nullopt;  // 1927..9999
  return Date::from_days_since_epoch(*serial - 25569);
}

Parsed<Building> parse_building(const ImportRow& row, const Date& today) {
  RowChecker c(row);
  Building b;
  b.parcel_id = c.required_text("parcel_id", "图斑编号", 64);
  check_region(c, "region_code", b.region_code);
  b.address = c.optional_text("address", "地址", 200);
  b.owner_name = c.optional_text("owner_name", "户主姓名", 30);
  if (auto v = c.get("floors"); !v.empty()) {
    auto n = parse_integer(v);
    if (!n || *n < 1 || *n > 50) c.fail("floors", "建筑层数应为1-50之间的整数");
    else b.floors = static_cast<int>(*n);
  }
  if (auto v = c.get("built_year"); !v.empty()) {
    b.built = parse_built_years(v, today.year);
    if (!b.built)
      c.fail("built_year", "建造年代应为年份（如1987）或普查分段：1980年及以前 / 1981-1990年 / "
                           "1991-2000年 / 2001-2010年 / 2011-2015年 / 2016年及以后");
  }
  b.structure = c.parse_enum<Structure>("structure", "结构类型", c.get("structure"));
  if (auto v = c.get("area_m2"); !v.empty()) {
    auto a = parse_decimal(v);
    if (!a || *a <= 0 || *a > 100000) c.fail("area_m2", "建筑面积应为大于0的数字（平方米）");
    else b.area_m2 = a;
  }
  b.planning_permit = c.parse_enum<Availability>("planning_permit", "规划许可", c.get("planning_permit"));
  b.homestead_approval =
      c.parse_enum<Availability>("homestead_approval", "宅基地审批", c.get("homestead_approval"));
  b.property_registration = c.parse_enum<Availability>("property_registration", "不动产登记",
                                                       c.get("property_registration"));
  b.geo_hazard = c.parse_enum<YesNo>("geo_hazard", "地质灾害隐患", c.get("geo_hazard"));
  b.expanded = c.parse_enum<YesNo>("expanded", "改扩建", c.get("expanded"));
  b.business_use = c.parse_enum<YesNo>("business_use", "用作经营", c.get("business_use"));
  b.extras = row.extras;
  return finish(c, std::move(b));
}

Parsed<Evidence> parse_evidence(const ImportRow& row, EvidenceSource source, const Date& today) {
  RowChecker c(row);
  Evidence e;
  e.source = source;
  e.evidence_id = c.required_text("evidence_id", "记录编号", 64);
  e.parcel_id = c.get("parcel_id");
  e.household_id = c.get("household_id");
  if (e.parcel_id.empty() && e.household_id.empty())
    c.fail("parcel_id", "图斑编号和户编号至少填写一个");
  if (auto d = check_date(c, "assessed_on", "评估日期", today)) e.assessed_on = *d;
  e.grade = c.parse_enum<Grade>("grade", "鉴定等级", c.get("grade"));
  if (auto h = c.parse_enum<Availability>("hazard", "安全隐患", c.get("hazard"))) {
    if (*h == Availability::unknown) c.fail("hazard", "安全隐患只能填写：有 / 无");
    else e.hazard = *h == Availability::yes;
  }
  e.method = c.parse_enum<AssessMethod>("method", "评估方式", c.get("method"))
                 .value_or(default_method(source));
  e.assessor = c.optional_text("assessor", "评估单位", 100);
  e.extras = row.extras;
  return finish(c, std::move(e));
}

Parsed<Disaster> parse_disaster(const ImportRow& row, const Date& today) {
  RowChecker c(row);
  Disaster d;
  d.event_id = c.required_text("event_id", "事件编号", 64);
  check_region(c, "region_code", d.region_code);
  if (auto date = check_date(c, "occurred_on", "发生日期", today)) d.occurred_on = *date;
  if (auto v = c.required("kind", "类型"))
    d.kind = c.parse_enum<DisasterKind>("kind", "类型", *v).value_or(DisasterKind::other);
  d.description = c.optional_text("description", "描述", 500);
  d.extras = row.extras;
  return finish(c, std::move(d));
}

}  // namespace anju
