// Field tasks, visits, appraisals, attachments and spot-check samples
// (DOMAIN.md §10, §12) on both engines. The partial unique index
// field_tasks_active keeps one active task a household.
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "store/sql/bind_helpers.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"
#include "store/sql/where_builder.h"

namespace anju::sql {
namespace {

constexpr const char* kTaskColumns =
    "t.id, t.household_id, t.region_code, t.origin, t.sample_id, t.status, t.assignee, t.due_on, t.closed_reason,"
    " t.version, t.created_at, t.updated_at, t.updated_by";
constexpr int kTaskColumnCount = 13;

TaskOrigin read_origin(const Statement& s, int col) {
  const std::string origin = s.text(col);
  if (origin == "sample") return TaskOrigin::sample;
  if (origin == "judgment") return TaskOrigin::judgment;
  throw UnreadableValue("field_tasks.origin", origin);
}

FieldTask read_task(const Statement& s) {
  FieldTask t;
  t.id = s.integer(0);
  t.household_id = s.text(1);
  t.region_code = s.text(2);
  t.origin = read_origin(s, 3);
  if (!s.is_null(4)) t.sample_id = s.integer(4);
  t.status = stored_value(enum_from_key<TaskStatus>(s.text(5)), "field_tasks.status", s.text(5));
  t.assignee = s.text(6);
  if (!s.is_null(7)) t.due = read_date(s, 7);
  t.closed_reason = s.text(8);
  t.version = s.integer(9);
  t.created_at = s.text(10);
  t.updated_at = s.text(11);
  t.updated_by = s.text(12);
  return t;
}

std::optional<double> opt_real(const Statement& s, int col) {
  return s.is_null(col) ? std::nullopt : std::optional<double>(s.real(col));
}

void bind_opt(Statement& s, int i, const std::optional<double>& v) {
  if (v) s.bind(i, *v);
  else s.bind_null(i);
}

nlohmann::json parts_json(const std::vector<PartGrade>& parts) {
  nlohmann::json out = nlohmann::json::array();
  for (const PartGrade& p : parts)
    out.push_back({{"part", p.part},
                   {"grade", p.grade ? nlohmann::json(enum_key(*p.grade)) : nlohmann::json(nullptr)},
                   {"note", p.note}});
  return out;
}

std::vector<PartGrade> parts_from(const std::string& text) {
  std::vector<PartGrade> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) throw UnreadableValue("appraisals.parts", text);
  for (const auto& p : j) {
    if (!p.is_object() || !p.contains("part") || !p["part"].is_string()) throw UnreadableValue("appraisals.parts", text);
    PartGrade g{p["part"].get<std::string>(), std::nullopt, p.value("note", "")};
    if (p.contains("grade") && !p["grade"].is_null()) {
      if (!p["grade"].is_string()) throw UnreadableValue("appraisals.parts", text);
      g.grade = enum_from_db<Grade>(p["grade"].get<std::string>());
    }
    out.push_back(std::move(g));
  }
  return out;
}

constexpr const char* kAttachmentColumns =
    "id, task_id, kind, sha256, mime, bytes, file_name, taken_at, lon, lat, created_at, created_by FROM attachments";

Attachment read_attachment(const Statement& s) {
  return {s.integer(0), s.integer(1),  s.text(2),      s.text(3),       s.text(4),  s.integer(5),
          s.text(6),    s.is_null(7) ? "" : s.text(7), opt_real(s, 8), opt_real(s, 9), s.text(10), s.text(11), 0};
}

}  // namespace

Result<void> SqlTransaction::replace_judgment(const JudgmentRow& j) {
  ANJU_TRY(check_result_region(j));
  auto& s = conn_.prepare(
      "INSERT INTO judgments(household_id, result, reasons, grade, evidence_source, evidence_id, previous_result,"
      " campaign_id, run_id, province) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, 0, ?8) ON CONFLICT (household_id)"
      " DO UPDATE SET previous_result = judgments.result, result = excluded.result, reasons = excluded.reasons,"
      " grade = excluded.grade, evidence_source = excluded.evidence_source, evidence_id = excluded.evidence_id,"
      " campaign_id = excluded.campaign_id, province = excluded.province");
  s.bind(1, j.household_id).bind(2, judge_result_key(j.result)).bind(3, reasons_json(j.reasons));
  bind_enum(s, 4, j.grade);
  bind_enum(s, 5, j.evidence_source);
  if (j.evidence_id.empty()) s.bind_null(6);
  else s.bind(6, j.evidence_id);
  s.bind(7, j.campaign_id);
  bind_province(s, 8, j.region_code);
  ANJU_TRY(s.run());
  ANJU_TRY(conn_.prepare("DELETE FROM judgment_reasons WHERE household_id = ?1").bind(1, j.household_id).run());
  auto& r = conn_.prepare("INSERT INTO judgment_reasons(household_id, reason) VALUES (?1, ?2)");
  for (Reason reason : j.reasons) ANJU_TRY(r.bind(1, j.household_id).bind(2, reason_key(reason)).run());
  return refresh_summary(j.region_code);
}

Result<std::vector<AppraisalPart>> SqlTransaction::appraisal_parts() {
  std::vector<AppraisalPart> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT key, name, grade_a, grade_b, grade_c, grade_d FROM appraisal_parts"
                                  " ORDER BY sort, key"),
                    [&](const Statement& s) {
                      out.push_back({s.text(0), s.text(1), {s.text(2), s.text(3), s.text(4), s.text(5)}});
                    }));
  return out;
}

namespace {

constexpr const char* kActiveTasks =
    "SELECT id, household_id, origin, status FROM field_tasks WHERE status IN ('open', 'visited')";

ActiveTask read_active_task(const Statement& s) {
  return {s.integer(0), s.text(1), read_origin(s, 2),
          stored_value(enum_from_key<TaskStatus>(s.text(3)), "field_tasks.status", s.text(3))};
}

}  // namespace

Result<std::vector<ActiveTask>> SqlTransaction::active_tasks_in(std::string_view region) {
  auto& s = region_read(region, kActiveTasks,
                        "SELECT t.id, t.household_id, t.origin, t.status FROM households h"
                        " JOIN field_tasks t ON t.household_id = h.household_id"
                        " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3 AND t.status IN ('open', 'visited')");
  std::vector<ActiveTask> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(read_active_task(r)); }));
  return out;
}

Result<std::vector<ActiveTask>> SqlTransaction::active_tasks_of(const std::vector<std::string>& household_ids) {
  static const std::string sql = std::string(kActiveTasks) + " AND household_id";
  std::vector<ActiveTask> out;
  ANJU_TRY(each_in(sql, 0, household_ids, {}, [&](const Statement& s) { out.push_back(read_active_task(s)); }));
  return out;
}

namespace {

// A new task (plain placeholders, so that PostgreSQL's bulk load can make
// it a COPY row). Its province is its household's, beside the key it joins
// households on.
constexpr const char* kInsertTask =
    "INSERT INTO field_tasks(household_id, region_code, origin, sample_id, status, assignee, due_on, created_at,"
    " updated_at, updated_by, province) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

Statement& bind_new_task(Statement& s, const FieldTask& t, const WriteStamp& stamp) {
  s.bind(1, t.household_id).bind(2, t.region_code).bind(3, enum_key(t.origin));
  if (t.sample_id) s.bind(4, *t.sample_id);
  else s.bind_null(4);
  s.bind(5, enum_key(t.status)).bind(6, t.assignee);
  if (t.due) s.bind(7, t.due->to_string());
  else s.bind_null(7);
  bind_province(s, 11, t.region_code);
  return s.bind(8, stamp.at).bind(9, stamp.at).bind(10, stamp.actor);
}

}  // namespace

Result<long> SqlTransaction::insert_task(const FieldTask& t, const WriteStamp& stamp) {
  static const std::string sql = std::string(kInsertTask) + " ON CONFLICT DO NOTHING RETURNING id";
  ANJU_TRY(check_result_region(t));
  long id = 0;
  ANJU_TRY(each_row(bind_new_task(conn_.prepare(sql.c_str()), t, stamp), [&](const Statement& r) { id = r.integer(0); }));
  if (id == 0) return make_error(ErrorCode::conflict, "该户已有进行中的核实任务");
  return id;
}

Result<void> SqlTransaction::insert_tasks(const std::vector<FieldTask>& tasks, const WriteStamp& stamp) {
  ANJU_TRY(check_result_regions(tasks));
  const bool bulk = tasks.size() >= kBulkRows;
  if (bulk) {
    // Into an empty table (a campaign's first judgment) the five indexes
    // are built once at the end instead of kept up row by row.
    bool empty = true;
    ANJU_TRY(each_row(conn_.prepare("SELECT 1 FROM field_tasks LIMIT 1"), [&](const Statement&) { empty = false; }));
    ANJU_TRY(conn_.begin_bulk_load("field_tasks", /*rebuild_indexes=*/empty));
  }
  auto& s = conn_.prepare(kInsertTask);
  for (const FieldTask& t : tasks) ANJU_TRY(bind_new_task(s, t, stamp).run());
  return bulk ? end_bulk_load() : Result<void>();
}

Result<void> SqlTransaction::end_tasks(const std::vector<long>& ids, TaskStatus status, const std::string& reason,
                                       const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE field_tasks SET status = ?2, closed_reason = ?3, version = version + 1, updated_at = ?4,"
      " updated_by = ?5 WHERE id = ?1 AND status IN ('open', 'visited')");
  for (long id : ids)
    ANJU_TRY(s.bind(1, id).bind(2, enum_key(status)).bind(3, reason).bind(4, stamp.at).bind(5, stamp.actor).run());
  return {};
}

Result<std::optional<FieldTask>> SqlTransaction::find_task(long id) {
  static const std::string sql = std::string("SELECT ") + kTaskColumns + " FROM field_tasks t WHERE t.id = ?1";
  std::optional<FieldTask> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, id), [&](const Statement& s) { out = read_task(s); }));
  return out;
}

Result<void> SqlTransaction::update_task(const FieldTask& t, long expected_version, const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE field_tasks SET status = ?2, assignee = ?3, due_on = ?4, closed_reason = ?5, version = version + 1,"
      " updated_at = ?6, updated_by = ?7 WHERE id = ?1 AND version = ?8");
  s.bind(1, t.id).bind(2, enum_key(t.status)).bind(3, t.assignee);
  if (t.due) s.bind(4, t.due->to_string());
  else s.bind_null(4);
  s.bind(5, t.closed_reason).bind(6, stamp.at).bind(7, stamp.actor).bind(8, expected_version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return check_versioned_update("SELECT 1 FROM field_tasks WHERE id = ?", std::to_string(t.id), "核实任务");
}

Result<Page<TaskRow>> SqlTransaction::list_tasks(const TaskFilter& f) {
  WhereBuilder w;
  // The whole country needs no region test: without one the engine walks
  // field_tasks_due in the page's order and stops after it; an office's
  // range reads its own tasks by field_tasks_region and sorts those.
  if (!CodeRange{f.region_lo, f.region_hi}.whole())
    w.add("t.region_code BETWEEN ? AND ?", f.region_lo, f.region_hi);
  if (f.status) w.add("t.status = ?", std::string(enum_key(*f.status)));
  if (f.active_only) w.add("t.status IN ('open', 'visited')");
  if (f.assignee) w.add("t.assignee = ?", *f.assignee);
  if (f.overdue_on) w.add("t.status IN ('open', 'visited') AND t.due_on < ?", f.overdue_on->to_string());
  Page<TaskRow> page;
  {
    const std::string count_sql = "SELECT count(*) FROM field_tasks t" + w.sql();
    auto& c = conn_.prepare(count_sql.c_str());
    w.bind(c);
    ANJU_TRY(each_row(c, [&](const Statement& s) { page.total = s.integer(0); }));
  }
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = std::string("SELECT ") + kTaskColumns +
                          ", h.head_name, h.address, h.lon, h.lat FROM field_tasks t"
                          " LEFT JOIN households h ON h.household_id = t.household_id AND h.province = t.province" +
                          w.sql() + " ORDER BY t.due_on, t.region_code, t.household_id, t.id LIMIT " + limit +
                          " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    const int c = kTaskColumnCount;
    page.items.push_back({read_task(r), r.is_null(c) ? "" : r.text(c), r.is_null(c + 1) ? "" : r.text(c + 1),
                          opt_real(r, c + 2), opt_real(r, c + 3)});
  }));
  return page;
}

Result<std::vector<TaskCount>> SqlTransaction::task_counts(const std::string& lo,
                                                           const std::string& hi, TaskGrouping by,
                                                           const Date& today) {
  const std::string key = by == TaskGrouping::assignee ? "assignee" : "region_code";
  const std::string sql =
      "SELECT " + key +
      ", sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'visited' THEN 1 ELSE 0 END),"
      " sum(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END),"
      " sum(CASE WHEN status IN ('open', 'visited') AND due_on < ?3 THEN 1 ELSE 0 END)"
      " FROM field_tasks WHERE region_code BETWEEN ?1 AND ?2 GROUP BY " + key + " ORDER BY " + key;
  std::vector<TaskCount> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, lo).bind(2, hi).bind(3, today.to_string()),
                    [&](const Statement& s) {
                      out.push_back({s.text(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4), s.integer(5)});
                    }));
  return out;
}

Result<long> SqlTransaction::insert_visit(const Visit& v) {
  auto& s = conn_.prepare(
      "INSERT INTO visits(task_id, household_id, visited_on, lon, lat, gps_source, people_met, notes, outcome,"
      " evidence_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
  s.bind(1, v.task_id).bind(2, v.household_id).bind(3, v.visited_on.to_string());
  bind_opt(s, 4, v.lon);
  bind_opt(s, 5, v.lat);
  s.bind(6, v.gps_source).bind(7, v.people_met).bind(8, v.notes).bind(9, enum_key(v.outcome));
  s.bind(10, v.evidence_id).bind(11, v.created_at).bind(12, v.created_by);
  return returned_id(s);
}

Result<std::vector<Visit>> SqlTransaction::visits_of(long task_id) {
  std::vector<Visit> out;
  ANJU_TRY(each_row(
      conn_.prepare("SELECT id, task_id, household_id, visited_on, lon, lat, gps_source, people_met, notes, outcome,"
                    " evidence_id, created_at, created_by FROM visits WHERE task_id = ?1 ORDER BY id")
          .bind(1, task_id),
      [&](const Statement& s) {
        Visit v;
        v.id = s.integer(0);
        v.task_id = s.integer(1);
        v.household_id = s.text(2);
        v.visited_on = read_date(s, 3);
        v.lon = opt_real(s, 4);
        v.lat = opt_real(s, 5);
        v.gps_source = s.text(6);
        v.people_met = s.text(7);
        v.notes = s.text(8);
        v.outcome = stored_value(enum_from_key<VisitOutcome>(s.text(9)), "visits.outcome", s.text(9));
        v.evidence_id = s.text(10);
        v.created_at = s.text(11);
        v.created_by = s.text(12);
        out.push_back(std::move(v));
      }));
  return out;
}

Result<long> SqlTransaction::insert_appraisal(const AppraisalRecord& r) {
  const Appraisal& a = r.appraisal;
  auto& s = conn_.prepare(
      "INSERT INTO appraisals(task_id, household_id, parcel_id, site_dangerous, site_hazard, parts, computed_grade,"
      " override_grade, override_reason, grade, prevention, method, appraiser, appraised_on, evidence_id, created_at,"
      " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id");
  s.bind(1, r.task_id).bind(2, r.household_id).bind(3, r.parcel_id).bind(4, a.site_dangerous ? 1 : 0);
  s.bind(5, a.site_hazard).bind(6, parts_json(a.parts).dump()).bind(7, enum_key(r.computed));
  bind_enum(s, 8, a.override_grade);
  s.bind(9, a.override_reason).bind(10, enum_key(r.grade)).bind(11, enum_key(a.prevention));
  s.bind(12, enum_key(a.method)).bind(13, a.appraiser).bind(14, a.appraised_on.to_string());
  s.bind(15, r.evidence_id).bind(16, r.created_at).bind(17, r.created_by);
  return returned_id(s);
}

Result<std::vector<AppraisalRecord>> SqlTransaction::appraisals_of(long task_id) {
  std::vector<AppraisalRecord> out;
  ANJU_TRY(each_row(
      conn_.prepare("SELECT id, task_id, household_id, parcel_id, site_dangerous, site_hazard, parts, computed_grade,"
                    " override_grade, override_reason, grade, prevention, method, appraiser, appraised_on,"
                    " evidence_id, created_at, created_by FROM appraisals WHERE task_id = ?1 ORDER BY id")
          .bind(1, task_id),
      [&](const Statement& s) {
        AppraisalRecord r;
        r.id = s.integer(0);
        r.task_id = s.integer(1);
        r.household_id = s.text(2);
        r.parcel_id = s.text(3);
        r.appraisal.site_dangerous = s.integer(4) != 0;
        r.appraisal.site_hazard = s.text(5);
        r.appraisal.parts = parts_from(s.text(6));
        r.computed = enum_from_db<Grade>(s.text(7));
        r.appraisal.override_grade = read_enum<Grade>(s, 8);
        r.appraisal.override_reason = s.text(9);
        r.grade = enum_from_db<Grade>(s.text(10));
        r.appraisal.prevention = stored_value(enum_parse<Prevention>(s.text(11)), "appraisals.prevention", s.text(11));
        r.appraisal.method = enum_from_db<AssessMethod>(s.text(12));
        r.appraisal.appraiser = s.text(13);
        r.appraisal.appraised_on = read_date(s, 14);
        r.evidence_id = s.text(15);
        r.created_at = s.text(16);
        r.created_by = s.text(17);
        out.push_back(std::move(r));
      }));
  return out;
}

Result<long> SqlTransaction::insert_attachment(const Attachment& a) {
  auto& s = conn_.prepare(
      "INSERT INTO attachments(task_id, kind, sha256, mime, bytes, file_name, taken_at, lon, lat, created_at,"
      " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
  s.bind(1, a.task_id).bind(2, a.kind).bind(3, a.sha256).bind(4, a.mime).bind(5, a.bytes).bind(6, a.file_name);
  if (a.taken_at.empty()) s.bind_null(7);
  else s.bind(7, a.taken_at);
  bind_opt(s, 8, a.lon);
  bind_opt(s, 9, a.lat);
  s.bind(10, a.created_at).bind(11, a.created_by);
  return returned_id(s);
}

Result<std::vector<Attachment>> SqlTransaction::attachments_of(long task_id) {
  std::vector<Attachment> out;
  ANJU_TRY(each_row(conn_.prepare((std::string("SELECT ") + kAttachmentColumns + " WHERE task_id = ?1 ORDER BY id").c_str())
                        .bind(1, task_id),
                    [&](const Statement& s) { out.push_back(read_attachment(s)); }));
  return out;
}

Result<std::optional<Attachment>> SqlTransaction::find_attachment(long id) {
  std::optional<Attachment> out;
  ANJU_TRY(each_row(conn_.prepare((std::string("SELECT ") + kAttachmentColumns + " WHERE id = ?1").c_str()).bind(1, id),
                    [&](const Statement& s) { out = read_attachment(s); }));
  return out;
}

Result<long> SqlTransaction::insert_sample(const Sample& x) {
  auto& s = conn_.prepare(
      "INSERT INTO samples(county_code, seed, params, households, drawn_by, drawn_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  s.bind(1, x.county_code).bind(2, static_cast<long>(x.seed)).bind(3, x.params).bind(4, x.households);
  s.bind(5, x.drawn_by).bind(6, x.drawn_at);
  return returned_id(s);
}

Result<std::optional<Sample>> SqlTransaction::find_sample(long id) {
  std::optional<Sample> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT id, county_code, seed, params, households, drawn_by, drawn_at"
                                  " FROM samples WHERE id = ?1")
                        .bind(1, id),
                    [&](const Statement& s) {
                      out = Sample{s.integer(0), s.text(1), static_cast<uint64_t>(s.integer(2)), s.text(3),
                                   s.integer(4), s.text(5), s.text(6)};
                    }));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> SqlTransaction::living_households(const std::string& lo,
                                                                                           const std::string& hi) {
  std::vector<std::pair<std::string, std::string>> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT household_id, region_code FROM households WHERE region_code BETWEEN ?1"
                                  " AND ?2 AND status <> 'deceased' ORDER BY household_id")
                        .bind(1, lo)
                        .bind(2, hi),
                    [&](const Statement& s) { out.emplace_back(s.text(0), s.text(1)); }));
  return out;
}

Result<std::set<std::string>> SqlTransaction::households_with_active_task(const std::string& lo, const std::string& hi) {
  std::set<std::string> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT household_id FROM field_tasks WHERE region_code BETWEEN ?1 AND ?2"
                                  " AND status IN ('open', 'visited')")
                        .bind(1, lo)
                        .bind(2, hi),
                    [&](const Statement& s) { out.insert(s.text(0)); }));
  return out;
}

}  // namespace anju::sql
