#include "core/region_code.h"

#include <cctype>
#include <array>

namespace anju {
namespace {

// End offsets of the five groups within a 12-digit code.
constexpr std::array<size_t, 5> kGroupEnds = {2, 4, 6, 9, 12};

bool group_is_zero(std::string_view code, size_t group) {
  const size_t begin = group == 0 ? 0 : kGroupEnds[group - 1];
  for (size_t i = begin; i < kGroupEnds[group]; ++i)
    if (code[i] != '0') return false;
  return true;
}

// Index of the last group with a non-zero digit (0 = province).
size_t last_nonzero_group(std::string_view code) {
  for (size_t g = kGroupEnds.size(); g-- > 0;)
    if (!group_is_zero(code, g)) return g;
  return 0;
}

}  // namespace

namespace {

constexpr EnumEntry<RegionLevel> kLevels[] = {
    {RegionLevel::province, "province", "省"},
    {RegionLevel::city, "city", "市"},
    {RegionLevel::county, "county", "县"},
    {RegionLevel::town, "town", "镇"},
    {RegionLevel::village, "village", "村"},
};

}  // namespace

ANJU_ENUM_ENTRIES(RegionLevel, kLevels)

bool is_region_code(std::string_view code) {
  if (code.size() != 12) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return !group_is_zero(code, 0);
}

RegionLevel region_level(std::string_view code) {
  return static_cast<RegionLevel>(last_nonzero_group(code) + 1);
}

std::string region_prefix(std::string_view code) {
  return std::string(code.substr(0, kGroupEnds[last_nonzero_group(code)]));
}

std::optional<std::string> region_parent(std::string_view code) {
  const size_t last = last_nonzero_group(code);
  if (last == 0) return std::nullopt;
  std::string parent(code);
  const size_t begin = kGroupEnds[last - 1];
  for (size_t i = begin; i < kGroupEnds[last]; ++i) parent[i] = '0';
  return parent;
}

bool region_covers(std::string_view outer, std::string_view inner) {
  const std::string prefix = region_prefix(outer);
  return inner.substr(0, prefix.size()) == prefix;
}

std::string region_county(std::string_view code) {
  if (!is_region_code(code) || region_level(code) <= RegionLevel::county) return std::string(code);
  return std::string(code.substr(0, 6)) + "000000";
}

std::string region_province(std::string_view code) {
  if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1])))
    return "00";
  return std::string(code.substr(0, 2));
}

std::string covering_region(const std::set<std::string>& codes) {
  const std::string whole = "000000000000";
  if (codes.empty()) return whole;
  std::optional<std::string> outer = *codes.begin();
  for (const std::string& code : codes)
    while (outer && !region_covers(*outer, code)) outer = region_parent(*outer);
  return outer ? *outer : whole;
}

}  // namespace anju
