#pragma once
// Two-step sign-in: a password and a time-based one-time code (TOTP,
// RFC 6238: HMAC-SHA1, 6 digits, 30 s), as authenticator apps make them
// (腾讯身份验证器, Microsoft/Google Authenticator): the second factor MLPS
// level 3 asks for. A user sets it up on the console: the password again,
// a secret shown as a QR code, then the first code from the app turns it
// on. A login of such a user needs a code of the current 30 seconds (or
// the one before or after: clocks drift), taken once: a code seen by
// someone else is spent. Wrong codes count towards the account's lock-out
// as wrong passwords do (service/session_service.h). The secret is kept
// sealed by the server's key (service/secret_box.h). Roles the operator
// names (`anju serve --two-step-roles`) may do nothing else until it is on.

#include <optional>
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

inline constexpr int kTwoStepPeriod = 30;

struct TwoStepSetup {
  std::string secret;  // base32, for typing into the app
  std::string uri;     // otpauth://totp/…, what the QR code holds
  std::string qr_svg;  // the QR code of `uri`
};

// Begins setting up: the password is asked again (session_service.h's
// rules), a new secret is kept sealed, not yet in force. `conflict` when
// two-step sign-in is on already. Audited.
Result<TwoStepSetup> begin_two_step(Store& store, const std::string& name, const std::string& password,
                                    const std::string& source, const Clock& clock);
// The first code from the app turns it on. `invalid` for a wrong code (it
// counts towards the lock-out), `conflict` when nothing is being set up.
Result<void> confirm_two_step(Store& store, const std::string& name, const std::string& code,
                              const std::string& source, const Clock& clock);
// Turns it off: for a user whose phone is lost, by an administrator (CLI
// `anju user two-step-off`). Ends the user's sessions; audited.
Result<void> turn_off_two_step(Store& store, const std::string& name, const std::string& actor,
                               const Clock& clock);
// The same by an administrator on the console: only for users of its
// region (`not_found` else, `forbidden` for other roles).
Result<void> turn_off_two_step(Store& store, const User& admin, const std::string& name, const Clock& clock);

// The time step of `code` if it is a code of `user`'s secret within a step
// of `now` and later than the last one taken; nullopt when not. `invalid`
// when the stored secret cannot be opened.
Result<std::optional<long>> fresh_code_step(const User& user, const std::string& code, long now_seconds);

// The code of `base32_secret` at `now_seconds` (tests, and the CLI's check).
std::string two_step_code(const std::string& base32_secret, long now_seconds);

}  // namespace anju
