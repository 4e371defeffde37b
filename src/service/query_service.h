#pragma once
// What users read (DESIGN.md §3.2): household pages and detail, the region
// tree with counts, the dashboards' statistics, buildings for the map, the
// audit log. Every function authorizes the user (core/access.h) and masks
// personal numbers unless the user may and did ask to see them in full,
// which is audited.

#include <functional>
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/read_models.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

// Masking as asked: `full` requires Action::view_full_id (else `forbidden`).
struct Disclosure {
  bool full = false;
};
// Checks the disclosure asked for (view_full_id in `region`); audits a
// full one as a read of `object_type` `object_id`.
Result<void> disclose(Store& store, const User& user, const std::string& region, Disclosure disclosure,
                      const std::string& object_type, const std::string& object_id, const nlohmann::json& detail,
                      const Clock& clock);
// Masks the head's ID and phone numbers unless the disclosure is full.
void mask(Household& h, Disclosure disclosure);

// A page of the households the user covers (`filter.region_code` "" = the
// user's whole region). With full disclosure the read is audited.
Result<Page<HouseholdListRow>> list_households(Store& store, const User& user, HouseholdFilter filter,
                                              Disclosure disclosure, const Clock& clock);

// Every household matching `filter` (its paging ignored), in list order,
// handed to `sink` with its village's name; at most `max_rows` (more is
// `invalid`: narrow the filter). Needs Action::export_lists; the export is
// audited with its filter and size. Returns the number of rows.
using HouseholdSink = std::function<Result<void>(const HouseholdListRow& row, const std::string& village)>;
Result<long> export_households(Store& store, const User& user, HouseholdFilter filter, Disclosure disclosure,
                               long max_rows, const HouseholdSink& sink, const Clock& clock);

struct HouseholdDetail {
  Stored<Household> household;
  std::optional<MatchResult> match;
  std::optional<ManualMatch> manual;
  std::optional<Stored<Building>> building;  // the matched one
  std::vector<Stored<Evidence>> evidence;    // about the building or household, by date
  std::optional<JudgmentRow> judgment;
};
Result<HouseholdDetail> household_detail(Store& store, const User& user, const std::string& household_id,
                                         Disclosure disclosure, const Clock& clock);

// A region with the number of households it covers and how they were judged.
struct RegionNode {
  Region region;
  std::optional<std::string> parent;
  long households = 0;
  std::map<std::string, long> results;  // result key ("" = not judged) → households
};
// The user's region and every region under it, by code.
Result<std::vector<RegionNode>> region_tree(Store& store, const User& user);

// Counts by the child regions of `region_code` ("" = the user's) × the keys
// of one dimension: "result", "reason", "match_outcome", "category",
// "status", "housing" or "monitor_type".
struct Stats {
  std::string region_code;
  std::string dimension;
  std::vector<Region> rows;                                  // the child regions, by code
  std::map<std::string, std::map<std::string, long>> cells;  // child code → key → n
  std::map<std::string, long> totals;                        // key → n
  long households = 0;
};
Result<Stats> region_stats(Store& store, const User& user, const std::string& region_code,
                           const std::string& dimension);

// The regions directly under `region_code` ("" = the user's region), by
// code: what per-village counts are rolled up into for a dashboard.
Result<std::vector<Region>> child_regions_of(Store& store, const User& user, const std::string& region_code);

// The regions directly under `parent` ("" = the provinces), whoever asks:
// division codes and names are public, and a relocation may lead out of
// the user's region (the 变更申请 form's region tree).
Result<std::vector<Region>> division_children(Store& store, const std::string& parent);
// `code` and the regions above it, from the top (what the console's header
// shows: 重庆市 / 县 / 城口县); a code the division table lacks stands for
// itself (name = code). Empty for the whole country.
Result<std::vector<Region>> region_path(Store& store, const std::string& code);
// The one of `children` that covers `code`, or nullptr.
const Region* covering_child(const std::vector<Region>& children, std::string_view code);

// The buildings the user covers within `box`, at most `limit`.
Result<std::vector<Stored<Building>>> buildings_in_box(Store& store, const User& user, const BBox& box,
                                                       long limit);
struct BuildingDetail {
  Stored<Building> building;
  std::vector<std::string> households;  // matched to it, those the user covers
};
Result<BuildingDetail> building_detail(Store& store, const User& user, const std::string& parcel_id);

// The audit log (admins), with each actor's name as people read it.
struct AuditPage {
  Page<AuditEntry> page;
  std::map<std::string, std::string> names;  // actor → name
};
Result<AuditPage> list_audit(Store& store, const User& user, const AuditFilter& filter);

}  // namespace anju
