#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/region_code.h"
#include "service/census_service.h"

#include "service/audit_service.h"

namespace anju {
namespace {

JudgeSettings settings_for(const Campaign& c, const JudgeOverrides& o, const Clock& clock) {
  JudgeSettings s = c.settings;
  s.as_of = o.as_of ? *o.as_of : (c.as_of ? *c.as_of : clock.today());
  if (o.cutoff) s.cutoff = *o.cutoff;
  return s;
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
  auto disasters = tx.list_disasters();
  if (!disasters) return disasters.error();

  // Disasters covering each village, computed once per village.
  std::unordered_map<std::string, std::vector<const Disaster*>> covering;
  std::vector<JudgmentRow> rows;
  ANJU_TRY(tx.for_each_judge_input(s.as_of, [&](JudgeInput&& in) {
    const Household& h = in.household;
    auto [cov, fresh] = covering.try_emplace(h.region_code);
    if (fresh)
      for (const Disaster& d : *disasters)
        if (region_covers(d.region_code, h.region_code)) cov->second.push_back(&d);
    const Evidence* best = nullptr;
    for (const Evidence& e : in.evidence)
      if (!best || better_evidence(e, *best)) best = &e;
    Judgment j = judge(h, in.building ? &*in.building : nullptr, best, cov->second, s);
    JudgmentRow row{h.household_id, j.result, std::move(j.reasons), j.grade, std::nullopt, "",
                    in.previous};
    if (j.best) {
      row.evidence_source = j.best->source;
      row.evidence_id = j.best->evidence_id;
    }
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
  ANJU_TRY(audit(tx, clock, actor, "judge.run", "campaign", "1",
                 {{"settings", settings}, {"results", summary.results}, {"changed", summary.changed}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  summary.rows = std::move(rows);
  return summary;
}

}  // namespace anju
