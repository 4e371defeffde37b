#pragma once
// Person–house matching (人房对应, DOMAIN.md §6): for each household the
// first rule that applies wins — manual choice, roster parcel id, dwelling
// point inside exactly one footprint, exactly one building of the village
// with the head as owner — else unmatched. Then buildings matched by several
// households are marked shared.

#include <string>
#include <unordered_map>
#include <vector>

#include "core/household.h"
#include "core/match_types.h"
#include "match/building_table.h"

namespace anju {

class Matcher {
 public:
  // `manual`: household_id → parcel_id chosen by a user.
  Matcher(const BuildingTable& buildings, std::unordered_map<std::string, std::string> manual)
      : buildings_(buildings), manual_(std::move(manual)) {}

  // Matches one household (call for every household, then finish()).
  void add(const Household& h);
  // Marks shared buildings and hands over the results, in the order added.
  std::vector<MatchResult> finish();

 private:
  const BuildingTable& buildings_;
  std::unordered_map<std::string, std::string> manual_;
  std::vector<MatchResult> results_;
};

}  // namespace anju
