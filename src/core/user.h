#pragma once
// Users, their role and region (DOMAIN.md §8), and the password policy
// (DESIGN.md §4). Pure rules: hashing and storage live in service/ and store/.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/region_code.h"

namespace anju {

struct User {
  std::string name;         // the login, unique
  std::string display_name; // how others see the user ("" = name)
  Role role = Role::village_clerk;
  std::string region_code;  // the scope: everything this region covers
  std::string password_hash;  // argon2id, PHC string form
  bool must_change_password = false;
  bool disabled = false;
  // The hashes of the passwords before it, newest first (kPasswordHistory - 1
  // at most): none of them may be chosen again.
  std::vector<std::string> previous_password_hashes;
  // Two-step sign-in (service/two_step.h): the TOTP secret sealed with the
  // server's key ("" = none), and the time step of the last code taken
  // (0 = none yet: set up but not confirmed). A code is taken once.
  std::string two_step_secret;
  long two_step_step = 0;

  // Whether a login needs a code besides the password.
  bool two_step() const { return !two_step_secret.empty() && two_step_step > 0; }
  bool operator==(const User&) const = default;
};

// How a person reads who did something: the display name, else the login —
// a command-line operator ("cli:wang") as 命令行用户 wang.
std::string shown_name(const User& user);

// A new password may be none of the user's last this many.
inline constexpr std::size_t kPasswordHistory = 5;

// The region of a country-wide administrator (admins only).
inline constexpr std::string_view kWholeCountry = "000000000000";

// The region level a role works at: a village clerk's region is a village,
// a county reviewer's a county; an admin may be set at any level.
std::optional<RegionLevel> role_level(Role role);

// Why `region_code` cannot be the region of a user with `role` (Chinese), or
// "" when it can.
std::string role_region_problem(Role role, std::string_view region_code);

// True when the user's scope covers `region_code`.
bool user_covers(const User& user, std::string_view region_code);

// Why `name` cannot be a user's name (Chinese), or "" when it can: 1 to 32
// characters of valid UTF-8, no space, control character, colon or slash.
std::string user_name_problem(std::string_view name);

// Why `password` is too weak (Chinese), or "" when it is acceptable: at least
// 10 characters of at least 3 classes (lower case, upper case, digits, other).
std::string password_problem(std::string_view password);

}  // namespace anju
