#include "store/sqlite/sqlite_transaction.h"

#include "store/row_codec.h"
#include "store/sqlite/row_readers.h"

namespace anju::sqlite {
namespace {

template <class T>
Stored<T> stored(T value, const Statement& s, int first_meta_col) {
  return Stored<T>{std::move(value), s.integer(first_meta_col), s.text(first_meta_col + 1),
                   s.text(first_meta_col + 2), s.text(first_meta_col + 3)};
}

}  // namespace

SqliteTransaction::~SqliteTransaction() {
  if (!done_) (void)conn_.exec("ROLLBACK");
}

Result<void> SqliteTransaction::commit() {
  done_ = true;
  if (auto r = conn_.exec("COMMIT"); !r) {
    (void)conn_.exec("ROLLBACK");
    return r.error();
  }
  return {};
}

Result<std::optional<Stored<Region>>> SqliteTransaction::find_region(std::string_view code) {
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

Result<std::vector<Region>> SqliteTransaction::list_regions() {
  auto& s = conn_.prepare("SELECT code, name FROM regions ORDER BY code");
  std::vector<Region> out;
  while (true) {
    auto row = s.step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(Region{s.text(0), s.text(1)});
  }
  s.reset();
  return out;
}

Result<void> SqliteTransaction::insert_region(const Region& r, const WriteStamp& stamp) {
  auto parent = region_parent(r.code);
  return conn_
      .prepare("INSERT INTO regions(code, name, level, parent_code, created_at, updated_at,"
               " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.code).bind(2, r.name).bind(3, region_level_key(r.level())).bind(4, parent)
      .bind(5, stamp.at).bind(6, stamp.at).bind(7, stamp.actor)
      .run();
}

Result<void> SqliteTransaction::update_region(const Region& r, long expected_version,
                                              const WriteStamp& stamp) {
  ANJU_TRY(conn_
               .prepare("UPDATE regions SET name = ?, version = version + 1, updated_at = ?,"
                        " updated_by = ? WHERE code = ? AND version = ?")
               .bind(1, r.name).bind(2, stamp.at).bind(3, stamp.actor).bind(4, r.code)
               .bind(5, expected_version)
               .run());
  return check_versioned_update("SELECT 1 FROM regions WHERE code = ?", r.code, "区划");
}

Result<std::optional<Stored<Household>>> SqliteTransaction::find_household(std::string_view id) {
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

Result<std::optional<std::string>> SqliteTransaction::household_with_head(
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

Result<void> SqliteTransaction::insert_household(const Household& h, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("households", kHouseholdColumns);
  auto& s = conn_.prepare(sql.c_str());
  bind_household(s, h);
  bind_insert_stamp(s, 16, stamp);
  return s.run();
}

Result<void> SqliteTransaction::update_household(const Household& h, long expected_version,
                                                 const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE households SET head_name = ?2, head_id_number = ?3, members = ?4,"
      " region_code = ?5, address = ?6, phone = ?7, category = ?8, monitor_type = ?9,"
      " source = ?10, status = ?11, housing = ?12, parcel_id = ?13, lon = ?14, lat = ?15,"
      " extra = ?16, version = version + 1, updated_at = ?17, updated_by = ?18"
      " WHERE household_id = ?1 AND version = ?19");
  bind_household(s, h);
  s.bind(17, stamp.at).bind(18, stamp.actor).bind(19, expected_version);
  ANJU_TRY(s.run());
  return check_versioned_update("SELECT 1 FROM households WHERE household_id = ?",
                                h.household_id, "农户");
}

Result<void> SqliteTransaction::check_versioned_update(const char* exists_sql,
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

Result<bool> SqliteTransaction::has_household(std::string_view id) {
  bool found = false;
  auto& s = conn_.prepare("SELECT 1 FROM households WHERE household_id = ?");
  s.bind(1, id);
  ANJU_TRY(each_row(s, [&](const Statement&) { found = true; }));
  return found;
}

Result<long> SqliteTransaction::count_households() {
  auto& s = conn_.prepare("SELECT count(*) FROM households");
  auto row = s.step();
  if (!row) return row.error();
  const long n = s.integer(0);
  s.reset();
  return n;
}

Result<void> SqliteTransaction::for_each_household(const std::function<void(Household&&)>& fn) {
  static const std::string sql =
      std::string("SELECT ") + kHouseholdColumns + " FROM households ORDER BY household_id";
  return each_row(conn_.prepare(sql.c_str()), [&](const Statement& s) { fn(read_household(s)); });
}

Result<void> SqliteTransaction::begin_bulk_load(std::string_view table) {
  // Explicit indexes only (sql IS NOT NULL): primary keys cannot be dropped.
  auto& s = conn_.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL");
  s.bind(1, table);
  std::vector<std::pair<std::string, std::string>> found;
  ANJU_TRY(each_row(s, [&](const Statement& r) { found.emplace_back(r.text(0), r.text(1)); }));
  for (auto& [name, sql] : found) {
    ANJU_TRY(conn_.exec("DROP INDEX \"" + name + "\""));
    deferred_indexes_.push_back(std::move(sql));
  }
  return {};
}

Result<void> SqliteTransaction::end_bulk_load() {
  for (const std::string& sql : deferred_indexes_) ANJU_TRY(conn_.exec(sql));
  deferred_indexes_.clear();
  return {};
}

Result<long> SqliteTransaction::insert_run(const RunRecord& run) {
  ANJU_TRY(conn_
               .prepare("INSERT INTO runs(kind, ran_at, actor, settings, summary) VALUES (?,?,?,?,?)")
               .bind(1, run.kind).bind(2, run.ran_at).bind(3, run.actor)
               .bind(4, run.settings_json).bind(5, run.summary_json)
               .run());
  return static_cast<long>(sqlite3_last_insert_rowid(conn_.handle()));
}

Result<long> SqliteTransaction::record_import(const ImportRun& run) {
  const ImportReport& r = run.report;
  ANJU_TRY(conn_
               .prepare("INSERT INTO imports(kind, file_name, actor, started_at, finished_at,"
                        " strict, applied, rows, inserted, updated, unchanged, rejected_rows,"
                        " error_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
               .bind(1, run.kind).bind(2, run.file_name).bind(3, run.actor)
               .bind(4, run.started_at).bind(5, run.finished_at).bind(6, run.strict ? 1 : 0)
               .bind(7, r.applied ? 1 : 0).bind(8, r.rows).bind(9, r.inserted)
               .bind(10, r.updated).bind(11, r.unchanged).bind(12, r.rejected_rows)
               .bind(13, r.error_count)
               .run());
  return static_cast<long>(sqlite3_last_insert_rowid(conn_.handle()));
}

}  // namespace anju::sqlite
