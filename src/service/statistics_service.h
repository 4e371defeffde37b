#pragma once
// Summary tables (DOMAIN.md §11; issue: statistics): for each region
// directly under the one asked for, and for it as a whole — households,
// judgments by result, the ledger (in it, closed, by grade, by measure and
// plan year, late and at risk against the deadline) and renovations by
// state and method with their subsidies. For the API, the dashboard and
// the summary export alike.

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

struct LedgerTally {
  long households = 0;
  std::map<std::string, long> results;  // judgment result key → households ("" not judged)
  long in_ledger = 0, closed = 0, closed_in_time = 0, late = 0, at_risk = 0;
  long no_application = 0;  // in the ledger without an application in progress or approved
  std::map<std::string, long> grades;               // of entries in the ledger
  std::map<std::string, long> measures;             // of entries in the ledger
  std::map<std::string, long> plan_years;           // of entries with a year, any status
  std::map<std::string, long> renovation_states;    // of applications on entries
  std::map<std::string, long> renovation_methods;   // of applications on entries
  double subsidy = 0;                               // yuan, of approved applications
};

struct SummaryTable {
  Region region;                          // the region asked for
  Date today, deadline;  // the region's campaign's
  bool deadlines_differ = false;  // regions inside it set their own (each entry is judged by its own)
  std::vector<std::pair<Region, LedgerTally>> rows;  // its child regions, by code
  LedgerTally total;
};

Result<SummaryTable> summary_table(Store& store, const User& user, const std::string& region_code,
                                   const Clock& clock);

// The counts per region (region_counts) built once for a database migrated
// from before they existed and already holding households; else nothing.
Result<void> ensure_region_counts(Store& store);

}  // namespace anju
