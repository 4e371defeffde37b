#pragma once
// What the API's lists, maps and dashboards ask of the store (DESIGN.md
// §3.2): filters, pages and counts. Plain data; the store fills them.

#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/building.h"
#include "core/household.h"
#include "core/match_types.h"

namespace anju {

// Households of one region, narrowed by any of the optional filters (keys
// as in DOMAIN.md: category, monitor type, status, housing, match outcome,
// judgment result, reason). `search` is a head's name (prefix), a full ID
// number or a household id. Ordered by household_id.
struct HouseholdFilter {
  std::string region_code;  // the scope: every household this region covers
  std::optional<std::string> category, monitor_type, status, housing;
  std::optional<std::string> match_outcome;  // "none": not matched yet
  std::optional<std::string> result;         // "none": not judged yet
  std::optional<std::string> reason;
  // Only households whose judgment differs from the one before it (or is
  // their first): what a run's "changed" counts, as a list.
  bool changed_only = false;
  std::string search;
  long offset = 0;
  long limit = 50;
};

// A household as a list shows it, with its latest match and judgment.
struct HouseholdListRow {
  Household household;
  long version = 0;
  std::optional<MatchOutcome> match_outcome;
  std::string matched_parcel;
  std::optional<JudgeResult> result;
  std::vector<Reason> reasons;
  std::optional<Grade> grade;
};

template <class T>
struct Page {
  std::vector<T> items;
  long total = 0;
};

// The number of households of a region (at any level) with `key` in one
// dimension: "households" (key ""), "result", "reason", "match_outcome",
// "category", "status", "housing", "monitor_type". Key "" = none (not
// judged, not matched, no monitor type).
struct RegionCount {
  std::string region_code;
  std::string dimension;
  std::string key;
  long n = 0;
};

// A household's manual choice (选择图斑) with its optimistic-locking version.
struct ManualMatch {
  std::string parcel_id;
  long version = 0;
  std::string updated_at;
  std::string updated_by;
};

struct AuditFilter {
  std::string actor, action, object_type, object_id;
  std::string from, to;  // ISO times, inclusive; "" = open
  long offset = 0;
  long limit = 50;
};

}  // namespace anju
