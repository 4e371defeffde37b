#include "service/ledger_service.h"

#include <algorithm>

#include "core/access.h"
#include "core/region_code.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"
#include "service/household_scope.h"
#include "service/query_service.h"

namespace anju {
namespace {

const char* kNotInLedger = "该户不在危房台账中，或不在您的管辖范围内";

nlohmann::json edit_json(const LedgerEntry& e) {
  return {{"measure", enum_key(e.measure)},
          {"plan_year", e.plan_year ? nlohmann::json(*e.plan_year) : nlohmann::json(nullptr)},
          {"measure_note", e.measure_note},
          {"transitional", enum_key(e.transitional)},
          {"transitional_note", e.transitional_note},
          {"responsible", e.responsible},
          {"responsible_phone", e.responsible_phone},
          {"note", e.note}};
}

Result<LedgerDetail> detail_in(Transaction& tx, const User& user, const std::string& household_id,
                               const Clock& clock) {
  auto region = household_in_scope(tx.households(), user, household_id, Action::read, kNotInLedger);
  if (!region) return region.error();
  auto entries = tx.ledger().ledger_entries_of(household_id);
  if (!entries) return entries.error();
  auto campaign = tx.campaign().campaign_for(*region);
  if (!campaign) return campaign.error();
  LedgerDetail d;
  d.household_id = household_id;
  d.deadline = campaign->ledger_deadline;
  if (entries->empty()) return d;
  LedgerFilter f;
  f.region_lo = f.region_hi = *region;
  f.status = "all";
  f.search = household_id;
  f.limit = 1000;
  auto page = tx.ledger().list_ledger(f);
  if (!page) return page.error();
  for (LedgerRow& row : page->items)
    if (row.entry.id == entries->front().id) d.current = std::move(row);
  if (d.current) d.current->deadline = d.deadline;
  if (!d.current) return make_error(ErrorCode::internal, "台账记录与农户数据不一致：" + household_id);
  d.entries = std::move(*entries);
  RenovationFilter rf{*region, *region, std::nullopt, household_id, 100, 0};
  auto renovations = tx.ledger().list_renovations(rf);
  if (!renovations) return renovations.error();
  d.renovations = std::move(renovations->items);
  d.urgency = ledger_urgency(d.current->entry, clock.today(), d.deadline);
  mask(d.current->household, Disclosure{});
  return d;
}

}  // namespace

int first_plan_year(const Campaign& c) { return std::min(c.window_start.year, c.ledger_deadline.year); }

Result<LedgerSync> sync_ledger_entries(LedgerRepo& ledger, const std::vector<JudgmentRow>& rows,
                                       SyncScope scope, const Date& on, const WriteStamp& stamp) {
  std::vector<OpenLedgerEntry> open;
  if (!scope.households_only) {
    auto all = ledger.open_ledger_entries_in(scope.region);
    if (!all) return all.error();
    open = std::move(*all);
  } else {
    for (const JudgmentRow& r : rows) {
      auto one = ledger.open_ledger_entries(r.household_id);
      if (!one) return one.error();
      open.insert(open.end(), one->begin(), one->end());
    }
  }
  LedgerSync sync = sync_ledger(rows, open);
  ANJU_TRY(ledger.apply_ledger_sync(sync, on, stamp));
  return sync;
}

Result<LedgerFilter> ledger_filter(CampaignRepo& campaigns, const User& user, const LedgerQuery& q,
                                   const Date& today) {
  auto region = list_region(user, q.region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  LedgerFilter f;
  f.region_lo = range.lo;
  f.region_hi = range.hi;
  if (q.status != "open" && q.status != "closed" && q.status != "all")
    return make_error(ErrorCode::invalid, "台账状态 status 应为 open（在账）、closed（已销号）或 all：" + q.status);
  f.status = q.status;
  if (!q.measure.empty()) {
    f.measure = enum_parse<LedgerMeasure>(q.measure);
    if (!f.measure) return make_error(ErrorCode::invalid, "未知的改造措施：" + q.measure);
  }
  f.plan_year = q.plan_year;
  if (!q.renovation_state.empty() && q.renovation_state != "none" &&
      !enum_parse<RenovationState>(q.renovation_state))
    return make_error(ErrorCode::invalid, "未知的改造申请状态：" + q.renovation_state);
  f.renovation_state = q.renovation_state.empty() || q.renovation_state == "none"
                           ? q.renovation_state
                           : enum_key(*enum_parse<RenovationState>(q.renovation_state));
  f.search = q.search;
  if (q.urgency == "late") f.urgency = LedgerUrgency::late;
  else if (q.urgency == "at_risk") f.urgency = LedgerUrgency::at_risk;
  else if (!q.urgency.empty())
    return make_error(ErrorCode::invalid, "期限状态 urgency 应为 late（逾期）或 at_risk（临近期限）：" + q.urgency);
  if (f.urgency) {
    auto over = campaigns_over(campaigns, *region);
    if (!over) return over.error();
    std::vector<const Campaign*> inside;
    for (size_t i = 1; i < over->all().size(); ++i) inside.push_back(&over->at(i));
    std::stable_sort(inside.begin(), inside.end(), [](const Campaign* a, const Campaign* b) {
      return region_prefix(a->region_code).size() > region_prefix(b->region_code).size();
    });
    for (const Campaign* c : inside) {
      const CodeRange zone = region_range(c->region_code);
      f.urgency_zones.push_back({zone.lo, zone.hi, urgency_filter(today, c->ledger_deadline)});
    }
    f.urgency_zones.push_back({range.lo, range.hi, urgency_filter(today, over->governing().ledger_deadline)});
  }
  f.offset = std::max(0L, q.offset);
  f.limit = std::clamp(q.limit, 1L, 200L);
  return f;
}

Result<Page<LedgerRow>> list_ledger(Store& store, const User& user, const LedgerQuery& q, const Clock& clock) {
  LedgerFilter f;
  {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto made = ledger_filter((*tx)->campaign(), user, q, clock.today());
    if (!made) return made.error();
    f = std::move(*made);
  }
  const std::string region = q.region_code.empty() ? user.region_code : q.region_code;
  ANJU_TRY(disclose(store, user, region == kWholeCountry ? "" : region, Disclosure{q.full}, "ledger", region,
                    {{"status", f.status}, {"search", f.search}, {"offset", f.offset}}, clock));
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto page = (*tx)->ledger().list_ledger(f);
  if (!page) return page.error();
  for (LedgerRow& row : page->items) mask(row.household, Disclosure{q.full});
  ANJU_TRY(set_deadlines((*tx)->campaign(), region, page->items));
  return page;
}

Result<void> set_deadlines(CampaignRepo& campaigns, const std::string& region, std::vector<LedgerRow>& rows) {
  auto over = campaigns_over(campaigns, region);
  if (!over) return over.error();
  for (LedgerRow& row : rows) row.deadline = over->of(row.household.region_code).ledger_deadline;
  return {};
}

Result<LedgerDetail> ledger_detail(Store& store, const User& user, const std::string& household_id,
                                   const Clock& clock) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return detail_in(**tx, user, household_id, clock);
}

Result<LedgerDetail> edit_ledger_entry(Store& store, const User& user, const std::string& household_id,
                                       long version, const LedgerEdit& edit, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto region = household_in_scope(tx.households(), user, household_id, Action::keep_ledger, kNotInLedger);
  if (!region) return region.error();
  auto entries = tx.ledger().ledger_entries_of(household_id);
  if (!entries) return entries.error();
  if (entries->empty() || entries->front().closed_on)
    return make_error(ErrorCode::invalid, "该户已不在危房台账中（已销号），不能修改");
  LedgerEntry e = entries->front();
  if (e.version != version) return make_error(ErrorCode::conflict, "台账记录已被他人修改，请刷新后再操作");
  auto campaign = tx.campaign().campaign_for(*region);
  if (!campaign) return campaign.error();
  ANJU_TRY(check_ledger_edit(edit, first_plan_year(*campaign), campaign->ledger_deadline));
  if (e.renovation_id != 0 && edit.measure != LedgerMeasure::renovation) {
    auto r = tx.ledger().find_renovation(e.renovation_id);
    if (!r) return r.error();
    if (*r && renovation_approved((*r)->state))
      return make_error(ErrorCode::invalid, "该户的危房改造申请已获县级审批，改造措施不能改为其他");
  }
  const nlohmann::json before = edit_json(e);
  e.measure = edit.measure;
  e.plan_year = edit.plan_year;
  e.measure_note = edit.measure_note;
  e.transitional = edit.transitional;
  e.transitional_note = edit.transitional_note;
  e.responsible = edit.responsible;
  e.responsible_phone = edit.responsible_phone;
  e.note = edit.note;
  ANJU_TRY(tx.ledger().update_ledger_entry(e, WriteStamp{user.name, clock.now_iso()}));
  ANJU_TRY(audit(tx.audit(), clock, user.name, "ledger.edit", "household", household_id,
                 {{"entry", e.id}, {"before", before}, {"after", edit_json(e)}}));
  auto d = detail_in(tx, user, household_id, clock);
  if (!d) return d.error();
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return d;
}

}  // namespace anju
