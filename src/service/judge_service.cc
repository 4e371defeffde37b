#include <algorithm>
#include <chrono>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/access.h"
#include "core/region_code.h"
#include "service/campaign_service.h"
#include "service/census_service.h"
#include "service/field_service.h"
#include "service/ledger_service.h"
#include "service/ranged_read.h"
#include "service/retry.h"

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

// The household's judgment under its campaign `by`'s settings: evidence
// assessed after that campaign's as_of is not looked at (a run reads up to
// the latest as_of of its campaigns).
JudgmentRow judge_input(const JudgeInput& in, DisasterIndex& disasters, const JudgeBy& by) {
  const HouseholdStanding& h = in.household;
  const size_t at = by.campaigns.index_of(h.region_code);
  const JudgeSettings& s = by.settings[at];
  const Evidence* best = nullptr;
  for (const Evidence& e : in.evidence)
    if (e.assessed_on <= s.as_of && (!best || better_evidence(e, *best))) best = &e;
  Judgment j = judge(h, in.building ? &*in.building : nullptr, best, disasters.covering(h.region_code), s);
  JudgmentRow row{h.household_id, j.result, std::move(j.reasons), j.grade, std::nullopt, "", in.previous,
                  h.region_code, by.campaigns.at(at).id};
  if (j.best) {
    row.evidence_source = j.best->source;
    row.evidence_id = j.best->evidence_id;
  }
  return row;
}

// Every household's judgment, in household_id order. Reading the input is
// most of a run (≈ 6 s of 15 at 1M households): see ranged_read.h.
Result<std::vector<JudgmentRow>> judge_all(Store& store, Transaction& tx, const std::string& region,
                                           const std::vector<Disaster>& disasters, const JudgeBy& s) {
  // A region is read whole, through its index; the country in key ranges.
  if (!region_range(region).whole()) return judge_households(tx.results(), disasters, s, "", "", region);
  auto parts = read_in_ranges<std::vector<JudgmentRow>>(
      store, tx, KeyedTable::households,
      [&](Transaction& reader, std::string_view after, std::string_view upto) {
        return judge_households(reader.results(), disasters, s, after, upto, kWholeCountry);
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

// Each campaign's settings, as the run's overrides change them.
JudgeBy judge_by(CampaignIndex campaigns, const JudgeOverrides& o, const Clock& clock) {
  std::vector<JudgeSettings> settings;
  for (const Campaign& c : campaigns.all()) settings.push_back(settings_for(c, o, clock));
  return JudgeBy{std::move(campaigns), std::move(settings)};
}

}  // namespace

Date JudgeBy::latest_as_of() const {
  Date latest = settings.front().as_of;
  for (const JudgeSettings& s : settings) latest = std::max(latest, s.as_of);
  return latest;
}

JudgeBy judge_by(const JudgeSettings& s) {
  Campaign country;
  country.id = 1;
  country.settings = s;
  return JudgeBy{CampaignIndex(std::move(country), {}), {s}};
}

Result<std::vector<JudgmentRow>> judge_households(ResultRepo& results,
                                                  const std::vector<Disaster>& disasters,
                                                  const JudgeBy& by, std::string_view after,
                                                  std::string_view upto, std::string_view region) {
  DisasterIndex covering(disasters);  // per thread: it fills as it goes
  std::vector<JudgmentRow> rows;
  ANJU_TRY(results.for_each_judge_input(by.latest_as_of(), after, upto, region, [&](JudgeInput&& in) {
    rows.push_back(judge_input(in, covering, by));
  }));
  return rows;
}

Result<JudgmentRow> rejudge_household(Transaction& tx, const std::string& household_id, const std::string& actor,
                                      const Clock& clock) {
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, "没有这个农户：" + household_id);
  auto campaign = tx.campaign().campaign_for((*h)->value.region_code);
  if (!campaign) return campaign.error();
  const JudgeBy by = judge_by(CampaignIndex(std::move(*campaign), {}), {}, clock);
  const JudgeSettings& s = by.settings.front();
  auto disasters = tx.census().list_disasters();
  if (!disasters) return disasters.error();
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
  JudgmentRow row = judge_input(in, index, by);
  ANJU_TRY(tx.results().replace_judgment(row));
  auto ledger = sync_ledger_entries(tx.ledger(), {row}, SyncScope::these_households(), clock.today(),
                                    WriteStamp{actor, clock.now_iso()});
  if (!ledger) return ledger.error();
  return row;
}

Result<JudgmentRow> rederive_household(Transaction& tx, const std::string& household_id,
                                       const std::string& actor, const Clock& clock) {
  auto row = rejudge_household(tx, household_id, actor, clock);
  if (!row) return row.error();
  auto campaign = tx.campaign().campaign_for(row->region_code);
  if (!campaign) return campaign.error();
  auto tasks = sync_field_tasks(tx, {*row}, CampaignIndex(std::move(*campaign), {}),
                                SyncScope::these_households(), clock.today(),
                                WriteStamp{actor, clock.now_iso()});
  if (!tasks) return tasks.error();
  return row;
}

namespace {

constexpr EnumEntry<JudgeStep> kJudgeSteps[] = {
    {JudgeStep::settings, "settings", "读取工作设置"},
    {JudgeStep::judge, "judge", "逐户初判"},
    {JudgeStep::field_tasks, "field_tasks", "外业核实任务"},
    {JudgeStep::ledger, "ledger", "危房台账"},
    {JudgeStep::store, "store", "保存初判结果"},
    {JudgeStep::counts, "counts", "更新统计"},
    {JudgeStep::audit, "audit", "记入审计日志"},
};

// What the steps of one run share.
struct JudgeRun {
  Store& store;
  Transaction& tx;
  const JudgeOverrides& overrides;
  WriteStamp stamp;
  const Clock& clock;
  std::optional<JudgeBy> by;
  std::vector<Disaster> disasters;
  JudgeSummary summary;
  std::vector<JudgmentRow> rows;
};

Result<void> settings_step(JudgeRun& run) {
  auto campaigns = campaigns_over(run.tx.campaign(), run.overrides.region);
  if (!campaigns) return campaigns.error();
  run.by = judge_by(std::move(*campaigns), run.overrides, run.clock);
  run.summary.settings = run.by->settings.front();
  run.summary.campaigns = static_cast<long>(run.by->settings.size());
  auto disasters = run.tx.census().list_disasters();
  if (!disasters) return disasters.error();
  run.disasters = std::move(*disasters);
  return {};
}

Result<void> judge_step(JudgeRun& run) {
  auto judged = judge_all(run.store, run.tx, run.overrides.region, run.disasters, *run.by);
  if (!judged) return judged.error();
  run.rows = std::move(*judged);
  JudgeSummary& summary = run.summary;
  for (const char* key : {"excluded", "verify", "safe_other_housing", "safe", "unsafe"})
    summary.results[key] = 0;
  for (const JudgmentRow& r : run.rows) {
    ++summary.results[judge_result_key(r.result)];
    for (Reason reason : r.reasons) ++summary.reasons[reason_key(reason)];
    if (!r.previous_result || *r.previous_result != r.result) ++summary.changed;
  }
  summary.households = static_cast<long>(run.rows.size());
  return {};
}

// A field task for every household to verify (DOMAIN.md §10).
Result<void> field_tasks_step(JudgeRun& run) {
  auto tasks = sync_field_tasks(run.tx, run.rows, run.by->campaigns, SyncScope::run_over(run.overrides.region),
                                run.clock.today(), run.stamp);
  if (!tasks) return tasks.error();
  run.summary.tasks_opened = static_cast<long>(tasks->open.size());
  run.summary.tasks_closed = static_cast<long>(tasks->close.size() + tasks->cancel.size());
  return {};
}

// A ledger entry for every C/D house, closed when it is safe (DOMAIN.md §11).
Result<void> ledger_step(JudgeRun& run) {
  auto ledger = sync_ledger_entries(run.tx.ledger(), run.rows, SyncScope::run_over(run.overrides.region),
                                    run.clock.today(), run.stamp);
  if (!ledger) return ledger.error();
  run.summary.ledger_opened = static_cast<long>(ledger->open.size());
  run.summary.ledger_closed = static_cast<long>(ledger->close.size());
  return {};
}

nlohmann::json settings_json(const JudgeSettings& s, const std::string& region) {
  return {{"region", region},
          {"as_of", s.as_of.to_string()},
          {"cutoff", s.cutoff.to_string()},
          {"aging_year", s.aging_year},
          {"aging_age_years", s.aging_age_years}};
}

// What the run judged by: the region's settings and, when regions inside
// it set their own, each campaign's.
nlohmann::json run_settings_json(const JudgeRun& run) {
  nlohmann::json j = settings_json(run.summary.settings, run.overrides.region);
  if (run.by && run.by->settings.size() > 1) {
    j["campaigns"] = nlohmann::json::array();
    for (size_t i = 0; i < run.by->settings.size(); ++i) {
      nlohmann::json c = settings_json(run.by->settings[i], run.by->campaigns.at(i).region_code);
      c["campaign_id"] = run.by->campaigns.at(i).id;
      j["campaigns"].push_back(std::move(c));
    }
  }
  return j;
}

Result<void> store_step(JudgeRun& run) {
  const JudgeSummary& summary = run.summary;
  nlohmann::json result = {{"results", summary.results}, {"reasons", summary.reasons},
                           {"changed", summary.changed}, {"tasks_opened", summary.tasks_opened},
                           {"tasks_closed", summary.tasks_closed}, {"ledger_opened", summary.ledger_opened},
                           {"ledger_closed", summary.ledger_closed}};
  return run.tx.results().replace_judgments(
      RunRecord{"judge", run.stamp.at, run.stamp.actor,
                run_settings_json(run).dump(), result.dump()},
      run.overrides.region, run.rows);
}

// The counts of the run's region, handed on: a run changes only results
// and reasons, and went through every household of its region.
Result<void> counts_step(JudgeRun& run) {
  RunCounts counted{{"result", "reason"}, {}};
  for (const JudgmentRow& r : run.rows) {
    counted.counts.add(r.region_code, "households", "");
    counted.counts.add(r.region_code, "result", judge_result_key(r.result));
    for (Reason reason : r.reasons) counted.counts.add(r.region_code, "reason", reason_key(reason));
  }
  return run.tx.read_models().refresh_summary(run.overrides.region, counted);
}

Result<void> audit_step(JudgeRun& run) {
  return audit(run.tx.audit(), run.clock, run.stamp.actor, "judge.run", "region", run.overrides.region,
               {{"settings", run_settings_json(run)},
                {"results", run.summary.results},
                {"changed", run.summary.changed}});
}

using StepWork = Result<void> (*)(JudgeRun&);
constexpr std::pair<JudgeStep, StepWork> kRun[] = {
    {JudgeStep::settings, settings_step},
    {JudgeStep::judge, judge_step},
    {JudgeStep::field_tasks, field_tasks_step},
    {JudgeStep::ledger, ledger_step},
    {JudgeStep::store, store_step},
    {JudgeStep::counts, counts_step},
    {JudgeStep::audit, audit_step},
};

bool required(JudgeStep step) {
  return step == JudgeStep::settings || step == JudgeStep::judge || step == JudgeStep::store ||
         step == JudgeStep::audit;
}

}  // namespace

ANJU_ENUM_ENTRIES(JudgeStep, kJudgeSteps)

Result<JudgeSummary> judge_in(Store& store, Transaction& tx, const JudgeOverrides& overrides,
                              const WriteStamp& stamp, const Clock& clock) {
  JudgeRun run{store, tx, overrides, stamp, clock, {}, {}, {}, {}};
  for (auto [step, work] : kRun) {
    JudgeStepTime time{step};
    time.skipped =
        std::find(overrides.skip.begin(), overrides.skip.end(), step) != overrides.skip.end();
    const auto started = std::chrono::steady_clock::now();
    if (!time.skipped) ANJU_TRY(work(run));
    time.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.summary.steps.push_back(time);
  }
  run.summary.rows = std::move(run.rows);
  return std::move(run.summary);
}

namespace {

Result<JudgeSummary> judge_once(Store& store, const JudgeOverrides& overrides, const std::string& actor,
                                const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  auto summary = judge_in(store, **begun, overrides, WriteStamp{actor, clock.now_iso()}, clock);
  if (!summary) return summary.error();
  ANJU_TRY((*begun)->commit());
  (void)chain_audit_log(store);
  return summary;
}

}  // namespace

Result<JudgeSummary> run_judge(Store& store, const JudgeOverrides& overrides,
                               const std::string& actor, const Clock& clock) {
  for (JudgeStep step : overrides.skip)
    if (required(step))
      return make_error(ErrorCode::invalid, std::string("初判不能跳过这一步：") + enum_name(step));
  return retry_races([&] { return judge_once(store, overrides, actor, clock); });
}

}  // namespace anju
