#pragma once
// Change requests as use cases (DOMAIN.md §12): a village clerk or the town
// office raises 死亡销户, 户主变更 or 迁出; the county reviewer decides, and a
// move to another county needs the city reviewer too (core/record.h).
// Approval applies the change to the household (audited before/after) and
// judges it again: a deceased household is excluded, a moved one is judged
// in its new village.

#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/record.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

struct ChangeInput {
  std::string household_id;
  ChangeKind kind = ChangeKind::deceased;
  // deceased: died_on; head_change: head_name, head_id_number;
  // relocation: region_code (a village), address.
  std::map<std::string, std::string> details;
  std::string note;
};
Result<ChangeRequest> raise_change(Store& store, const User& user, const ChangeInput& input, const Clock& clock);

// Approves or rejects (with a reason) at the version the user saw.
Result<ChangeRequest> decide_change(Store& store, const User& user, long id, long version, ChangeAction action,
                                    const std::string& reason, const Clock& clock);

Result<Page<ChangeRequest>> list_change_requests(Store& store, const User& user, const std::string& region_code,
                                                 std::optional<ChangeState> state, long offset, long limit);

}  // namespace anju
