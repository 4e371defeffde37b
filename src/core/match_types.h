#pragma once
// Results of person–house matching (人房对应, DOMAIN.md §6) and of the
// judgment as stored, plus the campaign's settings.

#include <optional>
#include <string>
#include <vector>

#include "core/judgment.h"
#include "core/renovation.h"

namespace anju {

enum class MatchOutcome { manual, by_parcel, by_location, by_owner, ambiguous, unmatched };

const char* match_outcome_key(MatchOutcome o);
const char* match_outcome_name(MatchOutcome o);  // Chinese
std::optional<MatchOutcome> parse_match_outcome(std::string_view key);

struct MatchResult {
  std::string household_id;
  MatchOutcome outcome = MatchOutcome::unmatched;
  std::string parcel_id;                // the matched building; empty unless matched
  std::vector<std::string> candidates;  // for `ambiguous`: the buildings to choose from
  bool parcel_not_found = false;        // the roster's parcel_id names no building
  bool shared = false;                  // the building is matched by other households too
  // The household's region, known to a run; stored as its province (the
  // partition key beside household_id), not read back.
  std::string region_code;
};

struct JudgmentRow {
  std::string household_id;
  JudgeResult result = JudgeResult::verify;
  std::vector<Reason> reasons;
  std::optional<Grade> grade;
  std::optional<EvidenceSource> evidence_source;
  std::string evidence_id;
  std::optional<JudgeResult> previous_result;
  // The household's region, known to a run; stored as its province (the
  // partition key beside household_id), not read back.
  std::string region_code;
  long campaign_id = 1;  // the campaign whose settings judged it
};

// Everything the judgment of one household looks at (DOMAIN.md §7).
struct JudgeInput {
  HouseholdStanding household;
  std::optional<BuildingFacts> building;    // the matched building, if it exists
  std::vector<Evidence> evidence;           // naming its parcel or the household, ≤ as_of
  std::optional<JudgeResult> previous;      // the stored result before this run
};

// A campaign is set for a region (the country's, id 1, always exists); a
// household follows the campaign of its nearest region that has one
// (core/campaign_index.h).
struct Campaign {
  long id = 0;  // 0: not stored yet
  std::string region_code = "000000000000";
  std::string name;
  Date window_start;
  Date window_end;
  std::optional<Date> as_of;  // nullopt: the day of each run
  JudgeSettings settings;     // settings.as_of is unused here
  Date ledger_deadline{2025, 12, 31};  // every C/D ledger entry closed by then (DOMAIN.md §11)
  // What an acceptance needs uploaded first (a county's choice).
  std::vector<RenovationPaper> acceptance_papers = kDefaultAcceptancePapers;
  long version = 0;
};

// A match or judge run, with its settings and summary as JSON text.
struct RunRecord {
  std::string kind;
  std::string ran_at;
  std::string actor;
  std::string settings_json = "{}";
  std::string summary_json = "{}";
};

}  // namespace anju
