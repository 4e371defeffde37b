#pragma once
// The C/D ledger as use cases (DOMAIN.md §11): kept in step with every
// judgment (core/ledger.h decides who enters and leaves), listed and
// edited by the town, with each household's entries and applications.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ledger.h"
#include "core/user.h"
#include "service/sync_scope.h"
#include "store/store.h"

namespace anju {

// After judgments: opens, regrades and closes entries for `rows`, in the
// caller's transaction; returns what changed.
Result<LedgerSync> sync_ledger_entries(LedgerRepo& ledger, const std::vector<JudgmentRow>& rows,
                                       SyncScope scope, const Date& on, const WriteStamp& stamp);

struct LedgerQuery {
  std::string region_code;       // "" = the user's region
  std::string status = "open";   // open / closed / all
  std::string measure;           // a LedgerMeasure key or ""
  std::optional<int> plan_year;
  std::string renovation_state;  // a state key, "none", or ""
  std::string search;
  std::string urgency;  // late / at_risk / ""
  bool full = false;  // unmasked numbers (view_full_id, audited)
  long offset = 0, limit = 50;
};
// The filter of a query the user may run (`invalid` for unknown values,
// `not_found` for a region outside the user's scope).
// Which entries are late or at risk follows the ledger deadline of each
// household's campaign (read through `campaigns`).
Result<LedgerFilter> ledger_filter(CampaignRepo& campaigns, const User& user, const LedgerQuery& q,
                                   const Date& today);
// Each row's deadline: that of its household's campaign.
Result<void> set_deadlines(CampaignRepo& campaigns, const std::string& region, std::vector<LedgerRow>& rows);

// A page of the ledger, numbers masked unless `q.full`.
Result<Page<LedgerRow>> list_ledger(Store& store, const User& user, const LedgerQuery& q, const Clock& clock);

struct LedgerDetail {
  std::string household_id;
  std::optional<LedgerRow> current;       // the open entry, else the latest; none if never in the ledger
  std::vector<LedgerEntry> entries;       // every entry, newest first
  std::vector<RenovationRow> renovations; // newest first
  Date deadline;
  LedgerUrgency urgency = LedgerUrgency::on_track;
};
// A household's place in the ledger (no entries when it never was in it;
// `not_found` outside the user's scope).
Result<LedgerDetail> ledger_detail(Store& store, const User& user, const std::string& household_id,
                                   const Clock& clock);

// Sets measure, transitional safety, responsible person and note of the
// household's open entry at the version the user saw (town office).
Result<LedgerDetail> edit_ledger_entry(Store& store, const User& user, const std::string& household_id,
                                       long version, const LedgerEdit& edit, const Clock& clock);

// The first plan year renovations may be in: the campaign's first year.
// (A household's campaign: CampaignRepo::campaign_for its region.)
int first_plan_year(const Campaign& c);

}  // namespace anju
