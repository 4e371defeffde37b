#pragma once
// Users as use cases: adding one with a checked role, region and password
// (argon2id), listing them, and checking a password. The HTTP login of the
// server issue builds on these.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

struct NewUser {
  std::string name;
  std::string display_name;
  Role role = Role::village_clerk;
  std::string region_code;
  std::string password;  // plain; hashed before it reaches the store
  bool must_change_password = false;  // at the first login (an administrator chose it)
};

// Adds a user. `invalid` (Chinese) for a bad name, a region that is not
// loaded or not of the role's level, or a weak password
// (service/password_policy.h); `conflict` when
// the name is taken. The password is stored as an argon2id hash only.
Result<User> add_user(Store& store, const NewUser& user, const std::string& actor,
                      const Clock& clock);

// An administrator's reset (`must_change` = the user must choose a new one
// at the next login) or the user's own change of password: checks the
// policy (service/password_policy.h) and, when users choose their own
// (`actor` == `name`), that it is none of their last kPasswordHistory
// passwords, stores the new hash (the old one joins the
// history), ends every open session of the user, audits.
Result<void> set_password(Store& store, const std::string& name, const std::string& password,
                          bool must_change, const std::string& actor, const Clock& clock);

// The user's own change: the old password must match (`invalid` else). A
// wrong one counts towards the lock-out of logging in (session_service.h),
// and a locked account cannot change its password either (`forbidden`):
// a stolen session cannot be used to guess the password.
Result<void> change_own_password(Store& store, const User& user, const std::string& old_password,
                                 const std::string& new_password, const std::string& source,
                                 const Clock& clock);
// The user `name` if `admin` may manage it: `not_found` outside the
// administrator's region (one answer for a missing and a foreign name),
// `forbidden` for roles that manage no users.
Result<User> managed_user(Store& store, const User& admin, const std::string& name);

// The password of `name` asked again before a change of its own (a new
// password, two-step sign-in): `forbidden` while the account is locked; a
// wrong one is `invalid` and counts towards the lock-out as a login's would,
// audited as `failure_action`. Returns the user as stored.
Result<User> recheck_password(Store& store, const std::string& name, const std::string& password,
                              const std::string& source, const std::string& failure_action, const Clock& clock);

// Changes user `name` with `change` in one transaction, ends the user's
// sessions when `change` says so, audits `action` with `detail`.
Result<void> change_user(Store& store, const std::string& name, const std::string& action,
                         const nlohmann::json& detail, const std::string& actor, const Clock& clock,
                         const std::function<bool(User&)>& change);

// An administrator's reset of a user within the administrator's region
// (`not_found` outside it, `forbidden` for other roles).
Result<void> reset_password(Store& store, const User& admin, const std::string& name,
                            const std::string& new_password, const Clock& clock);

// Disables or enables a user; disabling ends the user's sessions. Audited.
Result<void> set_user_disabled(Store& store, const std::string& name, bool disabled,
                               const std::string& actor, const Clock& clock);

// An administrator's versions of the two above: the user (new or existing)
// must lie within the administrator's region (`not_found` else, `forbidden`
// for other roles); a user created so must change the password at the first
// login; an administrator cannot disable itself.
Result<User> create_user(Store& store, const User& admin, NewUser user, const Clock& clock);
Result<void> disable_user(Store& store, const User& admin, const std::string& name, bool disabled,
                          const Clock& clock);

// Every user, by name (hashes included: callers print what they need).
Result<std::vector<Stored<User>>> list_users(Store& store);

// How each of `logins` is shown to people: its display name, else the
// login itself (an account without one, a user since removed); a
// command-line operator "cli:wang" as 命令行用户 wang (core/user.h).
Result<std::map<std::string, std::string>> people_names(AccountRepo& accounts, const std::vector<std::string>& logins);
// `login`'s name in `names` (from people_names), else the login itself.
inline std::string name_of(const std::map<std::string, std::string>& names, const std::string& login) {
  const auto it = names.find(login);
  return it == names.end() || it->second.empty() ? login : it->second;
}
// The users a manager may manage: those of its region (`forbidden` for a
// role that manages none).
Result<std::vector<Stored<User>>> list_users(Store& store, const User& manager);

// argon2id in PHC string form ("$argon2id$v=19$m=…,t=…,p=…$salt$hash"),
// with a fresh random salt; and its check, in constant time.
std::string hash_password(const std::string& password);
bool password_matches(const std::string& phc_hash, const std::string& password);

}  // namespace anju
