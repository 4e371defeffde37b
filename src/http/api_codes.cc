// The coded values the console offers in its filters and forms, with the
// Chinese names users see: the server owns them (DOMAIN.md §3–§8), the
// browser only shows them.
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/enums.h"
#include "core/judgment.h"
#include "core/match_types.h"
#include "core/renovation.h"
#include "http/router.h"

namespace anju::http {
namespace {

using nlohmann::json;

template <class E>
json entries() {
  json out = json::array();
  for (const auto& e : EnumTraits<E>::entries()) out.push_back({{"key", e.key}, {"name", e.name}});
  return out;
}

// Enums without traits are dense from 0 to `last`.
template <class E, class Fn>
json dense(E last, Fn&& describe) {
  json out = json::array();
  for (int i = 0; i <= static_cast<int>(last); ++i) out.push_back(describe(static_cast<E>(i)));
  return out;
}

}  // namespace

Response get_codes(RouteContext& c) {
  static const json codes = {
      {"category", entries<Category>()},
      {"monitor_type", entries<MonitorType>()},
      {"status", entries<HouseholdStatus>()},
      {"housing", entries<Housing>()},
      {"structure", entries<Structure>()},
      {"availability", entries<Availability>()},
      {"yes_no", entries<YesNo>()},
      {"grade", entries<Grade>()},
      {"role", entries<Role>()},
      {"action", entries<Action>()},
      {"renovation_state", entries<RenovationState>()},
      {"renovation_paper", entries<RenovationPaper>()},
      {"evidence_source", entries<EvidenceSource>()},
      {"match_outcome", dense(MatchOutcome::unmatched, [](MatchOutcome o) {
         return json{{"key", match_outcome_key(o)}, {"name", match_outcome_name(o)}};
       })},
      {"result", dense(JudgeResult::unsafe, [](JudgeResult r) {
         return json{{"key", judge_result_key(r)}, {"name", judge_result_name(r)}};
       })},
      {"reason", dense(Reason::aging, [](Reason r) {
         return json{{"key", reason_key(r)}, {"name", reason_name(r)}, {"explanation", reason_explanation(r)}};
       })},
  };
  return json_response(c.req, bh::status::ok, codes);
}

}  // namespace anju::http
