#pragma once
// The four-part record as use cases (DOMAIN.md §12): a household's record
// prefilled from the roster, the matched building and the best evidence
// (each value says where it came from), edits with history, the review
// steps village → town → county (core/record.h decides who may), bulk
// review with a result per record, lists and counts by state.

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/record.h"
#include "core/user.h"
#include "service/query_service.h"
#include "store/store.h"

namespace anju {

struct RecordFieldView {
  const RecordField* field = nullptr;
  RecordValue value;
  bool required = false;
};
struct RecordView {
  std::string household_id;
  std::string region_code;
  RecordState state = RecordState::not_started;
  long version = 0;
  std::vector<RecordFieldView> fields;  // in catalogue order
  std::vector<std::string> missing;     // what keeps it from being submitted
  std::vector<RecordHistoryEntry> history;
  std::string updated_at, updated_by;
  // The household's judgment as stored now (none before the first 初判): a
  // save that changed a building fact shows its new result here.
  std::optional<JudgmentRow> judgment;
  std::map<std::string, std::string> names;  // each actor's (and updated_by's) name as people read it
};

// The head's ID and phone numbers are masked unless `disclosure` is full:
// then the role must be allowed (view_full_id in the household's region)
// and the read is audited (personal.view_full), as for every other answer
// that carries a full number (service/query_service.h).
Result<RecordView> record_view(Store& store, const User& user, const std::string& household_id,
                               Disclosure disclosure, const Clock& clock);
// The same inside a read the caller holds, which audits a full read itself
// (a printed household file is one read of many records).
Result<RecordView> record_view_in(Transaction& tx, const User& user, const std::string& household_id,
                                  Disclosure disclosure);

// Saves changed fields (key → text) at the version the user saw (0: never
// saved). Coded fields take their Chinese name or key; numbers and dates are
// checked. The ID number and the safety conclusion come from the roster and
// the assessments and cannot be typed over.
Result<RecordView> save_record_fields(Store& store, const User& user, const std::string& household_id, long version,
                                      const std::map<std::string, std::string>& changes, const Clock& clock);

// submit / approve / return / reopen at the version the user saw.
Result<RecordView> act_on_record(Store& store, const User& user, const std::string& household_id, long version,
                                 RecordAction action, const std::string& comment, const Clock& clock);

struct RecordRef {
  std::string household_id;
  long version = 0;
};
struct BulkOutcome {
  std::string household_id;
  bool done = false;
  std::string message;  // why not (Chinese), or the new state's name
};
// The same action on each record, each on its own: one refused (incomplete,
// stale, wrong state) does not stop the others.
std::vector<BulkOutcome> act_on_records(Store& store, const User& user, const std::vector<RecordRef>& records,
                                        RecordAction action, const std::string& comment, const Clock& clock);

// Fills each row's updated_by_name.
Result<void> name_updaters(AccountRepo& accounts, std::vector<RecordRow>& rows);
Result<Page<RecordRow>> list_records(Store& store, const User& user, const std::string& region_code,
                                     std::optional<RecordState> state, long offset, long limit,
                                     RecordsShown shown = RecordsShown::all);
// What record progress is counted by: village, or the regions directly
// under the one asked (villages rolled up, each with its name).
enum class RecordsBy { village, child };

// The records of the user's region (or `region_code`) in each state.
Result<std::vector<RecordCount>> record_progress(Store& store, const User& user,
                                                 const std::string& region_code, RecordsBy by);

}  // namespace anju
