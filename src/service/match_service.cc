#include <nlohmann/json.hpp>

#include "match/matcher.h"
#include "service/census_service.h"
#include "service/ranged_read.h"

#include "core/access.h"

#include "service/audit_service.h"

namespace anju {

Result<Matcher::Pass> read_building_pass(CensusRepo& census, const Matcher& matcher,
                                         std::string_view after, std::string_view upto) {
  Matcher::Pass pass;
  ANJU_TRY(census.for_each_footprint(after, upto,
                                     [&](Footprint&& b) { matcher.add_building(pass, b); }));
  return pass;
}

Result<std::vector<MatchResult>> match_households(HouseholdRepo& households, ResultRepo& results,
                                                  const BuildingPasses& read_buildings) {
  auto manual = results.list_manual_matches();
  if (!manual) return manual.error();
  Matcher matcher(std::unordered_map<std::string, std::string>(manual->begin(), manual->end()));
  ANJU_TRY(households.for_each_household_place([&](HouseholdPlace&& h) { matcher.add_household(h); }));
  matcher.index();
  auto passes = read_buildings(matcher);
  if (!passes) return passes.error();
  for (Matcher::Pass& pass : *passes) matcher.merge(std::move(pass));
  return matcher.finish();
}

Result<MatchSummary> run_match(Store& store, const std::string& actor, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  // The buildings stream past the households in key ranges (ranged_read.h).
  auto matched = match_households(tx.households(), tx.results(), [&](const Matcher& matcher) {
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
  nlohmann::json j = {{"outcomes", summary.outcomes},
                      {"shared", summary.shared},
                      {"parcel_not_found", summary.parcel_not_found}};
  ANJU_TRY(tx.results().replace_matches(RunRecord{"match", clock.now_iso(), actor, "{}", j.dump()},
                                        results));
  ANJU_TRY(audit(tx.audit(), clock, actor, "match.run", "campaign", "1", j));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);  // best effort: the next write chains what is left
  return summary;
}

Result<ManualMatch> set_manual_match(Store& store, const User& user, const std::string& household_id,
                                     const std::string& parcel_id, std::optional<long> expected_version,
                                     const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto h = tx.households().household_region(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::manual_match, **h));
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
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);  // best effort: the next write chains what is left
  return **after;
}

Result<void> clear_manual_match(Store& store, const User& user, const std::string& household_id,
                                std::optional<long> expected_version, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto h = tx.households().household_region(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::manual_match, **h));
  auto before = tx.results().find_manual_match(household_id);
  if (!before) return before.error();
  if (!*before) return make_error(ErrorCode::not_found, "该户没有人工选择的图斑：" + household_id);
  ANJU_TRY(
      tx.results().clear_manual_match(household_id, expected_version.value_or((*before)->version)));
  ANJU_TRY(audit(tx.audit(), clock, user.name, "match.manual_clear", "household", household_id,
                 {{"before", {{"parcel_id", (*before)->parcel_id}}}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return {};
}

}  // namespace anju
