#pragma once
// The four-part record (四类信息, DOMAIN.md §12) and its review, and the
// change requests (死亡销户, 户主变更, 迁出): pure state machines that say
// which role may move a record or request from which state to which, and
// the completeness rule a record must meet before it is submitted.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"

namespace anju {

// --- the record ---------------------------------------------------------------

enum class RecordState { not_started, draft, submitted, town_approved, county_approved };
enum class RecordAction {
  edit,     // save fields (not_started or draft → draft)
  submit,   // draft → submitted
  approve,  // submitted → town_approved (town); town_approved → county_approved (county)
  give_back,  // "return" with a comment: submitted or town_approved → draft
  reopen,   // an approved record unlocked again, with a reason → draft
};

ANJU_ENUM_TRAITS(RecordState);  // 未开始 / 填报中 / 已提交 / 镇已审核 / 县已审核
ANJU_ENUM_TRAITS(RecordAction);

// The state after `action`, or why not (Chinese): `forbidden` when the role
// may not take it, `invalid` when the state does not allow it or a comment
// (return, reopen) is missing.
Result<RecordState> record_transition(RecordState from, RecordAction action, Role role, std::string_view comment);

// Whether the fields may be changed in this state (not while under review
// or approved).
inline bool record_editable(RecordState s) { return s == RecordState::not_started || s == RecordState::draft; }

// The four parts and their fields; which are required depends on the case.
enum class RecordPart { basic, building, safety, hazards };
ANJU_ENUM_TRAITS(RecordPart);
struct RecordField {
  const char* key;
  const char* name;
  RecordPart part;
  bool required_own_rural;  // required when the household lives in its own rural house
  bool required_always;
};
const std::vector<RecordField>& record_fields();
const RecordField* find_record_field(std::string_view key);
// Whether a user may type the field: not the ID number (a head change is a
// change request) nor the safety conclusion (it comes from assessments).
bool record_field_typed(const RecordField& f);

// What a record must have before it is submitted (DOMAIN.md §7, §12): the
// basic part always; a household in its own rural house also the building's
// key facts and a safety conclusion dated on or after `cutoff`.
struct RecordFacts {
  Housing housing = Housing::own_rural;
  std::vector<std::string> present;  // keys of fields with a value
  std::optional<Date> safety_date;   // the date of the safety conclusion
};
// The names (Chinese) of what is missing; empty when complete.
std::vector<std::string> record_missing(const RecordFacts& facts, Date cutoff);

// A field's value and where it came from ("roster", "census", an evidence
// source key, "edit"), who set it and when.
struct RecordValue {
  std::string value;
  std::string source;
  std::string by, at;
  bool operator==(const RecordValue&) const = default;
};
struct StoredRecord {
  std::string household_id;
  std::string region_code;
  RecordState state = RecordState::not_started;
  std::map<std::string, RecordValue> fields;
  long version = 0;  // 0: not stored yet
  std::string updated_at, updated_by;
};
struct RecordHistoryEntry {
  long id = 0;
  std::string household_id;
  std::string at, actor;
  std::string action;  // a RecordAction key
  RecordState from = RecordState::not_started, to = RecordState::not_started;
  std::string comment;
  std::string changes;  // JSON [{"field", "before", "after"}]
};
struct RecordRow {
  std::string household_id, head_name, region_code;
  RecordState state = RecordState::not_started;
  long version = 0;
  std::string updated_at, updated_by;
  std::string updated_by_name;  // as people read it (filled by the service)
};
// Which records a list shows besides its state: every one, or only those
// returned to their filler (填报中 after a 退回, not yet submitted again).
enum class RecordsShown { all, returned };
struct RecordFilter {
  std::string region_lo, region_hi;
  std::optional<RecordState> state;
  long offset = 0, limit = 50;
  RecordsShown shown = RecordsShown::all;
};
struct RecordCount {
  std::string region_code;  // a village (or, rolled up, a region above it)
  RecordState state = RecordState::not_started;
  long n = 0;
  std::string name;  // rolled up (service/roll_up.h): the region's name; else ""
};

// --- change requests ------------------------------------------------------------

enum class ChangeKind { deceased, head_change, relocation };
enum class ChangeState { submitted, county_approved, approved, rejected };
enum class ChangeAction { approve, reject };

ANJU_ENUM_TRAITS(ChangeKind);  // 死亡销户 / 户主变更 / 迁出
ANJU_ENUM_TRAITS(ChangeState);

struct ChangeRequest {
  long id = 0;
  std::string household_id;
  std::string region_code;  // the household's village when raised
  ChangeKind kind = ChangeKind::deceased;
  ChangeState state = ChangeState::submitted;
  std::string details;  // JSON, by kind
  std::string note;     // why, as the raiser wrote it
  std::string reason;   // why not, when rejected
  long version = 0;
  std::string created_at, created_by, updated_at, updated_by;
  std::string head_name;  // the household's head now, as lists show it (read, not stored)
};
struct ChangeFilter {
  std::string region_lo, region_hi;
  std::optional<ChangeState> state;
  long offset = 0, limit = 50;
};

// Who may raise a request: the village clerk and the town office (and admins).
bool may_raise_change(Role role);

// The state after `action`. A county reviewer decides first; a relocation to
// another county (`crosses_county`) then needs the city reviewer. Rejection
// needs a reason.
Result<ChangeState> change_transition(ChangeState from, ChangeAction action, Role role, bool crosses_county,
                                      std::string_view reason);

}  // namespace anju
