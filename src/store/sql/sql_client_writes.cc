// The keys of repeatable client writes on both SQL engines.
#include "store/sql/sql_transaction.h"

namespace anju::sql {

Result<std::optional<ClientWrite>> SqlTransaction::find_client_write(const std::string& user,
                                                                     const std::string& key) {
  auto& s = conn_.prepare(
      "SELECT fingerprint, created_at, status, answer FROM client_writes WHERE user_name = ?1 AND client_key = ?2");
  s.bind(1, user).bind(2, key);
  std::optional<ClientWrite> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    out = ClientWrite{user, key, r.text(0), r.text(1), std::nullopt, ""};
    if (!r.is_null(2)) {
      out->status = static_cast<int>(r.integer(2));
      out->answer = r.text(3);
    }
  }));
  return out;
}

Result<void> SqlTransaction::insert_client_write(const ClientWrite& w) {
  return conn_
      .prepare("INSERT INTO client_writes(user_name, client_key, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, w.user).bind(2, w.key).bind(3, w.fingerprint).bind(4, w.created_at)
      .run();
}

Result<void> SqlTransaction::answer_client_write(const std::string& user, const std::string& key, int status,
                                                 const std::string& answer) {
  ANJU_TRY(conn_.prepare("UPDATE client_writes SET status = ?1, answer = ?2 WHERE user_name = ?3 AND client_key = ?4")
               .bind(1, status).bind(2, answer).bind(3, user).bind(4, key)
               .run());
  if (conn_.changes() == 0) return make_error(ErrorCode::not_found, "没有这个提交编号");
  return {};
}

Result<long> SqlTransaction::forget_client_writes(const std::string& before) {
  ANJU_TRY(conn_.prepare("DELETE FROM client_writes WHERE created_at < ?1").bind(1, before).run());
  return conn_.changes();
}

}  // namespace anju::sql
