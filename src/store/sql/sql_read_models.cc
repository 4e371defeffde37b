// The API's read models on both engines: household pages with their match
// and judgment, the summary cells behind totals and dashboards, evidence
// about a household, single matches and judgments, and the manual choice
// with optimistic locking.
#include "core/access.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"
#include "store/sql/where_builder.h"

namespace anju::sql {
namespace {

// The household filter on `h` (households), `m` (matches), `j` (judgments).
WhereBuilder household_where(const HouseholdFilter& f, const std::string& lo, const std::string& hi) {
  WhereBuilder w;
  // The whole country needs no region test (and the engine no look-up of
  // every candidate household to make it).
  // Within a province, naming it lets PostgreSQL read one partition only.
  if (f.region_code != kWholeCountry)
    w.add("h.province = ? AND h.region_code BETWEEN ? AND ?", region_province(lo), lo, hi);
  if (f.category) w.add("h.category = ?", *f.category);
  if (f.monitor_type) w.add("h.monitor_type = ?", *f.monitor_type);
  if (f.status) w.add("h.status = ?", *f.status);
  if (f.housing) w.add("h.housing = ?", *f.housing);
  if (f.match_outcome == "none") w.add("m.household_id IS NULL");
  else if (f.match_outcome) w.add("m.outcome = ?", *f.match_outcome);
  if (f.result == "none") w.add("j.household_id IS NULL");
  else if (f.result) w.add("j.result = ?", *f.result);
  if (f.reason)
    w.add("EXISTS (SELECT 1 FROM judgment_reasons r WHERE r.household_id = h.household_id AND r.reason = ?)",
          *f.reason);
  if (f.changed_only)
    w.add("j.household_id IS NOT NULL AND (j.previous_result IS NULL OR j.previous_result <> j.result)");
  if (!f.search.empty()) {
    // Any part of the head's name or the address (two characters of a
    // name are enough); an ID number or household id whole.
    const std::string part = WhereBuilder::anywhere(f.search);
    w.add("(h.head_name LIKE ? ESCAPE '\\' OR h.address LIKE ? ESCAPE '\\' OR h.head_id_number = ?"
          " OR h.household_id = ?)",
          part, part, f.search, f.search);
  }
  return w;
}

// The one dimension a filter narrows by, when it is one and there is no
// search: its total is counted in the region's row of region_counts.
std::optional<std::pair<std::string, std::string>> single_dimension(const HouseholdFilter& f) {
  std::vector<std::pair<std::string, std::string>> set;
  const auto none_is_empty = [](const std::string& v) { return v == "none" ? std::string() : v; };
  if (f.category) set.emplace_back("category", *f.category);
  if (f.monitor_type) set.emplace_back("monitor_type", *f.monitor_type);
  if (f.status) set.emplace_back("status", *f.status);
  if (f.housing) set.emplace_back("housing", *f.housing);
  if (f.match_outcome) set.emplace_back("match_outcome", none_is_empty(*f.match_outcome));
  if (f.result) set.emplace_back("result", none_is_empty(*f.result));
  if (f.reason) set.emplace_back("reason", *f.reason);
  if (!f.search.empty() || f.changed_only || set.size() > 1) return std::nullopt;
  if (set.empty()) return std::make_pair(std::string("households"), std::string());
  return set.front();
}

// On both columns of the key: PostgreSQL then probes one partition of
// households a row, whichever table it walks first.
constexpr const char* kJoins =
    " FROM households h LEFT JOIN matches m ON m.household_id = h.household_id AND m.province = h.province"
    " LEFT JOIN judgments j ON j.household_id = h.household_id AND j.province = h.province";

}  // namespace

Result<Page<HouseholdListRow>> SqlTransaction::list_households(const HouseholdFilter& f) {
  const CodeRange range = region_range(f.region_code);
  Page<HouseholdListRow> page;
  WhereBuilder w = household_where(f, range.lo, range.hi);
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  // Ordered by the household_id of the table the filter narrows most, so
  // the engine walks that index in order and stops after the page (the
  // joins make the three equal).
  const char* order = f.result && f.result != "none"                    ? "j.household_id"
                      : f.match_outcome && f.match_outcome != "none" ? "m.household_id"
                                                                       : "h.household_id";
  const std::string sql = "SELECT " + qualify(kHouseholdColumns, "h") +
                          ", h.version, m.outcome, m.parcel_id, j.result, j.reasons, j.grade" + kJoins +
                          w.sql() + " ORDER BY " + order + " LIMIT " + limit + " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    HouseholdListRow row;
    row.household = read_household(r);
    row.version = r.integer(16);
    if (!r.is_null(17)) row.match_outcome = parse_match_outcome(r.text(17));
    row.matched_parcel = r.text(18);
    if (!r.is_null(19)) row.result = parse_judge_result(r.text(19));
    if (!r.is_null(20)) row.reasons = reasons_from_json(r.text(20));
    row.grade = read_enum<Grade>(r, 21);
    page.items.push_back(std::move(row));
  }));
  // One dimension (or none) and no search: the total is counted already.
  if (auto dim = single_dimension(f)) {
    auto total = region_total(f.region_code, dim->first, dim->second);
    if (!total) return total.error();
    page.total = *total;
    return page;
  }
  WhereBuilder cw = household_where(f, range.lo, range.hi);
  const std::string count_sql = "SELECT count(*)" + std::string(kJoins) + cw.sql();
  auto& c = conn_.prepare(count_sql.c_str());
  cw.bind(c);
  ANJU_TRY(each_row(c, [&](const Statement& r) { page.total = r.integer(0); }));
  return page;
}

Result<std::vector<Stored<Evidence>>> SqlTransaction::evidence_about(std::string_view parcel_id,
                                                                     std::string_view household_id) {
  static const std::string sql = std::string("SELECT ") + kEvidenceColumns +
                                 ", version, created_at, updated_at, updated_by FROM evidence"
                                 " WHERE (parcel_id = ?1 AND parcel_id <> '') OR household_id = ?2"
                                 " ORDER BY assessed_on, source, evidence_id";
  std::vector<Stored<Evidence>> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, parcel_id).bind(2, household_id),
                    [&](const Statement& r) { out.push_back(stored(read_evidence(r), r, 11)); }));
  return out;
}

Result<std::vector<std::string>> SqlTransaction::households_of_building(std::string_view parcel_id) {
  std::vector<std::string> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT household_id FROM matches WHERE parcel_id = ? ORDER BY household_id")
                        .bind(1, parcel_id),
                    [&](const Statement& r) { out.push_back(r.text(0)); }));
  return out;
}

Result<std::optional<MatchResult>> SqlTransaction::find_match(std::string_view household_id) {
  std::optional<MatchResult> out;
  ANJU_TRY(each_row(
      conn_.prepare("SELECT household_id, outcome, parcel_id, candidates, parcel_not_found, shared"
                    " FROM matches WHERE household_id = ?")
          .bind(1, household_id),
      [&](const Statement& s) { out = read_match(s); }));
  return out;
}

Result<std::optional<JudgmentRow>> SqlTransaction::find_judgment(std::string_view household_id) {
  std::optional<JudgmentRow> out;
  ANJU_TRY(each_row(
      conn_.prepare("SELECT household_id, result, reasons, grade, evidence_source, evidence_id,"
                    " previous_result, campaign_id FROM judgments WHERE household_id = ?")
          .bind(1, household_id),
      [&](const Statement& s) {
        JudgmentRow j;
        j.household_id = s.text(0);
        j.result = stored_value(parse_judge_result(s.text(1)), "judgments.result", s.text(1));
        j.reasons = reasons_from_json(s.text(2));
        j.grade = read_enum<Grade>(s, 3);
        j.evidence_source = read_enum<EvidenceSource>(s, 4);
        j.evidence_id = s.text(5);
        if (!s.is_null(6)) j.previous_result = stored_value(parse_judge_result(s.text(6)), "judgments.previous_result", s.text(6));
        j.campaign_id = s.integer(7);
        out = std::move(j);
      }));
  return out;
}

Result<std::vector<Region>> SqlTransaction::child_regions(const std::string& parent) {
  std::vector<Region> out;
  auto& s = parent == kWholeCountry
                ? conn_.prepare("SELECT code, name FROM regions WHERE parent_code IS NULL ORDER BY code")
                : conn_.prepare("SELECT code, name FROM regions WHERE parent_code = ? ORDER BY code").bind(1, parent);
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(Region{r.text(0), r.text(1)}); }));
  return out;
}

Result<std::optional<ManualMatch>> SqlTransaction::find_manual_match(std::string_view household_id) {
  std::optional<ManualMatch> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT parcel_id, version, updated_at, updated_by FROM manual_matches"
                                  " WHERE household_id = ?")
                        .bind(1, household_id),
                    [&](const Statement& s) { out = ManualMatch{s.text(0), s.integer(1), s.text(2), s.text(3)}; }));
  return out;
}

Result<void> SqlTransaction::set_manual_match(std::string_view household_id, std::string_view parcel_id,
                                              long expected_version, const WriteStamp& stamp) {
  auto region = household_region(household_id);
  if (!region) return region.error();
  if (!*region) return make_error(ErrorCode::not_found, "没有这个农户：" + std::string(household_id));
  auto before = find_match(household_id);
  if (!before) return before.error();
  if (expected_version == 0) {
    ANJU_TRY(conn_.prepare("INSERT INTO manual_matches(household_id, parcel_id, created_at, updated_at,"
                           " updated_by) VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT(household_id) DO NOTHING")
                 .bind(1, household_id).bind(2, parcel_id).bind(3, stamp.at).bind(4, stamp.actor).run());
  } else {
    ANJU_TRY(conn_.prepare("UPDATE manual_matches SET parcel_id = ?2, version = version + 1, updated_at = ?3,"
                           " updated_by = ?4 WHERE household_id = ?1 AND version = ?5")
                 .bind(1, household_id).bind(2, parcel_id).bind(3, stamp.at).bind(4, stamp.actor)
                 .bind(5, expected_version).run());
  }
  if (conn_.changes() != 1) return make_error(ErrorCode::conflict, "该户的图斑选择已被他人修改，请刷新后重试");
  // The stored match follows at once, as a run would store it: manual, on
  // the chosen building, without the candidates of an earlier ambiguity.
  MatchResult manual;
  manual.household_id = std::string(household_id);
  manual.outcome = MatchOutcome::manual;
  manual.parcel_id = std::string(parcel_id);
  manual.region_code = **region;
  ANJU_TRY(upsert_match(manual, 0));
  std::vector<std::string> touched{std::string(parcel_id)};
  if (*before) touched.push_back((*before)->parcel_id);
  ANJU_TRY(recount_shared(touched));
  return refresh_summary(**region);
}

Result<void> SqlTransaction::store_match(const MatchResult& m) {
  auto before = find_match(m.household_id);
  if (!before) return before.error();
  MatchResult own = m;
  own.shared = false;  // recounted below
  ANJU_TRY(upsert_match(own, 0));  // run 0: matched on its own, after a change
  std::vector<std::string> touched{m.parcel_id};
  if (*before) touched.push_back((*before)->parcel_id);
  ANJU_TRY(recount_shared(touched));
  return refresh_summary(m.region_code);
}

Result<void> SqlTransaction::clear_manual_match(std::string_view household_id, long expected_version) {
  ANJU_TRY(conn_.prepare("DELETE FROM manual_matches WHERE household_id = ?1 AND version = ?2")
               .bind(1, household_id).bind(2, expected_version).run());
  if (conn_.changes() == 1) return {};
  auto now = find_manual_match(household_id);
  if (!now) return now.error();
  if (!*now) return make_error(ErrorCode::not_found, "该户没有手动选择的图斑");
  return make_error(ErrorCode::conflict, "该户的图斑选择已被他人修改，请刷新后重试");
}

}  // namespace anju::sql
