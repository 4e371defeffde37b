#pragma once
// Resident identity numbers (公民身份号码, GB 11643-1999).

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace anju {

// The check character for the first 17 digits of an ID number ('0'-'9' or
// 'X'). `first17` must be 17 ASCII digits.
char id_check_char(std::string_view first17);

// Validates an 18-character ID number: 17 digits, a check character that
// matches, a birth date (characters 7-14) that is a real date no earlier than
// 1900-01-01 and not after `today`. A lower-case x is accepted and returned
// upper-case. Returns the normalised number, or an `invalid` error whose
// message says in Chinese what is wrong.
Result<std::string> validate_id_number(std::string_view text, const Date& today);

// Masks an ID number for display: the first 6 and last 4 characters are
// kept, the rest become '*' ("500229********123X"). Shorter text is masked
// whole but for its last character.
std::string mask_id_number(std::string_view id);

}  // namespace anju
