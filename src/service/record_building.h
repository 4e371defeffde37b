#pragma once
// Building facts corrected by hand in a household's four-part record (seed
// §4(三): 依据纸质台账…手动录入): floors, construction years, structure, area,
// permits and the yes/no facts. The record keeps what was typed; the
// household's matched building takes the same facts (audited as
// census.building_edit with before and after), and every judged household
// on that building is judged again in the same transaction
// (rederive_household), so that no judgment is left on the old facts.
//
// A household a run found no building for (未对应) whose record gets such
// facts has a house the census lacks: it becomes a building of its own
// ("SG" + the household id, 手工录入), without a drawn polygon (placed at
// the dwelling point when the roster has one), chosen for the household as
// a 选择图斑 would (so every later run keeps it), audited as
// census.building_add; 未对应房屋 goes at once.

#include <nlohmann/json.hpp>
#include <map>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

// Whether `key` is a record field that is a fact of the building.
bool is_building_fact(const std::string& key);

// Applies the building facts among `changes` (the record's diff: [{field,
// before, after}]) to the household's matched building and re-derives.
// Returns how many households were judged again (0: no building fact
// changed, or the household has no building yet: the record keeps the
// values alone).
// `record` is every field the record holds now (key → value): a new house
// takes all its building facts, not only this save's.
Result<long> carry_building_facts(Transaction& tx, const std::string& household_id, const nlohmann::json& changes,
                                  const std::map<std::string, std::string>& record, const std::string& actor,
                                  const Clock& clock);

}  // namespace anju
