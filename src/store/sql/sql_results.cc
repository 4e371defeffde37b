// The campaign, manual matches and the results of matching and judgment on SQLite.
#include <nlohmann/json.hpp>

#include <set>

#include "core/access.h"
#include "core/region_code.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {

namespace {

constexpr const char* kCampaignColumns =
    "SELECT id, region_code, name, window_start, window_end, as_of, cutoff, aging_year, aging_age_years,"
    " aging_structures, version, ledger_deadline, acceptance_papers FROM campaigns";

Campaign read_campaign(const Statement& r) {
  Campaign c;
  c.id = r.integer(0);
  c.region_code = r.text(1);
  c.name = r.text(2);
  c.window_start = read_date(r, 3);
  c.window_end = read_date(r, 4);
  if (!r.is_null(5)) c.as_of = read_date(r, 5);
  c.settings.cutoff = read_date(r, 6);
  c.settings.aging_year = static_cast<int>(r.integer(7));
  c.settings.aging_age_years = static_cast<int>(r.integer(8));
  c.settings.aging_structures.clear();
  for (const auto& key : strings_from_json(r.text(9)))
    c.settings.aging_structures.push_back(enum_from_db<Structure>(key));
  c.version = r.integer(10);
  c.ledger_deadline = read_date(r, 11);
  c.acceptance_papers.clear();
  for (const auto& key : strings_from_json(r.text(12)))
    c.acceptance_papers.push_back(enum_from_db<RenovationPaper>(key));
  return c;
}

// Binds the settings of `c` as ?1 … ?8, ?12 and ?13, and `stamp` as ?9, ?10.
void bind_campaign(Statement& s, const Campaign& c, const WriteStamp& stamp) {
  std::vector<std::string> structures;
  for (Structure st : c.settings.aging_structures) structures.emplace_back(enum_key(st));
  std::vector<std::string> papers;
  for (RenovationPaper p : c.acceptance_papers) papers.emplace_back(enum_key(p));
  s.bind(13, strings_json(papers));
  s.bind(1, c.name).bind(2, c.window_start.to_string()).bind(3, c.window_end.to_string());
  if (c.as_of) s.bind(4, c.as_of->to_string()); else s.bind_null(4);
  s.bind(5, c.settings.cutoff.to_string()).bind(6, c.settings.aging_year);
  s.bind(7, c.settings.aging_age_years).bind(8, strings_json(structures));
  s.bind(9, stamp.at).bind(10, stamp.actor).bind(12, c.ledger_deadline.to_string());
}

}  // namespace

Result<Campaign> SqlTransaction::campaign_for(std::string_view code) {
  // The region and its ancestors, the country's last: the longest code set wins.
  std::vector<std::string> chain{std::string(kWholeCountry)};
  if (is_region_code(code))
    for (std::optional<std::string> at = std::string(code); at; at = region_parent(*at)) chain.push_back(*at);
  static const std::string sql =
      std::string(kCampaignColumns) + " WHERE region_code IN (?1, ?2, ?3, ?4, ?5, ?6)";
  auto& s = conn_.prepare(sql.c_str());
  for (int i = 0; i < 6; ++i)
    if (static_cast<size_t>(i) < chain.size()) s.bind(i + 1, chain[i]); else s.bind_null(i + 1);
  // The country's is the shallowest (its prefix "00" is as long as a province's).
  auto depth = [](const Campaign& c) { return c.region_code == kWholeCountry ? 0 : region_prefix(c.region_code).size(); };
  std::optional<Campaign> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    Campaign c = read_campaign(r);
    if (!out || depth(c) > depth(*out)) out = std::move(c);
  }));
  if (!out) return make_error(ErrorCode::not_found, "数据库中没有工作（回头看）设置");
  return *out;
}

Result<std::vector<Campaign>> SqlTransaction::campaigns_inside(std::string_view code) {
  const CodeRange range = region_range(code);
  static const std::string sql =
      std::string(kCampaignColumns) + " WHERE region_code BETWEEN ?1 AND ?2 AND region_code <> ?3 ORDER BY region_code";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, range.lo).bind(2, range.hi).bind(3, std::string(code));
  std::vector<Campaign> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    if (r.text_view(1) != kWholeCountry) out.push_back(read_campaign(r));
  }));
  return out;
}

Result<long> SqlTransaction::save_campaign(const Campaign& c, const WriteStamp& stamp) {
  if (c.id == 0) {
    auto& s = conn_.prepare(
        "INSERT INTO campaigns(name, window_start, window_end, as_of, cutoff, aging_year, aging_age_years,"
        " aging_structures, version, created_at, updated_at, updated_by, ledger_deadline, region_code,"
        " acceptance_papers)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, ?10, ?12, ?11, ?13)"
        " ON CONFLICT (region_code) DO NOTHING RETURNING id");
    bind_campaign(s, c, stamp);
    s.bind(11, c.region_code);
    std::optional<long> id;
    ANJU_TRY(each_row(s, [&](const Statement& r) { id = r.integer(0); }));
    if (id) return *id;
    return make_error(ErrorCode::conflict, "该区划已有自己的工作设置，请刷新后修改");
  }
  auto& s = conn_.prepare(
      "UPDATE campaigns SET name = ?1, window_start = ?2, window_end = ?3, as_of = ?4, cutoff = ?5,"
      " aging_year = ?6, aging_age_years = ?7, aging_structures = ?8, version = version + 1,"
      " updated_at = ?9, updated_by = ?10, ledger_deadline = ?12, acceptance_papers = ?13"
      " WHERE id = ?14 AND version = ?11");
  bind_campaign(s, c, stamp);
  s.bind(11, c.version).bind(14, c.id);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return c.id;
  return make_error(ErrorCode::conflict, "工作设置已被他人修改，请刷新后重试");
}

Result<void> SqlTransaction::remove_campaign(long id, long version) {
  auto& s = conn_.prepare("DELETE FROM campaigns WHERE id = ?1 AND version = ?2 AND region_code <> ?3");
  s.bind(1, id).bind(2, version).bind(3, std::string(kWholeCountry));
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return make_error(ErrorCode::conflict, "工作设置已被他人修改或删除，请刷新后重试");
}

Result<std::vector<std::pair<std::string, std::string>>> SqlTransaction::list_manual_matches(
    std::string_view region) {
  auto& s = region_read(region, "SELECT household_id, parcel_id FROM manual_matches",
                        "SELECT mm.household_id, mm.parcel_id FROM manual_matches mm"
                        " JOIN households h ON h.household_id = mm.household_id"
                        " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3");
  std::vector<std::pair<std::string, std::string>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.emplace_back(r.text(0), r.text(1)); }));
  return out;
}

namespace {

// Binds a match's columns as ?1 … ?6.
Statement& bind_match(Statement& s, const MatchResult& m) {
  s.bind_view(1, m.household_id).bind_view(2, match_outcome_key(m.outcome));
  if (m.parcel_id.empty()) s.bind_null(3);
  else s.bind_view(3, m.parcel_id);
  return s.bind(4, strings_json(m.candidates)).bind(5, m.parcel_not_found ? 1L : 0L).bind(6, m.shared ? 1L : 0L);
}

// Binds a judgment's columns after `base`: household … campaign_id, province.
Statement& bind_judgment(Statement& s, const JudgmentRow& j, int base = 0) {
  s.bind_view(base + 1, j.household_id).bind_view(base + 2, judge_result_key(j.result));
  s.bind(base + 3, reasons_json(j.reasons));
  bind_enum(s, base + 4, j.grade);
  bind_enum(s, base + 5, j.evidence_source);
  if (j.evidence_id.empty()) s.bind_null(base + 6);
  else s.bind_view(base + 6, j.evidence_id);
  if (j.previous_result) s.bind_view(base + 7, judge_result_key(*j.previous_result));
  else s.bind_null(base + 7);
  s.bind(base + 8, j.campaign_id);
  bind_province(s, base + 9, j.region_code);
  return s;
}

std::vector<std::string> household_ids(const auto& rows) {
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.household_id);
  return ids;
}

}  // namespace

Result<void> SqlTransaction::upsert_match(const MatchResult& m, long run_id) {
  ANJU_TRY(check_result_region(m));
  auto& s = conn_.prepare(
      "INSERT INTO matches(household_id, outcome, parcel_id, candidates, parcel_not_found, shared, run_id,"
      " province) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(household_id) DO UPDATE SET"
      " outcome = excluded.outcome, parcel_id = excluded.parcel_id, candidates = excluded.candidates,"
      " parcel_not_found = excluded.parcel_not_found, shared = excluded.shared, run_id = excluded.run_id,"
      " province = excluded.province");
  bind_match(s, m).bind(7, run_id);
  bind_province(s, 8, m.region_code);
  return s.run();
}

Result<void> SqlTransaction::recount_shared(const std::vector<std::string>& parcels) {
  return each_in("UPDATE matches SET shared = ((SELECT count(*) FROM matches o"
                 " WHERE o.parcel_id = matches.parcel_id) > 1) WHERE parcel_id",
                 0, parcels, {}, [](const Statement&) {});
}

namespace {

// What a match run counted for the region_counts read model: each
// household under its outcome, the only dimension a match changes.
RunCounts match_counts(const std::vector<MatchResult>& results) {
  RunCounts run{{"match_outcome"}, {}};
  for (const MatchResult& m : results) {
    run.counts.add(m.region_code, "households", "");
    run.counts.add(m.region_code, "match_outcome", match_outcome_key(m.outcome));
  }
  return run;
}

}  // namespace

Result<void> SqlTransaction::replace_matches(const RunRecord& run, std::string_view region,
                                                const std::vector<MatchResult>& results) {
  ANJU_TRY(check_result_regions(results));
  auto run_id = insert_run(run);
  if (!run_id) return run_id.error();
  if (!region_range(region).whole()) {
    // The region's households only: their rows replaced one by one, then
    // `shared` of every building they left or joined, whoever else is on it.
    std::set<std::string> touched;
    ANJU_TRY(each_in("SELECT parcel_id FROM matches WHERE parcel_id IS NOT NULL AND household_id", 0,
                     household_ids(results), {}, [&](const Statement& s) { touched.insert(s.text(0)); }));
    for (const MatchResult& m : results) {
      ANJU_TRY(upsert_match(m, *run_id));
      if (!m.parcel_id.empty()) touched.insert(m.parcel_id);
    }
    ANJU_TRY(recount_shared(std::vector<std::string>(touched.begin(), touched.end())));
    return refresh_summary(std::string(region), match_counts(results));
  }
  ANJU_TRY(conn_.exec("DELETE FROM matches"));
  ANJU_TRY(conn_.begin_bulk_load("matches", /*rebuild_indexes=*/true));
  auto& s = conn_.prepare(
      "INSERT INTO matches(household_id, outcome, parcel_id, candidates, parcel_not_found, shared,"
      " run_id, province) VALUES (?,?,?,?,?,?,?,?)");
  for (const MatchResult& m : results) {
    bind_match(s, m).bind(7, *run_id);
    bind_province(s, 8, m.region_code);
    ANJU_TRY(s.run());
  }
  ANJU_TRY(end_bulk_load());
  return refresh_summary(std::string(kWholeCountry), match_counts(results));
}

Result<void> SqlTransaction::for_each_match(const std::function<void(MatchResult&&)>& fn) {
  return each_row(
      conn_.scan("SELECT household_id, outcome, parcel_id, candidates, parcel_not_found, shared"
                    " FROM matches ORDER BY household_id"),
      [&](const Statement& s) { fn(read_match(s)); });
}

Result<bool> SqlTransaction::holds_results() {
  long n = 0;
  ANJU_TRY(each_row(conn_.prepare("SELECT (SELECT count(*) FROM (SELECT 1 FROM matches LIMIT 1) m) +"
                                  " (SELECT count(*) FROM (SELECT 1 FROM judgments LIMIT 1) j)"),
                    [&](const Statement& r) { n = r.integer(0); }));
  return n > 0;
}

Result<void> SqlTransaction::upsert_judgments(const std::vector<JudgmentRow>& rows, long run_id) {
  ANJU_TRY(check_result_regions(rows));
  ANJU_TRY(each_in("DELETE FROM judgment_reasons WHERE household_id", 0, household_ids(rows), {},
                   [](const Statement&) {}));
  ANJU_TRY(insert_rows(
      "INSERT INTO judgments(household_id, result, reasons, grade, evidence_source, evidence_id, previous_result,"
      " campaign_id, province, run_id)",
      "(?,?,?,?,?,?,?,?,?,?)",
      "ON CONFLICT (household_id) DO UPDATE SET result = excluded.result, reasons = excluded.reasons,"
      " grade = excluded.grade, evidence_source = excluded.evidence_source, evidence_id = excluded.evidence_id,"
      " previous_result = excluded.previous_result, campaign_id = excluded.campaign_id,"
      " province = excluded.province, run_id = excluded.run_id",
      rows.size(), [&](Statement& s, size_t i, int base) { bind_judgment(s, rows[i], base).bind(base + 10, run_id); }));
  std::vector<std::pair<const std::string*, Reason>> reasons;
  for (const JudgmentRow& j : rows)
    for (Reason reason : j.reasons) reasons.emplace_back(&j.household_id, reason);
  return insert_rows("INSERT INTO judgment_reasons(household_id, reason)", "(?,?)", "", reasons.size(),
                     [&](Statement& s, size_t i, int base) {
                       s.bind_view(base + 1, *reasons[i].first).bind_view(base + 2, reason_key(reasons[i].second));
                     });
}

Result<void> SqlTransaction::replace_judgments(const RunRecord& run, std::string_view region,
                                                  const std::vector<JudgmentRow>& rows) {
  ANJU_TRY(check_result_regions(rows));
  auto run_id = insert_run(run);
  if (!run_id) return run_id.error();
  // A region's run replaces its households' rows; the whole country's
  // empties the tables and loads them afresh.
  if (!region_range(region).whole()) return upsert_judgments(rows, *run_id);
  ANJU_TRY(conn_.exec("DELETE FROM judgments"));
  ANJU_TRY(conn_.begin_bulk_load("judgments", /*rebuild_indexes=*/true));
  auto& s = conn_.prepare(
      "INSERT INTO judgments(household_id, result, reasons, grade, evidence_source, evidence_id,"
      " previous_result, campaign_id, province, run_id) VALUES (?,?,?,?,?,?,?,?,?,?)");
  for (const JudgmentRow& j : rows) ANJU_TRY(bind_judgment(s, j).bind(10, *run_id).run());
  ANJU_TRY(end_bulk_load());
  // One row per reason, so that lists filter by reason through an index.
  ANJU_TRY(conn_.exec("DELETE FROM judgment_reasons"));
  ANJU_TRY(conn_.begin_bulk_load("judgment_reasons", /*rebuild_indexes=*/true));
  auto& r = conn_.prepare("INSERT INTO judgment_reasons(household_id, reason) VALUES (?,?)");
  for (const JudgmentRow& j : rows)
    for (Reason reason : j.reasons) ANJU_TRY(r.bind_view(1, j.household_id).bind_view(2, reason_key(reason)).run());
  return end_bulk_load();
}

}  // namespace anju::sql
