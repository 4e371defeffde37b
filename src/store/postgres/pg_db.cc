#include "store/postgres/pg_db.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <stdexcept>

namespace anju::postgres {
namespace {

constexpr Oid kBoolOid = 16;
constexpr Oid kTimestamptzOid = 1184;
constexpr int kFetchRows = 4096;

// "?" and "?N" parameters (outside quotes) → "$N"; `count` gets the highest N.
std::string dollar_parameters(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  count = 0;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    size_t j = i + 1;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
    const int n = j > i + 1 ? std::atoi(std::string(sql.substr(i + 1, j - i - 1)).c_str()) : ++next;
    out += '$' + std::to_string(n);
    count = std::max(count, n);
    i = j - 1;
  }
  return out;
}

// "2026-11-28 10:00:00+00" (UTC session) → "2026-11-28T10:00:00Z", the form
// Anju writes and SQLite keeps.
std::string iso_timestamp(std::string text) {
  if (text.size() > 10 && text[10] == ' ') text[10] = 'T';
  if (text.ends_with("+00")) text.replace(text.size() - 3, 3, "Z");
  return text;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

}  // namespace

Error result_error(const PGresult* r, PGconn* conn, std::string_view what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  const std::string code = state ? state : "";
  if (code.starts_with("23"))  // the statement and the server's words are for the operator
    return Error{ErrorCode::conflict, "数据与已有记录冲突（如编号重复），未保存", Transient::no, std::string(what) + "：" + detail};
  if (code == "40001" || code == "40P01")
    return Error{ErrorCode::conflict, "数据已被他人同时修改，请稍后重试", Transient::lost_race};
  if (code == "55P03")  // lock_timeout: a table another transaction holds or waits for
    return Error{ErrorCode::conflict, "数据库正忙（有其他操作占用数据表），请稍后重试", Transient::lost_race};
  // The server went away, is shutting down or starting, is full, or is a
  // hot standby (a write on a node that is no longer the primary): the
  // work may succeed in a moment, on the new primary. Any other failure —
  // a write in one of our own read-only transactions too — would fail again.
  const char* standby = conn ? PQparameterStatus(conn, "in_hot_standby") : nullptr;
  const bool on_standby = code == "25006" && standby && std::string_view(standby) == "on";
  const bool away = (conn && PQstatus(conn) == CONNECTION_BAD) || code.starts_with("08") || code == "57P01" ||
                    code == "57P02" || code == "57P03" || code == "53300" || on_standby;
  return Error{ErrorCode::io, "数据库错误（" + std::string(what) + "）：" + detail,
               away ? Transient::store_away : Transient::no};
}

// --- Statement ---------------------------------------------------------------

Statement::Statement(Connection& conn, std::string name, const char* sql, bool scan)
    : conn_(conn), name_(std::move(name)), scan_(scan) {
  int count = 0;
  sql_ = dollar_parameters(sql, count);
  values_.resize(static_cast<size_t>(count));
  formats_.assign(static_cast<size_t>(count), 0);
  static const std::regex insert(R"(^INSERT INTO (\w+)\(([\w, ]+)\) VALUES \(([?, ]+)\)$)");
  std::cmatch m;
  if (!scan && std::regex_match(sql, m, insert)) {
    copy_table_ = m[1].str();
    copy_columns_ = m[2].str();
  }
}

Statement::~Statement() = default;

std::string& Statement::slot(int i, int format) {
  if (i < 1 || static_cast<size_t>(i) > values_.size())
    throw std::logic_error("parameter " + std::to_string(i) + " out of range in: " + sql_);
  formats_[static_cast<size_t>(i - 1)] = format;
  auto& v = values_[static_cast<size_t>(i - 1)];
  v.emplace();
  return *v;
}

sql::Statement& Statement::bind(int i, std::string_view text) {
  slot(i, 0).assign(text);
  return *this;
}

sql::Statement& Statement::bind(int i, long value) {
  slot(i, 0) = std::to_string(value);
  return *this;
}

sql::Statement& Statement::bind(int i, double value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // shortest exact form
  slot(i, 0).assign(buf, end);
  return *this;
}

sql::Statement& Statement::bind_null(int i) {
  slot(i, 0);
  values_[static_cast<size_t>(i - 1)].reset();
  return *this;
}

sql::Statement& Statement::bind_blob(int i, std::string_view bytes) {
  slot(i, 1).assign(bytes);
  return *this;
}

Statement::Parameters Statement::parameters() const {
  Parameters p{std::vector<const char*>(values_.size()), std::vector<int>(values_.size())};
  for (size_t i = 0; i < values_.size(); ++i) {
    p.values[i] = values_[i] ? values_[i]->data() : nullptr;
    p.lengths[i] = values_[i] ? static_cast<int>(values_[i]->size()) : 0;
  }
  return p;
}

Result<void> Statement::execute() {
  ANJU_TRY(conn_.before(*this));
  const Parameters p = parameters();
  const int n = static_cast<int>(values_.size());
  if (prepared_ && !conn_.begin_pending()) {
    conn_.finish_end();
    rows_.reset(PQexecPrepared(conn_.conn_, name_.c_str(), n, p.values.data(), p.lengths.data(), formats_.data(), 0));
  } else {
    // PREPARE (once per connection) and BEGIN (once per transaction) go
    // with the execution: one round trip.
    bool preparing = false;
    Connection::Piped piped = conn_.pipeline(
        [&] {
          PGconn* c = conn_.conn_;  // the same after a reconnect
          preparing = !prepared_;
          if (preparing && PQsendPrepare(c, name_.c_str(), sql_.c_str(), n, nullptr) != 1) return -1;
          if (PQsendQueryPrepared(c, name_.c_str(), n, p.values.data(), p.lengths.data(), formats_.data(), 0) != 1)
            return -1;
          return preparing ? 2 : 1;
        },
        sql_);
    if (preparing && !piped.results.empty() && piped.results.front() &&
        PQresultStatus(piped.results.front().get()) == PGRES_COMMAND_OK)
      prepared_ = true;
    if (piped.error) {
      rows_.reset();
      return *piped.error;
    }
    rows_ = std::move(piped.results.back());
  }
  const auto status = PQresultStatus(rows_.get());
  if (status == PGRES_COMMAND_OK) {
    conn_.changes_ = std::atol(PQcmdTuples(rows_.get()));
    return {};
  }
  if (status == PGRES_TUPLES_OK) return {};
  Error e = conn_.noted(result_error(rows_.get(), conn_.conn_, sql_));
  rows_.reset();
  return e;
}

Result<void> Statement::open_cursor() {
  ANJU_TRY(conn_.before(*this));
  const Parameters p = parameters();
  const std::string declare = "DECLARE " + name_ + " NO SCROLL CURSOR FOR " + sql_;
  const std::string fetch = "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + name_;
  // DECLARE, its first FETCH (and a pending BEGIN): one round trip.
  Connection::Piped piped = conn_.pipeline(
      [&] {
        PGconn* c = conn_.conn_;
        if (PQsendQueryParams(c, declare.c_str(), static_cast<int>(values_.size()), nullptr, p.values.data(),
                              p.lengths.data(), formats_.data(), 0) != 1 ||
            PQsendQueryParams(c, fetch.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
          return -1;
        return 2;
      },
      sql_);
  if (piped.error) {
    rows_.reset();
    return *piped.error;
  }
  cursor_tx_ = conn_.tx_;
  rows_ = std::move(piped.results.back());
  exhausted_ = PQntuples(rows_.get()) < kFetchRows;
  row_ = -1;
  return {};
}

Result<void> Statement::fetch() {
  const std::string sql = "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + name_;
  rows_.reset(PQexec(conn_.conn_, sql.c_str()));
  if (PQresultStatus(rows_.get()) != PGRES_TUPLES_OK) {
    Error e = conn_.noted(result_error(rows_.get(), conn_.conn_, sql_));
    rows_.reset();
    return e;
  }
  exhausted_ = PQntuples(rows_.get()) < kFetchRows;
  row_ = -1;
  return {};
}

Result<bool> Statement::step() {
  if (!started_) {
    started_ = true;
    if (scan_) {
      ANJU_TRY(open_cursor());
    } else if (conn_.copies(*this)) {
      exhausted_ = true;
      ANJU_TRY(conn_.add_copy_row(*this));
      return false;
    } else {
      ANJU_TRY(execute());
    }
  }
  if (!rows_) return false;
  if (++row_ < PQntuples(rows_.get())) return true;
  if (!scan_ || exhausted_) return false;
  ANJU_TRY(fetch());
  return ++row_ < PQntuples(rows_.get());
}

void Statement::reset() {
  if (scan_ && cursor_tx_ == conn_.tx_ && conn_.in_tx_ &&
      PQtransactionStatus(conn_.conn_) == PQTRANS_INTRANS) {
    const std::string sql = "CLOSE " + name_;
    ResultPtr r(PQexec(conn_.conn_, sql.c_str()));
  }
  cursor_tx_ = -1;
  rows_.reset();
  row_ = -1;
  started_ = false;
  exhausted_ = false;
  for (auto& v : values_) v.reset();
  std::fill(formats_.begin(), formats_.end(), 0);
}

std::string_view Statement::text_view(int col) const {
  return std::string_view(value(col), static_cast<size_t>(PQgetlength(rows_.get(), row_, col)));
}

std::string Statement::text(int col) const {
  const char* v = value(col);
  std::string out(v, static_cast<size_t>(PQgetlength(rows_.get(), row_, col)));
  if (PQftype(rows_.get(), col) == kTimestamptzOid) return iso_timestamp(std::move(out));
  return out;
}

long Statement::integer(int col) const {
  const char* v = value(col);
  if (PQftype(rows_.get(), col) == kBoolOid) return *v == 't' ? 1 : 0;
  return std::strtol(v, nullptr, 10);
}

double Statement::real(int col) const { return std::strtod(value(col), nullptr); }

std::string Statement::blob(int col) const {
  // bytea in text form: "\x" and two hex digits a byte.
  const char* v = value(col);
  const size_t n = static_cast<size_t>(PQgetlength(rows_.get(), row_, col));
  std::string out;
  if (n < 2 || v[0] != '\\' || v[1] != 'x') return out;
  out.reserve((n - 2) / 2);
  for (size_t i = 2; i + 1 < n; i += 2)
    out += static_cast<char>(hex_value(v[i]) * 16 + hex_value(v[i + 1]));
  return out;
}

// --- Connection --------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = c ? PQerrorMessage(c) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(c);
    // libpq's words name hosts and users: the operator's log only.
    return Error{ErrorCode::io, "无法连接 PostgreSQL 数据库", Transient::store_away, msg};
  }
  std::unique_ptr<Connection> conn(new Connection(c));
  ANJU_TRY(conn->set_up_session());
  return conn;
}

Result<void> Connection::set_up_session() {
  if (PQsetClientEncoding(conn_, "UTF8") != 0)
    return make_error(ErrorCode::io, "PostgreSQL 不接受 UTF-8 客户端编码");
  ResultPtr r(PQexec(conn_,
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1;"
      " SET client_min_messages = warning;"
      // Anju's look-ups name no province, so a custom plan prunes nothing:
      // plan once, not on each of the first executions.
      " SET plan_cache_mode = force_generic_plan;"
      // Scans are read to their end: plan cursors for the whole result, not
      // for its first rows (a nested loop probing every partition per row
      // instead of one hash join; the judgment ran twice as long).
      " SET cursor_tuple_fraction = 1.0"));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return result_error(r.get(), conn_, "SET");
  return {};
}

Connection::~Connection() {
  cache_.clear();
  PQfinish(conn_);
}

Result<void> Connection::exec(const std::string& sql) {
  ANJU_TRY(flush_copy());
  ANJU_TRY(send_begin());  // rare: exec runs bulk work and DDL, seldom first in a transaction
  ResultPtr r(PQexec(conn_, sql.c_str()));
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return noted(result_error(r.get(), conn_, sql));
  if (status == PGRES_COMMAND_OK) changes_ = std::atol(PQcmdTuples(r.get()));
  return {};
}

Statement& Connection::statement(const char* sql, bool scan) {
  const std::string key = std::string(scan ? "S:" : "P:") + sql;
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    it->second->reset();
    return *it->second;
  }
  const std::string name = "anju_" + std::to_string(cache_.size() + 1);
  auto [pos, _] = cache_.emplace(key, std::make_unique<Statement>(*this, name, sql, scan));
  return *pos->second;
}

Result<void> Connection::begin(TxMode mode) {
  ++tx_;
  // One snapshot for the whole transaction: the merge-joins of the judgment
  // read several cursors that must agree, and an update of a row that another
  // transaction changed since fails (→ conflict) instead of going unseen.
  // Sent with the first statement (pg_pipeline.cc).
  pending_begin_ = mode == TxMode::write ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                                         : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  in_tx_ = true;
  failed_in_tx_.reset();
  return {};
}

Result<void> Connection::commit() {
  if (auto flushed = flush_copy(); !flushed) {
    rollback();
    return flushed.error();
  }
  in_tx_ = false;
  bulk_table_.clear();
  forget_copy();
  deferred_indexes_.clear();
  locked_table_ = false;
  std::optional<Error> failed = std::move(failed_in_tx_);
  failed_in_tx_.reset();
  if (begin_pending()) {  // nothing was asked: nothing to commit
    pending_begin_.clear();
    return {};
  }
  finish_end();
  ResultPtr r(PQexec(conn_, "COMMIT"));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return result_error(r.get(), conn_, "COMMIT");
  // A transaction that failed earlier answers COMMIT with ROLLBACK: the
  // failure noted then is the reason (a conflict stays a conflict).
  if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0)
    return failed ? *failed : make_error(ErrorCode::io, "事务因先前的错误已回滚，未保存任何修改");
  return {};
}

void Connection::rollback() {
  forget_copy();
  bulk_table_.clear();
  deferred_indexes_.clear();
  locked_table_ = false;
  in_tx_ = false;
  pending_begin_.clear();
  failed_in_tx_.reset();
  if (ending_) return;  // a ROLLBACK is on its way already
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE || PQstatus(conn_) != CONNECTION_OK) return;
  // Not waited for: the server ends the transaction as it reads this, and
  // the next use of the connection reads the answer (finish_end).
  if (PQsendQuery(conn_, "ROLLBACK") == 1) ending_ = true;
  else lost_track_ = true;
}

Result<bool> Connection::try_lock_until_commit(long key) {
  auto& s = prepare("SELECT pg_try_advisory_xact_lock(?)");
  s.bind(1, key);
  auto row = s.step();
  if (!row) return row.error();
  return *row && s.integer(0) != 0;
}

Result<std::string> Connection::share_snapshot() {
  auto& s = prepare("SELECT pg_export_snapshot()");
  auto row = s.step();
  if (!row) return row.error();
  if (!*row) return make_error(ErrorCode::io, "PostgreSQL 没有给出事务快照");
  std::string id = s.text(0);
  s.reset();
  return id;
}

Result<void> Connection::begin_shared(const std::string& snapshot) {
  // An exported snapshot is named by hex digits and dashes
  // ("00000003-0000001B-1"): nothing else goes into the statement.
  if (snapshot.empty() || snapshot.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos)
    return make_error(ErrorCode::invalid, "事务快照名称无效");
  ANJU_TRY(begin(TxMode::read));
  // A reader's table lock may wait behind a stronger request (a schema
  // change, a bulk load dropping indexes) that itself waits for the run,
  // which waits for its readers: a wait the server cannot see as a
  // deadlock. So a reader waits a short while, then gives up (lost_race).
  return exec("SET TRANSACTION SNAPSHOT '" + snapshot + "'; SET LOCAL lock_timeout = '" +
              std::to_string(kSharedLockWaitMs) + "ms'");
}

bool Connection::broken() const { return PQstatus(conn_) != CONNECTION_OK || lost_track_; }

bool Connection::idle() const {
  return !broken() && !in_tx_ && (ending_ || PQtransactionStatus(conn_) == PQTRANS_IDLE);
}

}  // namespace anju::postgres
