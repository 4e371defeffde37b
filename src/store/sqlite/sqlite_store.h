#pragma once
// The embedded SQLite engine behind Store: one database file in WAL mode.
// Writes go through one connection, one transaction at a time (begin()
// waits for it; SQLite has one writer anyway). Reads take a connection of
// their own from a pool, so that they run side by side with each other and
// with the writer, each on its snapshot.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace anju::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies pending migrations, each in its
  // own transaction. ":memory:" gives a private in-memory database (tests).
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override;
  // A read transaction: one writer at a time, and the sharing one holds
  // the lock with nothing written, so every reader sees what it sees.
  Result<std::unique_ptr<Transaction>> begin_shared(const SharedSnapshot& snapshot) override;
  bool concurrent_writes() const override { return false; }
  std::string engine() const override { return "sqlite"; }
  int schema_version() const override { return schema_version_; }
  Result<void> backup(const std::string& file) override;
  Result<void> restore(const std::string& file) override;

  // The migrations (from migrations/*.sql) and the table that records
  // those applied, in SQLite's dialect.
  static const std::vector<Migration>& migrations();
  static constexpr const char* kMigrationJournal =
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))";

 private:
  SqliteStore(std::unique_ptr<Connection> conn, std::string path)
      : conn_(std::move(conn)), path_(std::move(path)) {}
  Result<void> migrate();
  Result<std::unique_ptr<Transaction>> begin_read();

  std::unique_ptr<Connection> conn_;
  std::mutex mutex_;  // held by the live write transaction
  std::string path_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int schema_version_ = 0;
};

}  // namespace anju::sqlite
