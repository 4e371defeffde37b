#include "store/sqlite/sqlite_db.h"

#include <stdexcept>

namespace anju::sqlite {

Error last_error(sqlite3* db, std::string_view what) {
  const int code = sqlite3_errcode(db);
  const std::string detail = sqlite3_errmsg(db);
  if (code == SQLITE_CONSTRAINT)  // the statement and SQLite's words are for the operator
    return Error{ErrorCode::conflict, "数据与已有记录冲突（如编号重复），未保存", Transient::no, std::string(what) + "：" + detail};
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return Error{ErrorCode::conflict, "数据库正忙，请稍后重试", Transient::no, detail};
  return make_error(ErrorCode::io, "数据库错误（" + std::string(what) + "）：" + detail);
}

sql::Statement& Statement::bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
sql::Statement& Statement::bind(int i, long value) {
  sqlite3_bind_int64(stmt_, i, value);
  return *this;
}
sql::Statement& Statement::bind(int i, double value) {
  sqlite3_bind_double(stmt_, i, value);
  return *this;
}
sql::Statement& Statement::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

sql::Statement& Statement::bind_view(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
sql::Statement& Statement::bind_blob_view(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  return *this;
}

std::string Statement::blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (!p) return {};
  return std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

sql::Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = last_error(db_, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return e;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) const { return std::string(text_view(col)); }

std::string_view Statement::text_view(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path) {
  // SQLite counts its memory use under one process-wide mutex on every
  // allocation; with several connections busy on several threads (batch
  // runs read in parallel, the server's readers) they queue on it. Nothing
  // here reads the counts. Only possible before SQLite initialises (a
  // library that opened a database first keeps the counting: harmless).
  // Measured: judge at 1M, 14.1–16.7 s against 15.6–17.8 s (bench/README.md).
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error(ErrorCode::io, "无法打开数据库文件 " + path + "：" + msg);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_busy_timeout(db, 5000);
  // Pages of 16 KiB instead of 4 KiB, for a new database only (an existing
  // one keeps its size; WAL fixes it): a WAL frame is a page plus a 24-byte
  // header, so every frame straddles the kernel's 4 KiB pages, and with
  // small pages the kernel's partial-page copying and zeroing was half of
  // writing the WAL. Copying 2.9M buildings (800 MB) in WAL mode took
  // 7.8 and 8.1 s with 4 KiB pages, 5.1 and 6.3 s with 16 KiB (bench/README.md).
  // WAL: readers never block the writer; synchronous=FULL makes each commit
  // durable; foreign keys are off by default in SQLite.
  if (auto r = conn->exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                          "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
                          "PRAGMA temp_store=MEMORY;");
      !r)
    return r.error();
  return conn;
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalised before the close
  sqlite3_close(db_);
}

Result<void> Connection::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Error e = last_error(db_, "exec");
    sqlite3_free(err);
    return e;
  }
  return {};
}

sql::Statement& Connection::prepare(const char* sql) {
  auto it = cache_.find(std::string_view(sql));
  if (it != cache_.end()) {
    it->second->reset();
    return *it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
    throw std::logic_error(std::string("SQL does not compile: ") + sqlite3_errmsg(db_) + "\n" + sql);
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt));
  return *pos->second;
}

void Connection::rollback() {
  if (!sqlite3_get_autocommit(db_)) (void)prepare("ROLLBACK").run();
  deferred_indexes_.clear();
}

Result<void> Connection::begin_bulk_load(std::string_view table, bool rebuild_indexes) {
  if (!rebuild_indexes) return {};  // SQLite's inserts have no faster path
  // Explicit indexes only (sql IS NOT NULL): primary keys cannot be dropped.
  auto& s = prepare(
      "SELECT 'DROP INDEX \"' || name || '\"', sql FROM sqlite_master"
      " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL");
  s.bind(1, table);
  return deferred_indexes_.drop(*this, s);
}

Result<void> Connection::end_bulk_load() {
  if (deferred_indexes_.statements().empty()) return {};
  // The rebuild sorts every row's key; a second sorting thread takes the
  // core the import's reading thread has just left (≈ 8 % of the 4 s
  // index build after 2.6M buildings).
  ANJU_TRY(exec("PRAGMA threads=2"));
  auto built = deferred_indexes_.rebuild(*this);
  ANJU_TRY(exec("PRAGMA threads=0"));
  return built;
}

}  // namespace anju::sqlite
