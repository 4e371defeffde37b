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
#include "service/attachment_service.h"
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

// Evidence for a request (死亡证明, 户口簿): an image or PDF, kept like field
// photos; by whoever may raise requests, while the request is open. A death
// is approved only with evidence attached.
Result<Attachment> add_change_attachment(Store& store, const User& user, const FileStore& files, long change_id,
                                         const std::string& upload, const std::string& file_name, const Clock& clock);
Result<std::vector<Attachment>> change_files(Store& store, long change_id);
Result<AttachmentFile> change_attachment_file(Store& store, const User& user, const FileStore& files, long id,
                                              bool thumb);

Result<Page<ChangeRequest>> list_change_requests(Store& store, const User& user, const std::string& region_code,
                                                 std::optional<ChangeState> state, long offset, long limit);

}  // namespace anju
