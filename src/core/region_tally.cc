#include "core/region_tally.h"

#include <algorithm>

#include "core/user.h"

namespace anju {
namespace {

size_t dimension_index(std::string_view dimension) {
  for (size_t i = 0; i < kCountDimensions.size(); ++i)
    if (kCountDimensions[i] == dimension) return i;
  return kCountDimensions.size();
}

// The levels above a village, by the digits of the code they keep.
constexpr std::pair<size_t, std::string_view> kLevels[] = {{9, "town"}, {6, "county"}, {4, "city"}, {2, "province"}};

}  // namespace

void CountTable::Dimensions::add(size_t dimension, std::string_view key, long n) {
  auto& keys = this->keys[dimension];
  for (auto& [k, count] : keys)
    if (k == key) {
      count += n;
      return;
    }
  keys.emplace_back(std::string(key), n);
}

CountTable::Dimensions& CountTable::at(std::string_view region_code, bool leaf) {
  if (last_ && last_->first.first == region_code && last_->first.second == !leaf) return last_->second;
  last_ = &*regions_.try_emplace(Key(std::string(region_code), !leaf)).first;
  return last_->second;
}

void CountTable::add(const CountedHousehold& h) {
  Dimensions& d = at(h.region_code, true);
  const std::string_view values[] = {"", h.result, "", h.match_outcome, h.category, h.status, h.housing,
                                     h.monitor_type};
  for (size_t i = 0; i < std::size(values); ++i)
    if (kCountDimensions[i] != "reason") d.add(i, values[i], 1);
  if (h.reasons)
    for (Reason r : *h.reasons) d.add(dimension_index("reason"), reason_key(r), 1);
}

void CountTable::add(const CountCell& c, long sign) {
  const size_t dimension = dimension_index(c.dimension);
  if (dimension < kCountDimensions.size()) at(c.region_code, c.leaf).add(dimension, c.key, sign * c.n);
}

void CountTable::add(std::string_view region_code, std::string_view dimension, std::string_view key) {
  const size_t i = dimension_index(dimension);
  if (i < kCountDimensions.size()) at(region_code, true).add(i, key, 1);
}

void CountTable::roll_up_into(CountTable& levels, const RegionDirectory& regions, long sign) const {
  const std::string country(kWholeCountry);
  for (const auto& [key, dimensions] : regions_) {
    if (key.second) continue;  // only leaf cells are rolled up
    std::vector<Dimensions*> targets{&levels.at(country, false)};
    for (const auto& [digits, level] : kLevels) {
      if (key.first.size() < digits) continue;
      const std::string code = key.first.substr(0, digits) + std::string(country.size() - digits, '0');
      const auto r = regions.find(code);
      if (r != regions.end() && r->second.level == level) targets.push_back(&levels.at(code, false));
    }
    for (size_t i = 0; i < dimensions.keys.size(); ++i)
      for (const auto& [k, n] : dimensions.keys[i])
        for (Dimensions* t : targets) t->add(i, k, sign * n);
  }
}

std::vector<std::string> CountTable::regions(bool leaf) const {
  std::vector<std::string> out;
  for (const auto& [key, dimensions] : regions_)
    if (key.second == !leaf) out.push_back(key.first);
  return out;
}

std::vector<CountCell> CountTable::cells(const RegionDirectory& regions) const {
  std::vector<CountCell> out;
  for (const auto& [key, dimensions] : regions_) {
    const bool leaf = !key.second;
    std::string parent;
    if (const auto r = regions.find(key.first); r != regions.end()) parent = r->second.parent_code;
    if (!leaf && parent.empty() && key.first != kWholeCountry) parent = kWholeCountry;
    for (size_t i = 0; i < dimensions.keys.size(); ++i) {
      auto keys = dimensions.keys[i];
      std::sort(keys.begin(), keys.end());
      for (auto& [k, n] : keys)
        if (n != 0) out.push_back(CountCell{key.first, parent, leaf, std::string(kCountDimensions[i]), std::move(k), n});
    }
  }
  return out;
}

std::optional<CountTable> leaves_after_run(const std::vector<CountCell>& stored, const RunCounts& run) {
  const auto changed = [&](std::string_view d) {
    return std::find(run.dimensions.begin(), run.dimensions.end(), d) != run.dimensions.end();
  };
  const bool whole = run.counted == RunCounts::Counted::everything;
  // What the run's counts replace: its dimensions; everything when whole.
  const auto replaced = [&](std::string_view d) { return whole || (d != "households" && changed(d)); };
  const RegionDirectory none;
  const std::vector<CountCell> counted = run.counts.cells(none);
  std::map<std::string_view, long> kept, went_through;
  CountTable out;
  for (const CountCell& c : stored) {
    if (!c.leaf) continue;
    if (c.dimension == "households" && c.n != 0) kept[c.region_code] += c.n;
    if (!replaced(c.dimension)) out.add(c);
  }
  for (const CountCell& c : counted) {
    if (c.dimension == "households") went_through[c.region_code] += c.n;
    if (replaced(c.dimension)) out.add(c);
  }
  if (!whole && kept != went_through) return std::nullopt;
  return out;
}

}  // namespace anju
