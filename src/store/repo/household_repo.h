#pragma once
// Households (户): one by one, by the batch an import looks up, and the streamed read
// the match makes.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/household.h"
#include "core/match_types.h"
#include "core/result.h"

namespace anju {

class HouseholdRepo {
 public:
  virtual ~HouseholdRepo() = default;

  virtual Result<std::optional<Stored<Household>>> find_household(std::string_view id) = 0;
  // The household whose head has this ID number, if any.
  virtual Result<std::optional<std::string>> household_with_head(std::string_view id_number) = 0;
  virtual Result<void> insert_household(const Household& h, const WriteStamp& stamp) = 0;
  virtual Result<void> update_household(const Household& h, long expected_version,
                                        const WriteStamp& stamp) = 0;
  virtual Result<long> count_households() = 0;
  // The region of the household, or nullopt when there is no such household.
  virtual Result<std::optional<std::string>> household_region(std::string_view id) = 0;
  // Calls `fn` with where every household of `region` lives (a region code;
  // kWholeCountry: all), in household_id order (streaming): what the match
  // reads. A region's read is bounded by it (its index), not the table.
  virtual Result<void> for_each_household_place(
      std::string_view region, const std::function<void(HouseholdPlace&&)>& fn) = 0;
  // (household_id, village) of every household in [lo, hi] that is not
  // deceased, and of those with an active task.
  virtual Result<std::vector<std::pair<std::string, std::string>>> living_households(
      const std::string& region_lo, const std::string& region_hi) = 0;
  // What an import needs to know of a batch of its rows, asked in one
  // statement per few hundred keys instead of one per row: a round trip
  // is nothing on SQLite but costs on PostgreSQL. Only keys found appear,
  // in no particular order; unknown and repeated keys are fine.
  virtual Result<std::vector<Stored<Household>>> find_households(
      const std::vector<std::string>& ids) = 0;
  // (head ID number, household_id) of the heads among `id_numbers`.
  virtual Result<std::vector<std::pair<std::string, std::string>>> households_with_heads(
      const std::vector<std::string>& id_numbers) = 0;
  // (household_id, region_code) of the households among `ids`.
  virtual Result<std::vector<std::pair<std::string, std::string>>> household_regions(
      const std::vector<std::string>& ids) = 0;

 protected:
  HouseholdRepo() = default;
  HouseholdRepo(const HouseholdRepo&) = default;
  HouseholdRepo& operator=(const HouseholdRepo&) = default;
};

}  // namespace anju
