#pragma once
// A thin RAII layer over the SQLite C API: a connection that caches its
// prepared statements, and statements with typed binding. Not thread-safe:
// SqliteStore serialises access to one connection.

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace anju::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, long value);
  Statement& bind(int i, int value) { return bind(i, static_cast<long>(value)); }
  Statement& bind(int i, double value);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view bytes);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }
  Statement& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows, then resets it.
  Result<void> run();
  void reset();

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const;
  long integer(int col) const { return static_cast<long>(sqlite3_column_int64(stmt_, col)); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string blob(int col) const;
  std::optional<double> optional_real(int col) const {
    return is_null(col) ? std::nullopt : std::optional<double>(real(col));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if needed) the file at `path` with WAL, foreign keys and
  // a busy time-out. Fails with `io`.
  static Result<std::unique_ptr<Connection>> open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> exec(const std::string& sql);
  // A cached statement for `sql`, reset and with bindings cleared. The
  // reference stays valid for the connection's life. Throws on SQL that does
  // not compile (a bug, not an input error).
  Statement& prepare(const char* sql);
  long changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// Maps the connection's last error to an Error (`conflict` for constraint
// violations and busy time-outs, `io` otherwise).
Error last_error(sqlite3* db, std::string_view what);

}  // namespace anju::sqlite
