#pragma once
// A photo sent in parts (issue 24): a phone on a weak signal sends a file a
// part at a time and, after a break, goes on from what the server has
// rather than from the start. The parts of one upload are named by the
// client's key (the Idempotency-Key of the write that will use them) and
// kept under the file store, per user; the write then takes the whole file
// (service/attachment_service.h, add_attachment).

#include <filesystem>
#include <string>

#include "core/result.h"
#include "core/user.h"
#include "service/attachment_service.h"

namespace anju {

// Uploads left unfinished this long are removed.
inline constexpr long kPartialUploadDays = 7;

struct PartState {
  long received = 0;      // bytes the server has of the upload
  bool appended = false;  // false: the part did not start at `received` (nothing kept)
};

// How much of the upload `key` the server has (0 when none).
Result<long> upload_received(const FileStore& files, const User& user, const std::string& key);

// Adds the bytes in the file `part` to the upload `key` when they start at
// `offset`, which must be what the server has; otherwise keeps nothing and
// says what it has. `invalid` beyond kMaxAttachmentBytes or for a key that
// is no client key.
Result<PartState> append_upload_part(const FileStore& files, const User& user, const std::string& key, long offset,
                                     const std::string& part);

// The whole upload `key`, which must hold `bytes` bytes: its path, for the
// write that takes it (`invalid` when it is shorter or longer, `not_found`
// when there is none).
Result<std::filesystem::path> whole_upload(const FileStore& files, const User& user, const std::string& key,
                                           long bytes);

}  // namespace anju
