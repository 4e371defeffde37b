#include "store/postgres/pg_store.h"

#include "store/sql/migrate.h"
#include "store/sql/sql_transaction.h"

namespace anju::postgres {

const std::vector<Migration>& migrations();  // generated from migrations/*.sql

const std::vector<Migration>& PgStore::migrations() { return postgres::migrations(); }

namespace {
constexpr size_t kMaxIdle = 8;
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7267310)";  // any fixed key
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7267310)";
}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url) {
  std::unique_ptr<PgStore> store(new PgStore(url));
  auto conn = Connection::open(url);
  if (!conn) return conn.error();
  ANJU_TRY(store->migrate(**conn));
  store->give_back(std::move(*conn));
  return store;
}

Result<void> PgStore::migrate(Connection& conn) {
  ANJU_TRY(conn.exec(kMigrationLock));
  auto version = sql::apply_migrations(conn, migrations(), kMigrationJournal);
  (void)conn.exec(kMigrationUnlock);
  if (!version) return version.error();
  schema_version_ = *version;
  return {};
}

Result<std::unique_ptr<Connection>> PgStore::lease() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
  }
  return Connection::open(url_);
}

Store::PoolUse PgStore::pool_use() const {
  std::lock_guard lock(mutex_);
  return {static_cast<long>(idle_.size()), leased_.load()};
}

void PgStore::give_back(std::unique_ptr<Connection> conn) {
  if (!conn->idle()) return;  // broken or mid-transaction: close it
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(conn));
}

Result<std::unique_ptr<Transaction>> PgStore::begin(TxMode mode) {
  auto conn = lease();
  if (!conn) return conn.error();
  // Sends nothing yet: BEGIN goes with the first statement, and a pooled
  // connection whose server is gone (stopped, or failed over to the
  // standby) makes itself anew then (pg_pipeline.cc).
  ANJU_TRY((*conn)->begin(mode));
  return transaction_on(std::move(*conn));
}

Result<std::unique_ptr<Transaction>> PgStore::begin_shared(const SharedSnapshot& snapshot) {
  auto conn = lease();
  if (!conn) return conn.error();
  if (auto begun = (*conn)->begin_shared(snapshot.id); !begun) {
    (*conn)->rollback();
    give_back(std::move(*conn));
    return begun.error();
  }
  return transaction_on(std::move(*conn));
}

std::unique_ptr<Transaction> PgStore::transaction_on(std::unique_ptr<Connection> conn) {
  Connection* raw = conn.release();
  ++leased_;
  return std::unique_ptr<Transaction>(new sql::SqlTransaction(*raw, [this, raw] {
    --leased_;
    give_back(std::unique_ptr<Connection>(raw));
  }));
}

}  // namespace anju::postgres
