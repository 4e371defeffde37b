#pragma once
// Statistical division codes (统计用区划代码): 12 digits, grouped
// province 2 | city 2 | county 2 | town 3 | village 3 (DOMAIN.md §2).

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/enums.h"

namespace anju {

enum class RegionLevel { province = 1, city = 2, county = 3, town = 4, village = 5 };

ANJU_ENUM_TRAITS(RegionLevel);

// True for exactly 12 ASCII digits whose province group is not "00".
bool is_region_code(std::string_view code);

// The level of a valid code: the group of its last non-zero digits.
RegionLevel region_level(std::string_view code);

// The code with its trailing all-zero groups removed
// ("500229000000" → "500229", "500229104000" → "500229104").
std::string region_prefix(std::string_view code);

// The code of the enclosing region (the last non-zero group zeroed), or
// nullopt for a province. A group that is zero in the middle (a town directly
// under a city, e.g. 441900003000) is skipped: the parent is 441900000000.
std::optional<std::string> region_parent(std::string_view code);

// True when region `outer` covers `inner`: inner starts with outer's prefix.
bool region_covers(std::string_view outer, std::string_view inner);

// The county a town or village lies in ("500229108201" → "500229000000";
// a town straight under a city gives the city); a county or a wider region
// is its own.
std::string region_county(std::string_view code);

// The province group of a code ("500229108201" → "50"), or "00" when the
// region is not known: the key the PostgreSQL engine partitions by.
std::string region_province(std::string_view code);

// The smallest region that covers every one of `codes` ("500229108201" and
// "500229108202" → "500229108000"); the whole country ("000000000000")
// when they lie in different provinces or there are none.
std::string covering_region(const std::set<std::string>& codes);

}  // namespace anju
