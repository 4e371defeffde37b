#include "store/memory/memory_results.h"

#include <algorithm>

#include "core/access.h"

namespace anju {

namespace {

// A stored result as the SQL stores return it: without the region it was
// written with (result_repo.h).
template <class Row>
Row read_back(Row row) {
  row.region_code.clear();
  return row;
}

}  // namespace

void MemoryResults::put_judge_input(JudgeInput input) {
  const std::string id = input.household.household_id;
  inputs_[id] = std::move(input);
}

Result<std::optional<ManualMatch>> MemoryResults::find_manual_match(std::string_view household_id) {
  auto it = manual_.find(household_id);
  if (it == manual_.end()) return std::optional<ManualMatch>();
  return std::optional<ManualMatch>(it->second);
}

Result<void> MemoryResults::set_manual_match(std::string_view household_id,
                                             std::string_view parcel_id, long expected_version,
                                             const WriteStamp& stamp) {
  ANJU_TRY(writable());
  if (households_) {
    auto region = households_->household_region(household_id);
    if (!region) return region.error();
    if (!*region) return make_error(ErrorCode::not_found, "没有这个农户：" + std::string(household_id));
  }
  auto it = manual_.find(household_id);
  const long current = it == manual_.end() ? 0 : it->second.version;
  if (current != expected_version) return make_error(ErrorCode::conflict, "该户的选择已被他人修改");
  manual_[std::string(household_id)] =
      ManualMatch{std::string(parcel_id), current + 1, stamp.at, stamp.actor};
  // The stored match becomes manual at once; `shared` is recomputed for
  // the buildings concerned.
  MatchResult& m = matches_[std::string(household_id)];
  const std::string old_parcel = m.parcel_id;
  m = MatchResult{std::string(household_id), MatchOutcome::manual, std::string(parcel_id), {}, false, false,
                  m.region_code};
  recount_shared({old_parcel, std::string(parcel_id)});
  return {};
}

void MemoryResults::recount_shared(const std::vector<std::string>& parcels) {
  for (const std::string& parcel : parcels) {
    if (parcel.empty()) continue;
    long n = 0;
    for (const auto& [id, r] : matches_) n += r.parcel_id == parcel;
    for (auto& [id, r] : matches_)
      if (r.parcel_id == parcel) r.shared = n > 1;
  }
}

Result<void> MemoryResults::store_match(const MatchResult& m) {
  ANJU_TRY(writable());
  ANJU_TRY(check_result_region(m));
  MatchResult& stored = matches_[m.household_id];
  const std::string old_parcel = stored.parcel_id;
  stored = m;
  stored.shared = false;
  recount_shared({old_parcel, m.parcel_id});
  return {};
}

Result<void> MemoryResults::clear_manual_match(std::string_view household_id,
                                               long expected_version) {
  ANJU_TRY(writable());
  auto it = manual_.find(household_id);
  if (it == manual_.end()) return make_error(ErrorCode::not_found, "该户没有人工选择的图斑");
  if (it->second.version != expected_version)
    return make_error(ErrorCode::conflict, "该户的选择已被他人修改");
  manual_.erase(it);
  return {};
}

Result<std::vector<std::pair<std::string, std::string>>> MemoryResults::list_manual_matches(
    std::string_view region) {
  const CodeRange range = region_range(region);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, m] : manual_) {
    if (!range.whole()) {
      if (!households_) return make_error(ErrorCode::internal, "MemoryResults: no households to scope by");
      auto village = households_->household_region(id);
      if (!village) return village.error();
      if (!*village || **village < range.lo || **village > range.hi) continue;
    }
    out.emplace_back(id, m.parcel_id);
  }
  return out;
}

Result<void> MemoryResults::replace_matches(const RunRecord& run, std::string_view region,
                                            const std::vector<MatchResult>& results) {
  ANJU_TRY(writable());
  ANJU_TRY(check_result_regions(results));
  if (region_range(region).whole()) {
    matches_.clear();
    for (const MatchResult& m : results) matches_[m.household_id] = m;
  } else {
    std::vector<std::string> touched;
    for (const MatchResult& m : results) {
      if (auto old = matches_.find(m.household_id); old != matches_.end()) touched.push_back(old->second.parcel_id);
      touched.push_back(m.parcel_id);
      matches_[m.household_id] = m;
    }
    recount_shared(touched);
  }
  runs_.push_back(run);
  return {};
}

Result<void> MemoryResults::for_each_match(const std::function<void(MatchResult&&)>& fn) {
  for (const auto& [id, m] : matches_) {
    ANJU_TRY(next_row());
    fn(read_back(m));
  }
  return {};
}

Result<std::optional<MatchResult>> MemoryResults::find_match(std::string_view household_id) {
  auto it = matches_.find(household_id);
  if (it == matches_.end()) return std::optional<MatchResult>();
  return std::optional<MatchResult>(read_back(it->second));
}

Result<bool> MemoryResults::holds_results() {
  ANJU_TRY(next_row());
  return !matches_.empty() || !judgments_.empty();
}

Result<void> MemoryResults::for_each_judge_input(const Date& as_of, std::string_view after,
                                                 std::string_view upto, std::string_view region,
                                                 const std::function<void(JudgeInput&&)>& fn) {
  const CodeRange range = region_range(region);
  // A region is read whole; the key range bounds a run over everything.
  if (!range.whole()) {
    after = "";
    upto = "\xff";
  }
  for (auto it = inputs_.upper_bound(after); it != inputs_.end() && it->first <= upto; ++it) {
    const std::string& village = it->second.household.region_code;
    if (village < range.lo || village > range.hi) continue;
    ANJU_TRY(next_row());
    JudgeInput in = it->second;
    std::erase_if(in.evidence, [&](const Evidence& e) { return as_of < e.assessed_on; });
    auto previous = judgments_.find(it->first);
    in.previous = previous == judgments_.end()
                      ? std::nullopt
                      : std::optional<JudgeResult>(previous->second.result);
    fn(std::move(in));
  }
  return {};
}

Result<void> MemoryResults::replace_judgments(const RunRecord& run, std::string_view region,
                                              const std::vector<JudgmentRow>& rows) {
  ANJU_TRY(writable());
  ANJU_TRY(check_result_regions(rows));
  if (region_range(region).whole()) judgments_.clear();
  for (const JudgmentRow& r : rows) judgments_[r.household_id] = r;
  runs_.push_back(run);
  return {};
}

Result<std::optional<JudgmentRow>> MemoryResults::find_judgment(std::string_view household_id) {
  auto it = judgments_.find(household_id);
  if (it == judgments_.end()) return std::optional<JudgmentRow>();
  return std::optional<JudgmentRow>(read_back(it->second));
}

Result<void> MemoryResults::replace_judgment(const JudgmentRow& row) {
  ANJU_TRY(writable());
  ANJU_TRY(check_result_region(row));
  judgments_[row.household_id] = row;
  return {};
}

Result<std::vector<std::string>> MemoryResults::households_of_building(std::string_view parcel_id) {
  std::vector<std::string> out;
  for (const auto& [id, m] : matches_)
    if (m.parcel_id == parcel_id) out.push_back(id);
  return out;
}

}  // namespace anju
