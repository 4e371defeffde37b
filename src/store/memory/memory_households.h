#pragma once
// An in-memory HouseholdRepo, for the unit tests of the services that read
// the roster (the match step): no SQL, the same contract
// (repo/household_repo.h), versioned rows, and failures on demand through
// its Faults (faults.h), which the other fakes of a run may share.
//
// living_households answers from the roster alone (the households that are
// not deceased), as the engines do; which of them have active tasks is the
// field-work repository's to say.
// Not thread-safe, like a Transaction.

#include "store/memory/faults.h"
#include "store/memory/versioned_map.h"
#include "store/repo/household_repo.h"

namespace anju {

class MemoryHouseholds final : public HouseholdRepo {
 public:
  explicit MemoryHouseholds(Faults* shared = nullptr) : faults_(shared ? *shared : own_faults_) {}
  Faults& faults() { return faults_; }

  Result<std::optional<Stored<Household>>> find_household(std::string_view id) override;
  Result<std::optional<std::string>> household_with_head(std::string_view id_number) override;
  Result<void> insert_household(const Household& h, const WriteStamp& stamp) override;
  Result<void> update_household(const Household& h, long expected_version,
                                const WriteStamp& stamp) override;
  Result<long> count_households() override;
  Result<std::optional<std::string>> household_region(std::string_view id) override;
  Result<void> for_each_household_place(std::string_view region,
                                        const std::function<void(HouseholdPlace&&)>& fn) override;
  Result<std::vector<std::pair<std::string, std::string>>> living_households(
      const std::string& region_lo, const std::string& region_hi) override;
  Result<std::vector<Stored<Household>>> find_households(const std::vector<std::string>& ids) override;
  Result<std::vector<std::pair<std::string, std::string>>> households_with_heads(
      const std::vector<std::string>& id_numbers) override;
  Result<std::vector<std::pair<std::string, std::string>>> household_regions(
      const std::vector<std::string>& ids) override;

 private:
  Faults own_faults_;
  Faults& faults_;
  VersionedMap<Household> rows_{"农户", faults_};
};

}  // namespace anju
