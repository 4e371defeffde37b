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

}  // namespace

bool is_building_fact(const std::string& key) {
  for (const char* k : {"floors", "built", "structure", "area_m2", "planning_permit", "homestead_approval",
                        "property_registration", "geo_hazard", "expanded", "business_use"})
    if (key == k) return true;
  return false;
}

Result<long> carry_building_facts(Transaction& tx, const std::string& household_id, const nlohmann::json& changes,
                                  const std::string& actor, const Clock& clock) {
  nlohmann::json facts = nlohmann::json::array();
  for (const auto& c : changes)
    if (is_building_fact(c.at("field").get<std::string>())) facts.push_back(c);
  if (facts.empty()) return 0L;
  auto match = tx.results().find_match(household_id);
  if (!match) return match.error();
  if (!*match || (*match)->parcel_id.empty()) return 0L;
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
  long judged = 0;
  for (const std::string& id : *on) {
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

}  // namespace anju
