#include "store/sqlite/sqlite_store.h"

#include "store/migration.h"
#include "store/sql/sql_transaction.h"

namespace anju::sqlite {

const std::vector<Migration>& migrations();  // generated from migrations/*.sql

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto conn = Connection::open(path);
  if (!conn) return conn.error();
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*conn)));
  ANJU_TRY(store->migrate());
  return store;
}

Result<void> SqliteStore::migrate() {
  ANJU_TRY(conn_->exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"));
  auto& q = conn_->prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  auto has = q.step();
  if (!has) return has.error();
  schema_version_ = static_cast<int>(q.integer(0));
  q.reset();
  for (const Migration& m : migrations()) {
    if (m.version <= schema_version_) continue;
    ANJU_TRY(conn_->exec("BEGIN IMMEDIATE"));
    auto applied = conn_->exec(m.sql);
    if (applied) {
      applied = conn_->prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)")
                    .bind(1, m.version)
                    .bind(2, m.name)
                    .run();
    }
    if (!applied) {
      (void)conn_->exec("ROLLBACK");
      return make_error(ErrorCode::io, std::string("数据库迁移 ") + m.name +
                                           " 失败：" + applied.error().message);
    }
    ANJU_TRY(conn_->exec("COMMIT"));
    schema_version_ = m.version;
  }
  return {};
}

Result<std::unique_ptr<Transaction>> SqliteStore::begin(TxMode mode) {
  mutex_.lock();
  if (auto r = conn_->begin(mode == TxMode::write); !r) {
    mutex_.unlock();
    return r.error();
  }
  return std::unique_ptr<Transaction>(
      new sql::SqlTransaction(*conn_, [this] { mutex_.unlock(); }));
}

}  // namespace anju::sqlite
