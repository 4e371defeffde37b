#pragma once
// The C/D ledger (危房台账, DOMAIN.md §11): who is in it, when they leave,
// and what each entry must say. Pure rules; the store keeps the entries and
// the services apply what these functions decide.

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/building.h"
#include "core/enums.h"
#include "core/household.h"
#include "core/match_types.h"
#include "core/renovation.h"
#include "core/result.h"

namespace anju {

// 改造措施: how the house is to become safe.
enum class LedgerMeasure { undecided, renovation, other };
ANJU_ENUM_TRAITS(LedgerMeasure);

// 过渡期安全措施: where the household lives safely until then.
enum class Transitional { none, relatives, rent, turnover, temporary, safe_room, other };
ANJU_ENUM_TRAITS(Transitional);

// 销号原因: why an entry left the ledger.
enum class LedgerExit { graded_safe, other_safe_housing, excluded };
ANJU_ENUM_TRAITS(LedgerExit);

struct LedgerEntry {
  long id = 0;
  std::string household_id;
  Date opened_on;
  std::optional<Grade> grade;                  // the grade that put it (or keeps it) in the ledger
  std::optional<EvidenceSource> evidence_source;
  std::string evidence_id;
  std::optional<Date> closed_on;               // nullopt while in the ledger
  std::optional<LedgerExit> exit;
  std::string exit_note;                       // which assessment or change closed it
  LedgerMeasure measure = LedgerMeasure::undecided;
  std::optional<int> plan_year;                // renovation: the year's plan it is in
  std::string measure_note;                    // other: what is done instead
  Transitional transitional = Transitional::none;
  std::string transitional_note;
  std::string responsible, responsible_phone;  // 责任人
  std::string note;                            // 备注
  long renovation_id = 0;                      // the approved application, once there is one
  long version = 0;
  std::string updated_at, updated_by;
};

// What a clerk may set on an entry.
struct LedgerEdit {
  LedgerMeasure measure = LedgerMeasure::undecided;
  std::optional<int> plan_year;
  std::string measure_note;
  Transitional transitional = Transitional::none;
  std::string transitional_note;
  std::string responsible, responsible_phone, note;
};

// Why an edit cannot be kept (Chinese, every fault joined), or nothing.
// Plan years run from the campaign's first year to the deadline's year.
Result<void> check_ledger_edit(const LedgerEdit& edit, int first_plan_year, const Date& deadline);

// The ledger's rule for one household's current judgment: nullopt when it
// belongs in the ledger or is left as it is (verify keeps an entry open:
// a pending visit is no proof of safety); otherwise the reason to leave.
bool belongs_in_ledger(JudgeResult result);
std::optional<LedgerExit> ledger_exit(JudgeResult result);

struct OpenLedgerEntry {
  long id = 0;
  std::string household_id;
  std::optional<Grade> grade;
  std::string evidence_id;
};
struct LedgerOpen {
  std::string household_id;
  std::optional<Grade> grade;
  std::optional<EvidenceSource> evidence_source;
  std::string evidence_id;
  std::string region_code;  // the household's (its province is stored beside the key)
};
struct LedgerClose {
  long entry_id = 0;
  std::string household_id;
  LedgerExit exit = LedgerExit::graded_safe;
  std::string note;
};
struct LedgerSync {
  std::vector<LedgerOpen> open;      // new entries
  std::vector<LedgerOpen> regrade;   // open entries whose deciding assessment changed
  std::vector<long> regrade_ids;     // … and their ids, alike in order
  std::vector<LedgerClose> close;
};
// What the judgments `rows` change in the ledger whose open entries are
// `open` (households not in `rows` are left alone).
LedgerSync sync_ledger(const std::vector<JudgmentRow>& rows, const std::vector<OpenLedgerEntry>& open);

// Whether an entry still open is late (past the deadline) or at risk (the
// deadline within `risk_days` and no approved renovation or other measure).
enum class LedgerUrgency { on_track, at_risk, late };
LedgerUrgency ledger_urgency(const LedgerEntry& e, const Date& today, const Date& deadline, int risk_days = 90);
// The same rule as a filter (what a list asks the store for), decided for
// `today`: late = still open past the deadline, or closed after it; at
// risk = open, before the deadline, and either within `risk_days` of it
// with no measure yet or within a third of that.
struct UrgencyFilter {
  Date deadline;
  bool open_late = false;       // today is past the deadline: every open entry is late
  bool risk_all_open = false;   // at risk: every open entry
  bool risk_unmeasured = false; // at risk: open entries without an application or other measure
};
UrgencyFilter urgency_filter(const Date& today, const Date& deadline, int risk_days = 90);
ANJU_ENUM_TRAITS(LedgerUrgency);  // 按期推进 / 临近期限 / 已逾期

// --- read models --------------------------------------------------------------

// One line of the ledger as the list and the Excel export show it: the
// entry, its household, the matched building's facts, the assessment that
// put it in, and its renovation application (the one in progress, else the
// latest), if any.
struct LedgerRow {
  LedgerEntry entry;
  Household household;
  std::string parcel_id;
  std::optional<int> floors;
  std::string built_text;
  std::optional<Structure> structure;
  std::optional<double> area_m2;
  std::optional<YesNo> geo_hazard, expanded, business_use;
  std::optional<Date> assessed_on;
  std::string assessor;
  std::optional<AssessMethod> method;
  std::optional<Renovation> renovation;
  Date deadline;  // of the household's campaign (set by the service, not stored)
};

// The urgency rule of the households of [lo, hi], each region under the
// campaign it follows.
struct UrgencyZone {
  std::string lo, hi;
  UrgencyFilter rule;
};

struct LedgerFilter {
  std::string region_lo, region_hi;
  std::string status = "open";  // "open" (in the ledger), "closed" (销号), "all"
  std::optional<LedgerMeasure> measure;
  std::optional<int> plan_year;
  std::string renovation_state;  // a state key, "none" (no application), "" any
  std::string search;            // household id or head's name, a prefix
  std::optional<LedgerUrgency> urgency;  // late or at_risk (by `urgency_zones`)
  // The rule for `urgency` by campaign: the deepest region first, the one
  // governing the whole range last (a household follows the first zone
  // holding it).
  std::vector<UrgencyZone> urgency_zones;
  long limit = 50, offset = 0;
};

// What the statistics count of each entry (streamed, no personal data).
struct LedgerFact {
  std::string region_code;  // the household's village
  bool open = true;
  std::optional<Date> closed_on;
  std::optional<Grade> grade;
  LedgerMeasure measure = LedgerMeasure::undecided;
  std::optional<int> plan_year;
  std::optional<RenovationState> renovation_state;
  std::optional<RenovationMethod> method;
  long renovation_id = 0;
  double subsidy = 0;  // central + local of the application
};

}  // namespace anju
