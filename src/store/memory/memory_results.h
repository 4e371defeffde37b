#pragma once
// An in-memory ResultRepo, for the unit tests of the services that match and
// judge: no SQL, the same contract (repo/result_repo.h), and failures on
// demand (as leveldb's fault-injection env) to show what a run does when the
// store fails half-way.
//
// What the engine joins for the judge (for_each_judge_input) is given here
// ready-made: one JudgeInput per household, with its evidence of every date;
// the fake filters the evidence by `as_of`, the households by key range and
// fills in the previous judgment, as the engines do.
//
// Not thread-safe, like a Transaction.

#include <map>
#include <optional>
#include <string>

#include "store/memory/faults.h"
#include "store/repo/household_repo.h"
#include "store/repo/result_repo.h"

namespace anju {

class MemoryResults final : public ResultRepo {
 public:
  // The households the judge reads (keyed by household_id).
  void put_judge_input(JudgeInput input);

  // Failures on demand (faults.h): its own, or one shared with the other
  // fakes of a run when given.
  // A run over a region reads its manual choices by the households' regions
  // that `households` knows (without it, only whole runs can).
  explicit MemoryResults(Faults* shared = nullptr, HouseholdRepo* households = nullptr)
      : faults_(shared ? *shared : own_faults_), households_(households) {}
  Faults& faults() { return faults_; }
  // The run records of replace_matches/replace_judgments, oldest first.
  const std::vector<RunRecord>& runs() const { return runs_; }

  Result<std::optional<ManualMatch>> find_manual_match(std::string_view household_id) override;
  Result<void> set_manual_match(std::string_view household_id, std::string_view parcel_id,
                                long expected_version, const WriteStamp& stamp) override;
  Result<void> clear_manual_match(std::string_view household_id, long expected_version) override;
  Result<std::vector<std::pair<std::string, std::string>>> list_manual_matches(
      std::string_view region) override;
  Result<void> replace_matches(const RunRecord& run, std::string_view region,
                               const std::vector<MatchResult>& results) override;
  Result<void> for_each_match(const std::function<void(MatchResult&&)>& fn) override;
  Result<void> store_match(const MatchResult& m) override;
  Result<std::optional<MatchResult>> find_match(std::string_view household_id) override;
  Result<bool> holds_results() override;
  Result<void> for_each_judge_input(const Date& as_of, std::string_view after,
                                    std::string_view upto, std::string_view region,
                                    const std::function<void(JudgeInput&&)>& fn) override;
  Result<void> replace_judgments(const RunRecord& run, std::string_view region,
                                 const std::vector<JudgmentRow>& rows) override;
  Result<std::optional<JudgmentRow>> find_judgment(std::string_view household_id) override;
  Result<void> replace_judgment(const JudgmentRow& row) override;
  Result<std::vector<std::string>> households_of_building(std::string_view parcel_id) override;

 private:
  // `shared` of every match on these buildings, as the engines recompute it.
  void recount_shared(const std::vector<std::string>& parcels);
  Result<void> next_row() { return faults_.next_row(); }
  Result<void> writable() const { return faults_.writable(); }

  Faults own_faults_;
  Faults& faults_;
  HouseholdRepo* households_;
  std::map<std::string, JudgeInput, std::less<>> inputs_;
  std::map<std::string, ManualMatch, std::less<>> manual_;
  std::map<std::string, MatchResult, std::less<>> matches_;
  std::map<std::string, JudgmentRow, std::less<>> judgments_;
  std::vector<RunRecord> runs_;
};

}  // namespace anju
