#pragma once
// The administrative divisions (区划): what imports write and the region tree reads.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/household.h"
#include "core/result.h"

namespace anju {

class RegionRepo {
 public:
  virtual ~RegionRepo() = default;

  virtual Result<std::optional<Stored<Region>>> find_region(std::string_view code) = 0;
  // Every region, ordered by code.
  virtual Result<std::vector<Region>> list_regions() = 0;
  virtual Result<void> insert_region(const Region& region, const WriteStamp& stamp) = 0;
  // Fails with `conflict` when the stored version is not `expected_version`.
  virtual Result<void> update_region(const Region& region, long expected_version,
                                     const WriteStamp& stamp) = 0;
  // The regions directly under `parent` (kWholeCountry: the provinces), by code.
  virtual Result<std::vector<Region>> child_regions(const std::string& parent) = 0;

 protected:
  RegionRepo() = default;
  RegionRepo(const RegionRepo&) = default;
  RegionRepo& operator=(const RegionRepo&) = default;
};

}  // namespace anju
