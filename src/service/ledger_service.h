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
Result<LedgerFilter> ledger_filter(const User& user, const LedgerQuery& q, const Campaign& campaign,
                                   const Date& today);

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

// The campaign's deadline for closing every entry.
Result<Date> ledger_deadline(Store& store);

// The first plan year renovations may be in: the campaign's first year.
int first_plan_year(const Campaign& c);

}  // namespace anju
