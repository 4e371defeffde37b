#include "store/sqlite/sqlite_store.h"

#include "store/migration.h"
#include "store/sql/migrate.h"
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
  auto version = sql::apply_migrations(
      *conn_, migrations(),
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  if (!version) return version.error();
  schema_version_ = *version;
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
