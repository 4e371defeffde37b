#pragma once
// A household of the roster (DOMAIN.md §4.1) and a region (§2).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/enums.h"
#include "core/region_code.h"

namespace anju {

// What matching reads of a household (DOMAIN.md §6): who heads it and
// where the roster says it lives.
struct HouseholdPlace {
  std::string household_id;
  std::string region_code;
  std::string head_name;
  std::string parcel_id;
  std::optional<double> lon;
  std::optional<double> lat;
};

// What the judgment reads of a household (DOMAIN.md §7): whether it is
// still there and how it is housed. Not its members or ID numbers.
struct HouseholdStanding {
  std::string household_id;
  std::string region_code;
  HouseholdStatus status = HouseholdStatus::normal;
  Housing housing = Housing::own_rural;
};

struct Household {
  std::string household_id;
  std::string head_name;
  std::string head_id_number;  // personal data: mask before showing
  int members = 1;
  std::string region_code;     // a village-level code
  std::string address;
  std::string phone;           // personal data
  Category category = Category::lifted;
  std::optional<MonitorType> monitor_type;
  std::optional<RosterSource> source;
  HouseholdStatus status = HouseholdStatus::normal;
  Housing housing = Housing::own_rural;
  std::string parcel_id;
  std::optional<double> lon;
  std::optional<double> lat;
  std::vector<std::pair<std::string, std::string>> extras;  // unknown columns

  bool operator==(const Household&) const = default;
};

inline HouseholdStanding standing_of(const Household& h) {
  return HouseholdStanding{h.household_id, h.region_code, h.status, h.housing};
}

struct Region {
  std::string code;
  std::string name;

  RegionLevel level() const { return region_level(code); }
  bool operator==(const Region&) const = default;
};

// Who wrote a row and when (DESIGN.md §3.3); `at` is ISO 8601 UTC.
struct WriteStamp {
  std::string actor;
  std::string at;
};

// A row as stored, with its optimistic-locking version.
template <class T>
struct Stored {
  T value;
  long version = 0;
  std::string created_at;
  std::string updated_at;
  std::string updated_by;
};

}  // namespace anju
