#pragma once
// Login sessions and the lock-out rule (DESIGN.md §4), as data and limits.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/user.h"

namespace anju {

struct Session {
  std::string token_hash;  // SHA-256 of the cookie's token
  std::string user_name;
  std::string csrf_token;  // to be sent back with every write
  std::string source;      // the client's address at login
  std::string created_at;
  std::string last_seen_at;
  std::optional<std::string> ended_at;
};

// How many sessions a user may have open, and how long one lasts however
// busy (MLPS: bounded sessions); `anju serve --max-sessions`,
// `--session-hours` change them.
struct SessionLimits {
  long max_per_user = 5;               // a new login ends the oldest beyond this
  long lifetime_seconds = 12 * 3600;   // from the login, whatever the use
  // Roles that must sign in in two steps (service/two_step.h): until they
  // have set it up, they may do nothing but that.
  std::vector<Role> two_step_roles;

  bool needs_two_step(const User& u) const {
    return !u.two_step() && std::find(two_step_roles.begin(), two_step_roles.end(), u.role) != two_step_roles.end();
  }
};

// A session unused for this long is over.
// A session is marked as seen at most this often: its idle time-out is
// exact to within this, and most requests need no write.
constexpr long kSessionTouchSeconds = 30;
constexpr long kSessionIdleSeconds = 30 * 60;
// This many failed logins of one account within the window lock it until
// the oldest of them leaves the window.
constexpr long kMaxLoginFailures = 5;
constexpr long kLoginFailureWindowSeconds = 15 * 60;
// Failed logins from one address within the window before its answers slow
// down, and the longest wait.
constexpr long kFreeLoginFailures = 3;
constexpr long kMaxLoginDelaySeconds = 8;

}  // namespace anju
