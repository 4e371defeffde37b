#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/region_code.h"
#include "service/census_service.h"
#include "service/field_service.h"
#include "service/ledger_service.h"
#include "service/ranged_read.h"

#include "service/audit_service.h"

namespace anju {
namespace {

JudgeSettings settings_for(const Campaign& c, const JudgeOverrides& o, const Clock& clock) {
  JudgeSettings s = c.settings;
  s.as_of = o.as_of ? *o.as_of : (c.as_of ? *c.as_of : clock.today());
  if (o.cutoff) s.cutoff = *o.cutoff;
  return s;
}

// The disasters covering each village, looked up once per village.
class DisasterIndex {
 public:
  explicit DisasterIndex(const std::vector<Disaster>& all) : all_(all) {}
  const std::vector<const Disaster*>& covering(const std::string& village) {
    auto [it, fresh] = by_village_.try_emplace(village);
    if (fresh)
      for (const Disaster& d : all_)
        if (region_covers(d.region_code, village)) it->second.push_back(&d);
    return it->second;
  }

 private:
  const std::vector<Disaster>& all_;
  std::unordered_map<std::string, std::vector<const Disaster*>> by_village_;
};

JudgmentRow judge_input(const JudgeInput& in, DisasterIndex& disasters, const JudgeSettings& s) {
  const HouseholdStanding& h = in.household;
  const Evidence* best = nullptr;
  for (const Evidence& e : in.evidence)
    if (!best || better_evidence(e, *best)) best = &e;
  Judgment j = judge(h, in.building ? &*in.building : nullptr, best, disasters.covering(h.region_code), s);
  JudgmentRow row{h.household_id, j.result, std::move(j.reasons), j.grade, std::nullopt, "", in.previous,
                  h.region_code};
  if (j.best) {
    row.evidence_source = j.best->source;
    row.evidence_id = j.best->evidence_id;
  }
  return row;
}

// Every household's judgment, in household_id order. Reading the input is
// most of a run (≈ 6 s of 15 at 1M households): see ranged_read.h.
Result<std::vector<JudgmentRow>> judge_all(Store& store, Transaction& tx,
                                           const std::vector<Disaster>& disasters, const JudgeSettings& s) {
  auto parts = read_in_ranges<std::vector<JudgmentRow>>(
      store, tx, KeyedTable::households,
      [&](Transaction& reader, std::string_view after, std::string_view upto) {
        return judge_households(reader.results(), disasters, s, after, upto);
      });
  if (!parts) return parts.error();
  if (parts->size() == 1) return std::move(parts->front());
  size_t total = 0;
  for (const auto& part : *parts) total += part.size();
  std::vector<JudgmentRow> rows;
  rows.reserve(total);
  for (auto& part : *parts) {
    std::move(part.begin(), part.end(), std::back_inserter(rows));
    part = std::vector<JudgmentRow>();  // its shells go now, not at the end
  }
  return rows;
}

}  // namespace

Result<std::vector<JudgmentRow>> judge_households(ResultRepo& results,
                                                  const std::vector<Disaster>& disasters,
                                                  const JudgeSettings& s, std::string_view after,
                                                  std::string_view upto) {
  DisasterIndex covering(disasters);  // per thread: it fills as it goes
  std::vector<JudgmentRow> rows;
  ANJU_TRY(results.for_each_judge_input(s.as_of, after, upto, [&](JudgeInput&& in) {
    rows.push_back(judge_input(in, covering, s));
  }));
  return rows;
}

Result<JudgmentRow> rejudge_household(Transaction& tx, const std::string& household_id, const std::string& actor,
                                      const Clock& clock) {
  auto campaign = tx.campaign().get_campaign();
  if (!campaign) return campaign.error();
  const JudgeSettings s = settings_for(*campaign, {}, clock);
  auto disasters = tx.census().list_disasters();
  if (!disasters) return disasters.error();
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, "没有这个农户：" + household_id);
  JudgeInput in{standing_of((*h)->value), std::nullopt, {}, std::nullopt};
  auto m = tx.results().find_match(household_id);
  if (!m) return m.error();
  const std::string parcel = *m ? (*m)->parcel_id : "";
  if (!parcel.empty()) {
    auto b = tx.census().find_building_facts(parcel);
    if (!b) return b.error();
    in.building = *b;
  }
  auto evidence = tx.census().evidence_about(parcel, household_id);
  if (!evidence) return evidence.error();
  for (auto& e : *evidence)
    if (e.value.assessed_on <= s.as_of) in.evidence.push_back(std::move(e.value));
  auto previous = tx.results().find_judgment(household_id);
  if (!previous) return previous.error();
  if (*previous) in.previous = (*previous)->result;
  DisasterIndex index(*disasters);
  JudgmentRow row = judge_input(in, index, s);
  ANJU_TRY(tx.results().replace_judgment(row));
  auto ledger = sync_ledger_entries(tx.ledger(), {row}, SyncScope::these_households, clock.today(),
                                    WriteStamp{actor, clock.now_iso()});
  if (!ledger) return ledger.error();
  return row;
}

Result<JudgeSummary> run_judge(Store& store, const JudgeOverrides& overrides,
                               const std::string& actor, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto campaign = tx.campaign().get_campaign();
  if (!campaign) return campaign.error();
  JudgeSummary summary;
  summary.settings = settings_for(*campaign, overrides, clock);
  const JudgeSettings& s = summary.settings;
  auto disasters = tx.census().list_disasters();
  if (!disasters) return disasters.error();

  auto judged = judge_all(store, tx, *disasters, s);
  if (!judged) return judged.error();
  std::vector<JudgmentRow> rows = std::move(*judged);

  for (const char* key : {"excluded", "verify", "safe_other_housing", "safe", "unsafe"})
    summary.results[key] = 0;
  for (const JudgmentRow& r : rows) {
    ++summary.results[judge_result_key(r.result)];
    for (Reason reason : r.reasons) ++summary.reasons[reason_key(reason)];
    if (!r.previous_result || *r.previous_result != r.result) ++summary.changed;
  }
  summary.households = static_cast<long>(rows.size());
  // A field task for every household to verify (DOMAIN.md §10).
  auto tasks = sync_field_tasks(tx, rows, *campaign, WriteStamp{actor, clock.now_iso()});
  if (!tasks) return tasks.error();
  summary.tasks_opened = static_cast<long>(tasks->open.size());
  summary.tasks_closed = static_cast<long>(tasks->close.size());
  // A ledger entry for every C/D house, closed when it is safe (DOMAIN.md §11).
  auto ledger = sync_ledger_entries(tx.ledger(), rows, SyncScope::every_household, clock.today(),
                                    WriteStamp{actor, clock.now_iso()});
  if (!ledger) return ledger.error();
  summary.ledger_opened = static_cast<long>(ledger->open.size());
  summary.ledger_closed = static_cast<long>(ledger->close.size());
  nlohmann::json settings = {{"as_of", s.as_of.to_string()}, {"cutoff", s.cutoff.to_string()},
                             {"aging_year", s.aging_year}, {"aging_age_years", s.aging_age_years}};
  nlohmann::json result = {{"results", summary.results}, {"reasons", summary.reasons},
                           {"changed", summary.changed}, {"tasks_opened", summary.tasks_opened},
                           {"tasks_closed", summary.tasks_closed}, {"ledger_opened", summary.ledger_opened},
                           {"ledger_closed", summary.ledger_closed}};
  ANJU_TRY(tx.results().replace_judgments(
      RunRecord{"judge", clock.now_iso(), actor, settings.dump(), result.dump()}, rows));
  ANJU_TRY(
      audit(tx.audit(), clock, actor, "judge.run", "campaign", "1",
            {{"settings", settings}, {"results", summary.results}, {"changed", summary.changed}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  summary.rows = std::move(rows);
  return summary;
}

}  // namespace anju
