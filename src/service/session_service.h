#pragma once
// Logging in and out, and finding the user behind a session token
// (DESIGN.md §4). Sessions and failed logins live in the store, so any app
// server can answer for any session. The HTTP layer puts the token in an
// HttpOnly, SameSite=Strict cookie and checks the CSRF token on writes.

#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

struct LoginResult {
  std::string token;       // for the cookie; the store keeps only its hash
  std::string csrf_token;  // to be sent back with every write
  User user;
  // The password was right, but the user signs in in two steps and no
  // code came (service/two_step.h): no session, ask for the code.
  bool needs_code = false;
};

// Checks name and password. Wrong name and wrong password give the same
// `invalid` message after the same work (an unknown name is checked against
// a decoy hash); the 5th failure of a name within 15 minutes locks it —
// account or not, so a locked account cannot be told from an unknown name —
// (`forbidden`, even with the right password) until the oldest failure is
// 15 minutes old. Successes and failures are audited. Callers serialise the
// attempts of one name and of one address (http/login_turns.h), so parallel
// guesses cannot pass the count.
// A login beyond `limits.max_per_user` open sessions ends the oldest
// (audited as auth.session_limit).
// A user with two-step sign-in also needs `code`: without one, the answer
// says so (needs_code); a wrong or spent one is a failure like a wrong
// password ("动态码不正确或已用过"). A code is taken once.
Result<LoginResult> login(Store& store, const std::string& name, const std::string& password,
                          const std::string& source, const Clock& clock, const SessionLimits& limits = {},
                          const std::string& code = "");

// Why `name` may not try a password now (Chinese: how many minutes to
// wait), or nullopt: the lock-out rule above, shared by login and the
// change of one's own password.
Result<std::optional<std::string>> password_lock(Store& store, const std::string& name, const Clock& clock);

// Counts a wrong password of `name` from `source` towards its lock-out and
// audits it as `action` ("auth.login_failed", "auth.password_change_failed").
Result<void> record_password_failure(Store& store, const std::string& name, const std::string& source,
                                     const std::string& action, const std::string& reason, const Clock& clock);

struct SessionUser {
  User user;
  std::string csrf_token;
};

// The user of a live session, whose idle time starts again; `forbidden`
// ("请重新登录") when the token is unknown, ended, idle for 30 minutes,
// older than `limits.lifetime_seconds`, or its user is disabled.
Result<SessionUser> session_user(Store& store, const std::string& token, const Clock& clock,
                                 const SessionLimits& limits = {});

// How long to hold the answer to a login from `source` (an address): 0
// until kFreeLoginFailures failed logins from it within 15 minutes, then 1,
// 2, 4, 8 s. The HTTP layer waits this long without holding a thread, so
// guessing from one address slows down whatever names it tries.
Result<long> login_delay_seconds(Store& store, const std::string& source, const Clock& clock);

// Ends the session (audited); `not_found` when it was not open.
Result<void> logout(Store& store, const std::string& token, const Clock& clock);

}  // namespace anju
