#include "core/match_types.h"

#include <array>

namespace anju {
namespace {

struct OutcomeInfo {
  MatchOutcome outcome;
  const char* key;
  const char* name;
};
constexpr std::array<OutcomeInfo, 6> kOutcomes = {{
    {MatchOutcome::manual, "manual", "人工选择图斑"},
    {MatchOutcome::by_parcel, "by_parcel", "按图斑编号"},
    {MatchOutcome::by_location, "by_location", "按位置"},
    {MatchOutcome::by_owner, "by_owner", "按户主姓名"},
    {MatchOutcome::ambiguous, "ambiguous", "多个候选，待选择"},
    {MatchOutcome::unmatched, "unmatched", "未对应"},
}};

}  // namespace

const char* match_outcome_key(MatchOutcome o) { return kOutcomes[static_cast<size_t>(o)].key; }
const char* match_outcome_name(MatchOutcome o) { return kOutcomes[static_cast<size_t>(o)].name; }

std::optional<MatchOutcome> parse_match_outcome(std::string_view key) {
  for (const auto& o : kOutcomes)
    if (key == o.key) return o.outcome;
  return std::nullopt;
}

}  // namespace anju
