#pragma once
// The census (房屋普查): buildings (图斑) with their footprints and facts,
// evidence (assessments of earlier campaigns) and disasters.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/building.h"
#include "core/household.h"
#include "core/read_models.h"
#include "core/result.h"

namespace anju {

class CensusRepo {
 public:
  virtual ~CensusRepo() = default;

  virtual Result<std::optional<Stored<Building>>> find_building(std::string_view parcel_id) = 0;
  virtual Result<void> insert_building(const Building& b, const WriteStamp& stamp) = 0;
  virtual Result<void> update_building(const Building& b, long expected_version,
                                       const WriteStamp& stamp) = 0;
  virtual Result<long> count_buildings() = 0;
  // Footprints of the buildings with after < parcel_id ≤ upto (matching:
  // see key_bounds), in no set order; one building's facts (checks).
  virtual Result<void> for_each_footprint(std::string_view after, std::string_view upto,
                                          const std::function<void(Footprint&&)>& fn) = 0;
  virtual Result<std::optional<BuildingFacts>> find_building_facts(std::string_view parcel_id) = 0;
  // Footprints of the buildings of the regions in [lo, hi] (a village's, a
  // town's: what matching one household or one region reads), in no set order.
  virtual Result<void> for_each_footprint_in(const std::string& region_lo, const std::string& region_hi,
                                             const std::function<void(Footprint&&)>& fn) = 0;
  // Footprints of every building, of any region, whose bounding box meets
  // `box` (the dwelling points of a region's households: what rule 3 may
  // name), in no set order.
  virtual Result<void> for_each_footprint_meeting(const BBox& box, const std::function<void(Footprint&&)>& fn) = 0;
  virtual Result<std::optional<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                                std::string_view id) = 0;
  virtual Result<void> insert_evidence(const Evidence& e, const WriteStamp& stamp) = 0;
  virtual Result<void> update_evidence(const Evidence& e, long expected_version,
                                       const WriteStamp& stamp) = 0;
  // Records of one source, or of all sources with nullopt.
  virtual Result<long> count_evidence(std::optional<EvidenceSource> source) = 0;
  virtual Result<std::optional<Stored<Disaster>>> find_disaster(std::string_view event_id) = 0;
  virtual Result<void> insert_disaster(const Disaster& d, const WriteStamp& stamp) = 0;
  virtual Result<void> update_disaster(const Disaster& d, long expected_version,
                                       const WriteStamp& stamp) = 0;
  virtual Result<std::vector<Disaster>> list_disasters() = 0;
  // Every evidence record naming the parcel (if any) or the household, by
  // assessed_on.
  virtual Result<std::vector<Stored<Evidence>>> evidence_about(std::string_view parcel_id,
                                                               std::string_view household_id) = 0;
  // Up to `limit` buildings of the regions in [lo, hi] whose bounding box
  // meets `box`.
  virtual Result<std::vector<Stored<Building>>> buildings_in_box(const BBox& box,
                                                                 const std::string& region_lo,
                                                                 const std::string& region_hi,
                                                                 long limit) = 0;
  // The bounding box of every building of the regions in [lo, hi], if any.
  virtual Result<std::optional<BBox>> buildings_extent(const std::string& region_lo,
                                                       const std::string& region_hi) = 0;
  virtual Result<std::vector<Stored<Building>>> find_buildings(
      const std::vector<std::string>& parcel_ids) = 0;
  virtual Result<std::vector<BuildingFacts>> find_building_facts(
      const std::vector<std::string>& parcel_ids) = 0;
  virtual Result<std::vector<Stored<Evidence>>> find_evidence(
      EvidenceSource source, const std::vector<std::string>& ids) = 0;

 protected:
  CensusRepo() = default;
  CensusRepo(const CensusRepo&) = default;
  CensusRepo& operator=(const CensusRepo&) = default;
};

}  // namespace anju
