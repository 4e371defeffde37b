#pragma once
// The SQLite driver behind the SQL engine's interface (store/sql/sql_db.h):
// a connection that caches its prepared statements, and statements with
// typed binding. Not thread-safe: SqliteStore serialises access to one
// connection.

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/deferred_indexes.h"
#include "store/sql/sql_db.h"

namespace anju::sqlite {

class Statement final : public sql::Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() override { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  using sql::Statement::bind;
  // Text is copied (SQLITE_TRANSIENT).
  sql::Statement& bind(int i, std::string_view text) override;
  sql::Statement& bind(int i, long value) override;
  sql::Statement& bind(int i, double value) override;
  sql::Statement& bind_null(int i) override;
  sql::Statement& bind_blob(int i, std::string_view bytes) override;
  // Not copied (SQLITE_STATIC): reset() clears the bindings, so the pointer
  // is never read after the run.
  sql::Statement& bind_view(int i, std::string_view text) override;
  sql::Statement& bind_blob_view(int i, std::string_view bytes) override;

  Result<bool> step() override;
  void reset() override;

  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const override;
  std::string_view text_view(int col) const override;
  long integer(int col) const override { return static_cast<long>(sqlite3_column_int64(stmt_, col)); }
  double real(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string blob(int col) const override;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection final : public sql::Connection {
 public:
  // Opens (creating if needed) the file at `path` with WAL, foreign keys and
  // a busy time-out. Fails with `io`.
  static Result<std::unique_ptr<Connection>> open(const std::string& path);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> exec(const std::string& sql) override;
  sql::Statement& prepare(const char* sql) override;
  long changes() const override { return sqlite3_changes(db_); }

  // Prepared once: most requests are short reads, where parsing BEGIN and
  // COMMIT each time shows.
  Result<void> begin(TxMode mode) override {
    return prepare(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN").run();
  }
  Result<void> commit() override { return prepare("COMMIT").run(); }
  void rollback() override;

  Result<void> begin_bulk_load(std::string_view table, bool rebuild_indexes) override;
  Result<void> end_bulk_load() override;

  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
  sql::DeferredIndexes deferred_indexes_;
};

// Maps the connection's last error to an Error (`conflict` for constraint
// violations and busy time-outs, `io` otherwise).
Error last_error(sqlite3* db, std::string_view what);

}  // namespace anju::sqlite
