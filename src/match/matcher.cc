#include "match/matcher.h"

#include <algorithm>

namespace anju {
namespace {

// Applies the outcome of a rule that found `hits` buildings.
bool decide(MatchResult& m, MatchOutcome single, const std::vector<uint32_t>& hits,
            const BuildingTable& b) {
  if (hits.empty()) return false;
  if (hits.size() == 1) {
    m.outcome = single;
    m.parcel_id = b.parcel_id(hits[0]);
  } else {
    m.outcome = MatchOutcome::ambiguous;
    for (uint32_t i : hits) m.candidates.emplace_back(b.parcel_id(i));
  }
  return true;
}

}  // namespace

void Matcher::add(const Household& h) {
  MatchResult m;
  m.household_id = h.household_id;
  if (auto it = manual_.find(h.household_id); it != manual_.end()) {
    m.outcome = MatchOutcome::manual;
    m.parcel_id = it->second;
  } else if (!h.parcel_id.empty() && buildings_.find(h.parcel_id) >= 0) {
    m.outcome = MatchOutcome::by_parcel;
    m.parcel_id = h.parcel_id;
  } else {
    m.parcel_not_found = !h.parcel_id.empty();
    bool decided = false;
    if (h.lon && h.lat)
      decided = decide(m, MatchOutcome::by_location, buildings_.covering(Point(*h.lon, *h.lat)),
                       buildings_);
    if (!decided)
      decided = decide(m, MatchOutcome::by_owner, buildings_.owned_by(h.region_code, h.head_name),
                       buildings_);
    if (!decided) m.outcome = MatchOutcome::unmatched;
  }
  results_.push_back(std::move(m));
}

std::vector<MatchResult> Matcher::finish() {
  std::unordered_map<std::string_view, int> uses;
  for (const MatchResult& m : results_)
    if (!m.parcel_id.empty()) ++uses[m.parcel_id];
  for (MatchResult& m : results_)
    if (!m.parcel_id.empty() && uses[m.parcel_id] > 1) m.shared = true;
  return std::move(results_);
}

}  // namespace anju
