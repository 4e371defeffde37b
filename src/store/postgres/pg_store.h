#pragma once
// PostgreSQL behind Store: the production engine for a county, a province or
// the country. Stateless towards the app server: every transaction borrows a
// pooled connection and gives it back; several `anju serve` processes can
// share one database (docs/postgresql.md).

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/postgres/pg_db.h"
#include "store/store.h"

namespace anju::postgres {

class PgStore final : public Store {
 public:
  // Connects to `url` and applies pending migrations under an advisory lock,
  // so that servers starting together migrate once.
  static Result<std::unique_ptr<PgStore>> open(const std::string& url);

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override;
  Result<std::unique_ptr<Transaction>> begin_shared(const SharedSnapshot& snapshot) override;
  bool concurrent_writes() const override { return true; }
  std::string engine() const override { return "postgresql"; }
  int schema_version() const override { return schema_version_; }
  PoolUse pool_use() const override;
  Result<void> backup(const std::string& file) override;
  Result<void> restore(const std::string& file) override;

  // The embedded migrations and the table that records them (tests of a
  // migration start from the version before it).
  static const std::vector<Migration>& migrations();
  static constexpr const char* kMigrationJournal =
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY, name text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())";

 private:
  explicit PgStore(std::string url) : url_(std::move(url)) {}
  Result<void> migrate(Connection& conn);
  Result<std::unique_ptr<Connection>> lease();
  void give_back(std::unique_ptr<Connection> conn);
  std::unique_ptr<Transaction> transaction_on(std::unique_ptr<Connection> conn);

  std::string url_;
  mutable std::mutex mutex_;  // guards idle_
  std::vector<std::unique_ptr<Connection>> idle_;
  std::atomic<long> leased_{0};  // connections lent to a transaction now
  int schema_version_ = 0;
};

}  // namespace anju::postgres
