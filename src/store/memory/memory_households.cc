#include "store/memory/memory_households.h"

#include <algorithm>

#include "core/access.h"

namespace anju {

Result<std::optional<Stored<Household>>> MemoryHouseholds::find_household(std::string_view id) {
  return rows_.find(id);
}

Result<std::optional<std::string>> MemoryHouseholds::household_with_head(std::string_view id_number) {
  for (const auto& [id, h] : rows_.rows())
    if (h.value.head_id_number == id_number) return std::optional<std::string>(id);
  return std::optional<std::string>();
}

Result<void> MemoryHouseholds::insert_household(const Household& h, const WriteStamp& stamp) {
  return rows_.insert(h.household_id, h, stamp);
}

Result<void> MemoryHouseholds::update_household(const Household& h, long expected_version,
                                                const WriteStamp& stamp) {
  return rows_.update(h.household_id, h, expected_version, stamp);
}

Result<long> MemoryHouseholds::count_households() {
  return static_cast<long>(rows_.rows().size());
}

Result<std::optional<std::string>> MemoryHouseholds::household_region(std::string_view id) {
  auto h = rows_.find(id);
  if (!h) return std::optional<std::string>();
  return std::optional<std::string>(h->value.region_code);
}

Result<void> MemoryHouseholds::for_each_household_place(
    std::string_view region, const std::function<void(HouseholdPlace&&)>& fn) {
  const CodeRange range = region_range(region);
  for (const auto& [id, stored] : rows_.rows()) {
    const Household& h = stored.value;
    if (h.region_code < range.lo || h.region_code > range.hi) continue;
    ANJU_TRY(faults_.next_row());
    fn(HouseholdPlace{h.household_id, h.region_code, h.head_name, h.parcel_id, h.lon, h.lat});
  }
  return {};
}

Result<std::vector<std::pair<std::string, std::string>>> MemoryHouseholds::living_households(
    const std::string& region_lo, const std::string& region_hi) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, stored] : rows_.rows()) {
    const Household& h = stored.value;
    if (h.region_code >= region_lo && h.region_code <= region_hi &&
        h.status != HouseholdStatus::deceased)
      out.emplace_back(id, h.region_code);
  }
  return out;
}

Result<std::vector<Stored<Household>>> MemoryHouseholds::find_households(
    const std::vector<std::string>& ids) {
  std::vector<Stored<Household>> out;
  for (const auto& [id, stored] : rows_.rows())
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) out.push_back(stored);
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> MemoryHouseholds::households_with_heads(
    const std::vector<std::string>& id_numbers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, stored] : rows_.rows()) {
    const std::string& head = stored.value.head_id_number;
    if (std::find(id_numbers.begin(), id_numbers.end(), head) != id_numbers.end())
      out.emplace_back(head, id);
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> MemoryHouseholds::household_regions(
    const std::vector<std::string>& ids) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, stored] : rows_.rows())
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) out.emplace_back(id, stored.value.region_code);
  return out;
}

}  // namespace anju
