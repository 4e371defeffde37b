// The C/D ledger and renovation applications (DOMAIN.md §11) on both
// engines. The partial unique indexes keep one open entry and one live
// application a household.
#include "core/access.h"
#include "store/sql/bind_helpers.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"
#include "store/sql/where_builder.h"

namespace anju::sql {
namespace {

constexpr const char* kLedgerColumns =
    "l.id, l.household_id, l.opened_on, l.grade, l.evidence_source, l.evidence_id, l.closed_on, l.exit_reason,"
    " l.exit_note, l.measure, l.plan_year, l.measure_note, l.transitional, l.transitional_note, l.responsible,"
    " l.responsible_phone, l.note, l.renovation_id, l.version, l.updated_at, l.updated_by";
constexpr int kLedgerColumnCount = 21;

std::optional<Date> read_opt_date(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return read_date(s, col);
}
std::optional<double> read_opt_real(const Statement& s, int col) {
  return s.is_null(col) ? std::nullopt : std::optional<double>(s.real(col));
}
void bind_date(Statement& s, int i, const std::optional<Date>& d) {
  if (d) s.bind(i, d->to_string());
  else s.bind_null(i);
}

LedgerEntry read_entry(const Statement& s, int c = 0) {
  LedgerEntry e;
  e.id = s.integer(c);
  e.household_id = s.text(c + 1);
  e.opened_on = read_date(s, c + 2);
  e.grade = read_enum<Grade>(s, c + 3);
  e.evidence_source = read_enum<EvidenceSource>(s, c + 4);
  e.evidence_id = s.text(c + 5);
  e.closed_on = read_opt_date(s, c + 6);
  e.exit = read_enum<LedgerExit>(s, c + 7);
  e.exit_note = s.text(c + 8);
  e.measure = enum_from_db<LedgerMeasure>(s.text(c + 9));
  e.plan_year = read_int(s, c + 10);
  e.measure_note = s.text(c + 11);
  e.transitional = enum_from_db<Transitional>(s.text(c + 12));
  e.transitional_note = s.text(c + 13);
  e.responsible = s.text(c + 14);
  e.responsible_phone = s.text(c + 15);
  e.note = s.text(c + 16);
  e.renovation_id = s.integer(c + 17);
  e.version = s.integer(c + 18);
  e.updated_at = s.text(c + 19);
  e.updated_by = s.text(c + 20);
  return e;
}

constexpr const char* kRenovationColumns =
    "r.id, r.ledger_id, r.household_id, r.region_code, r.method, r.build_mode, r.area_m2, r.subsidy_central,"
    " r.subsidy_local, r.plan_year, r.planned_start, r.note, r.state, r.reason, r.started_on, r.completed_on,"
    " r.accepted_on, r.acceptance_grade, r.acceptance_note, r.evidence_id, r.version, r.created_at, r.created_by,"
    " r.updated_at, r.updated_by";
constexpr int kRenovationColumnCount = 25;

Renovation read_renovation(const Statement& s, int c = 0) {
  Renovation r;
  r.id = s.integer(c);
  r.ledger_id = s.integer(c + 1);
  r.household_id = s.text(c + 2);
  r.region_code = s.text(c + 3);
  r.method = enum_from_db<RenovationMethod>(s.text(c + 4));
  r.build_mode = enum_from_db<BuildMode>(s.text(c + 5));
  r.area_m2 = read_opt_real(s, c + 6);
  r.subsidy_central = read_opt_real(s, c + 7);
  r.subsidy_local = read_opt_real(s, c + 8);
  r.plan_year = read_int(s, c + 9);
  r.planned_start = read_opt_date(s, c + 10);
  r.note = s.text(c + 11);
  r.state = enum_from_db<RenovationState>(s.text(c + 12));
  r.reason = s.text(c + 13);
  r.started_on = read_opt_date(s, c + 14);
  r.completed_on = read_opt_date(s, c + 15);
  r.accepted_on = read_opt_date(s, c + 16);
  r.acceptance_grade = read_enum<Grade>(s, c + 17);
  r.acceptance_note = s.text(c + 18);
  r.evidence_id = s.text(c + 19);
  r.version = s.integer(c + 20);
  r.created_at = s.text(c + 21);
  r.created_by = s.text(c + 22);
  r.updated_at = s.text(c + 23);
  r.updated_by = s.text(c + 24);
  return r;
}

// Binds the 19 particulars of an application from parameter `i` on.
void bind_renovation(Statement& s, int i, const Renovation& r) {
  s.bind(i, r.ledger_id).bind(i + 1, r.household_id).bind(i + 2, r.region_code).bind(i + 3, enum_key(r.method));
  s.bind(i + 4, enum_key(r.build_mode)).bind(i + 5, r.area_m2).bind(i + 6, r.subsidy_central);
  s.bind(i + 7, r.subsidy_local).bind(i + 8, r.plan_year);
  bind_date(s, i + 9, r.planned_start);
  s.bind(i + 10, r.note).bind(i + 11, enum_key(r.state)).bind(i + 12, r.reason);
  bind_date(s, i + 13, r.started_on);
  bind_date(s, i + 14, r.completed_on);
  bind_date(s, i + 15, r.accepted_on);
  bind_enum(s, i + 16, r.acceptance_grade);
  s.bind(i + 17, r.acceptance_note).bind(i + 18, r.evidence_id);
}

// The lines of the ledger: entry, household, building, assessment, application.
const std::string& ledger_select() {
  static const std::string sql = std::string("SELECT ") + kLedgerColumns + ", " + qualify(kHouseholdColumns, "h") +
                                 ", m.parcel_id, b.floors, b.built_text, b.structure, b.area_m2, b.geo_hazard,"
                                 " b.expanded, b.business_use, e.assessed_on, e.assessor, e.method, " +
                                 kRenovationColumns +
                                 " FROM ledger_entries l JOIN households h ON h.household_id = l.household_id"
                                 " LEFT JOIN matches m ON m.household_id = l.household_id"
                                 " LEFT JOIN buildings b ON b.parcel_id = m.parcel_id"
                                 " LEFT JOIN evidence e ON e.source = l.evidence_source AND"
                                 " e.evidence_id = l.evidence_id"
                                 " LEFT JOIN renovations r ON r.id = l.renovation_id";
  return sql;
}

LedgerRow read_ledger_row(const Statement& s) {
  LedgerRow row;
  row.entry = read_entry(s);
  int c = kLedgerColumnCount;
  row.household = read_household(s, c);
  c += 16;
  row.parcel_id = s.is_null(c) ? "" : s.text(c);
  row.floors = read_int(s, c + 1);
  row.built_text = s.is_null(c + 2) ? "" : s.text(c + 2);
  row.structure = read_enum<Structure>(s, c + 3);
  row.area_m2 = read_opt_real(s, c + 4);
  row.geo_hazard = read_enum<YesNo>(s, c + 5);
  row.expanded = read_enum<YesNo>(s, c + 6);
  row.business_use = read_enum<YesNo>(s, c + 7);
  row.assessed_on = read_opt_date(s, c + 8);
  row.assessor = s.is_null(c + 9) ? "" : s.text(c + 9);
  row.method = read_enum<AssessMethod>(s, c + 10);
  c += 11;
  if (!s.is_null(c)) row.renovation = read_renovation(s, c);
  return row;
}

// Whether an entry is `urgency` under one campaign's rule `u`.
std::string urgency_condition(WhereBuilder& w, LedgerUrgency urgency, const UrgencyFilter& u) {
  if (urgency == LedgerUrgency::late) {
    const std::string deadline = w.placeholder(u.deadline.to_string());
    return u.open_late ? "(l.closed_on IS NULL OR l.closed_on > " + deadline + ")" : "(l.closed_on > " + deadline + ")";
  }
  if (urgency != LedgerUrgency::at_risk) return "(1 = 1)";
  if (u.risk_all_open) return "(l.closed_on IS NULL)";
  if (u.risk_unmeasured) return "(l.closed_on IS NULL AND l.renovation_id = 0 AND l.measure <> 'other')";
  return "(1 = 0)";
}

// How a query over the ledger reads (1M households, 33k open entries; the
// sqlite3 shell and EXPLAIN ANALYZE, one request). In the page's order:
// the region test kept even for the whole country, so that the engine walks
// the households by region and stops after the page (SQLite 2 ms against
// 0.26 s sorting every entry; PostgreSQL 29 ms against 2.4 s). All entries
// (the count): the whole country needs no region test, and when no filter
// asks for the household the count reads the entries alone (SQLite 5 ms,
// PostgreSQL 6 ms, against 0.09–0.77 s and 0.2–0.3 s joined to the
// households).
//
// The households join the entries by household_id alone: they drive every
// page (by region), so naming the province prunes nothing, and an entry
// whose province went stale (docs/decisions.md) is still listed and counted
// alike. The count without households counts an entry whose household is
// gone, which the page cannot list; Anju never deletes a household.
enum class LedgerRead { in_page_order, all_entries };

bool whole_country(const LedgerFilter& f) { return CodeRange{f.region_lo, f.region_hi}.whole(); }

// Whether a count must join the households: a region below the country, a
// search by household, an urgency decided by the region of the household
// (more than one campaign zone).
bool count_needs_households(const LedgerFilter& f) {
  return !whole_country(f) || !f.search.empty() || (f.urgency && f.urgency_zones.size() > 1);
}

WhereBuilder ledger_where(const LedgerFilter& f, LedgerRead read) {
  WhereBuilder w;
  // Within one province (any office below the country), naming it lets
  // PostgreSQL read that partition only. (A range test on the province
  // instead made its generic plan read every household: 5 s a page.)
  if (!whole_country(f) && region_province(f.region_lo) == region_province(f.region_hi))
    w.add("h.province = ? AND h.region_code BETWEEN ? AND ?", region_province(f.region_lo), f.region_lo,
          f.region_hi);
  else if (read == LedgerRead::in_page_order || !whole_country(f))
    w.add("h.region_code BETWEEN ? AND ?", f.region_lo, f.region_hi);
  if (f.status == "open") w.add("l.closed_on IS NULL");
  else if (f.status == "closed") w.add("l.closed_on IS NOT NULL");
  if (f.measure) w.add("l.measure = ?", std::string(enum_key(*f.measure)));
  if (f.plan_year) w.add("l.plan_year = ?", static_cast<long>(*f.plan_year));
  if (f.renovation_state == "none") w.add("l.renovation_id = 0");
  else if (!f.renovation_state.empty()) w.add("r.state = ?", f.renovation_state);
  if (!f.search.empty())
    w.add("(h.household_id LIKE ? ESCAPE '\\' OR h.head_name LIKE ? ESCAPE '\\' OR h.address LIKE ? ESCAPE '\\')",
          WhereBuilder::anywhere(f.search), WhereBuilder::anywhere(f.search), WhereBuilder::anywhere(f.search));
  if (f.urgency && !f.urgency_zones.empty()) {
    // core/ledger.h decided for today which entries are late or at risk, by
    // the campaign each region follows: the deepest zone holding a household.
    std::string rule;
    for (size_t i = 0; i + 1 < f.urgency_zones.size(); ++i) {
      const UrgencyZone& z = f.urgency_zones[i];
      rule += " WHEN h.region_code BETWEEN " + w.placeholder(z.lo) + " AND " + w.placeholder(z.hi) + " THEN " +
              urgency_condition(w, *f.urgency, z.rule);
    }
    const std::string last = urgency_condition(w, *f.urgency, f.urgency_zones.back().rule);
    w.add_placed(rule.empty() ? last : "(CASE" + rule + " ELSE " + last + " END)");
  }
  return w;
}

}  // namespace

namespace {

OpenLedgerEntry read_open_entry(const Statement& r) {
  return {r.integer(0), r.text(1), read_enum<Grade>(r, 2), r.text(3)};
}

}  // namespace

Result<std::vector<OpenLedgerEntry>> SqlTransaction::open_ledger_entries(std::string_view household_id) {
  std::vector<OpenLedgerEntry> out;
  auto& s = conn_.prepare("SELECT id, household_id, grade, evidence_id FROM ledger_entries"
                          " WHERE closed_on IS NULL AND household_id = ?1");
  ANJU_TRY(each_row(s.bind(1, household_id), [&](const Statement& r) { out.push_back(read_open_entry(r)); }));
  return out;
}

Result<std::vector<OpenLedgerEntry>> SqlTransaction::open_ledger_entries_in(std::string_view region) {
  auto& s = region_read(region, "SELECT id, household_id, grade, evidence_id FROM ledger_entries WHERE closed_on IS NULL",
                        "SELECT e.id, e.household_id, e.grade, e.evidence_id FROM households h"
                        " JOIN ledger_entries e ON e.household_id = h.household_id"
                        " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3 AND e.closed_on IS NULL");
  std::vector<OpenLedgerEntry> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(read_open_entry(r)); }));
  return out;
}

Result<void> SqlTransaction::apply_ledger_sync(const LedgerSync& sync, const Date& on, const WriteStamp& stamp) {
  ANJU_TRY(check_result_regions(sync.open));
  ANJU_TRY(check_result_regions(sync.regrade));
  const std::string day = on.to_string();
  // A judge run may open tens of thousands.
  const bool bulk = sync.open.size() >= kBulkRows;
  if (bulk) ANJU_TRY(conn_.begin_bulk_load("ledger_entries", /*rebuild_indexes=*/false));
  auto& open = conn_.prepare(
      "INSERT INTO ledger_entries(household_id, opened_on, grade, evidence_source, evidence_id, created_at,"
      " updated_at, updated_by, province) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const LedgerOpen& o : sync.open) {
    open.bind(1, o.household_id).bind(2, day);
    bind_enum(open, 3, o.grade);
    bind_enum(open, 4, o.evidence_source);
    bind_province(open, 9, o.region_code);
    ANJU_TRY(open.bind(5, o.evidence_id).bind(6, stamp.at).bind(7, stamp.at).bind(8, stamp.actor).run());
  }
  if (bulk) ANJU_TRY(end_bulk_load());
  // A regrade also sets the province the run read (a household moved to
  // another province while an entry was opened may have left it stale).
  auto& regrade = conn_.prepare(
      "UPDATE ledger_entries SET grade = ?2, evidence_source = ?3, evidence_id = ?4, version = version + 1,"
      " updated_at = ?5, updated_by = ?6, province = ?7 WHERE id = ?1");
  for (size_t i = 0; i < sync.regrade.size(); ++i) {
    const LedgerOpen& o = sync.regrade[i];
    regrade.bind(1, sync.regrade_ids[i]);
    bind_enum(regrade, 2, o.grade);
    bind_enum(regrade, 3, o.evidence_source);
    bind_province(regrade, 7, o.region_code);
    ANJU_TRY(regrade.bind(4, o.evidence_id).bind(5, stamp.at).bind(6, stamp.actor).run());
  }
  auto& close = conn_.prepare(
      "UPDATE ledger_entries SET closed_on = ?2, exit_reason = ?3, exit_note = ?4, version = version + 1,"
      " updated_at = ?5, updated_by = ?6 WHERE id = ?1 AND closed_on IS NULL");
  for (const LedgerClose& c : sync.close)
    ANJU_TRY(close.bind(1, c.entry_id).bind(2, day).bind(3, enum_key(c.exit)).bind(4, c.note).bind(5, stamp.at)
                 .bind(6, stamp.actor)
                 .run());
  return {};
}

Result<std::vector<LedgerEntry>> SqlTransaction::ledger_entries_of(std::string_view household_id) {
  static const std::string sql = std::string("SELECT ") + kLedgerColumns +
                                 " FROM ledger_entries l WHERE l.household_id = ?1"
                                 " ORDER BY l.closed_on IS NULL DESC, l.id DESC";
  std::vector<LedgerEntry> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, household_id),
                    [&](const Statement& s) { out.push_back(read_entry(s)); }));
  return out;
}

Result<void> SqlTransaction::update_ledger_entry(const LedgerEntry& e, const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE ledger_entries SET measure = ?2, plan_year = ?3, measure_note = ?4, transitional = ?5,"
      " transitional_note = ?6, responsible = ?7, responsible_phone = ?8, note = ?9, renovation_id = ?10,"
      " version = version + 1, updated_at = ?11, updated_by = ?12 WHERE id = ?1 AND version = ?13");
  s.bind(1, e.id).bind(2, enum_key(e.measure)).bind(3, e.plan_year).bind(4, e.measure_note);
  s.bind(5, enum_key(e.transitional)).bind(6, e.transitional_note).bind(7, e.responsible);
  s.bind(8, e.responsible_phone).bind(9, e.note).bind(10, e.renovation_id).bind(11, stamp.at);
  s.bind(12, stamp.actor).bind(13, e.version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return check_versioned_update("SELECT 1 FROM ledger_entries WHERE id = ?", std::to_string(e.id), "台账记录");
}

Result<Page<LedgerRow>> SqlTransaction::list_ledger(const LedgerFilter& f) {
  Page<LedgerRow> page;
  {
    WhereBuilder w = ledger_where(f, LedgerRead::all_entries);
    const std::string sql =
        std::string("SELECT count(*) FROM ledger_entries l") +
        (count_needs_households(f) ? " JOIN households h ON h.household_id = l.household_id" : "") +
        " LEFT JOIN renovations r ON r.id = l.renovation_id" + w.sql();
    auto& c = conn_.prepare(sql.c_str());
    w.bind(c);
    ANJU_TRY(each_row(c, [&](const Statement& s) { page.total = s.integer(0); }));
  }
  WhereBuilder w = ledger_where(f, LedgerRead::in_page_order);
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = ledger_select() + w.sql() + " ORDER BY h.region_code, l.household_id, l.id LIMIT " +
                          limit + " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) { page.items.push_back(read_ledger_row(r)); }));
  return page;
}

Result<void> SqlTransaction::for_each_ledger_row(const LedgerFilter& f, const std::function<void(LedgerRow&&)>& fn) {
  WhereBuilder w = ledger_where(f, LedgerRead::in_page_order);
  const std::string sql = ledger_select() + w.sql() + " ORDER BY h.region_code, l.household_id, l.id";
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  return each_row(s, [&](const Statement& r) { fn(read_ledger_row(r)); });
}

Result<void> SqlTransaction::for_each_ledger_fact(const std::string& lo, const std::string& hi,
                                                  const std::function<void(LedgerFact&&)>& fn) {
  static const std::string facts =
      "SELECT h.region_code, l.closed_on, l.grade, l.measure, l.plan_year, r.state, r.method, l.renovation_id,"
      " coalesce(r.subsidy_central, 0) + coalesce(r.subsidy_local, 0)"
      " FROM ledger_entries l JOIN households h ON h.household_id = l.household_id"
      " LEFT JOIN renovations r ON r.id = l.renovation_id WHERE h.region_code BETWEEN ?1 AND ?2";
  // Within one province (any office below the country), naming it lets
  // PostgreSQL read that partition only.
  static const std::string in_province = facts + " AND h.province = ?3";
  const bool one_province = region_province(lo) == region_province(hi) && !CodeRange{lo, hi}.whole();
  auto& s = conn_.prepare(one_province ? in_province.c_str() : facts.c_str());
  s.bind(1, lo).bind(2, hi);
  if (one_province) s.bind(3, region_province(lo));
  return each_row(s, [&](const Statement& r) {
    LedgerFact f;
    f.region_code = r.text(0);
    f.closed_on = read_opt_date(r, 1);
    f.open = !f.closed_on;
    f.grade = read_enum<Grade>(r, 2);
    f.measure = enum_from_db<LedgerMeasure>(r.text(3));
    f.plan_year = read_int(r, 4);
    f.renovation_state = read_enum<RenovationState>(r, 5);
    f.method = read_enum<RenovationMethod>(r, 6);
    f.renovation_id = r.integer(7);
    f.subsidy = r.real(8);
    fn(std::move(f));
  });
}

Result<long> SqlTransaction::insert_renovation(const Renovation& r) {
  auto& s = conn_.prepare(
      "INSERT INTO renovations(ledger_id, household_id, region_code, method, build_mode, area_m2, subsidy_central,"
      " subsidy_local, plan_year, planned_start, note, state, reason, started_on, completed_on, accepted_on,"
      " acceptance_grade, acceptance_note, evidence_id, created_at, created_by, updated_at, updated_by)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
      " ?20, ?21) ON CONFLICT DO NOTHING RETURNING id");
  bind_renovation(s, 1, r);
  s.bind(20, r.created_at).bind(21, r.created_by);
  long id = 0;
  ANJU_TRY(each_row(s, [&](const Statement& row) { id = row.integer(0); }));
  if (id == 0) return make_error(ErrorCode::conflict, "该户已有办理中的改造申请");
  return id;
}

Result<std::optional<Renovation>> SqlTransaction::find_renovation(long id) {
  static const std::string sql = std::string("SELECT ") + kRenovationColumns + " FROM renovations r WHERE r.id = ?1";
  std::optional<Renovation> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, id), [&](const Statement& s) { out = read_renovation(s); }));
  return out;
}

Result<void> SqlTransaction::update_renovation(const Renovation& r, const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE renovations SET ledger_id = ?2, household_id = ?3, region_code = ?4, method = ?5, build_mode = ?6,"
      " area_m2 = ?7, subsidy_central = ?8, subsidy_local = ?9, plan_year = ?10, planned_start = ?11, note = ?12,"
      " state = ?13, reason = ?14, started_on = ?15, completed_on = ?16, accepted_on = ?17, acceptance_grade = ?18,"
      " acceptance_note = ?19, evidence_id = ?20, version = version + 1, updated_at = ?21, updated_by = ?22"
      " WHERE id = ?1 AND version = ?23");
  s.bind(1, r.id);
  bind_renovation(s, 2, r);
  s.bind(21, stamp.at).bind(22, stamp.actor).bind(23, r.version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return check_versioned_update("SELECT 1 FROM renovations WHERE id = ?", std::to_string(r.id), "改造申请");
}

Result<Page<RenovationRow>> SqlTransaction::list_renovations(const RenovationFilter& f) {
  auto where = [&] {
    WhereBuilder w;
    w.add("r.region_code BETWEEN ? AND ?", f.region_lo, f.region_hi);
    if (f.state) w.add("r.state = ?", std::string(enum_key(*f.state)));
    if (!f.household_id.empty()) w.add("r.household_id = ?", f.household_id);
    return w;
  };
  const std::string from = " FROM renovations r JOIN households h ON h.household_id = r.household_id";
  Page<RenovationRow> page;
  {
    WhereBuilder w = where();
    const std::string sql = "SELECT count(*)" + from + w.sql();
    auto& c = conn_.prepare(sql.c_str());
    w.bind(c);
    ANJU_TRY(each_row(c, [&](const Statement& s) { page.total = s.integer(0); }));
  }
  WhereBuilder w = where();
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = std::string("SELECT ") + kRenovationColumns + ", h.head_name" + from + w.sql() +
                          " ORDER BY r.id DESC LIMIT " + limit + " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    page.items.push_back({read_renovation(r), r.text(kRenovationColumnCount)});
  }));
  return page;
}

Result<void> SqlTransaction::add_renovation_history(const RenovationHistoryEntry& e) {
  auto& s = conn_.prepare(
      "INSERT INTO renovation_history(renovation_id, at, actor, action, from_state, to_state, comment)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, e.renovation_id).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, enum_key(e.from));
  return s.bind(6, enum_key(e.to)).bind(7, e.comment).run();
}

Result<std::vector<RenovationHistoryEntry>> SqlTransaction::renovation_history(long renovation_id) {
  std::vector<RenovationHistoryEntry> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT id, renovation_id, at, actor, action, from_state, to_state, comment"
                                  " FROM renovation_history WHERE renovation_id = ?1 ORDER BY id")
                        .bind(1, renovation_id),
                    [&](const Statement& s) {
                      out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4),
                                     enum_from_db<RenovationState>(s.text(5)),
                                     enum_from_db<RenovationState>(s.text(6)), s.text(7)});
                    }));
  return out;
}

Result<long> SqlTransaction::insert_renovation_attachment(const Attachment& a) {
  return insert_owned_file("renovation_attachments", "renovation_id", a.renovation_id, a);
}

Result<std::vector<Attachment>> SqlTransaction::renovation_attachments_of(long renovation_id) {
  return owned_files("renovation_attachments", "renovation_id", "renovation_id", renovation_id);
}

Result<std::optional<Attachment>> SqlTransaction::find_renovation_attachment(long id) {
  return owned_file("renovation_attachments", "renovation_id", id);
}

}  // namespace anju::sql
