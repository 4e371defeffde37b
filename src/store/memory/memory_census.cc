#include "store/memory/memory_census.h"

#include <algorithm>
#include <tuple>

namespace anju {
namespace {

// Evidence ids are unique within their source.
std::string evidence_key(EvidenceSource source, std::string_view id) {
  return std::string(enum_key(source)) + '\n' + std::string(id);
}

BuildingFacts facts_of(const Building& b) {
  return BuildingFacts{b.parcel_id, b.floors, b.built, b.structure, b.region_code};
}

bool meets(const BBox& a, const BBox& b) {
  return a.min_lon <= b.max_lon && a.max_lon >= b.min_lon && a.min_lat <= b.max_lat &&
         a.max_lat >= b.min_lat;
}

bool listed(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

Result<std::optional<Stored<Building>>> MemoryCensus::find_building(std::string_view parcel_id) {
  return buildings_.find(parcel_id);
}

Result<void> MemoryCensus::insert_building(const Building& b, const WriteStamp& stamp) {
  return buildings_.insert(b.parcel_id, b, stamp);
}

Result<void> MemoryCensus::update_building(const Building& b, long expected_version,
                                           const WriteStamp& stamp) {
  return buildings_.update(b.parcel_id, b, expected_version, stamp);
}

Result<long> MemoryCensus::count_buildings() {
  return static_cast<long>(buildings_.rows().size());
}

Result<void> MemoryCensus::for_each_footprint(std::string_view after, std::string_view upto,
                                              const std::function<void(Footprint&&)>& fn) {
  const auto& rows = buildings_.rows();
  for (auto it = rows.upper_bound(after); it != rows.end() && it->first <= upto; ++it) {
    ANJU_TRY(faults_.next_row());
    const Building& b = it->second.value;
    fn(Footprint{b.parcel_id, b.region_code, b.owner_name, b.wkb, b.bbox});
  }
  return {};
}

Result<void> MemoryCensus::for_each_footprint_meeting(const BBox& box,
                                                     const std::function<void(Footprint&&)>& fn) {
  for (const auto& [id, stored] : buildings_.rows()) {
    const BBox& b = stored.value.bbox;
    if (b.max_lon < box.min_lon || b.min_lon > box.max_lon || b.max_lat < box.min_lat || b.min_lat > box.max_lat)
      continue;
    ANJU_TRY(faults_.next_row());
    const Building& x = stored.value;
    fn(Footprint{x.parcel_id, x.region_code, x.owner_name, x.wkb, x.bbox});
  }
  return {};
}

Result<void> MemoryCensus::for_each_footprint_in(const std::string& region_lo, const std::string& region_hi,
                                                 const std::function<void(Footprint&&)>& fn) {
  for (const auto& [id, stored] : buildings_.rows()) {
    const Building& b = stored.value;
    if (b.region_code < region_lo || b.region_code > region_hi) continue;
    ANJU_TRY(faults_.next_row());
    fn(Footprint{b.parcel_id, b.region_code, b.owner_name, b.wkb, b.bbox});
  }
  return {};
}

Result<std::optional<BuildingFacts>> MemoryCensus::find_building_facts(std::string_view parcel_id) {
  auto b = buildings_.find(parcel_id);
  if (!b) return std::optional<BuildingFacts>();
  return std::optional<BuildingFacts>(facts_of(b->value));
}

Result<std::optional<Stored<Evidence>>> MemoryCensus::find_evidence(EvidenceSource source,
                                                                    std::string_view id) {
  return evidence_.find(evidence_key(source, id));
}

Result<void> MemoryCensus::insert_evidence(const Evidence& e, const WriteStamp& stamp) {
  return evidence_.insert(evidence_key(e.source, e.evidence_id), e, stamp);
}

Result<void> MemoryCensus::update_evidence(const Evidence& e, long expected_version,
                                           const WriteStamp& stamp) {
  return evidence_.update(evidence_key(e.source, e.evidence_id), e, expected_version, stamp);
}

Result<long> MemoryCensus::count_evidence(std::optional<EvidenceSource> source) {
  return static_cast<long>(std::count_if(evidence_.rows().begin(), evidence_.rows().end(), [&](const auto& row) {
    return !source || row.second.value.source == *source;
  }));
}

Result<std::optional<Stored<Disaster>>> MemoryCensus::find_disaster(std::string_view event_id) {
  return disasters_.find(event_id);
}

Result<void> MemoryCensus::insert_disaster(const Disaster& d, const WriteStamp& stamp) {
  return disasters_.insert(d.event_id, d, stamp);
}

Result<void> MemoryCensus::update_disaster(const Disaster& d, long expected_version,
                                           const WriteStamp& stamp) {
  return disasters_.update(d.event_id, d, expected_version, stamp);
}

Result<std::vector<Disaster>> MemoryCensus::list_disasters() {
  std::vector<Disaster> out;
  for (const auto& [id, d] : disasters_.rows()) out.push_back(d.value);
  return out;
}

Result<std::vector<Stored<Evidence>>> MemoryCensus::evidence_about(std::string_view parcel_id,
                                                                   std::string_view household_id) {
  std::vector<Stored<Evidence>> out;
  for (const auto& [key, e] : evidence_.rows())
    if ((!parcel_id.empty() && e.value.parcel_id == parcel_id) || e.value.household_id == household_id)
      out.push_back(e);
  std::sort(out.begin(), out.end(), [](const Stored<Evidence>& a, const Stored<Evidence>& b) {
    return std::tuple(a.value.assessed_on, std::string_view(enum_key(a.value.source)), a.value.evidence_id) <
           std::tuple(b.value.assessed_on, std::string_view(enum_key(b.value.source)), b.value.evidence_id);
  });
  return out;
}

Result<std::vector<Stored<Building>>> MemoryCensus::buildings_in_box(const BBox& box,
                                                                     const std::string& region_lo,
                                                                     const std::string& region_hi,
                                                                     long limit) {
  std::vector<Stored<Building>> out;
  for (const auto& [id, b] : buildings_.rows()) {
    if (static_cast<long>(out.size()) >= limit) break;
    if (meets(b.value.bbox, box) && b.value.region_code >= region_lo && b.value.region_code <= region_hi)
      out.push_back(b);
  }
  return out;
}

Result<std::optional<BBox>> MemoryCensus::buildings_extent(const std::string& region_lo,
                                                           const std::string& region_hi) {
  std::optional<BBox> out;
  for (const auto& [id, stored] : buildings_.rows()) {
    const Building& b = stored.value;
    if (b.region_code < region_lo || b.region_code > region_hi) continue;
    if (!out) out = b.bbox;
    out->min_lon = std::min(out->min_lon, b.bbox.min_lon);
    out->min_lat = std::min(out->min_lat, b.bbox.min_lat);
    out->max_lon = std::max(out->max_lon, b.bbox.max_lon);
    out->max_lat = std::max(out->max_lat, b.bbox.max_lat);
  }
  return out;
}

Result<std::vector<Stored<Building>>> MemoryCensus::find_buildings(
    const std::vector<std::string>& parcel_ids) {
  std::vector<Stored<Building>> out;
  for (const auto& [id, b] : buildings_.rows())
    if (listed(parcel_ids, id)) out.push_back(b);
  return out;
}

Result<std::vector<BuildingFacts>> MemoryCensus::find_building_facts(
    const std::vector<std::string>& parcel_ids) {
  std::vector<BuildingFacts> out;
  for (const auto& [id, b] : buildings_.rows())
    if (listed(parcel_ids, id)) out.push_back(facts_of(b.value));
  return out;
}

Result<std::vector<Stored<Evidence>>> MemoryCensus::find_evidence(EvidenceSource source,
                                                                  const std::vector<std::string>& ids) {
  std::vector<Stored<Evidence>> out;
  for (const auto& [key, e] : evidence_.rows())
    if (e.value.source == source && listed(ids, e.value.evidence_id)) out.push_back(e);
  return out;
}

}  // namespace anju
