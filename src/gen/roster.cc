#include "gen/roster.h"

#include <cmath>
#include <cstdio>

#include "core/columns.h"
#include "core/household_rules.h"
#include "core/id_number.h"
#include "core/key_index.h"
#include "gen/names.h"

namespace anju::gen {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Features forced onto evenly spaced households, so that a small town still
// shows every value (DOMAIN.md §9): the 7 other-housing options, the 3
// monitor types, deceased and relocated.
constexpr long kForcedFeatures = 12;

void force_feature(Household& h, long k) {
  if (k < 7) {
    h.housing = static_cast<Housing>(k + 1);
  } else if (k < 10) {
    h.category = Category::monitored;
    h.monitor_type = static_cast<MonitorType>(k - 7);
  } else {
    h.status = k == 10 ? HouseholdStatus::deceased : HouseholdStatus::relocated;
  }
}

std::string unique_id_number(Rng& rng, const std::string& area, Sex sex, KeyIndex& used) {
  while (true) {
    const Date birth = Date::from_days_since_epoch(
        Date{1935, 1, 1}.days_since_epoch() + static_cast<long>(rng.below(365 * 63)));
    long seq = rng.between(0, 499) * 2 + (sex == Sex::male ? 1 : 0);
    char first17[18];
    std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03ld", area.c_str(), birth.year,
                  birth.month, birth.day, seq);
    std::string id = std::string(first17) + id_check_char(first17);
    if (!used.first_use(id, 0)) return id;
  }
}

std::string phone(Rng& rng) {
  const double u = rng.unit();
  if (u < 0.10) return "";
  char buf[24];
  if (u < 0.15) {
    std::snprintf(buf, sizeof buf, "023-5%07ld", rng.between(0, 9999999));
  } else {
    static const char* kPrefixes[] = {"13", "15", "17", "18", "19"};
    std::snprintf(buf, sizeof buf, "%s%09ld", kPrefixes[rng.below(5)], rng.between(0, 999999999));
  }
  return buf;
}

Household make_household(Rng& rng, const Village& v, long seq_in_village, KeyIndex& ids) {
  Household h;
  char hid[24];
  std::snprintf(hid, sizeof hid, "%s%04ld", v.code.c_str(), seq_in_village);
  h.household_id = hid;
  const Sex sex = rng.chance(0.7) ? Sex::male : Sex::female;
  h.head_name = random_name(rng, sex);
  h.head_id_number = unique_id_number(rng, v.code.substr(0, 6), sex, ids);
  const double member_weights[] = {0.14, 0.22, 0.22, 0.2, 0.12, 0.07, 0.03};
  h.members = static_cast<int>(rng.weighted(member_weights)) + 1;
  h.region_code = v.code;
  h.address = v.town_name + v.name + std::to_string(rng.between(1, 9)) + "组" +
              std::to_string(rng.between(1, 120)) + "号";
  h.phone = phone(rng);
  if (rng.chance(0.15)) {
    h.category = Category::monitored;
    const double w[] = {0.5, 0.35, 0.15};
    h.monitor_type = static_cast<MonitorType>(rng.weighted(w));
  }
  h.source = rng.chance(0.8) ? RosterSource::poverty_registry : RosterSource::verification_2020;
  const double u = rng.unit();
  h.status = u < 0.02 ? HouseholdStatus::deceased
                      : (u < 0.035 ? HouseholdStatus::relocated : HouseholdStatus::normal);
  if (rng.chance(0.12)) h.housing = static_cast<Housing>(rng.between(1, 7));
  if (rng.chance(0.92)) {
    const double r = 1.2 * std::sqrt(rng.unit()), theta = 2 * kPi * rng.unit();
    h.lon = std::round((v.lon + r * std::cos(theta) / 94.5) * 1e6) / 1e6;
    h.lat = std::round((v.lat + r * std::sin(theta) / 111.0) * 1e6) / 1e6;
  }
  return h;
}

}  // namespace

void generate_households(const RegionPlan& plan, long total, uint64_t seed,
                         const std::function<void(const Household&, const Village&)>& emit) {
  Rng rng(seed);
  KeyIndex ids;
  const size_t per_town = kVillagesPerTown;
  const long towns = static_cast<long>(plan.villages.size() / per_town);
  const long spacing = total >= kForcedFeatures ? total / kForcedFeatures : 0;
  long index = 0;
  for (long t = 0; t < towns; ++t) {
    const long town_total = total * (t + 1) / towns - total * t / towns;
    double weight_sum = 0;
    for (size_t v = 0; v < per_town; ++v) weight_sum += plan.villages[t * per_town + v].weight;
    double cumulative = 0;
    long assigned = 0;
    for (size_t v = 0; v < per_town; ++v) {
      const Village& village = plan.villages[t * per_town + v];
      cumulative += village.weight;
      const long upto = std::lround(static_cast<double>(town_total) * cumulative / weight_sum);
      for (long seq = 1; assigned < upto; ++seq, ++assigned, ++index) {
        Household h = make_household(rng, village, seq, ids);
        if (spacing > 0 && index % spacing == 0 && index / spacing < kForcedFeatures)
          force_feature(h, index / spacing);
        emit(h, village);
      }
    }
  }
}

std::vector<std::string> roster_cells(const Household& h) { return household_template_values(h); }

}  // namespace anju::gen
