#include "service/user_service.h"

#include "core/access.h"

#include <argon2.h>

#include <stdexcept>

#include "core/text.h"
#include "service/audit_service.h"
#include "service/password_policy.h"
#include "service/secure_random.h"
#include "service/session_service.h"

namespace anju {
namespace {

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (≈50 ms here).
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

}  // namespace

std::string hash_password(const std::string& password) {
  const std::string salt = secure_random_bytes(kSaltBytes);
  const size_t length = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(length, '\0');
  if (argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                            salt.size(), kHashBytes, encoded.data(), encoded.size()) != ARGON2_OK)
    throw std::runtime_error("argon2id hashing failed");
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool password_matches(const std::string& phc_hash, const std::string& password) {
  return argon2id_verify(phc_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Result<User> add_user(Store& store, const NewUser& user, const std::string& actor,
                      const Clock& clock) {
  if (auto why = user_name_problem(user.name); !why.empty()) return make_error(ErrorCode::invalid, why);
  if (auto why = role_region_problem(user.role, user.region_code); !why.empty())
    return make_error(ErrorCode::invalid, why);
  auto weak = password_weakness(user.password, user.name);
  if (!weak) return weak.error();
  if (!weak->empty()) return make_error(ErrorCode::invalid, *weak);
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  if (user.region_code != kWholeCountry) {
    auto region = tx.regions().find_region(user.region_code);
    if (!region) return region.error();
    if (!*region)
      return make_error(ErrorCode::invalid, "区划代码" + user.region_code + "尚未导入，请先导入区划");
  }
  auto taken = tx.accounts().find_user(user.name);
  if (!taken) return taken.error();
  if (*taken) return make_error(ErrorCode::conflict, "用户名已存在：" + user.name);
  User stored{user.name,
              user.display_name,
              user.role,
              user.region_code,
              hash_password(user.password),
              user.must_change_password,
              /*disabled=*/false,
              /*previous_password_hashes=*/{}};
  ANJU_TRY(tx.accounts().insert_user(stored, WriteStamp{actor, clock.now_iso()}));
  ANJU_TRY(audit(tx.audit(), clock, actor, "user.create", "user", user.name,
                 {{"after",
                   {{"display_name", user.display_name},
                    {"role", enum_key(user.role)},
                    {"region_code", user.region_code}}}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return stored;
}

Result<void> change_user(Store& store, const std::string& name, const std::string& action,
                         const nlohmann::json& detail, const std::string& actor, const Clock& clock,
                         const std::function<bool(User&)>& change) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto found = tx.accounts().find_user(name);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorCode::not_found, "用户不存在：" + name);
  User user = (*found)->value;
  const bool end_sessions = change(user);
  const std::string at = clock.now_iso();
  ANJU_TRY(tx.accounts().update_user(user, (*found)->version, WriteStamp{actor, at}));
  long ended = 0;
  if (end_sessions) {
    auto n = tx.accounts().end_user_sessions(name, at);
    if (!n) return n.error();
    ended = *n;
  }
  nlohmann::json d = detail;
  d["sessions_ended"] = ended;
  ANJU_TRY(audit(tx.audit(), clock, actor, action, "user", name, d));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return {};
}

Result<void> set_password(Store& store, const std::string& name, const std::string& password,
                          bool must_change, const std::string& actor, const Clock& clock) {
  auto weak = password_weakness(password, name);
  if (!weak) return weak.error();
  if (!weak->empty()) return make_error(ErrorCode::invalid, *weak);
  std::optional<Stored<User>> before;
  {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto found = (*tx)->accounts().find_user(name);
    if (!found) return found.error();
    if (!*found) return make_error(ErrorCode::not_found, "用户不存在：" + name);
    before = std::move(*found);
  }
  // The last five passwords, checked outside any transaction (≈50 ms
  // each), when users choose their own: an administrator's reset is not
  // told whether it hit one (that would disclose the user's password).
  std::vector<std::string> recent = {before->value.password_hash};
  for (const auto& h : before->value.previous_password_hashes) recent.push_back(h);
  if (recent.size() > kPasswordHistory) recent.resize(kPasswordHistory);
  if (actor == name)
    for (const auto& h : recent)
      if (password_matches(h, password))
        return make_error(ErrorCode::invalid, "新密码不能与最近" + std::to_string(kPasswordHistory) + "次用过的密码相同");
  const std::string hash = hash_password(password);
  recent.resize(std::min(recent.size(), kPasswordHistory - 1));
  return change_user(store, name, must_change ? "user.password_reset" : "user.password_change",
                     {{"must_change_password", must_change}}, actor, clock, [&](User& u) {
                       u.previous_password_hashes = recent;
                       u.password_hash = hash;
                       u.must_change_password = must_change;
                       return true;
                     });
}

Result<User> recheck_password(Store& store, const std::string& name, const std::string& password,
                              const std::string& source, const std::string& failure_action, const Clock& clock) {
  auto locked = password_lock(store, name, clock);
  if (!locked) return locked.error();
  if (*locked) return make_error(ErrorCode::forbidden, **locked);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto stored = (*tx)->accounts().find_user(name);
  if (!stored) return stored.error();
  tx->reset();
  if (!*stored || !password_matches((*stored)->value.password_hash, password)) {
    const char* wrong = "原密码不正确";
    ANJU_TRY(record_password_failure(store, name, source, failure_action, wrong, clock));
    return make_error(ErrorCode::invalid, wrong);
  }
  return (*stored)->value;
}

Result<void> change_own_password(Store& store, const User& user, const std::string& old_password,
                                 const std::string& new_password, const std::string& source,
                                 const Clock& clock) {
  auto checked = recheck_password(store, user.name, old_password, source, "auth.password_change_failed", clock);
  if (!checked) return checked.error();
  if (old_password == new_password) return make_error(ErrorCode::invalid, "新密码不能与原密码相同");
  return set_password(store, user.name, new_password, false, user.name, clock);
}

// The user `name` if `admin` may manage it (`not_found` outside its region).
Result<User> managed_user(Store& store, const User& admin, const std::string& name) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto target = (*tx)->accounts().find_user(name);
  if (!target) return target.error();
  if (!*target || !covers_user(admin, (*target)->value.region_code))
    return make_error(ErrorCode::not_found, "没有这个用户：" + name);
  ANJU_TRY(authorize(admin, Action::manage_users, ""));
  return (*target)->value;
}


Result<void> reset_password(Store& store, const User& admin, const std::string& name,
                            const std::string& new_password, const Clock& clock) {
  auto target = managed_user(store, admin, name);
  if (!target) return target.error();
  return set_password(store, name, new_password, true, admin.name, clock);
}

Result<User> create_user(Store& store, const User& admin, NewUser user, const Clock& clock) {
  ANJU_TRY(authorize(admin, Action::manage_users, ""));
  if (!covers_user(admin, user.region_code))
    return make_error(ErrorCode::invalid, "只能在您管辖的区划内添加用户");
  user.must_change_password = true;
  return add_user(store, user, admin.name, clock);
}

Result<void> disable_user(Store& store, const User& admin, const std::string& name, bool disabled,
                          const Clock& clock) {
  auto target = managed_user(store, admin, name);
  if (!target) return target.error();
  if (disabled && name == admin.name) return make_error(ErrorCode::invalid, "不能停用自己的账号");
  return set_user_disabled(store, name, disabled, admin.name, clock);
}

Result<void> set_user_disabled(Store& store, const std::string& name, bool disabled,
                               const std::string& actor, const Clock& clock) {
  return change_user(store, name, disabled ? "user.disable" : "user.enable",
                     {{"after", {{"disabled", disabled}}}}, actor, clock, [&](User& u) {
                       u.disabled = disabled;
                       return disabled;
                     });
}

Result<std::vector<Stored<User>>> list_users(Store& store) {
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  return (*begun)->accounts().list_users();
}

Result<std::vector<Stored<User>>> list_users(Store& store, const User& manager) {
  ANJU_TRY(authorize(manager, Action::manage_users, ""));
  auto all = list_users(store);
  if (!all) return all.error();
  std::vector<Stored<User>> out;
  for (auto& u : *all)
    if (covers_user(manager, u.value.region_code)) out.push_back(std::move(u));
  return out;
}

Result<std::map<std::string, std::string>> people_names(AccountRepo& accounts,
                                                        const std::vector<std::string>& logins) {
  std::map<std::string, std::string> out;
  for (const std::string& login : logins) {
    if (out.count(login)) continue;
    auto u = accounts.find_user(login);
    if (!u) return u.error();
    User shown;
    shown.name = login;
    if (*u) shown.display_name = (*u)->value.display_name;
    out[login] = shown_name(shown);
  }
  return out;
}

}  // namespace anju
