#pragma once
// Matching (人房对应) and the preliminary judgment (初判) as use cases: load
// what they need from the store, run the pure logic, store the results with
// the run's time and settings.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign_index.h"
#include "core/clock.h"
#include "core/enums.h"
#include "core/match_types.h"
#include "core/read_models.h"
#include "core/user.h"
#include "match/matcher.h"
#include "store/store.h"

namespace anju {

struct MatchSummary {
  std::map<std::string, long> outcomes;  // outcome key → households
  long shared = 0;
  long parcel_not_found = 0;
  long households = 0;
};

// Matches every household of `region` (a region code; kWholeCountry: all)
// and stores the results (ResultRepo::replace_matches: a region's run
// writes its households' matches, and `shared` of the buildings they leave
// or join); keeps manual choices. A region's run reads the buildings near
// its households (read_buildings_near), not the census.
Result<MatchSummary> run_match(Store& store, const std::string& region, const std::string& actor,
                              const Clock& clock);

// The match step of a run (DOMAIN.md §6), without a transaction: every
// household of `region` that `households` streams, with the manual choices
// `results` holds, against the buildings that `read_buildings` streams into
// the matcher, in one pass per key range (read_building_pass; a run reads
// its ranges on threads of their own) or one pass of the buildings near
// (read_buildings_near). Results in household_id order. Stores nothing; a
// failed read fails the step and hands back no result.
using BuildingPasses = std::function<Result<std::vector<Matcher::Pass>>(const Matcher&)>;
Result<std::vector<MatchResult>> match_households(HouseholdRepo& households, ResultRepo& results,
                                                  std::string_view region, const BuildingPasses& read_buildings);
// One pass of the buildings with after < parcel_id <= upto that `census`
// streams ("" and the greatest key: all of them).
Result<Matcher::Pass> read_building_pass(CensusRepo& census, const Matcher& matcher,
                                         std::string_view after, std::string_view upto);
// One pass of every building the rules can name for the matcher's
// households, each once: the parcels they name (rules 1-2), those holding
// their dwelling points in any village (rule 3) and those of `region`'s
// villages (rule 4). What a region's run and one household's re-match read.
Result<Matcher::Pass> read_buildings_near(CensusRepo& census, const Matcher& matcher, std::string_view region);

// 选择图斑: records `parcel_id` as the household's building. The user must
// cover the household (else `not_found`) and may choose (else `forbidden`);
// the building must exist within the user's scope. `expected_version` is the
// version of the choice the user saw (0: none yet; a stale one is
// `conflict`); nullopt takes the current one (the CLI's operator). The
// household's judgment, ledger entry and tasks follow in the same
// transaction (rederive_household): the choice and the new judgment.
struct ManualChoice {
  ManualMatch match;
  JudgmentRow judgment;
};
Result<ManualChoice> set_manual_match(Store& store, const User& user, const std::string& household_id,
                                     const std::string& parcel_id, std::optional<long> expected_version,
                                     const Clock& clock);
// The buildings a user may choose for a household (选择图斑), nearest
// first: those matching listed (ambiguous candidates, the current building)
// and every building within `radius_m` of the dwelling point. Distances are
// from the dwelling point, else from the middle of the listed candidates,
// else there is none and `view` is the extent of the village's buildings.
struct CandidateBuilding {
  Stored<Building> building;
  std::optional<double> distance_m;
  bool listed = false;   // named by matching (candidate or current building)
  bool current = false;  // the household's building now
  long households = 0;   // households matched to it
};
struct MatchCandidates {
  std::optional<double> origin_lon, origin_lat;
  std::string origin;     // "dwelling", "candidates" or "" (none)
  std::optional<BBox> view;  // what a map should show first
  std::vector<CandidateBuilding> items;
};
Result<MatchCandidates> match_candidates(Store& store, const User& user, const std::string& household_id,
                                         double radius_m, long limit);

// Removes the choice (`not_found` when there is none); the household is
// matched again at once by the rules of a run (rematch_household) and its
// judgment, ledger entry and tasks follow, in the same transaction; returns
// the new judgment.
Result<JudgmentRow> clear_manual_match(Store& store, const User& user, const std::string& household_id,
                                std::optional<long> expected_version, const Clock& clock);

// Matches one household again by the rules of a run (DOMAIN.md §6), after a
// change to it or to its manual choice, in the caller's transaction: reads
// only the buildings the rules can name (the roster's and the chosen parcel,
// those holding its dwelling point, those of its village) and stores its
// match (ResultRepo::store_match). `not_found` when there is no household.
Result<MatchResult> rematch_household(Transaction& tx, const std::string& household_id);
// The same for several households at once (a roster's changed rows): one
// read of the buildings near them all. Results in household_id order.
Result<std::vector<MatchResult>> rematch_households(Transaction& tx, const std::vector<std::string>& household_ids);

// The steps of a judgment run, in the order they run, each in the run's
// one transaction: settings (the campaign's, with the overrides; the
// disasters) → judge (every household, DOMAIN.md §8) → field_tasks (§10)
// → ledger (§11) → store (the judgments and the run's record) → counts
// (the region counts lists and dashboards read) → audit.
enum class JudgeStep { settings, judge, field_tasks, ledger, store, counts, audit };
ANJU_ENUM_TRAITS(JudgeStep);

// How long a step took (it ran), or that it was skipped.
struct JudgeStepTime {
  JudgeStep step = JudgeStep::settings;
  double seconds = 0;
  bool skipped = false;
};

struct JudgeOverrides {
  // The run's region (a region code; kWholeCountry: all): only its
  // households are judged, and only their tasks, ledger entries and counts
  // (with the sums above them) change.
  std::string region = std::string(kWholeCountry);
  std::optional<Date> as_of;   // else the campaign's, else today
  std::optional<Date> cutoff;  // else the campaign's
  // Steps to leave out (a test's); the settings, judge, store and audit
  // steps cannot be (`invalid`): a run is always judged, kept and on record.
  std::vector<JudgeStep> skip;
};

struct JudgeSummary {
  JudgeSettings settings;                // as used
  std::map<std::string, long> results;   // result key → households
  std::map<std::string, long> reasons;   // reason key → households
  long changed = 0;                      // results that differ from the previous run
  long tasks_opened = 0, tasks_closed = 0;  // field tasks (DOMAIN.md §10)
  long ledger_opened = 0, ledger_closed = 0;  // C/D ledger entries (DOMAIN.md §11)
  long households = 0;
  long campaigns = 1;                    // campaigns its households followed (settings: the region's)
  std::vector<JudgmentRow> rows;         // every household, in household_id order
  std::vector<JudgeStepTime> steps;      // every step, in order
};

// Judges every household from the stored matches, buildings, evidence and
// disasters; replaces the stored judgments; opens a field task for every
// household to verify and closes those no longer needed; keeps the ledger
// and the counts in step: the JudgeSteps in order, each timed, in one
// transaction (a failing step leaves the store as it was).
Result<JudgeSummary> run_judge(Store& store, const JudgeOverrides& overrides,
                               const std::string& actor, const Clock& clock);
// The same steps in the caller's transaction `tx` (of `store`), left open:
// what a change the judgments depend on (a campaign's settings) runs.
Result<JudgeSummary> judge_in(Store& store, Transaction& tx, const JudgeOverrides& overrides,
                              const WriteStamp& stamp, const Clock& clock);

// What a run judges by: the campaigns its households follow
// (core/campaign_index.h) and each one's settings, in the index's order.
struct JudgeBy {
  CampaignIndex campaigns;
  std::vector<JudgeSettings> settings;
  // The latest as_of of them: what a run reads evidence up to.
  Date latest_as_of() const;
};
// One campaign (the country's) for every household, judged by `s`.
JudgeBy judge_by(const JudgeSettings& s);

// The judge step of a run: the judgment of every household with
// after < household_id ≤ upto (key_bounds' ranges; "" and the greatest key
// for all) of `region` (kWholeCountry: all; a region ignores the key range)
// that `results` reads, in household_id order, under the `disasters` and
// the settings of the household's campaign (each row names it). Stores
// nothing; a failed read fails the step and hands back none of the rows
// read before it.

Result<std::vector<JudgmentRow>> judge_households(ResultRepo& results,
                                                  const std::vector<Disaster>& disasters,
                                                  const JudgeBy& by, std::string_view after,
                                                  std::string_view upto, std::string_view region);

// Judges one household again (after a field visit, an appraisal or a
// renovation's acceptance) with its campaign's settings, in the caller's
// transaction; stores and returns it, and keeps its ledger entry in step
// (the write stamped by `actor`). Its field task is the caller's: the visit
// or appraisal that called it has just moved it on.
Result<JudgmentRow> rejudge_household(Transaction& tx, const std::string& household_id, const std::string& actor,
                                      const Clock& clock);

// After a change to the household itself or to what it is matched to (a
// manual choice or its clearing, an approved change request): its
// judgment, ledger entry and field tasks, re-derived at once in the
// caller's transaction through the code a run uses (rejudge_household, then
// sync_field_tasks for this household alone: a task opened when it is now to
// verify, closed when not, cancelled when it is gone).
Result<JudgmentRow> rederive_household(Transaction& tx, const std::string& household_id,
                                       const std::string& actor, const Clock& clock);

}  // namespace anju
