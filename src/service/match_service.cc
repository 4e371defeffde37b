#include <algorithm>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "match/matcher.h"
#include "service/census_service.h"
#include "service/ranged_read.h"
#include "service/retry.h"

#include "core/access.h"

#include "service/audit_service.h"
#include "service/household_scope.h"

namespace anju {

Result<Matcher::Pass> read_building_pass(CensusRepo& census, const Matcher& matcher,
                                         std::string_view after, std::string_view upto) {
  Matcher::Pass pass;
  ANJU_TRY(census.for_each_footprint(after, upto,
                                     [&](Footprint&& b) { matcher.add_building(pass, b); }));
  return pass;
}

Result<std::vector<MatchResult>> match_households(HouseholdRepo& households, ResultRepo& results,
                                                  std::string_view region, const BuildingPasses& read_buildings) {
  auto manual = results.list_manual_matches(region);
  if (!manual) return manual.error();
  Matcher matcher(std::unordered_map<std::string, std::string>(manual->begin(), manual->end()));
  ANJU_TRY(households.for_each_household_place(region, [&](HouseholdPlace&& h) { matcher.add_household(h); }));
  matcher.index();
  auto passes = read_buildings(matcher);
  if (!passes) return passes.error();
  for (Matcher::Pass& pass : *passes) matcher.merge(std::move(pass));
  return matcher.finish();
}

namespace {

Footprint footprint_of(const Building& b) {
  return Footprint{b.parcel_id, b.region_code, b.owner_name, b.wkb, b.bbox};
}

}  // namespace

Result<Matcher::Pass> read_buildings_near(CensusRepo& census, const Matcher& matcher, std::string_view region) {
  // Each building once, whichever way it was found.
  std::set<std::string> seen;
  Matcher::Pass pass;
  auto keep = [&](const Footprint& f) {
    if (seen.insert(f.parcel_id).second) matcher.add_building(pass, f);
  };
  auto named = census.find_buildings(matcher.named_parcels());
  if (!named) return named.error();
  for (const Stored<Building>& b : *named) keep(footprint_of(b.value));
  // Rule 3: the buildings over the dwelling points, in one box around them
  // all (a town's is a few kilometres; the matcher tests each point exactly).
  const std::vector<Point> points = matcher.dwelling_points();
  if (!points.empty()) {
    BBox box{points[0].x(), points[0].y(), points[0].x(), points[0].y()};
    for (const Point& p : points) {
      box.min_lon = std::min(box.min_lon, p.x());
      box.max_lon = std::max(box.max_lon, p.x());
      box.min_lat = std::min(box.min_lat, p.y());
      box.max_lat = std::max(box.max_lat, p.y());
    }
    ANJU_TRY(census.for_each_footprint_meeting(box, [&](Footprint&& f) { keep(f); }));
  }
  const CodeRange villages = region_range(region);
  ANJU_TRY(census.for_each_footprint_in(villages.lo, villages.hi, [&](Footprint&& f) { keep(f); }));
  return pass;
}

namespace {

Result<MatchSummary> match_once(Store& store, const std::string& region, const std::string& actor,
                                const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  // Everything: the buildings stream past the households in key ranges
  // (ranged_read.h). A region: the buildings near its households.
  const bool whole = region_range(region).whole();
  auto matched = match_households(
      tx.households(), tx.results(), region, [&](const Matcher& matcher) -> Result<std::vector<Matcher::Pass>> {
        if (!whole) {
          auto pass = read_buildings_near(tx.census(), matcher, region);
          if (!pass) return pass.error();
          std::vector<Matcher::Pass> one;
          one.push_back(std::move(*pass));
          return one;
        }
        return read_in_ranges<Matcher::Pass>(
            store, tx, KeyedTable::buildings,
            [&](Transaction& reader, std::string_view after, std::string_view upto) {
              return read_building_pass(reader.census(), matcher, after, upto);
            });
      });
  if (!matched) return matched.error();
  const std::vector<MatchResult>& results = *matched;

  MatchSummary summary;
  for (const char* key : {"manual", "by_parcel", "by_location", "by_owner", "ambiguous", "unmatched"})
    summary.outcomes[key] = 0;
  for (const MatchResult& m : results) {
    ++summary.outcomes[match_outcome_key(m.outcome)];
    summary.shared += m.shared;
    summary.parcel_not_found += m.parcel_not_found;
  }
  summary.households = static_cast<long>(results.size());
  nlohmann::json j = {{"region", region},
                      {"outcomes", summary.outcomes},
                      {"shared", summary.shared},
                      {"parcel_not_found", summary.parcel_not_found}};
  ANJU_TRY(tx.results().replace_matches(
      RunRecord{"match", clock.now_iso(), actor, nlohmann::json{{"region", region}}.dump(), j.dump()}, region,
      results));
  ANJU_TRY(audit(tx.audit(), clock, actor, "match.run", "region", region, j));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);  // best effort: the next write chains what is left
  return summary;
}

}  // namespace

Result<MatchSummary> run_match(Store& store, const std::string& region, const std::string& actor,
                              const Clock& clock) {
  return retry_races([&] { return match_once(store, region, actor, clock); });
}

Result<std::vector<MatchResult>> rematch_households(Transaction& tx, const std::vector<std::string>& household_ids) {
  std::unordered_map<std::string, std::string> chosen;
  std::vector<HouseholdPlace> places;
  std::set<std::string> regions;
  for (const std::string& id : household_ids) {
    auto h = tx.households().find_household(id);
    if (!h) return h.error();
    if (!*h) return make_error(ErrorCode::not_found, "没有这个农户：" + id);
    const Household& x = (*h)->value;
    auto manual = tx.results().find_manual_match(id);
    if (!manual) return manual.error();
    if (*manual) chosen.emplace(id, (*manual)->parcel_id);
    places.push_back(HouseholdPlace{x.household_id, x.region_code, x.head_name, x.parcel_id, x.lon, x.lat});
    regions.insert(x.region_code);
  }
  if (places.empty()) return std::vector<MatchResult>{};
  Matcher matcher(std::move(chosen));
  for (HouseholdPlace& p : places) matcher.add_household(std::move(p));
  matcher.index();
  auto pass = read_buildings_near(tx.census(), matcher, covering_region(regions));
  if (!pass) return pass.error();
  matcher.merge(std::move(*pass));
  std::vector<MatchResult> results = matcher.finish();
  for (const MatchResult& r : results) ANJU_TRY(tx.results().store_match(r));
  return results;
}

Result<MatchResult> rematch_household(Transaction& tx, const std::string& household_id) {
  auto results = rematch_households(tx, {household_id});
  if (!results) return results.error();
  return results->front();
}

Result<ManualChoice> set_manual_match(Store& store, const User& user, const std::string& household_id,
                                     const std::string& parcel_id, std::optional<long> expected_version,
                                     const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto h = household_in_scope(tx.households(), user, household_id, Action::manual_match);
  if (!h) return h.error();
  auto b = tx.census().find_building(parcel_id);
  if (!b) return b.error();
  if (!*b || !user_covers(user, (*b)->value.region_code))
    return make_error(ErrorCode::not_found, "图斑编号不存在：" + parcel_id);
  auto before = tx.results().find_manual_match(household_id);
  if (!before) return before.error();
  const long current = *before ? (*before)->version : 0;
  ANJU_TRY(tx.results().set_manual_match(household_id, parcel_id,
                                         expected_version.value_or(current),
                                         WriteStamp{user.name, clock.now_iso()}));
  nlohmann::json detail = {{"after", {{"parcel_id", parcel_id}}}};
  if (*before) detail["before"] = {{"parcel_id", (*before)->parcel_id}};
  ANJU_TRY(
      audit(tx.audit(), clock, user.name, "match.manual_set", "household", household_id, detail));
  auto after = tx.results().find_manual_match(household_id);
  if (!after) return after.error();
  auto judged = rederive_household(tx, household_id, user.name, clock);
  if (!judged) return judged.error();
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);  // best effort: the next write chains what is left
  return ManualChoice{**after, std::move(*judged)};
}

Result<JudgmentRow> clear_manual_match(Store& store, const User& user, const std::string& household_id,
                                std::optional<long> expected_version, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto h = household_in_scope(tx.households(), user, household_id, Action::manual_match);
  if (!h) return h.error();
  auto before = tx.results().find_manual_match(household_id);
  if (!before) return before.error();
  if (!*before) return make_error(ErrorCode::not_found, "该户没有人工选择的图斑：" + household_id);
  ANJU_TRY(
      tx.results().clear_manual_match(household_id, expected_version.value_or((*before)->version)));
  auto matched = rematch_household(tx, household_id);
  if (!matched) return matched.error();
  auto judged = rederive_household(tx, household_id, user.name, clock);
  if (!judged) return judged.error();
  ANJU_TRY(audit(tx.audit(), clock, user.name, "match.manual_clear", "household", household_id,
                 {{"before", {{"parcel_id", (*before)->parcel_id}}},
                  {"after", {{"outcome", match_outcome_key(matched->outcome)}, {"parcel_id", matched->parcel_id}}}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return *std::move(judged);
}

}  // namespace anju
