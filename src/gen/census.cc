#include "gen/census.h"

#include <cstdio>

namespace anju::gen {
namespace {

constexpr double kMetre = 1.0 / 100000.0;  // about a metre in degrees at 32°N

// A rectangle of w × h metres with its south-west corner at (x, y).
std::vector<double> rect(double x, double y, double w, double h) {
  const double dx = w * kMetre, dy = h * kMetre;
  return {x, y, x + dx, y, x + dx, y + dy, x, y + dy, x, y};
}

Date random_date(Rng& rng, Date from, Date to) {
  const long a = from.days_since_epoch(), b = to.days_since_epoch();
  return Date::from_days_since_epoch(a + rng.between(0, b - a));
}

BuiltYears random_built(Rng& rng, Structure s) {
  static const char* kBands[] = {"1980年及以前", "1981-1990年", "1991-2000年", "2001-2010年",
                                 "2011-2015年", "2016年及以后"};
  const bool old = s == Structure::earth_wood || s == Structure::stone_wood || s == Structure::cave;
  const double w_old[] = {0.55, 0.25, 0.12, 0.05, 0.02, 0.01};
  const double w_new[] = {0.05, 0.12, 0.25, 0.3, 0.15, 0.13};
  const size_t band = rng.weighted(old ? w_old : w_new);
  if (rng.chance(0.3)) {  // some registers keep the exact year
    const int lo[] = {1950, 1981, 1991, 2001, 2011, 2016}, hi[] = {1980, 1990, 2000, 2010, 2015, 2023};
    const int y = static_cast<int>(rng.between(lo[band], hi[band]));
    return BuiltYears{y, y, std::to_string(y)};
  }
  const std::optional<int> from[] = {std::nullopt, 1981, 1991, 2001, 2011, 2016};
  const std::optional<int> to[] = {1980, 1990, 2000, 2010, 2015, std::nullopt};
  return BuiltYears{from[band], to[band], kBands[band]};
}

Building attributes(Rng& rng, const std::string& parcel, const Village& v, const std::string& owner) {
  Building b;
  b.parcel_id = parcel;
  b.region_code = v.code;
  b.owner_name = owner;
  b.address = v.town_name + v.name;
  const double w[] = {0.5, 0.14, 0.05, 0.04, 0.01, 0.2, 0.01, 0.04, 0.01};
  b.structure = static_cast<Structure>(rng.weighted(w));
  b.built = random_built(rng, *b.structure);
  b.floors = static_cast<int>(rng.between(1, *b.structure == Structure::concrete ? 4 : 2));
  b.area_m2 = static_cast<double>(rng.between(40, 240));
  if (rng.chance(0.03)) b.floors.reset();  // key information missing
  if (rng.chance(0.02)) b.built.reset();
  b.homestead_approval = rng.chance(0.7) ? Availability::yes : Availability::unknown;
  b.geo_hazard = rng.chance(0.04) ? YesNo::yes : YesNo::no;
  return b;
}

Evidence make_evidence(EvidenceSource source, std::string id, Date on, std::optional<Grade> grade) {
  Evidence e;
  e.source = source;
  e.evidence_id = std::move(id);
  e.assessed_on = on;
  e.grade = grade;
  e.method = default_method(source);
  return e;
}

std::optional<Grade> random_grade(Rng& rng, double p_none, double p_c, double p_d) {
  const double u = rng.unit();
  if (u < p_none) return std::nullopt;
  if (u < p_none + p_d) return Grade::D;
  if (u < p_none + p_d + p_c) return Grade::C;
  return rng.chance(0.45) ? Grade::A : Grade::B;
}

void add_evidence(Rng& rng, HouseholdCensus& out, const Household& h, const std::string& parcel) {
  const std::string& key = h.household_id;
  if (rng.chance(0.06)) return;  // no assessment at all
  // The 2021 disaster census graded most houses.
  if (rng.chance(0.85)) {
    auto e = make_evidence(EvidenceSource::census, "PC-" + key, random_date(rng, {2021, 3, 1}, {2021, 12, 20}),
                           random_grade(rng, 0.04, 0.03, 0.01));
    e.parcel_id = parcel;
    out.evidence.push_back(std::move(e));
  } else {  // only an old survey, before the cut-off
    auto e = make_evidence(EvidenceSource::census, "PC-" + key, random_date(rng, {2017, 1, 1}, {2019, 12, 31}),
                           random_grade(rng, 0.1, 0.05, 0.0));
    e.parcel_id = parcel;
    out.evidence.push_back(std::move(e));
  }
  if (rng.chance(0.55)) {  // the self-built-housing campaign of 2022-2023
    auto e = make_evidence(EvidenceSource::selfbuilt, "ZJ-" + key, random_date(rng, {2022, 5, 1}, {2023, 10, 31}),
                           random_grade(rng, 0.05, 0.03, 0.01));
    e.parcel_id = parcel;
    if (rng.chance(0.06)) e.hazard = true;
    else e.hazard = false;
    out.evidence.push_back(std::move(e));
  }
  if (rng.chance(0.5)) {  // dynamic monitoring is kept per household
    auto e = make_evidence(EvidenceSource::monitoring, "JC-" + key, random_date(rng, {2020, 1, 1}, {2024, 6, 30}),
                           random_grade(rng, 0.08, 0.02, 0.01));
    e.household_id = key;
    out.evidence.push_back(std::move(e));
  }
  if (rng.chance(0.04)) {  // a professional appraisal, usually of a doubtful house
    auto e = make_evidence(EvidenceSource::appraisal, "JD-" + key, random_date(rng, {2020, 6, 1}, {2024, 8, 31}),
                           rng.chance(0.6) ? Grade::C : (rng.chance(0.5) ? Grade::D : Grade::B));
    e.parcel_id = parcel;
    e.assessor = "城口县建设工程质量检测中心";
    out.evidence.push_back(std::move(e));
  }
}

}  // namespace

HouseholdCensus generate_census(Rng& rng, Household& h, const Village& v, long index,
                                const std::string& previous_parcel) {
  HouseholdCensus out;
  char parcel[40];
  std::snprintf(parcel, sizeof parcel, "%s-%05ld", v.code.c_str(), index % 100000);
  const std::string dwelling = std::string(parcel) + "-1";
  // The dwelling: a 10-14 m house around the household's point (or around
  // a point drawn now when the roster has none).
  double x = h.lon.value_or(v.lon + (rng.unit() - 0.5) * 0.02);
  double y = h.lat.value_or(v.lat + (rng.unit() - 0.5) * 0.02);
  const double w = static_cast<double>(rng.between(10, 14)), d = static_cast<double>(rng.between(8, 12));
  const double x0 = x - w / 2 * kMetre, y0 = y - d / 2 * kMetre;
  const bool owner_known = rng.chance(0.8);
  out.buildings.push_back({attributes(rng, dwelling, v, owner_known ? h.head_name : ""), rect(x0, y0, w, d)});
  // One or two outbuildings (kitchen, barn) 20-30 m away.
  const int extra = rng.chance(0.6) ? 2 : 1;
  for (int k = 0; k < extra; ++k) {
    const std::string p = std::string(parcel) + "-" + std::to_string(k + 2);
    const double ox = x0 + (20 + 10 * k) * kMetre, oy = y0 - (15 + 5 * k) * kMetre;
    out.buildings.push_back({attributes(rng, p, v, rng.chance(0.3) ? h.head_name : ""), rect(ox, oy, 6, 5)});
  }

  // The matching case of this household (DOMAIN.md §6).
  const double u = rng.unit();
  h.parcel_id.clear();
  if (u < 0.55) {
    h.parcel_id = dwelling;                       // by_parcel
  } else if (u < 0.80) {
    if (!h.lon) { h.lon = x; h.lat = y; }        // by_location
  } else if (u < 0.86) {
    h.lon.reset(); h.lat.reset();                // by_owner (or ambiguous by owner)
    out.buildings[0].attrs.owner_name = h.head_name;
  } else if (u < 0.88) {
    h.parcel_id = dwelling + "X";                // parcel_not_found, then location
    h.lon = x; h.lat = y;
  } else if (u < 0.90) {
    // An overlapping annex drawn over the dwelling point: ambiguous.
    h.lon = x; h.lat = y;
    out.buildings.push_back({attributes(rng, std::string(parcel) + "-9", v, ""), rect(x - 2 * kMetre, y - 2 * kMetre, 5, 5)});
  } else if (u < 0.92 && !previous_parcel.empty()) {
    h.parcel_id = previous_parcel;               // shared with the neighbour's house
  } else if (u < 0.95) {
    h.lon.reset(); h.lat.reset();                // unmatched
    for (auto& b : out.buildings) b.attrs.owner_name.clear();
  } else {
    h.parcel_id = dwelling;
  }
  add_evidence(rng, out, h, dwelling);
  return out;
}

std::vector<Disaster> generate_disasters(const RegionPlan& plan, Rng& rng) {
  std::vector<Disaster> out;
  const size_t n = plan.villages.size();
  const struct {
    DisasterKind kind;
    Date from, to;
    const char* what;
  } kEvents[] = {
      {DisasterKind::geohazard, {2023, 7, 1}, {2023, 9, 30}, "强降雨引发滑坡"},
      {DisasterKind::flood, {2024, 6, 1}, {2024, 7, 31}, "山洪"},
      {DisasterKind::wind_hail, {2022, 4, 1}, {2022, 5, 31}, "大风冰雹"},
  };
  // One event per about 40 villages, at least one of each kind.
  const size_t count = std::max<size_t>(3, n / 40);
  for (size_t i = 0; i < count; ++i) {
    const auto& e = kEvents[i % 3];
    const Village& v = plan.villages[rng.below(n)];
    char id[32];
    std::snprintf(id, sizeof id, "ZH-%04zu", i + 1);
    Disaster d;
    d.event_id = id;
    d.region_code = v.code;
    d.occurred_on = random_date(rng, e.from, e.to);
    d.kind = e.kind;
    d.description = v.name + e.what;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace anju::gen
