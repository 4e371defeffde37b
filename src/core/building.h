#pragma once
// Census buildings (图斑, DOMAIN.md §4.2), assessments (§4.3) and disasters
// (§4.4).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/enums.h"

namespace anju {

// Construction period: a single year gives from = to; a census band gives
// its bounds ("1980年及以前" → to 1980, no from; "2016年及以后" → from 2016,
// no to).
struct BuiltYears {
  std::optional<int> from;
  std::optional<int> to;
  std::string text;  // as written, normalised
  bool operator==(const BuiltYears&) const = default;
};

struct BBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
  bool operator==(const BBox&) const = default;
};

struct Building {
  std::string parcel_id;
  std::string region_code;
  std::string address;
  std::string owner_name;
  std::optional<int> floors;
  std::optional<BuiltYears> built;
  std::optional<Structure> structure;
  std::optional<double> area_m2;
  std::optional<Availability> planning_permit;
  std::optional<Availability> homestead_approval;
  std::optional<Availability> property_registration;
  std::optional<YesNo> geo_hazard;
  std::optional<YesNo> expanded;
  std::optional<YesNo> business_use;
  std::string wkb;  // MultiPolygon, lon/lat (EPSG:4490)
  BBox bbox;
  std::vector<std::pair<std::string, std::string>> extras;

  bool operator==(const Building&) const = default;
};

// What the judgment needs of a building (DOMAIN.md §7: key information and
// the aging rule).
struct BuildingFacts {
  std::string parcel_id;
  std::optional<int> floors;
  std::optional<BuiltYears> built;
  std::optional<Structure> structure;
  std::string region_code;
};

// What matching needs of a building (DOMAIN.md §6).
struct Footprint {
  std::string parcel_id;
  std::string region_code;
  std::string owner_name;
  std::string wkb;
  BBox bbox;
};

struct Evidence {
  EvidenceSource source = EvidenceSource::census;
  std::string evidence_id;  // unique within its source
  std::string parcel_id;
  std::string household_id;
  Date assessed_on;
  std::optional<Grade> grade;
  std::optional<bool> hazard;  // 安全隐患 有 / 无
  AssessMethod method = AssessMethod::census;
  std::string assessor;
  std::vector<std::pair<std::string, std::string>> extras;
  // Not in the file: the region of the linked building, else of the
  // household, when known at import ("" when neither is imported yet).
  std::string region_code;

  bool operator==(const Evidence&) const = default;
};

struct Disaster {
  std::string event_id;
  std::string region_code;  // any level; covers by prefix
  Date occurred_on;
  DisasterKind kind = DisasterKind::other;
  std::string description;
  std::vector<std::pair<std::string, std::string>> extras;

  bool operator==(const Disaster&) const = default;
};

// Parses a construction year or census band; nullopt when it is neither.
// A single year must lie in 1800..`this_year`.
std::optional<BuiltYears> parse_built_years(std::string_view text, int this_year);

}  // namespace anju
