#pragma once
// Secrets the server must read back (a user's TOTP secret), kept in the
// database only sealed: AES-256-GCM under a key derived from the server's
// key file (the audit key, service/audit_seal.h), bound to `context` (the
// user's name) so that a sealed value moved to another row does not open.
// A database copied without the key file yields none of them.

#include <string>
#include <string_view>

#include "core/result.h"
#include "service/audit_seal.h"

namespace anju {

// "v1:" and the hex of nonce, ciphertext and tag.
std::string seal_secret(const AuditSeal& key, std::string_view plain, std::string_view context);
// `invalid` when it was not sealed by this key for this context, or was
// changed since: never a guess.
Result<std::string> open_secret(const AuditSeal& key, std::string_view sealed, std::string_view context);

}  // namespace anju
