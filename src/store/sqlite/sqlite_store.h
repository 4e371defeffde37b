#pragma once
// The embedded SQLite engine behind Store: one database file in WAL mode.
// One connection serves one transaction at a time; begin() waits for it.

#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace anju::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies pending migrations, each in its
  // own transaction. ":memory:" gives a private in-memory database (tests).
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override;
  bool concurrent_writes() const override { return false; }
  std::string engine() const override { return "sqlite"; }
  int schema_version() const override { return schema_version_; }
  Result<void> backup(const std::string& file) override;
  Result<void> restore(const std::string& file) override;

 private:
  explicit SqliteStore(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {}
  Result<void> migrate();

  std::unique_ptr<Connection> conn_;
  std::mutex mutex_;  // held by the live transaction
  int schema_version_ = 0;
};

}  // namespace anju::sqlite
