// Users, the look-up of a session with its user, and the audit log on both
// SQL engines.
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"
#include "store/sql/where_builder.h"

namespace anju::sql {
namespace {

constexpr const char* kUserColumns =
    "name, display_name, role, region_code, password_hash, must_change_password, disabled,"
    " previous_password_hashes, two_step_secret, two_step_step";
constexpr int kUserCount = 10;

// Binds the 10 user columns; `history` must outlive the statement's run.
void bind_user(Statement& s, const User& u, const std::string& history) {
  s.bind(1, u.name).bind(2, u.display_name).bind(3, enum_key(u.role)).bind(4, u.region_code);
  s.bind(5, u.password_hash).bind(6, u.must_change_password ? 1 : 0).bind(7, u.disabled ? 1 : 0);
  s.bind(8, history).bind(9, u.two_step_secret).bind(10, u.two_step_step);
}

std::string history_json(const User& u) { return nlohmann::json(u.previous_password_hashes).dump(); }

// A stored history that is not a JSON array of text is an error, never an
// empty history (which would let an old password back in).
std::vector<std::string> read_history(const std::string& user, const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  bool ok = j.is_array();
  if (ok)
    for (const auto& h : j) {
      if (!h.is_string()) ok = false;
      else out.push_back(h.get<std::string>());
    }
  if (!ok) throw std::runtime_error("users.previous_password_hashes of " + user + " is unreadable: " + text);
  return out;
}

User read_user(const Statement& s) {
  const std::string name = s.text(0);
  return User{name, s.text(1), enum_from_db<Role>(s.text(2)), s.text(3), s.text(4),
              s.integer(5) != 0, s.integer(6) != 0, read_history(name, s.text(7)), s.text(8), s.integer(9)};
}

}  // namespace

Result<std::optional<Stored<User>>> SqlTransaction::find_user(std::string_view name) {
  static const std::string sql = std::string("SELECT ") + kUserColumns +
                                 ", version, created_at, updated_at, updated_by FROM users WHERE name = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, name);
  std::optional<Stored<User>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out = stored(read_user(r), r, kUserCount); }));
  return out;
}

Result<std::optional<SessionOfUser>> SqlTransaction::find_session(std::string_view token_hash) {
  static const std::string sql = "SELECT " + qualify(kUserColumns, "u") +
                                 ", u.version, u.created_at, u.updated_at, u.updated_by,"
                                 " s.token_hash, s.user_name, s.csrf_token, s.source, s.created_at,"
                                 " s.last_seen_at, s.ended_at"
                                 " FROM sessions s LEFT JOIN users u ON u.name = s.user_name"
                                 " WHERE s.token_hash = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, token_hash);
  std::optional<SessionOfUser> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    constexpr int c = kUserCount + 4;  // the session's first column
    out = SessionOfUser{Session{r.text(c), r.text(c + 1), r.text(c + 2), r.text(c + 3), r.text(c + 4),
                                r.text(c + 5), std::nullopt},
                        std::nullopt};
    if (!r.is_null(c + 6)) out->session.ended_at = r.text(c + 6);
    if (!r.is_null(0)) out->user = stored(read_user(r), r, kUserCount);
  }));
  return out;
}

Result<std::vector<Stored<User>>> SqlTransaction::list_users() {
  static const std::string sql = std::string("SELECT ") + kUserColumns +
                                 ", version, created_at, updated_at, updated_by FROM users ORDER BY name";
  std::vector<Stored<User>> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()),
                    [&](const Statement& r) { out.push_back(stored(read_user(r), r, kUserCount)); }));
  return out;
}

Result<void> SqlTransaction::insert_user(const User& user, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("users", kUserColumns);
  auto& s = conn_.prepare(sql.c_str());
  const std::string history = history_json(user);
  bind_user(s, user, history);
  bind_insert_stamp(s, kUserCount, stamp);
  return s.run();
}

Result<void> SqlTransaction::update_user(const User& user, long expected_version,
                                         const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE users SET display_name = ?2, role = ?3, region_code = ?4, password_hash = ?5,"
      " must_change_password = ?6, disabled = ?7, previous_password_hashes = ?8, two_step_secret = ?9,"
      " two_step_step = ?10, version = version + 1, updated_at = ?11, updated_by = ?12"
      " WHERE name = ?1 AND version = ?13");
  const std::string history = history_json(user);
  bind_user(s, user, history);
  s.bind(11, stamp.at).bind(12, stamp.actor).bind(13, expected_version);
  ANJU_TRY(s.run());
  return check_versioned_update("SELECT 1 FROM users WHERE name = ?", user.name, "用户");
}

}  // namespace anju::sql

// The audit log on both SQL engines.
namespace anju::sql {
namespace {

constexpr const char* kAuditColumns =
    "id, at, actor, action, object_type, object_id, detail, seq, prev_hash, hash, mac";

AuditEntry read_audit(const Statement& s) {
  AuditEntry e{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
               s.text(10), std::nullopt, s.text(8), s.text(9)};
  if (!s.is_null(7)) e.seq = s.integer(7);
  return e;
}

}  // namespace

Result<void> SqlTransaction::append_audit(const AuditEntry& e) {
  return conn_
      .prepare("INSERT INTO audit_log(at, actor, action, object_type, object_id, detail, mac)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, e.at).bind(2, e.actor).bind(3, e.action).bind(4, e.object_type)
      .bind(5, e.object_id).bind(6, e.detail).bind(7, e.mac)
      .run();
}

Result<std::optional<AuditEntry>> SqlTransaction::last_chained_audit() {
  static const std::string sql = std::string("SELECT ") + kAuditColumns +
                                 " FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1";
  std::optional<AuditEntry> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()), [&](const Statement& s) { out = read_audit(s); }));
  return out;
}

Result<std::vector<AuditEntry>> SqlTransaction::unchained_audit(long limit) {
  static const std::string sql = std::string("SELECT ") + kAuditColumns +
                                 " FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, limit);
  std::vector<AuditEntry> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(read_audit(r)); }));
  return out;
}

Result<void> SqlTransaction::chain_audit(long id, long seq, const std::string& prev_hash,
                                         const std::string& hash) {
  ANJU_TRY(conn_
               .prepare("UPDATE audit_log SET seq = ?2, prev_hash = ?3, hash = ?4"
                        " WHERE id = ?1 AND seq IS NULL")
               .bind(1, id).bind(2, seq).bind(3, prev_hash).bind(4, hash)
               .run());
  if (conn_.changes() == 1) return {};
  return make_error(ErrorCode::conflict, "审计记录已被另一进程串接：" + std::to_string(id));
}

Result<void> SqlTransaction::for_each_audit(const std::function<void(AuditEntry&&)>& fn) {
  static const std::string chained = std::string("SELECT ") + kAuditColumns +
                                     " FROM audit_log WHERE seq IS NOT NULL ORDER BY seq";
  static const std::string unchained = std::string("SELECT ") + kAuditColumns +
                                       " FROM audit_log WHERE seq IS NULL ORDER BY id";
  ANJU_TRY(each_row(conn_.scan(chained.c_str()), [&](const Statement& s) { fn(read_audit(s)); }));
  return each_row(conn_.scan(unchained.c_str()), [&](const Statement& s) { fn(read_audit(s)); });
}

Result<Page<AuditEntry>> SqlTransaction::list_audit(const AuditFilter& f) {
  WhereBuilder w;
  if (!f.actor.empty()) w.add("actor = ?", f.actor);
  if (!f.action.empty()) w.add("action = ?", f.action);
  if (!f.object_type.empty()) w.add("object_type = ?", f.object_type);
  if (!f.object_id.empty()) w.add("object_id = ?", f.object_id);
  if (!f.from.empty()) w.add("at >= ?", f.from);
  if (!f.to.empty()) w.add("at <= ?", f.to);
  Page<AuditEntry> page;
  const std::string count_sql = "SELECT count(*) FROM audit_log" + w.sql();
  auto& c = conn_.prepare(count_sql.c_str());
  w.bind(c);
  ANJU_TRY(each_row(c, [&](const Statement& r) { page.total = r.integer(0); }));
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log" + w.sql() +
                          " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) { page.items.push_back(read_audit(r)); }));
  return page;
}

}  // namespace anju::sql
