#include "gen/region_plan.h"

#include <cstdio>

namespace anju::gen {
namespace {

constexpr long kHouseholdsPerTown = 900;
constexpr int kTownsPerCounty = 40;

// 高燕镇's villages and communities as the 2023 division codes name them
// (DOMAIN.md §9; the builtin table, ingest/builtin_divisions.h), with
// offsets in km from the town centre and a relative size. The region's name
// is the official one (…村民委员会 / …居民委员会); addresses use the short
// one. Other towns reuse the layout under synthetic names.
struct DemoVillage {
  const char* suffix;
  const char* name;
  double east_km, north_km, weight;
};
constexpr DemoVillage kDemoVillages[] = {
    {"001", "泰山社区", 0.0, 0.0, 0.6},  {"002", "大元社区", 0.9, -0.7, 0.5},
    {"200", "来凤村", 2.1, 1.4, 1.1},    {"204", "青山村", -2.6, 2.2, 1.0},
    {"205", "长田村", 3.8, -1.2, 1.2},   {"206", "五峰村", -4.1, -0.8, 0.9},
    {"207", "河岸村", 1.2, -3.1, 1.0},   {"208", "坪原村", 5.6, 2.9, 1.1},
    {"209", "新军村", -1.4, 4.6, 0.8},   {"210", "红军村", -5.8, 3.4, 1.0},
    {"211", "凉桥村", 4.4, -4.7, 0.9},   {"212", "西沟村", -6.2, -3.6, 1.0},
    {"213", "国丰村", 0.6, 6.3, 1.1},    {"214", "星光村", -3.0, -5.6, 1.0},
};

// Degrees per km at about 32°N.
constexpr double kLonPerKm = 1.0 / 94.5;
constexpr double kLatPerKm = 1.0 / 111.0;

static_assert(std::size(kDemoVillages) == kVillagesPerTown);

std::string code_of(const std::string& prefix) { return prefix + std::string(12 - prefix.size(), '0'); }

// The name the division table gives a village or community committee.
std::string official_name(const std::string& place) {
  const bool community = place.ends_with("社区");
  return place + (community ? "居民委员会" : "村民委员会");
}

void add_town(RegionPlan& plan, const std::string& town_prefix, const std::string& town_name,
              const std::string& county_name, double lon, double lat, bool demo) {
  plan.regions.push_back(Region{code_of(town_prefix), town_name});
  for (size_t i = 0; i < std::size(kDemoVillages); ++i) {
    const DemoVillage& v = kDemoVillages[i];
    char synthetic_name[32];
    std::snprintf(synthetic_name, sizeof synthetic_name, "第%zu村", i + 1);
    Village village{town_prefix + v.suffix, demo ? v.name : synthetic_name, town_name, county_name,
                    lon + v.east_km * kLonPerKm, lat + v.north_km * kLatPerKm, v.weight};
    plan.regions.push_back(Region{village.code, demo ? official_name(village.name) : village.name});
    plan.villages.push_back(std::move(village));
  }
}

}  // namespace

RegionPlan plan_regions(long households) {
  RegionPlan plan;
  plan.regions = {{"500000000000", "重庆市"}, {"500200000000", "县"}, {"500229000000", "城口县"}};
  add_town(plan, "500229108", "高燕镇", "城口县", 108.5312, 31.8647, /*demo=*/true);
  const long towns = (households + kHouseholdsPerTown / 2) / kHouseholdsPerTown;
  if (towns <= 1) return plan;
  plan.regions.push_back({"910000000000", "模拟省"});
  plan.regions.push_back({"910100000000", "模拟市"});
  for (long t = 1; t < towns; ++t) {
    const long county = (t - 1) / kTownsPerCounty + 1, town = (t - 1) % kTownsPerCounty + 1;
    char county_prefix[32], town_prefix[48], county_name[32], town_name[32];
    std::snprintf(county_prefix, sizeof county_prefix, "9101%02ld", county);
    std::snprintf(town_prefix, sizeof town_prefix, "%s%03ld", county_prefix, 100 + town);
    std::snprintf(county_name, sizeof county_name, "模拟%ld县", county);
    std::snprintf(town_name, sizeof town_name, "模拟%ld镇", town);
    if (town == 1) plan.regions.push_back({code_of(county_prefix), county_name});
    // Towns on a grid 20 km apart, so their villages never overlap.
    add_town(plan, town_prefix, town_name, county_name, 100.0 + 0.2 * static_cast<double>(t % 50),
             28.0 + 0.2 * static_cast<double>(t / 50), false);
  }
  return plan;
}

}  // namespace anju::gen
