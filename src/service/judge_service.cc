#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/region_code.h"
#include "service/census_service.h"

namespace anju {
namespace {

using BestMap = std::unordered_map<std::string, Evidence>;

void keep_better(BestMap& best, const std::string& key, const Evidence& e) {
  auto [it, fresh] = best.try_emplace(key, e);
  if (!fresh && better_evidence(e, it->second)) it->second = e;
}

JudgeSettings settings_for(const Campaign& c, const JudgeOverrides& o, const Clock& clock) {
  JudgeSettings s = c.settings;
  s.as_of = o.as_of ? *o.as_of : (c.as_of ? *c.as_of : clock.today());
  if (o.cutoff) s.cutoff = *o.cutoff;
  return s;
}

// What the judgment needs, loaded in one pass per table. Evidence is
// streamed: only the best record per parcel and per household is kept
// (better_evidence is a total order, so this equals choosing over the union).
struct JudgeInputs {
  std::unordered_map<std::string, std::string> parcel_of;  // household → matched parcel
  std::unordered_map<std::string, BuildingFacts> buildings;  // matched parcels only
  BestMap best_by_parcel, best_by_household;
  std::vector<Disaster> disasters;
  std::unordered_map<std::string, JudgeResult> previous;
};

Result<JudgeInputs> load_inputs(Transaction& tx, const Date& as_of) {
  JudgeInputs in;
  ANJU_TRY(tx.for_each_match([&](MatchResult&& m) {
    if (!m.parcel_id.empty()) in.parcel_of.emplace(std::move(m.household_id), std::move(m.parcel_id));
  }));
  for (const auto& [hid, parcel] : in.parcel_of) in.buildings.try_emplace(parcel);
  ANJU_TRY(tx.for_each_building_facts([&](BuildingFacts&& b) {
    auto it = in.buildings.find(b.parcel_id);
    if (it != in.buildings.end()) it->second = std::move(b);
  }));
  ANJU_TRY(tx.for_each_evidence([&](Evidence&& e) {
    if (e.assessed_on > as_of) return;  // kept for a later campaign, ignored here
    if (!e.parcel_id.empty() && in.buildings.count(e.parcel_id))
      keep_better(in.best_by_parcel, e.parcel_id, e);
    if (!e.household_id.empty()) keep_better(in.best_by_household, e.household_id, e);
  }));
  auto disasters = tx.list_disasters();
  if (!disasters) return disasters.error();
  in.disasters = std::move(*disasters);
  auto previous = tx.list_judgment_results();
  if (!previous) return previous.error();
  in.previous = std::unordered_map<std::string, JudgeResult>(previous->begin(), previous->end());
  return in;
}

}  // namespace

Result<JudgeSummary> run_judge(Store& store, const JudgeOverrides& overrides,
                               const std::string& actor, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto campaign = tx.get_campaign();
  if (!campaign) return campaign.error();
  JudgeSummary summary;
  summary.settings = settings_for(*campaign, overrides, clock);
  const JudgeSettings& s = summary.settings;
  auto inputs = load_inputs(tx, s.as_of);
  if (!inputs) return inputs.error();
  JudgeInputs& in = *inputs;

  // Disasters covering each village, computed once per village.
  std::unordered_map<std::string, std::vector<const Disaster*>> covering;
  std::vector<JudgmentRow> rows;
  ANJU_TRY(tx.for_each_household([&](Household&& h) {
    auto [cov, fresh] = covering.try_emplace(h.region_code);
    if (fresh)
      for (const Disaster& d : in.disasters)
        if (region_covers(d.region_code, h.region_code)) cov->second.push_back(&d);
    const BuildingFacts* building = nullptr;
    const Evidence* best = nullptr;
    if (auto p = in.parcel_of.find(h.household_id); p != in.parcel_of.end()) {
      if (auto b = in.buildings.find(p->second); b != in.buildings.end() && !b->second.parcel_id.empty())
        building = &b->second;
      if (auto e = in.best_by_parcel.find(p->second); e != in.best_by_parcel.end()) best = &e->second;
    }
    if (auto e = in.best_by_household.find(h.household_id); e != in.best_by_household.end())
      if (!best || better_evidence(e->second, *best)) best = &e->second;
    Judgment j = judge(h, building, best, cov->second, s);
    JudgmentRow row{h.household_id, j.result, j.reasons, j.grade, std::nullopt, "", std::nullopt};
    if (j.best) {
      row.evidence_source = j.best->source;
      row.evidence_id = j.best->evidence_id;
    }
    if (auto p = in.previous.find(h.household_id); p != in.previous.end()) row.previous_result = p->second;
    rows.push_back(std::move(row));
  }));

  for (const char* key : {"excluded", "verify", "safe_other_housing", "safe", "unsafe"})
    summary.results[key] = 0;
  for (const JudgmentRow& r : rows) {
    ++summary.results[judge_result_key(r.result)];
    for (Reason reason : r.reasons) ++summary.reasons[reason_key(reason)];
    if (!r.previous_result || *r.previous_result != r.result) ++summary.changed;
  }
  summary.households = static_cast<long>(rows.size());
  nlohmann::json settings = {{"as_of", s.as_of.to_string()}, {"cutoff", s.cutoff.to_string()},
                             {"aging_year", s.aging_year}, {"aging_age_years", s.aging_age_years}};
  nlohmann::json result = {{"results", summary.results}, {"reasons", summary.reasons},
                           {"changed", summary.changed}};
  ANJU_TRY(tx.replace_judgments(
      RunRecord{"judge", clock.now_iso(), actor, settings.dump(), result.dump()}, rows));
  ANJU_TRY(tx.commit());
  summary.rows = std::move(rows);
  return summary;
}

}  // namespace anju
