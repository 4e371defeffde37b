#include "service/field_service.h"

#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/access.h"
#include "core/region_code.h"
#include "core/sampler.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"

namespace anju {
namespace {

// The town a village belongs to ("500229108201" → "500229108000").
std::string town_of(const std::string& village) { return village.substr(0, 9) + "000"; }

// The county's towns with their households and those that may be drawn.
Result<std::vector<TownFrame>> county_frame(Transaction& tx, const std::string& county) {
  const CodeRange range = region_range(county);
  auto households = tx.households().living_households(range.lo, range.hi);
  if (!households) return households.error();
  auto busy = tx.field_work().households_with_active_task(range.lo, range.hi);
  if (!busy) return busy.error();
  std::map<std::string, TownFrame> towns;
  for (const auto& [id, village] : *households) {
    TownFrame& t = towns[town_of(village)];
    t.town_code = town_of(village);
    ++t.households;
    if (!busy->count(id)) t.eligible.push_back(id);
  }
  std::vector<TownFrame> out;
  for (auto& [code, t] : towns) out.push_back(std::move(t));
  return out;
}

}  // namespace

Result<TaskSync> sync_field_tasks(Transaction& tx, const std::vector<JudgmentRow>& rows, const CampaignIndex& campaigns,
                                  SyncScope scope, const Date& today, const WriteStamp& stamp) {
  std::set<std::string> verify, gone;
  std::unordered_map<std::string_view, const JudgmentRow*> by_id;
  for (const JudgmentRow& r : rows) {
    if (r.result == JudgeResult::excluded) gone.insert(r.household_id);
    if (r.result != JudgeResult::verify) continue;
    verify.insert(r.household_id);
    by_id.emplace(r.household_id, &r);
  }
  std::vector<std::string> ids;
  if (scope.households_only)
    for (const JudgmentRow& r : rows) ids.push_back(r.household_id);
  auto active = scope.households_only ? tx.field_work().active_tasks_of(ids)
                                      : tx.field_work().active_tasks_in(scope.region);
  if (!active) return active.error();
  TaskSync sync = sync_tasks(verify, gone, *active);
  ANJU_TRY(
      tx.field_work().end_tasks(sync.close, TaskStatus::closed, "初判结论已不需现场核实", stamp));
  ANJU_TRY(tx.field_work().end_tasks(sync.cancel, TaskStatus::cancelled, "农户已死亡销户，无需现场核实", stamp));
  std::vector<FieldTask> open;
  for (const std::string& id : sync.open) {
    FieldTask t;
    t.household_id = id;
    t.region_code = by_id.at(id)->region_code;
    if (t.region_code.empty()) {
      auto region = tx.households().household_region(id);
      if (!region) return region.error();
      t.region_code = region->value_or("");
    }
    t.due = task_due(campaigns.of(t.region_code).window_end, today);
    open.push_back(std::move(t));
  }
  ANJU_TRY(tx.field_work().insert_tasks(open, stamp));
  return sync;
}

Result<SampleResult> draw_spot_check(Store& store, const User& user, const SampleRequest& r, const Clock& clock) {
  if (!is_region_code(r.county_code) || region_level(r.county_code) != RegionLevel::county)
    return make_error(ErrorCode::invalid, "请指定县级区划代码（12位，如 500229000000）");
  ANJU_TRY(authorize(user, Action::draw_samples, r.county_code));
  if (r.count.has_value() == r.share.has_value())
    return make_error(ErrorCode::invalid, "请指定抽查户数或抽查比例（二选一）");
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto frame = county_frame(tx, r.county_code);
  if (!frame) return frame.error();
  long households = 0;
  for (const TownFrame& t : *frame) households += t.households;
  long n = r.count.value_or(0);
  if (r.share) {
    auto sized = sample_size_for_share(households, *r.share);
    if (!sized) return sized.error();
    n = *sized;
  }
  std::map<std::string, std::string> town_by_household;
  for (const TownFrame& t : *frame)
    for (const std::string& h : t.eligible) town_by_household[h] = t.town_code;
  auto drawn = draw_sample(*frame, n, r.seed);
  if (!drawn) return drawn.error();
  SampleResult out;
  out.households = std::move(*drawn);
  for (const std::string& id : out.households) ++out.per_town[town_by_household[id]];
  if (r.dry_run) return out;

  const WriteStamp stamp{user.name, clock.now_iso()};
  const nlohmann::json params = r.count ? nlohmann::json{{"count", *r.count}} : nlohmann::json{{"share", *r.share}};
  auto id = tx.field_work().insert_sample(
      Sample{0, r.county_code, r.seed, params.dump(), n, stamp.actor, stamp.at});
  if (!id) return id.error();
  out.sample_id = *id;
  auto campaigns = campaigns_over(tx.campaign(), r.county_code);
  if (!campaigns) return campaigns.error();
  for (const std::string& h : out.households) {
    auto region = tx.households().household_region(h);
    if (!region) return region.error();
    FieldTask t;
    t.household_id = h;
    t.region_code = region->value_or("");
    t.origin = TaskOrigin::sample;
    t.sample_id = *id;
    t.due = task_due(campaigns->of(t.region_code).window_end, clock.today());
    auto made = tx.field_work().insert_task(t, stamp);
    if (!made) return made.error();
  }
  ANJU_TRY(audit(tx.audit(), clock, user.name, "sample.draw", "sample", std::to_string(*id),
                 {{"county", r.county_code},
                  {"seed", r.seed},
                  {"params", params},
                  {"households", out.households}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return out;
}

}  // namespace anju
