// Fewer round trips on PostgreSQL (pg_db.h): a transaction's BEGIN travels
// with its first statement, a statement's PREPARE with its first execution,
// a cursor's DECLARE with its first FETCH — each group one round trip in
// libpq's pipeline mode — and a ROLLBACK is not waited for.
#include "store/postgres/pg_db.h"

namespace anju::postgres {

Connection::Piped Connection::pipeline(const std::function<int()>& send, std::string_view what) {
  Piped out = pipeline_again_if_gone(send, what);
  if (out.error) noted(*out.error);
  return out;
}

Connection::Piped Connection::pipeline_again_if_gone(const std::function<int()>& send, std::string_view what) {
  // Kept aside: the server may have answered BEGIN before it went away.
  const std::string begin = pending_begin_;
  Piped out = pipeline_once(send, what);
  // Gone, shutting down, or a hot standby now: begin again where the URL
  // leads, when nothing of the transaction has been done.
  if (!out.error || begin.empty() || out.error->transient != Transient::store_away) return out;
  if (auto made = reconnect(); !made) {
    out.results.clear();  // the old session's answers say nothing of the new one
    out.error = made.error();
    return out;
  }
  pending_begin_ = begin;
  return pipeline_once(send, what);
}

Connection::Piped Connection::pipeline_once(const std::function<int()>& send, std::string_view what) {
  Piped out;
  finish_end();
  if (PQenterPipelineMode(conn_) != 1) {
    out.error = result_error(nullptr, conn_, what);
    return out;
  }
  const bool begins = begin_pending();
  bool sent = !begins || PQsendQueryParams(conn_, pending_begin_.c_str(), 0, nullptr, nullptr, nullptr,
                                           nullptr, 0) == 1;
  const int queries = sent ? send() : -1;
  sent = queries >= 0 && PQpipelineSync(conn_) == 1;
  if (!sent) {
    // Some queries may be on their way with no sync after them: the
    // conversation cannot be followed any more.
    out.error = result_error(nullptr, conn_, what);
    lost_track_ = true;
    (void)PQexitPipelineMode(conn_);
    return out;
  }
  bool lost = false;
  for (int i = 0; i < queries + (begins ? 1 : 0); ++i) {
    ResultPtr r(PQgetResult(conn_));
    if (!r) {  // the connection is gone
      lost = true;
      break;
    }
    while (PGresult* end = PQgetResult(conn_)) PQclear(end);  // the NULL that ends each query's results
    const auto status = PQresultStatus(r.get());
    if ((status == PGRES_FATAL_ERROR || status == PGRES_PIPELINE_ABORTED) && !out.error)
      out.error = result_error(r.get(), conn_, what);
    if (begins && i == 0) {
      if (status == PGRES_COMMAND_OK) pending_begin_.clear();
      continue;
    }
    out.results.push_back(std::move(r));
  }
  if (!lost) {
    ResultPtr sync(PQgetResult(conn_));
    lost = !sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC;
  }
  if (lost && !out.error) out.error = result_error(nullptr, conn_, what);  // libpq's words on the cause
  if (PQexitPipelineMode(conn_) != 1) {
    lost_track_ = true;
    if (!out.error) out.error = result_error(nullptr, conn_, what);
  }
  out.results.resize(static_cast<size_t>(queries));
  return out;
}

Result<void> Connection::send_begin() {
  finish_end();
  if (!begin_pending()) return {};
  Piped begun = pipeline([] { return 0; }, "BEGIN");
  if (begun.error) return *begun.error;
  return {};
}

void Connection::finish_end() {
  if (!ending_) return;
  ending_ = false;
  // The answer itself says nothing worth keeping: the transaction is over
  // either way, and a connection that broke meanwhile shows it at the
  // round trip that follows.
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
}

Result<void> Connection::reconnect() {
  PQreset(conn_);
  ending_ = false;
  for (auto& [_, statement] : cache_) statement->forget_server_state();
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string detail = PQerrorMessage(conn_);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    return Error{ErrorCode::io, "无法连接 PostgreSQL 数据库", Transient::store_away, detail};
  }
  lost_track_ = false;
  auto set = set_up_session();
  if (!set) lost_track_ = true;  // a session without its settings is not to be pooled
  return set;
}

}  // namespace anju::postgres
