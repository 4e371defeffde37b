#include "store/sqlite/sqlite_store.h"

#include "store/migration.h"
#include "store/sql/migrate.h"
#include "store/sql/sql_transaction.h"

namespace anju::sqlite {

const std::vector<Migration>& migrations();  // generated from migrations/*.sql

const std::vector<Migration>& SqliteStore::migrations() { return sqlite::migrations(); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto conn = Connection::open(path);
  if (!conn) return conn.error();
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*conn), path));
  ANJU_TRY(store->migrate());
  return store;
}

Result<void> SqliteStore::migrate() {
  auto version = sql::apply_migrations(*conn_, migrations(), kMigrationJournal);
  if (!version) return version.error();
  schema_version_ = *version;
  return {};
}

// Idle read connections kept for the next reads.
constexpr size_t kIdleReaders = 8;

Result<std::unique_ptr<Transaction>> SqliteStore::begin_read() {
  std::unique_ptr<Connection> conn;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!conn) {
    auto opened = Connection::open(path_);
    if (!opened) return opened.error();
    conn = std::move(*opened);
  }
  if (auto r = conn->begin(TxMode::read); !r) return r.error();
  Connection* raw = conn.release();
  return std::unique_ptr<Transaction>(new sql::SqlTransaction(*raw, [this, raw] {
    std::unique_ptr<Connection> back(raw);
    std::lock_guard lock(readers_mutex_);
    if (idle_readers_.size() < kIdleReaders) idle_readers_.push_back(std::move(back));
  }));
}

Result<std::unique_ptr<Transaction>> SqliteStore::begin(TxMode mode) {
  // A private in-memory database exists in one connection only.
  if (mode == TxMode::read && path_ != ":memory:" && !path_.empty()) return begin_read();
  mutex_.lock();
  if (auto r = conn_->begin(mode); !r) {
    mutex_.unlock();
    return r.error();
  }
  return std::unique_ptr<Transaction>(
      new sql::SqlTransaction(*conn_, [this] { mutex_.unlock(); }));
}

Result<std::unique_ptr<Transaction>> SqliteStore::begin_shared(const SharedSnapshot& snapshot) {
  (void)snapshot;  // always empty here
  return begin(TxMode::read);
}

}  // namespace anju::sqlite
