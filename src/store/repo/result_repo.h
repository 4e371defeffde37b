#pragma once
// What the runs decide: match results with the manual choices (选择图斑), and
// judgments (初判) with what the judge reads.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.
//
// Every result written (MatchResult, JudgmentRow) must carry its household's
// `region_code`: the stores keep its province beside the household id (the
// partition key a join to households prunes by). One without it is refused
// with `internal` before anything is written (check_result_region); results
// read back carry no region.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/household.h"
#include "core/match_types.h"
#include "core/read_models.h"
#include "core/result.h"

namespace anju {

// `internal` for a result (or a field task, a ledger entry: whatever is
// stored beside its household's province) without its household's region.
template <class Row>
Result<void> check_result_region(const Row& r) {
  if (r.region_code.empty()) return make_error(ErrorCode::internal, "结果缺少农户的区划：" + r.household_id);
  return {};
}

template <class Rows>
Result<void> check_result_regions(const Rows& rows) {
  for (const auto& r : rows) ANJU_TRY(check_result_region(r));
  return {};
}

class ResultRepo {
 public:
  virtual ~ResultRepo() = default;

  // 选择图斑: a household's manual choice, if any.
  virtual Result<std::optional<ManualMatch>> find_manual_match(std::string_view household_id) = 0;
  // Sets or replaces the choice, with optimistic locking: `expected_version`
  // 0 means "there is no choice yet"; a stale version fails with `conflict`. The household's
  // stored match becomes `manual` at once (and `shared` is recomputed for
  // the buildings concerned), without waiting for the next run. `not_found`
  // when there is no such household.
  virtual Result<void> set_manual_match(std::string_view household_id, std::string_view parcel_id,
                                        long expected_version, const WriteStamp& stamp) = 0;
  // Removes the choice if its version is `expected_version` (`conflict`
  // otherwise, `not_found` when there is none). The stored match keeps its
  // building until the next run decides anew.
  virtual Result<void> clear_manual_match(std::string_view household_id, long expected_version) = 0;
  // household_id → parcel_id of every manual choice of a household of
  // `region` (a region code; kWholeCountry: all).
  virtual Result<std::vector<std::pair<std::string, std::string>>> list_manual_matches(
      std::string_view region) = 0;
  // Stores `results` as run `run` over `region`: for kWholeCountry they
  // replace every match; for a region they replace the matches of their
  // households only, `shared` is recomputed for the buildings those leave
  // and join, and the counts of the region and the regions above refresh.
  virtual Result<void> replace_matches(const RunRecord& run, std::string_view region,
                                       const std::vector<MatchResult>& results) = 0;
  virtual Result<void> for_each_match(const std::function<void(MatchResult&&)>& fn) = 0;
  // Replaces one household's match (matched again after a change to it) and
  // recomputes `shared` for the buildings it leaves and joins; refreshes its
  // village's counts. `m.shared` is not read.
  virtual Result<void> store_match(const MatchResult& m) = 0;
  virtual Result<std::optional<MatchResult>> find_match(std::string_view household_id) = 0;
  // Calls `fn` for every household with after < household_id ≤ upto (see
  // key_bounds), in
  // household_id order, with what its judgment needs: the matched
  // building's facts, every record naming that building's parcel or the
  // household dated on or before `as_of`, and the result of the previous
  // judgment. The engine joins; memory stays flat.
  // Only households of `region` (kWholeCountry: all), read through its index.
  virtual Result<void> for_each_judge_input(const Date& as_of, std::string_view after,
                                            std::string_view upto, std::string_view region,
                                            const std::function<void(JudgeInput&&)>& fn) = 0;
  // Stores `rows` as run `run` over `region`: for kWholeCountry they replace
  // every judgment; for a region, the judgments of their households only.
  // The region counts are the caller's to refresh
  // (ReadModelRepo::refresh_summary: a run's "counts" step).
  virtual Result<void> replace_judgments(const RunRecord& run, std::string_view region,
                                         const std::vector<JudgmentRow>& rows) = 0;
  virtual Result<std::optional<JudgmentRow>> find_judgment(std::string_view household_id) = 0;
  // Replaces one household's judgment (after a field visit or appraisal) and
  // refreshes its village's counts.
  virtual Result<void> replace_judgment(const JudgmentRow& row) = 0;
  // Households matched to a building.
  virtual Result<std::vector<std::string>> households_of_building(std::string_view parcel_id) = 0;
  // Whether any match or judgment is stored, of any household.
  virtual Result<bool> holds_results() = 0;

 protected:
  ResultRepo() = default;
  ResultRepo(const ResultRepo&) = default;
  ResultRepo& operator=(const ResultRepo&) = default;
};

}  // namespace anju
