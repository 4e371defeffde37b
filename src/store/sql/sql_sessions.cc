// Sessions and failed logins on both SQL engines.
#include "store/sql/sql_transaction.h"

namespace anju::sql {

Result<void> SqlTransaction::insert_session(const Session& s) {
  return conn_
      .prepare("INSERT INTO sessions(token_hash, user_name, csrf_token, source, created_at,"
               " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, s.token_hash).bind(2, s.user_name).bind(3, s.csrf_token).bind(4, s.source)
      .bind(5, s.created_at).bind(6, s.last_seen_at)
      .run();
}

Result<void> SqlTransaction::touch_session(std::string_view token_hash, const std::string& at) {
  return conn_.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL")
      .bind(1, at).bind(2, token_hash)
      .run();
}

Result<long> SqlTransaction::end_session(std::string_view token_hash, const std::string& at) {
  ANJU_TRY(conn_.prepare("UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL")
               .bind(1, at).bind(2, token_hash)
               .run());
  return conn_.changes();
}

Result<long> SqlTransaction::end_older_sessions(std::string_view user_name, std::string_view current, long keep,
                                                const std::string& at) {
  ANJU_TRY(conn_.prepare("UPDATE sessions SET ended_at = ? WHERE user_name = ? AND ended_at IS NULL"
                         " AND token_hash <> ? AND token_hash NOT IN (SELECT token_hash FROM sessions"
                         " WHERE user_name = ? AND ended_at IS NULL AND token_hash <> ?"
                         " ORDER BY created_at DESC, token_hash DESC LIMIT ?)")
               .bind(1, at).bind(2, user_name).bind(3, current).bind(4, user_name).bind(5, current).bind(6, keep)
               .run());
  return conn_.changes();
}

Result<long> SqlTransaction::end_user_sessions(std::string_view user_name, const std::string& at) {
  ANJU_TRY(conn_.prepare("UPDATE sessions SET ended_at = ? WHERE user_name = ? AND ended_at IS NULL")
               .bind(1, at).bind(2, user_name)
               .run());
  return conn_.changes();
}

Result<void> SqlTransaction::record_login_failure(std::string_view user_name, const std::string& at,
                                                  std::string_view source) {
  return conn_.prepare("INSERT INTO login_failures(user_name, at, source) VALUES (?, ?, ?)")
      .bind(1, user_name).bind(2, at).bind(3, source)
      .run();
}

Result<std::vector<std::string>> SqlTransaction::login_failures_since(std::string_view user_name,
                                                                      const std::string& since) {
  auto& s = conn_.prepare(
      "SELECT at FROM login_failures WHERE user_name = ? AND at > ? ORDER BY at");
  s.bind(1, user_name).bind(2, since);
  std::vector<std::string> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(r.text(0)); }));
  return out;
}

Result<void> SqlTransaction::clear_login_failures(std::string_view user_name) {
  return conn_.prepare("DELETE FROM login_failures WHERE user_name = ?").bind(1, user_name).run();
}

Result<long> SqlTransaction::count_login_failures_from(std::string_view source,
                                                       const std::string& since) {
  auto& s = conn_.prepare("SELECT count(*) FROM login_failures WHERE source = ? AND at > ?");
  s.bind(1, source).bind(2, since);
  long n = 0;
  ANJU_TRY(each_row(s, [&](const Statement& r) { n = r.integer(0); }));
  return n;
}

}  // namespace anju::sql
