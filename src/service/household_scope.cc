#include "service/household_scope.h"

namespace anju {

Result<std::string> household_in_scope(HouseholdRepo& households, const User& user,
                                       const std::string& household_id, Action action, const char* missing) {
  auto region = households.household_region(household_id);
  if (!region) return region.error();
  if (!*region || !user_covers(user, **region)) return make_error(ErrorCode::not_found, missing);
  ANJU_TRY(authorize(user, action, **region));
  return std::move(**region);
}

}  // namespace anju
