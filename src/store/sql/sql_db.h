#pragma once
// The driver interface the SQL engines implement (sqlite/, postgres/), so the
// one Transaction in this folder serves both. SQL is written once, with `?`
// or `?N` parameters (1-based); a driver rewrites them where its database
// wants another form. Values are always bound, never spliced into the text.
//
// Not thread-safe: a Connection serves one transaction at a time.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/sql/key_list.h"
#include "store/tx_mode.h"

namespace anju::sql {

class Statement {
 public:
  virtual ~Statement() = default;

  virtual Statement& bind(int i, std::string_view text) = 0;
  virtual Statement& bind(int i, long value) = 0;
  virtual Statement& bind(int i, double value) = 0;
  virtual Statement& bind_null(int i) = 0;
  virtual Statement& bind_blob(int i, std::string_view bytes) = 0;
  // As bind() and bind_blob(), for bytes that stay alive and unchanged until
  // the statement has run (run(), or the last step()): the driver may keep
  // the pointer instead of a copy. For the bulk inserts, where copying every
  // value of millions of rows shows.
  virtual Statement& bind_view(int i, std::string_view text) { return bind(i, text); }
  virtual Statement& bind_blob_view(int i, std::string_view bytes) { return bind_blob(i, bytes); }
  Statement& bind(int i, int value) { return bind(i, static_cast<long>(value)); }
  Statement& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // Advances to the next row: true when a row is available, false when done.
  // The first call runs the statement with its bindings.
  virtual Result<bool> step() = 0;
  // Runs a statement that returns no rows, then resets it.
  Result<void> run() {
    auto r = step();
    reset();
    if (!r) return r.error();
    return {};
  }
  // Ends the current run and clears the bindings.
  virtual void reset() = 0;

  // Columns of the current row, 0-based.
  virtual bool is_null(int col) const = 0;
  virtual std::string text(int col) const = 0;
  // As text(), without the copy: valid until the row changes. Not for
  // timestamps (PostgreSQL's are rewritten by text()).
  virtual std::string_view text_view(int col) const = 0;
  virtual long integer(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string blob(int col) const = 0;
  std::optional<double> optional_real(int col) const {
    return is_null(col) ? std::nullopt : std::optional<double>(real(col));
  }
};

class Connection {
 public:
  virtual ~Connection() = default;

  // Runs SQL text without parameters (DDL, transaction control).
  virtual Result<void> exec(const std::string& sql) = 0;
  // A cached statement for `sql`, reset and with bindings cleared. The
  // reference stays valid for the connection's life. Throws on SQL that does
  // not compile (a bug, not an input error).
  virtual Statement& prepare(const char* sql) = 0;
  // As prepare(), for a query whose result may be too large to hold: the
  // driver streams it. Several scans may be open at once.
  virtual Statement& scan(const char* sql) { return prepare(sql); }
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual long changes() const = 0;
  // How a look-up of many keys binds them (SqlTransaction::each_in).
  virtual KeyList key_list() const { return {}; }

  // Transaction control; a write transaction on SQLite takes the write lock.
  virtual Result<void> begin(TxMode mode) = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

  // Takes `key` for the rest of the transaction unless another open
  // transaction holds it: false then, at once. Where writers take turns
  // (SQLite) every writer gets it.
  virtual Result<bool> try_lock_until_commit(long key) {
    (void)key;
    return true;
  }
  // See BatchRepo::share_snapshot. One writer (SQLite): every read
  // transaction begun while the writer holds the lock and has written
  // nothing sees what it sees, so the name is empty.
  virtual Result<std::string> share_snapshot() { return std::string(); }

  // See BatchRepo::begin_bulk_load: may drop the table's secondary indexes
  // (and, on PostgreSQL, its foreign keys to itself) to make them once at
  // the end, and switch its inserts to the engine's bulk path.
  virtual Result<void> begin_bulk_load(std::string_view table, bool rebuild_indexes) = 0;
  virtual Result<void> end_bulk_load() = 0;
  // See BatchRepo::bulk_load_locks_table.
  virtual bool bulk_load_locks_table() const { return false; }
};

}  // namespace anju::sql
