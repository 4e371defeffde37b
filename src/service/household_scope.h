#pragma once
// The one check a use case on one household starts with: does it exist, may
// the user see it, and may the user's role act on it (core/access.h).

#include <string>

#include "core/access.h"
#include "core/user.h"
#include "store/repo/household_repo.h"

namespace anju {

// The household's village code when it exists in the user's scope and the
// role may take `action` there. `not_found` with `missing` when there is no
// such household or it lies outside the scope (the two cannot be told apart);
// `forbidden` when the user may see it but not act.
Result<std::string> household_in_scope(HouseholdRepo& households, const User& user,
                                       const std::string& household_id, Action action,
                                       const char* missing = kNotFoundInScope);

}  // namespace anju
