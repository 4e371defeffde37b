#pragma once
// An in-memory CensusRepo (buildings, evidence, disasters), for the unit
// tests of the services that read the census (the match step): no SQL, the
// same contract (repo/census_repo.h), versioned rows, and failures on
// demand through its Faults (faults.h), which the other fakes of a run may
// share. Box searches are exact (the engines bound theirs by an index and a
// largest building span; for buildings narrower than it they agree).
// Not thread-safe, like a Transaction.

#include "store/memory/faults.h"
#include "store/memory/versioned_map.h"
#include "store/repo/census_repo.h"

namespace anju {

class MemoryCensus final : public CensusRepo {
 public:
  explicit MemoryCensus(Faults* shared = nullptr) : faults_(shared ? *shared : own_faults_) {}
  Faults& faults() { return faults_; }

  Result<std::optional<Stored<Building>>> find_building(std::string_view parcel_id) override;
  Result<void> insert_building(const Building& b, const WriteStamp& stamp) override;
  Result<void> update_building(const Building& b, long expected_version,
                               const WriteStamp& stamp) override;
  Result<long> count_buildings() override;
  Result<void> for_each_footprint(std::string_view after, std::string_view upto,
                                  const std::function<void(Footprint&&)>& fn) override;
  Result<std::optional<BuildingFacts>> find_building_facts(std::string_view parcel_id) override;
  Result<void> for_each_footprint_meeting(const BBox& box, const std::function<void(Footprint&&)>& fn) override;
  Result<void> for_each_footprint_in(const std::string& region_lo, const std::string& region_hi,
                                     const std::function<void(Footprint&&)>& fn) override;
  Result<std::optional<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                        std::string_view id) override;
  Result<void> insert_evidence(const Evidence& e, const WriteStamp& stamp) override;
  Result<void> update_evidence(const Evidence& e, long expected_version,
                               const WriteStamp& stamp) override;
  Result<long> count_evidence(std::optional<EvidenceSource> source) override;
  Result<std::optional<Stored<Disaster>>> find_disaster(std::string_view event_id) override;
  Result<void> insert_disaster(const Disaster& d, const WriteStamp& stamp) override;
  Result<void> update_disaster(const Disaster& d, long expected_version,
                               const WriteStamp& stamp) override;
  Result<std::vector<Disaster>> list_disasters() override;
  Result<std::vector<Stored<Evidence>>> evidence_about(std::string_view parcel_id,
                                                       std::string_view household_id) override;
  Result<std::vector<Stored<Building>>> buildings_in_box(const BBox& box, const std::string& region_lo,
                                                         const std::string& region_hi,
                                                         long limit) override;
  Result<std::optional<BBox>> buildings_extent(const std::string& region_lo,
                                               const std::string& region_hi) override;
  Result<std::vector<Stored<Building>>> find_buildings(const std::vector<std::string>& parcel_ids) override;
  Result<std::vector<BuildingFacts>> find_building_facts(
      const std::vector<std::string>& parcel_ids) override;
  Result<std::vector<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                      const std::vector<std::string>& ids) override;

 private:
  Faults own_faults_;
  Faults& faults_;
  VersionedMap<Building> buildings_{"房屋图斑", faults_};
  VersionedMap<Evidence> evidence_{"评估记录", faults_};  // keyed by evidence_key()
  VersionedMap<Disaster> disasters_{"灾害事件", faults_};
};

}  // namespace anju
