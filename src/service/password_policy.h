#pragma once
// The password policy beyond length and classes (core/user.h): a password
// is refused when it is built on a dictionary word or a simple pattern
// (libpwquality with the cracklib dictionary), contains the user's name in
// any form, or contains one of the passwords everybody tries first
// (kCommonPasswords: keyboard runs, "password", "woaini", "5201314", the
// system's own words …), also spelled with digits and signs for letters
// ("P@ssw0rd"). The last five passwords of a user are refused as well
// (user_service.h: the user keeps the hashes).

#include <string>
#include <string_view>

#include "core/result.h"

namespace anju {

// Why `password` is too weak for the user `name` (Chinese), or "" when it
// is acceptable. An error (not a weakness) when the dictionary cannot be
// read: the check is never skipped in silence.
Result<std::string> password_weakness(std::string_view password, std::string_view name);

}  // namespace anju
