#include "service/session_service.h"

#include "core/client_network.h"
#include "core/date.h"
#include "core/text.h"
#include "service/audit_service.h"
#include "service/secure_random.h"
#include "service/two_step.h"
#include "service/user_service.h"

namespace anju {
namespace {

std::string random_hex(size_t bytes) { return hex_lower(secure_random_bytes(bytes)); }

// The session a token names, with its user, looked up by the token's hash.
struct TokenSession {
  std::string hash;
  std::optional<Session> session;
  std::optional<Stored<User>> user;
};
Result<TokenSession> find_by_token(Transaction& tx, const std::string& token) {
  TokenSession out{sha256_hex(token), std::nullopt, std::nullopt};
  auto found = tx.accounts().find_session(out.hash);
  if (!found) return found.error();
  if (*found) {
    out.session = std::move((*found)->session);
    out.user = std::move((*found)->user);
  }
  return out;
}

const char* kWrongLogin = "用户名或密码错误";
const char* kLoginAgain = "登录已失效，请重新登录";
const char* kWrongCode = "动态码不正确或已用过，请输入验证器上当前的6位数字";

// Records a failed login of `name` and says so. Names that are no account
// are recorded too: they count for the address and lock like an account,
// so that nothing tells the two apart.
Result<LoginResult> refuse(Store& store, const std::string& name, const std::string& source,
                           const Clock& clock, Error error) {
  ANJU_TRY(record_password_failure(store, name, source, "auth.login_failed", error.message, clock));
  return error;
}

// A hash of no one's password with the parameters of everyone's: an
// unknown or disabled name is checked against it, so that its answer takes
// as long as a wrong password's.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_hex(16));
  return hash;
}

}  // namespace

Result<std::optional<std::string>> password_lock(Store& store, const std::string& name, const Clock& clock) {
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  const long now = parse_iso_seconds(clock.now_iso()).value_or(0);
  auto failures = (*begun)->accounts().login_failures_since(
      name, iso_from_seconds(now - kLoginFailureWindowSeconds));
  if (!failures) return failures.error();
  if (static_cast<long>(failures->size()) < kMaxLoginFailures) return std::optional<std::string>{};
  const long oldest = parse_iso_seconds(failures->front()).value_or(now);
  const long wait_minutes = (oldest + kLoginFailureWindowSeconds - now + 59) / 60;
  return std::optional<std::string>("登录失败次数过多，账户已暂时锁定，请" +
                                    std::to_string(std::max(1L, wait_minutes)) + "分钟后再试");
}

Result<void> record_password_failure(Store& store, const std::string& name, const std::string& source,
                                     const std::string& action, const std::string& reason, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  ANJU_TRY(tx.accounts().record_login_failure(name, clock.now_iso(), guessing_network(source)));
  ANJU_TRY(audit(tx.audit(), clock, name, action, "user", name,
                 {{"source", source}, {"reason", reason}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return {};
}

Result<LoginResult> login(Store& store, const std::string& name, const std::string& password,
                          const std::string& source, const Clock& clock, const SessionLimits& limits,
                          const std::string& code) {
  // A name no account can have is refused before the store sees it (a NUL
  // would end it early on PostgreSQL; a long one would fail its index).
  if (!user_name_problem(name).empty()) return make_error(ErrorCode::invalid, kWrongLogin);
  // Any name locks, whether an account or not: a locked account and an
  // unknown name get the same answer.
  auto locked = password_lock(store, name, clock);
  if (!locked) return locked.error();
  if (*locked) {
    auto begun = store.begin(TxMode::write);
    if (!begun) return begun.error();
    ANJU_TRY(audit((*begun)->audit(), clock, name, "auth.login_locked", "user", name,
                   {{"source", source}}));
    ANJU_TRY((*begun)->commit());
    (void)chain_audit_log(store);
    return make_error(ErrorCode::forbidden, **locked);
  }
  std::optional<User> user;
  long version = 0;
  {
    auto begun = store.begin(TxMode::read);
    if (!begun) return begun.error();
    auto found = (*begun)->accounts().find_user(name);
    if (!found) return found.error();
    if (*found && !(*found)->value.disabled) {
      user = (*found)->value;
      version = (*found)->version;
    }
  }
  // The hash is checked outside any transaction (≈50 ms): no write waits.
  const bool matches = password_matches(user ? user->password_hash : decoy_hash(), password);
  if (!user || !matches) return refuse(store, name, source, clock, make_error(ErrorCode::invalid, kWrongLogin));
  const std::string at = clock.now_iso();
  std::optional<long> code_step;
  if (user->two_step()) {
    if (code.empty()) {
      LoginResult ask;
      ask.needs_code = true;
      return ask;
    }
    auto step = fresh_code_step(*user, code, parse_iso_seconds(at).value_or(0));
    if (!step) return step.error();
    if (!*step) return refuse(store, name, source, clock, make_error(ErrorCode::invalid, kWrongCode));
    code_step = *step;
  }
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  if (code_step) {  // spent: a second login with it fails the version check
    User spent = *user;
    spent.two_step_step = *code_step;
    auto taken = tx.accounts().update_user(spent, version, WriteStamp{name, at});
    if (!taken && taken.error().code == ErrorCode::conflict) {
      begun->reset();  // rolled back: the refusal is written by a transaction of its own
      return refuse(store, name, source, clock, make_error(ErrorCode::invalid, kWrongCode));
    }
    if (!taken) return taken.error();
    user = spent;
  }
  LoginResult result{random_hex(32), random_hex(16), *user};
  ANJU_TRY(tx.accounts().insert_session(
      Session{sha256_hex(result.token), name, result.csrf_token, source, at, at, std::nullopt}));
  ANJU_TRY(tx.accounts().clear_login_failures(name));
  ANJU_TRY(audit(tx.audit(), clock, name, "auth.login", "user", name, {{"source", source}}));
  // The new session is kept whatever the clock says of the others.
  auto ended = tx.accounts().end_older_sessions(name, sha256_hex(result.token),
                                                std::max(1L, limits.max_per_user) - 1, at);
  if (!ended) return ended.error();
  if (*ended > 0)
    ANJU_TRY(audit(tx.audit(), clock, name, "auth.session_limit", "user", name,
                   {{"sessions_ended", *ended}, {"max_per_user", limits.max_per_user}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return result;
}

Result<SessionUser> session_user(Store& store, const std::string& token, const Clock& clock,
                                 const SessionLimits& limits) {
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto found = find_by_token(tx, token);
  if (!found) return found.error();
  const std::optional<Session>& session = found->session;
  const std::string at = clock.now_iso();
  const long now = parse_iso_seconds(at).value_or(0);
  const long idle = session ? now - parse_iso_seconds(session->last_seen_at).value_or(0) : 0;
  const long age = session ? now - parse_iso_seconds(session->created_at).value_or(0) : 0;
  if (!session || session->ended_at || idle >= kSessionIdleSeconds || age >= limits.lifetime_seconds)
    return make_error(ErrorCode::forbidden, kLoginAgain);
  const std::optional<Stored<User>>& user = found->user;
  if (!user || user->value.disabled) return make_error(ErrorCode::forbidden, kLoginAgain);
  SessionUser who{user->value, session->csrf_token};
  begun->reset();
  // Most requests only read: the session is marked seen at most every
  // kSessionTouchSeconds, so reads do not queue for the write lock.
  if (idle >= kSessionTouchSeconds) {
    // Requests of one user at once may all try: one touch is enough, so a
    // conflict with another's (PostgreSQL) is no failure.
    auto write = store.begin(TxMode::write);
    if (!write) return write.error();
    auto touched = (*write)->accounts().touch_session(found->hash, at);
    if (touched) touched = (*write)->commit();
    if (!touched && touched.error().code != ErrorCode::conflict) return touched.error();
  }
  return who;
}

Result<void> logout(Store& store, const std::string& token, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto found = find_by_token(tx, token);
  if (!found) return found.error();
  auto ended = tx.accounts().end_session(found->hash, clock.now_iso());
  if (!ended) return ended.error();
  if (*ended == 0 || !found->session) return make_error(ErrorCode::not_found, "会话不存在或已结束");
  const std::string& name = found->session->user_name;
  ANJU_TRY(audit(tx.audit(), clock, name, "auth.logout", "user", name, {}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return {};
}

Result<long> login_delay_seconds(Store& store, const std::string& source, const Clock& clock) {
  if (source.empty()) return 0L;
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  const long now = parse_iso_seconds(clock.now_iso()).value_or(0);
  auto failures = (*begun)->accounts().count_login_failures_from(
      guessing_network(source), iso_from_seconds(now - kLoginFailureWindowSeconds));
  if (!failures) return failures.error();
  if (*failures < kFreeLoginFailures) return 0L;
  return std::min(kMaxLoginDelaySeconds, 1L << std::min(*failures - kFreeLoginFailures, 5L));
}

}  // namespace anju
