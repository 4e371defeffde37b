#pragma once
// The PostgreSQL driver behind the SQL engine's interface (store/sql/sql_db.h),
// on libpq. Statements are server-side prepared once per connection; values
// travel as parameters (text, bytea in binary), never inside the SQL text.
// Scans run through a cursor fetched in batches, so several can be open at
// once and memory stays flat. In a bulk load, INSERTs into the loaded table
// are gathered into COPY … FROM STDIN batches, binary where the columns'
// types allow (pg_copy.cc, pg_copy_binary.h).
//
// Not thread-safe: PgStore lends a connection to one transaction at a time.

#include <libpq-fe.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/postgres/pg_copy_binary.h"
#include "store/sql/deferred_indexes.h"
#include "store/sql/sql_db.h"

namespace anju::postgres {

class Connection;

// A result set owned by one statement.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Maps a failed result to an Error: `conflict` for integrity violations,
// serialisation failures, deadlocks and lock time-outs; `io` otherwise.
Error result_error(const PGresult* r, PGconn* conn, std::string_view what);

class Statement final : public sql::Statement {
 public:
  Statement(Connection& conn, std::string name, const char* sql, bool scan);
  ~Statement() override;

  using sql::Statement::bind;
  sql::Statement& bind(int i, std::string_view text) override;
  sql::Statement& bind(int i, long value) override;
  sql::Statement& bind(int i, double value) override;
  sql::Statement& bind_null(int i) override;
  sql::Statement& bind_blob(int i, std::string_view bytes) override;

  Result<bool> step() override;
  void reset() override;

  bool is_null(int col) const override { return PQgetisnull(rows_.get(), row_, col) != 0; }
  std::string text(int col) const override;
  std::string_view text_view(int col) const override;
  long integer(int col) const override;
  double real(int col) const override;
  std::string blob(int col) const override;

  const std::string& sql() const { return sql_; }
  // The target table and column list of a plain "INSERT INTO t(cols) VALUES
  // (?, …)", which a bulk load may turn into COPY rows; empty otherwise.
  const std::string& copy_table() const { return copy_table_; }
  const std::string& copy_columns() const { return copy_columns_; }
  const std::vector<std::optional<std::string>>& values() const { return values_; }
  const std::vector<int>& formats() const { return formats_; }
  // The server forgot this statement and its cursor (a new session).
  void forget_server_state() {
    prepared_ = false;
    cursor_tx_ = -1;
  }

 private:
  struct Parameters {
    std::vector<const char*> values;  // nullptr for NULL
    std::vector<int> lengths;
  };
  Parameters parameters() const;  // the bound values as libpq takes them
  Result<void> execute();
  Result<void> open_cursor();
  Result<void> fetch();
  std::string& slot(int i, int format);
  const char* value(int col) const { return PQgetvalue(rows_.get(), row_, col); }

  Connection& conn_;
  std::string name_;  // of the prepared statement, and of the cursor of a scan
  std::string sql_;   // with $n parameters
  bool scan_;
  bool prepared_ = false;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;  // 0 text, 1 binary (bytea)
  std::string copy_table_, copy_columns_;

  ResultPtr rows_;
  int row_ = -1;
  bool started_ = false;
  bool exhausted_ = false;  // a scan's cursor has no more batches
  long cursor_tx_ = -1;     // the transaction the cursor was declared in
};

class Connection final : public sql::Connection {
 public:
  // Connects to `url` (a libpq URI or key=value string) and sets the session
  // up: UTF-8, UTC time stamps, ISO dates. Fails with `io`.
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> exec(const std::string& sql) override;
  sql::Statement& prepare(const char* sql) override { return statement(sql, false); }
  sql::Statement& scan(const char* sql) override { return statement(sql, true); }
  long changes() const override { return changes_; }
  // One text array a look-up, up to 4,096 keys: one value to bind instead
  // of 256 parameters, and a round trip and an execution of the partitioned
  // plan for as many keys as the caller asks at once.
  sql::KeyList key_list() const override { return {sql::KeyList::Form::text_array, 4096}; }

  Result<void> begin(TxMode mode) override;
  Result<void> commit() override;
  void rollback() override;

  Result<bool> try_lock_until_commit(long key) override;  // pg_try_advisory_xact_lock
  Result<std::string> share_snapshot() override;           // pg_export_snapshot
  // A read transaction on the snapshot another one shared (SET TRANSACTION
  // SNAPSHOT); fails with `io` when that transaction has ended. It waits
  // kSharedLockWaitMs at the most for a table lock; then the statement
  // fails with `conflict` (Transient::lost_race).
  Result<void> begin_shared(const std::string& snapshot);
  static constexpr int kSharedLockWaitMs = 2000;
  Result<void> begin_bulk_load(std::string_view table, bool rebuild_indexes) override;
  Result<void> end_bulk_load() override;
  bool bulk_load_locks_table() const override { return locked_table_; }

  // True when the connection is usable and no transaction is open (a
  // ROLLBACK may still be on its way).
  bool idle() const;
  // True when the server is gone (it stopped, or a failover ended the
  // session), or libpq lost track of the conversation: nothing more can be
  // done on this connection.
  bool broken() const;
  PGconn* handle() { return conn_; }

 private:
  friend class Statement;
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Statement& statement(const char* sql, bool scan);
  Result<void> set_up_session();  // the SETs every session starts with

  // pg_pipeline.cc: fewer round trips. BEGIN is not sent on its own: it
  // goes with the transaction's first statement, and a ROLLBACK is sent
  // without waiting for its answer, which the next use of the connection
  // reads (by then it has come).
  struct Piped {
    std::vector<ResultPtr> results;  // one per query `send` sent, in order; null where none came
    std::optional<Error> error;      // the first failure
  };
  // One round trip: the pending BEGIN, the queries `send` sends (it returns
  // how many, or -1 when libpq refused one) and a sync, in libpq's pipeline
  // mode. When a transaction's first round trip finds the server gone (or
  // a hot standby now), the connection is made anew (PQreset: the URL's
  // hosts and target_session_attrs lead to the primary of now) and the
  // BEGIN and `send` go once more: nothing had been done in the
  // transaction yet.
  // pipeline() also notes its failure (noted()); the retry is
  // pipeline_again_if_gone(), one try pipeline_once().
  Piped pipeline(const std::function<int()>& send, std::string_view what);
  Piped pipeline_again_if_gone(const std::function<int()>& send, std::string_view what);
  Piped pipeline_once(const std::function<int()>& send, std::string_view what);
  // For what cannot go in a pipeline (simple queries, COPY): the pending
  // BEGIN, sent now.
  Result<void> send_begin();
  bool begin_pending() const { return !pending_begin_.empty(); }
  void finish_end();  // reads the answer to a ROLLBACK sent without waiting
  // Keeps the first failure of the open transaction: PostgreSQL answers a
  // COMMIT after it with ROLLBACK, and that failure is why nothing was saved.
  Error noted(Error e) {
    if (in_tx_ && !failed_in_tx_) failed_in_tx_ = e;
    return e;
  }
  Result<void> reconnect();

  // pg_copy.cc: the bulk path.
  // Runs before a statement: sends the pending COPY rows first when the
  // statement reads or writes the table being loaded.
  Result<void> before(const Statement& s);
  // True when `s` is an INSERT that goes into the pending COPY instead.
  bool copies(const Statement& s) const;
  Result<void> add_copy_row(const Statement& s);
  Result<void> flush_copy();
  // Picks binary COPY for the pending columns when every one has a type
  // pg_copy_binary.h writes, text otherwise.
  Result<void> choose_copy_format();
  void forget_copy();  // drops pending rows and the chosen columns

  PGconn* conn_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
  long changes_ = 0;
  long tx_ = 0;  // counts transactions, so a cursor knows whether it is still open
  bool in_tx_ = false;
  std::string pending_begin_;  // the BEGIN of the open transaction, not sent yet
  bool ending_ = false;        // a ROLLBACK was sent; its answer is not read yet
  bool lost_track_ = false;    // libpq refused a step half way: close, do not reuse
  std::optional<Error> failed_in_tx_;  // noted()

  std::string bulk_table_;                     // the table of the running bulk load
  sql::DeferredIndexes deferred_indexes_;
  bool locked_table_ = false;  // a bulk load dropped indexes: locked until the transaction ends
  std::string copy_columns_;                   // of the pending COPY rows
  std::vector<CopyType> copy_types_;           // their binary encodings; empty: text
  std::string copy_buffer_;                    // COPY rows not sent yet
  bool copy_buffer_binary_ = false;            // … in binary format (after its header)
};

}  // namespace anju::postgres
