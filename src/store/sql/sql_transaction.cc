#include "store/sql/sql_transaction.h"

#include <algorithm>
#include <cstring>

#include "core/access.h"
#include "core/region_code.h"
#include "store/row_codec.h"
#include "store/sql/row_readers.h"

namespace anju::sql {
SqlTransaction::~SqlTransaction() {
  if (!done_) conn_.rollback();
  if (release_) release_();
}

Result<void> SqlTransaction::commit() {
  done_ = true;
  auto committed = conn_.commit();
  if (!committed) conn_.rollback();
  // The connection goes back now, not when this object dies: the caller may
  // begin the next transaction (chain the audit log) while it still holds it.
  auto release = std::move(release_);
  release_ = nullptr;
  if (release) release();
  return committed;
}

Result<std::optional<Stored<Region>>> SqlTransaction::find_region(std::string_view code) {
  auto& s = conn_.prepare(
      "SELECT code, name, version, created_at, updated_at, updated_by FROM regions WHERE code = ?");
  s.bind(1, code);
  auto row = s.step();
  if (!row) return row.error();
  if (!*row) return std::optional<Stored<Region>>();
  auto out = stored(Region{s.text(0), s.text(1)}, s, 2);
  s.reset();
  return std::optional<Stored<Region>>(std::move(out));
}

Result<std::vector<Region>> SqlTransaction::list_regions() {
  // In table order, sorted here: the rows were mostly written in code order
  // (the national table is), and walking the code index instead would look
  // up every row's name apart (0.75 s of 665,276 regions on SQLite).
  auto& s = conn_.prepare("SELECT code, name FROM regions");
  std::vector<Region> out;
  while (true) {
    auto row = s.step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(Region{s.text(0), s.text(1)});
  }
  s.reset();
  const auto by_code = [](const Region& a, const Region& b) { return a.code < b.code; };
  if (!std::is_sorted(out.begin(), out.end(), by_code)) std::sort(out.begin(), out.end(), by_code);
  return out;
}

Result<void> SqlTransaction::insert_region(const Region& r, const WriteStamp& stamp) {
  auto parent = region_parent(r.code);
  return conn_
      .prepare("INSERT INTO regions(code, name, level, parent_code, created_at, updated_at,"
               " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.code).bind(2, r.name).bind(3, enum_key(r.level())).bind(4, parent)
      .bind(5, stamp.at).bind(6, stamp.at).bind(7, stamp.actor)
      .run();
}

Result<void> SqlTransaction::update_region(const Region& r, long expected_version,
                                              const WriteStamp& stamp) {
  ANJU_TRY(conn_
               .prepare("UPDATE regions SET name = ?, version = version + 1, updated_at = ?,"
                        " updated_by = ? WHERE code = ? AND version = ?")
               .bind(1, r.name).bind(2, stamp.at).bind(3, stamp.actor).bind(4, r.code)
               .bind(5, expected_version)
               .run());
  return check_versioned_update("SELECT 1 FROM regions WHERE code = ?", r.code, "区划");
}

Result<std::optional<Stored<Household>>> SqlTransaction::find_household(std::string_view id) {
  static const std::string sql = std::string("SELECT ") + kHouseholdColumns +
                                 ", version, created_at, updated_at, updated_by"
                                 " FROM households WHERE household_id = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, id);
  auto row = s.step();
  if (!row) return row.error();
  if (!*row) return std::optional<Stored<Household>>();
  auto out = stored(read_household(s), s, 16);
  s.reset();
  return std::optional<Stored<Household>>(std::move(out));
}

Result<std::optional<std::string>> SqlTransaction::household_with_head(
    std::string_view id_number) {
  auto& s = conn_.prepare("SELECT household_id FROM households WHERE head_id_number = ?");
  s.bind(1, id_number);
  auto row = s.step();
  if (!row) return row.error();
  std::optional<std::string> out;
  if (*row) out = s.text(0);
  s.reset();
  return out;
}

Result<void> SqlTransaction::insert_household(const Household& h, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("households", kHouseholdColumns, true);
  auto& s = conn_.prepare(sql.c_str());
  bind_household(s, h);
  bind_province(s, 17, h.region_code);
  bind_insert_stamp(s, 17, stamp);
  return s.run();
}

Result<void> SqlTransaction::update_household(const Household& h, long expected_version,
                                                 const WriteStamp& stamp) {
  // The province before the change: a move to another one takes along what
  // is stored beside the household's key (below).
  std::optional<std::string> was;
  ANJU_TRY(each_row(conn_.prepare("SELECT province FROM households WHERE household_id = ?1").bind(1, h.household_id),
                    [&](const Statement& r) { was = r.text(0); }));
  auto& s = conn_.prepare(
      "UPDATE households SET head_name = ?2, head_id_number = ?3, members = ?4,"
      " region_code = ?5, address = ?6, phone = ?7, category = ?8, monitor_type = ?9,"
      " source = ?10, status = ?11, housing = ?12, parcel_id = ?13, lon = ?14, lat = ?15,"
      " extra = ?16, province = ?17, version = version + 1, updated_at = ?18, updated_by = ?19"
      " WHERE household_id = ?1 AND version = ?20");
  bind_household(s, h);
  bind_province(s, 17, h.region_code);
  s.bind(18, stamp.at).bind(19, stamp.actor).bind(20, expected_version);
  ANJU_TRY(s.run());
  ANJU_TRY(check_versioned_update("SELECT 1 FROM households WHERE household_id = ?", h.household_id, "农户"));
  // A household moved to another province takes along the province of
  // its results, tasks and ledger entries (the key they join it on).
  const std::string province = region_province(h.region_code);
  if (was == province) return {};
  for (const char* sql : {"UPDATE matches SET province = ?2 WHERE household_id = ?1",
                          "UPDATE judgments SET province = ?2 WHERE household_id = ?1",
                          "UPDATE field_tasks SET province = ?2 WHERE household_id = ?1",
                          "UPDATE ledger_entries SET province = ?2 WHERE household_id = ?1"})
    ANJU_TRY(conn_.prepare(sql).bind(1, h.household_id).bind(2, province).run());
  return {};
}

Result<void> SqlTransaction::check_versioned_update(const char* exists_sql,
                                                       std::string_view key, const char* what) {
  if (conn_.changes() == 1) return {};
  auto& s = conn_.prepare(exists_sql);
  s.bind(1, key);
  auto row = s.step();
  if (!row) return row.error();
  const bool exists = *row;
  s.reset();
  if (!exists) return make_error(ErrorCode::not_found, std::string(what) + "不存在：" + std::string(key));
  return make_error(ErrorCode::conflict,
                    std::string(what) + "已被他人修改（版本已变化），请刷新后重试：" + std::string(key));
}

Result<std::optional<std::string>> SqlTransaction::household_region(std::string_view id) {
  std::optional<std::string> region;
  auto& s = conn_.prepare("SELECT region_code FROM households WHERE household_id = ?");
  s.bind(1, id);
  ANJU_TRY(each_row(s, [&](const Statement& r) { region = r.text(0); }));
  return region;
}

Result<long> SqlTransaction::count_households() {
  auto& s = conn_.prepare("SELECT count(*) FROM households");
  auto row = s.step();
  if (!row) return row.error();
  const long n = s.integer(0);
  s.reset();
  return n;
}

Result<void> SqlTransaction::insert_rows(const std::string& head, const char* tuple, const std::string& tail,
                                        size_t count, const std::function<void(Statement&, size_t, int)>& bind) {
  constexpr size_t kRowsAStatement = 64;
  const int per_row = static_cast<int>(std::count(tuple, tuple + std::strlen(tuple), '?'));
  const auto statement = [&](size_t rows) {
    std::string sql = head + " VALUES ";
    for (size_t i = 0; i < rows; ++i) (sql += i ? "," : "") += tuple;
    return tail.empty() ? sql : sql + " " + tail;
  };
  const std::string many = count >= kRowsAStatement ? statement(kRowsAStatement) : "", one = statement(1);
  for (size_t at = 0; at < count;) {
    const size_t n = count - at >= kRowsAStatement ? kRowsAStatement : 1;
    auto& s = conn_.prepare((n == 1 ? one : many).c_str());
    for (size_t i = 0; i < n; ++i) bind(s, at + i, per_row * static_cast<int>(i));
    ANJU_TRY(s.run());
    at += n;
  }
  return {};
}

Statement& SqlTransaction::region_read(std::string_view region, const char* everything, const char* in_region,
                                       Read read) {
  const CodeRange range = region_range(region);
  const char* sql = range.whole() ? everything : in_region;
  Statement& s = read == Read::streamed ? conn_.scan(sql) : conn_.prepare(sql);
  if (!range.whole()) s.bind(1, region_province(range.lo)).bind(2, range.lo).bind(3, range.hi);
  return s;
}

Result<void> SqlTransaction::for_each_household_place(std::string_view region,
                                                      const std::function<void(HouseholdPlace&&)>& fn) {
  auto& s = region_read(region,
                        "SELECT household_id, region_code, head_name, parcel_id, lon, lat"
                        " FROM households ORDER BY household_id",
                        "SELECT household_id, region_code, head_name, parcel_id, lon, lat"
                        " FROM households WHERE province = ?1 AND region_code BETWEEN ?2 AND ?3 ORDER BY household_id",
                        Read::streamed);
  return each_row(s, [&](const Statement& r) {
    fn(HouseholdPlace{r.text(0), r.text(1), r.text(2), r.text(3), r.optional_real(4), r.optional_real(5)});
  });
}

Result<std::vector<std::string>> SqlTransaction::key_bounds(KeyedTable table, int parts) {
  const bool buildings = table == KeyedTable::buildings;
  auto& total = conn_.prepare(buildings ? "SELECT count(*), max(parcel_id) FROM buildings"
                                        : "SELECT count(*), max(household_id) FROM households");
  auto& nth = conn_.prepare(buildings ? "SELECT parcel_id FROM buildings ORDER BY parcel_id LIMIT 1 OFFSET ?"
                                      : "SELECT household_id FROM households ORDER BY household_id LIMIT 1 OFFSET ?");
  std::vector<std::string> bounds;
  std::optional<std::string> last;
  long n = 0;
  ANJU_TRY(each_row(total, [&](const Statement& r) {
    n = r.integer(0);
    if (!r.is_null(1)) last = r.text(1);
  }));
  if (n == 0 || !last) return bounds;
  bounds.emplace_back();
  // Part k (1-based) ends at the k·n/parts-th key in order.
  for (long k = 1; k < parts; ++k) {
    const long end = k * n / parts;
    if (end <= 0) continue;
    std::string key;
    nth.bind(1, end - 1);
    ANJU_TRY(each_row(nth, [&](const Statement& r) { key = r.text(0); }));
    if (key.empty() || key <= bounds.back() || key >= *last) continue;
    bounds.push_back(std::move(key));
  }
  bounds.push_back(std::move(*last));
  return bounds;
}

Result<SharedSnapshot> SqlTransaction::share_snapshot() {
  auto id = conn_.share_snapshot();
  if (!id) return id.error();
  return SharedSnapshot{std::move(*id)};
}

Result<void> SqlTransaction::begin_bulk_load(BulkTable table, Indexes indexes) {
  const char* name = "";
  switch (table) {
    case BulkTable::regions:
      name = "regions";
      break;
    case BulkTable::households:
      name = "households";
      break;
    case BulkTable::buildings:
      name = "buildings";
      break;
    case BulkTable::evidence:
      name = "evidence";
      break;
  }
  return conn_.begin_bulk_load(name, indexes == Indexes::rebuild);
}

Result<void> SqlTransaction::end_bulk_load() { return conn_.end_bulk_load(); }

Result<long> SqlTransaction::insert_run(const RunRecord& run) {
  auto& s = conn_.prepare(
      "INSERT INTO runs(kind, ran_at, actor, settings, summary) VALUES (?,?,?,?,?) RETURNING id");
  s.bind(1, run.kind).bind(2, run.ran_at).bind(3, run.actor);
  s.bind(4, run.settings_json).bind(5, run.summary_json);
  return returned_id(s);
}

Result<long> SqlTransaction::returned_id(Statement& s) {
  long id = 0;
  ANJU_TRY(each_row(s, [&](const Statement& r) { id = r.integer(0); }));
  return id;
}

Result<long> SqlTransaction::record_import(const ImportRun& run) {
  const ImportReport& r = run.report;
  auto& s = conn_.prepare(
      "INSERT INTO imports(kind, file_name, actor, started_at, finished_at, strict, applied,"
      " rows, inserted, updated, unchanged, rejected_rows, error_count)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  s.bind(1, run.kind).bind(2, run.file_name).bind(3, run.actor);
  s.bind(4, run.started_at)
      .bind(5, run.finished_at)
      .bind(6, run.invalid_rows == InvalidRows::reject_file ? 1 : 0);
  s.bind(7, r.applied ? 1 : 0).bind(8, r.rows).bind(9, r.inserted);
  s.bind(10, r.updated).bind(11, r.unchanged).bind(12, r.rejected_rows);
  s.bind(13, r.error_count);
  return returned_id(s);
}

Result<void> SqlTransaction::each_in(const std::string& select, int fixed,
                                     const std::vector<std::string>& keys,
                                     const std::function<void(Statement&)>& bind_fixed,
                                     const std::function<void(const Statement&)>& row) {
  const KeyList list = conn_.key_list();
  const bool array = list.form == KeyList::Form::text_array;
  std::string sql = select;
  if (array) {
    sql += " = ANY(?" + std::to_string(fixed + 1) + "::text[])";
  } else {
    sql += " IN (";
    for (int i = 0; i < list.keys; ++i) sql += (i ? ",?" : "?") + std::to_string(fixed + i + 1);
    sql += ")";
  }
  for (size_t at = 0; at < keys.size(); at += list.keys) {
    auto& s = conn_.prepare(sql.c_str());
    if (bind_fixed) bind_fixed(s);
    const size_t n = std::min(keys.size() - at, static_cast<size_t>(list.keys));
    if (array) {
      s.bind(fixed + 1, text_array_literal(std::span(keys).subspan(at, n)));
    } else {
      for (int i = 0; i < list.keys; ++i) {
        if (static_cast<size_t>(i) < n) s.bind(fixed + i + 1, keys[at + i]);
        else s.bind_null(fixed + i + 1);
      }
    }
    ANJU_TRY(each_row(s, row));
  }
  return {};
}

Result<std::vector<Stored<Household>>> SqlTransaction::find_households(
    const std::vector<std::string>& ids) {
  static const std::string sql = std::string("SELECT ") + kHouseholdColumns +
                                 ", version, created_at, updated_at, updated_by"
                                 " FROM households WHERE household_id";
  std::vector<Stored<Household>> out;
  ANJU_TRY(each_in(sql, 0, ids, {}, [&](const Statement& s) { out.push_back(stored(read_household(s), s, 16)); }));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> SqlTransaction::households_with_heads(
    const std::vector<std::string>& id_numbers) {
  std::vector<std::pair<std::string, std::string>> out;
  ANJU_TRY(each_in("SELECT head_id_number, household_id FROM households WHERE head_id_number", 0,
                   id_numbers, {}, [&](const Statement& s) { out.emplace_back(s.text(0), s.text(1)); }));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> SqlTransaction::household_regions(
    const std::vector<std::string>& ids) {
  std::vector<std::pair<std::string, std::string>> out;
  ANJU_TRY(each_in("SELECT household_id, region_code FROM households WHERE household_id", 0, ids, {},
                   [&](const Statement& s) { out.emplace_back(s.text(0), s.text(1)); }));
  return out;
}

}  // namespace anju::sql
