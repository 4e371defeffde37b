#pragma once
// Renovation applications (危房改造申请, DOMAIN.md §11): the seven methods,
// the construction modes, and the state machine from draft to acceptance
// with the role that may take each step.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"

namespace anju {

enum class RenovationMethod { repair, rebuild, relocate_build, swap, new_build, seismic_retrofit, other };
ANJU_ENUM_TRAITS(RenovationMethod);
enum class BuildMode { self_build, unified, agent };  // 自建 / 统建 / 代建
ANJU_ENUM_TRAITS(BuildMode);

enum class RenovationState { draft, submitted, town_reviewed, county_approved, rejected, started, completed, accepted };
ANJU_ENUM_TRAITS(RenovationState);

enum class RenovationAction {
  edit,         // draft → draft
  submit,       // draft → submitted (village clerk, town office)
  town_review,  // submitted → town_reviewed (town office)
  give_back,    // "return" with a comment: submitted (town) or town_reviewed (county) → draft
  approve,      // town_reviewed → county_approved (county)
  reject,       // town_reviewed → rejected, with a reason (county)
  start,        // county_approved → started, with the day work began (town office)
  complete,     // started → completed, with the day it was finished (town office)
  accept,       // completed → accepted, with the day and grade of the acceptance (county)
  fail,         // completed → started: acceptance failed, with the reason (county)
};
ANJU_ENUM_TRAITS(RenovationAction);

// The papers an application carries, by stage (its attachments' kind).
enum class RenovationPaper {
  application,       // 申请材料
  approval,          // 审批材料
  construction,      // 施工照片
  completion,        // 竣工材料
  acceptance,        // 验收单: the signed acceptance form (a scan or PDF)
  acceptance_photo,  // 验收照片: the finished house (an image)
};
ANJU_ENUM_TRAITS(RenovationPaper);

// What a county asks to see before an acceptance, by default.
inline const std::vector<RenovationPaper> kDefaultAcceptancePapers = {RenovationPaper::acceptance_photo,
                                                                      RenovationPaper::acceptance};

// The papers of `required` that `present` (attachment kinds) lacks: an
// acceptance is refused until this is empty.
std::vector<RenovationPaper> missing_papers(const std::vector<RenovationPaper>& required,
                                            const std::vector<std::string>& present);

// The state after `action` by `role`, or why not (Chinese): `forbidden`
// for the role, `invalid` for the state or a missing comment.
Result<RenovationState> renovation_transition(RenovationState from, RenovationAction action, Role role,
                                              std::string_view comment);
// The actions `role` may take from `from` (for the UI's buttons).
std::vector<RenovationAction> renovation_actions(RenovationState from, Role role);
// Whether an application in this state still counts (not rejected).
inline bool renovation_live(RenovationState s) { return s != RenovationState::rejected; }
// Whether the state is at or after county approval.
bool renovation_approved(RenovationState s);

struct Renovation {
  long id = 0;
  long ledger_id = 0;
  std::string household_id;
  std::string region_code;
  RenovationMethod method = RenovationMethod::repair;
  BuildMode build_mode = BuildMode::self_build;
  std::optional<double> area_m2;
  std::optional<double> subsidy_central, subsidy_local;  // yuan
  std::optional<int> plan_year;
  std::optional<Date> planned_start;
  std::string note;
  RenovationState state = RenovationState::draft;
  std::string reason;  // the last return, rejection or failed acceptance
  std::optional<Date> started_on, completed_on, accepted_on;
  std::optional<Grade> acceptance_grade;
  std::string acceptance_note;
  std::string evidence_id;  // the assessment the acceptance recorded
  long version = 0;
  std::string created_at, created_by, updated_at, updated_by;
};

// Why an application's particulars cannot be submitted (all faults joined),
// checked on every save and again before submit: a method, the area and
// subsidies not negative, an area at most 18 m² a person above 3 persons
// (the 会东县 rule) or 60 m² a household otherwise is a warning only, so
// not here; a plan year within [first, deadline's year].
Result<void> check_renovation(const Renovation& r, int first_plan_year, const Date& deadline, bool submitting);

// Each step of an application.
struct RenovationHistoryEntry {
  long id = 0;
  long renovation_id = 0;
  std::string at, actor;
  std::string action;  // a RenovationAction key, or "create"
  RenovationState from = RenovationState::draft, to = RenovationState::draft;
  std::string comment;
};

struct RenovationFilter {
  std::string region_lo, region_hi;
  std::optional<RenovationState> state;
  std::string household_id;  // "" any
  long limit = 50, offset = 0;
};
struct RenovationRow {
  Renovation renovation;
  std::string head_name;
};

// What the step needs besides the comment: the days of start, completion
// and acceptance (not in the future, not before the previous step; work
// does not start before the county approved it, `approved_on`) and the
// acceptance grade (A or B: a C or D house is not accepted — fail it).
struct RenovationStep {
  std::optional<Date> on;
  std::optional<Grade> grade;
  std::string comment;
};
Result<void> check_step(const Renovation& r, RenovationAction action, const RenovationStep& step, const Date& today,
                        const std::optional<Date>& approved_on = std::nullopt);

// The area guideline: 60 m² a household of up to 3, at most 18 m² a person
// above; a Chinese warning when exceeded, else "".
std::string area_warning(double area_m2, int members);

}  // namespace anju
