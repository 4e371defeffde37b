#include "service/record_building.h"

#include <cstdlib>

#include "core/building.h"
#include "service/audit_service.h"
#include "service/census_service.h"

namespace anju {
namespace {

// Sets one fact of `b` from the record's text ("" clears it). The text was
// checked when it was typed (record_service.cc: checked_value).
template <class E>
void set_coded(std::optional<E>& fact, const std::string& text) {
  fact = text.empty() ? std::nullopt : enum_parse<E>(text);
}

void set_fact(Building& b, const std::string& key, const std::string& text, int this_year) {
  if (key == "floors") b.floors = text.empty() ? std::nullopt : std::optional<int>(std::atoi(text.c_str()));
  else if (key == "built") b.built = text.empty() ? std::nullopt : parse_built_years(text, this_year);
  else if (key == "structure") set_coded(b.structure, text);
  else if (key == "area_m2") b.area_m2 = text.empty() ? std::nullopt : std::optional<double>(std::strtod(text.c_str(), nullptr));
  else if (key == "planning_permit") set_coded(b.planning_permit, text);
  else if (key == "homestead_approval") set_coded(b.homestead_approval, text);
  else if (key == "property_registration") set_coded(b.property_registration, text);
  else if (key == "geo_hazard") set_coded(b.geo_hazard, text);
  else if (key == "expanded") set_coded(b.expanded, text);
  else if (key == "business_use") set_coded(b.business_use, text);
}

Result<long> rederive_judged(Transaction& tx, const std::vector<std::string>& households, const std::string& actor,
                             const Clock& clock) {
  long judged = 0;
  for (const std::string& id : households) {
    // Only what a run has judged can be stale; the next run judges the rest.
    auto before = tx.results().find_judgment(id);
    if (!before) return before.error();
    if (!*before) continue;
    auto row = rederive_household(tx, id, actor, clock);
    if (!row) return row.error();
    ++judged;
  }
  return judged;
}

// The house the census lacks, as the module comment says.
Result<long> add_house(Transaction& tx, const std::string& household_id, const std::map<std::string, std::string>& record,
                       const std::string& actor, const Clock& clock) {
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return 0L;
  const Household& x = (*h)->value;
  Building b;
  b.parcel_id = "SG" + household_id;
  b.region_code = x.region_code;
  b.address = x.address;
  b.owner_name = x.head_name;
  if (x.lon && x.lat) b.bbox = BBox{*x.lon, *x.lat, *x.lon, *x.lat};
  nlohmann::json facts = nlohmann::json::object();
  for (const auto& [key, value] : record)
    if (is_building_fact(key) && !value.empty()) {
      set_fact(b, key, value, clock.today().year);
      facts[key] = value;
    }
  const WriteStamp stamp{actor, clock.now_iso()};
  auto existing = tx.census().find_building(b.parcel_id);
  if (!existing) return existing.error();
  if (*existing) ANJU_TRY(tx.census().update_building(b, (*existing)->version, stamp));
  else ANJU_TRY(tx.census().insert_building(b, stamp));
  ANJU_TRY(audit(tx.audit(), clock, actor, "census.building_add", "building", b.parcel_id,
                 {{"household_id", household_id}, {"facts", facts}, {"source", "四类信息手工录入"}}));
  auto chosen = tx.results().find_manual_match(household_id);
  if (!chosen) return chosen.error();
  ANJU_TRY(tx.results().set_manual_match(household_id, b.parcel_id, *chosen ? (*chosen)->version : 0, stamp));
  return rederive_judged(tx, {household_id}, actor, clock);
}

}  // namespace

bool is_building_fact(const std::string& key) {
  for (const char* k : {"floors", "built", "structure", "area_m2", "planning_permit", "homestead_approval",
                        "property_registration", "geo_hazard", "expanded", "business_use"})
    if (key == k) return true;
  return false;
}

Result<long> carry_building_facts(Transaction& tx, const std::string& household_id, const nlohmann::json& changes,
                                  const std::map<std::string, std::string>& record, const std::string& actor,
                                  const Clock& clock) {
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& c : changes)
    if (is_building_fact(c.at("field").get<std::string>())) facts.push_back(c);
  if (facts.empty()) return 0L;
  auto match = tx.results().find_match(household_id);
  if (!match) return match.error();
  if (!*match) return 0L;  // not matched yet: the first run decides
  if ((*match)->outcome == MatchOutcome::unmatched) return add_house(tx, household_id, record, actor, clock);
  if ((*match)->parcel_id.empty()) return 0L;  // ambiguous: 选择图斑 is the way
  const std::string parcel = (*match)->parcel_id;
  auto stored = tx.census().find_building(parcel);
  if (!stored) return stored.error();
  if (!*stored) return 0L;
  Building b = (*stored)->value;
  for (const auto& c : facts) set_fact(b, c.at("field"), c.at("after"), clock.today().year);
  if (b == (*stored)->value) return 0L;
  const WriteStamp stamp{actor, clock.now_iso()};
  ANJU_TRY(tx.census().update_building(b, (*stored)->version, stamp));
  ANJU_TRY(audit(tx.audit(), clock, actor, "census.building_edit", "building", parcel,
                 {{"household_id", household_id}, {"changes", facts}}));
  auto on = tx.results().households_of_building(parcel);
  if (!on) return on.error();
  return rederive_judged(tx, *on, actor, clock);
}

}  // namespace anju
