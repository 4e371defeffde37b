#include "service/statistics_service.h"

#include "core/access.h"
#include "core/ledger.h"
#include "service/campaign_service.h"
#include "service/query_service.h"

namespace anju {
namespace {

void count_entry(LedgerTally& t, const LedgerFact& f, const Date& today, const Date& deadline) {
  LedgerEntry e;
  e.closed_on = f.closed_on;
  e.measure = f.measure;
  e.renovation_id = f.renovation_id;
  const LedgerUrgency u = ledger_urgency(e, today, deadline);
  if (f.open) {
    ++t.in_ledger;
    t.grades[f.grade ? enum_key(*f.grade) : ""] += 1;
    t.measures[enum_key(f.measure)] += 1;
    if (!f.renovation_state) ++t.no_application;
  } else {
    ++t.closed;
    if (u != LedgerUrgency::late) ++t.closed_in_time;
  }
  if (f.open && u == LedgerUrgency::late) ++t.late;
  if (u == LedgerUrgency::at_risk) ++t.at_risk;
  if (f.plan_year) t.plan_years[std::to_string(*f.plan_year)] += 1;
  if (f.renovation_state) {
    t.renovation_states[enum_key(*f.renovation_state)] += 1;
    if (f.method) t.renovation_methods[enum_key(*f.method)] += 1;
    if (renovation_approved(*f.renovation_state)) t.subsidy += f.subsidy;
  }
}

void add_into(LedgerTally& to, const LedgerTally& from) {
  to.households += from.households;
  for (const auto& [k, n] : from.results) to.results[k] += n;
  to.in_ledger += from.in_ledger;
  to.closed += from.closed;
  to.closed_in_time += from.closed_in_time;
  to.late += from.late;
  to.at_risk += from.at_risk;
  to.no_application += from.no_application;
  for (auto [m, into] : {std::pair{&from.grades, &to.grades}, {&from.measures, &to.measures},
                         {&from.plan_years, &to.plan_years}, {&from.renovation_states, &to.renovation_states},
                         {&from.renovation_methods, &to.renovation_methods}})
    for (const auto& [k, n] : *m) (*into)[k] += n;
  to.subsidy += from.subsidy;
}

}  // namespace

Result<SummaryTable> summary_table(Store& store, const User& user, const std::string& region_code,
                                   const Clock& clock) {
  auto stats = region_stats(store, user, region_code, "result");
  if (!stats) return stats.error();
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  SummaryTable table;
  table.region.code = stats->region_code;
  if (auto own = (*tx)->regions().find_region(stats->region_code); own && *own)
    table.region = (*own)->value;
  else if (stats->region_code == kWholeCountry) table.region.name = "全国";
  // Each entry is late or at risk by its household's campaign's deadline.
  auto campaigns = campaigns_over((*tx)->campaign(), stats->region_code);
  if (!campaigns) return campaigns.error();
  table.today = clock.today();
  table.deadline = campaigns->governing().ledger_deadline;
  table.deadlines_differ = campaigns->all().size() > 1;
  std::map<std::string, LedgerTally> by_child;
  for (const Region& child : stats->rows) {
    LedgerTally& t = by_child[child.code];
    for (const auto& [key, n] : stats->cells[child.code]) {
      t.results[key] += n;
      t.households += n;
    }
  }
  const CodeRange range = region_range(stats->region_code);
  LedgerTally outside;  // entries of households filed directly under the region itself
  ANJU_TRY((*tx)->ledger().for_each_ledger_fact(range.lo, range.hi, [&](LedgerFact&& f) {
    const Region* child = covering_child(stats->rows, f.region_code);
    count_entry(child ? by_child[child->code] : outside, f, table.today, campaigns->of(f.region_code).ledger_deadline);
  }));
  for (const Region& child : stats->rows) {
    table.rows.emplace_back(child, by_child[child.code]);
    add_into(table.total, by_child[child.code]);
  }
  add_into(table.total, outside);
  table.total.households = stats->households;
  table.total.results = stats->totals;
  return table;
}

Result<void> ensure_region_counts(Store& store) {
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  auto counts = (*tx)->read_models().region_counts(std::string(kWholeCountry),
                                                   std::string(kWholeCountry), {"households"});
  if (!counts) return counts.error();
  auto households = (*tx)->households().count_households();
  if (!households) return households.error();
  if (!counts->empty() || *households == 0) return {};
  ANJU_TRY((*tx)->read_models().refresh_summary(std::string(kWholeCountry)));
  return (*tx)->commit();
}

}  // namespace anju
