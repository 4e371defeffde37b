#pragma once
// Who may do what, where (DOMAIN.md §8, DESIGN.md §4): the pure rules. A
// user's scope is its region; an object outside it does not exist for the
// user (`not_found`, no existence leak), an action the role may not take on
// an object inside it is `forbidden`. Services call authorize() before they
// read or write, so the CLI and the HTTP API cannot differ.

#include <string>
#include <string_view>

#include "core/field_task.h"
#include "core/result.h"
#include "core/user.h"

namespace anju {

enum class Action {
  read,            // lists, detail, map, dashboards of the scope
  view_full_id,    // ID and phone numbers unmasked (audited)
  import_data,     // upload rosters, census buildings, evidence, disasters
  run_jobs,        // matching and judgment runs
  manual_match,    // 选择图斑: pick or clear a household's building
  read_audit,      // the audit log
  manage_users,    // add users, reset passwords, disable
  manage_regions,  // import the division codes (a file, or the national table built in)
  export_lists,    // lists as Excel workbooks (audited)
  draw_samples,    // the county's spot checks
  assign_tasks,    // give field tasks to field workers, cancel them
  field_work,      // record visits, photos and appraisals
  fill_records,    // fill and submit the four-part record
  review_records,  // approve, return or reopen records (town, county)
  decide_changes,  // approve or reject change requests (county, city)
  keep_ledger,     // set a ledger entry's measure, transitional safety, responsible person
  draft_renovations,  // draft and submit renovation applications (village clerk, town)
  renovate,        // work on renovation applications (core/renovation.h says which step)
  set_campaign,    // a region's own campaign: window, dates, thresholds (town office and above)
};

inline constexpr Action kActions[] = {Action::read,         Action::view_full_id, Action::import_data,
                                      Action::run_jobs,     Action::manual_match, Action::read_audit,
                                      Action::manage_users, Action::manage_regions, Action::export_lists, Action::draw_samples,
                                      Action::assign_tasks, Action::field_work,   Action::fill_records,
                                      Action::review_records, Action::decide_changes, Action::keep_ledger,
                                      Action::draft_renovations, Action::renovate, Action::set_campaign};

ANJU_ENUM_TRAITS(Action);

// True when the role may take the action somewhere in its scope.
bool role_may(Role role, Action action);

// The operator at the command line: whoever can open the database file or
// connect to it is its administrator (DESIGN.md §3.1). `actor` names them in
// the audit log ("cli:<login>").
User system_operator(std::string actor);

// The one answer for an object that does not exist and for one outside the
// user's region: the two cannot be told apart (no existence leak).
inline constexpr const char* kNotFoundInScope = "没有找到，或不在您的管辖范围内";

// `not_found` when `region_code` lies outside the user's scope, `forbidden`
// when the role may not take the action, nothing when it may. An empty
// region means "not tied to a region" (the audit log, a run): only the role
// counts.
Result<void> authorize(const User& user, Action action, std::string_view region_code);

// True when a user whose region is `region_code` lies within `manager`'s
// scope: a country-wide user only for a country-wide manager.
bool covers_user(const User& manager, std::string_view region_code);

// The region a list covers: `requested` when the user's scope covers it
// (else `not_found`), or the user's own region when nothing was requested.
Result<std::string> list_region(const User& user, std::string_view requested);

// The range of 12-digit codes a region covers, for `code BETWEEN lo AND hi`
// ("500229108000" → "500229108000" … "500229108999"; the whole country →
// "000000000000" … "999999999999").
struct CodeRange {
  std::string lo;
  std::string hi;
  bool whole() const { return lo == "000000000000" && hi == "999999999999"; }
};
CodeRange region_range(std::string_view region_code);

// A field worker works only on its own tasks (or unassigned ones of its
// village): the visit, the appraisal and every attachment of the task
// alike. `forbidden` otherwise; other roles pass (their scope is checked
// by authorize()).
Result<void> check_task_worker(const FieldTask& t, const User& user);

}  // namespace anju
