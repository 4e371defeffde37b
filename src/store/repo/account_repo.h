#pragma once
// Users (DOMAIN.md §8), their sessions and failed logins (core/session.h).
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/household.h"
#include "core/result.h"
#include "core/session.h"
#include "core/user.h"

namespace anju {

// A session with its user, found together (every request asks for both).
struct SessionOfUser {
  Session session;
  std::optional<Stored<User>> user;  // none when no user has the session's name
};

class AccountRepo {
 public:
  virtual ~AccountRepo() = default;

  virtual Result<std::optional<Stored<User>>> find_user(std::string_view name) = 0;
  // Every user, ordered by name.
  virtual Result<std::vector<Stored<User>>> list_users() = 0;
  // Fails with `conflict` when the name is taken.
  virtual Result<void> insert_user(const User& user, const WriteStamp& stamp) = 0;
  virtual Result<void> update_user(const User& user, long expected_version,
                                   const WriteStamp& stamp) = 0;
  virtual Result<void> insert_session(const Session& session) = 0;
  // The session `token_hash` names, with its user: one look-up.
  virtual Result<std::optional<SessionOfUser>> find_session(std::string_view token_hash) = 0;
  virtual Result<void> touch_session(std::string_view token_hash, const std::string& at) = 0;
  // Ends one session, or every open one of a user; returns how many ended.
  virtual Result<long> end_session(std::string_view token_hash, const std::string& at) = 0;
  virtual Result<long> end_user_sessions(std::string_view user_name, const std::string& at) = 0;
  // Ends the user's open sessions but `current` and the `keep` newest of the
  // others; returns how many ended.
  virtual Result<long> end_older_sessions(std::string_view user_name, std::string_view current,
                                          long keep, const std::string& at) = 0;
  virtual Result<void> record_login_failure(std::string_view user_name, const std::string& at,
                                            std::string_view source) = 0;
  // Failed logins of the user after `since`, oldest first (their times).
  virtual Result<std::vector<std::string>> login_failures_since(std::string_view user_name,
                                                                const std::string& since) = 0;
  virtual Result<void> clear_login_failures(std::string_view user_name) = 0;
  // Failed logins from `source` after `since`, whatever the name.
  virtual Result<long> count_login_failures_from(std::string_view source,
                                                 const std::string& since) = 0;

 protected:
  AccountRepo() = default;
  AccountRepo(const AccountRepo&) = default;
  AccountRepo& operator=(const AccountRepo&) = default;
};

}  // namespace anju
