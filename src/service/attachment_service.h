#pragma once
// Photos and report files of field tasks (DOMAIN.md §10): kept on disk by
// content hash under one folder (shared by every app server), with a JPEG
// thumbnail of each image; EXIF time and GPS read where present; JPEG, PNG
// and PDF only, at most 20 MB each.

#include <filesystem>
#include <optional>
#include <string>

#include "core/client_write.h"
#include "core/clock.h"
#include "core/field_task.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

inline constexpr long kMaxAttachmentBytes = 20L << 20;

struct FileStore {
  std::filesystem::path root;
  std::filesystem::path file(const std::string& sha256) const { return root / sha256.substr(0, 2) / sha256; }
  std::filesystem::path thumb(const std::string& sha256) const { return root / "thumbs" / (sha256 + ".jpg"); }
};

// Checks the file at `upload` (type by its bytes, size), keeps it by its
// SHA-256 with a thumbnail of an image; the attachment it makes has no owner
// yet (task_id / change_id 0).
Result<Attachment> store_upload(const FileStore& files, const std::string& upload, const std::string& kind,
                                const std::string& file_name, const User& user, const Clock& clock);

// When and where a photo was taken as the phone read it from the camera's
// file before making it smaller (which drops the EXIF): used only where the
// file sent has none, and the audit says so.
struct CameraFacts {
  std::string taken_at;  // "YYYY-MM-DDTHH:MM:SS" (local time, as EXIF), "" when unknown
  std::optional<double> lon, lat;
};

// Adds the file at `upload` (moved or copied into the store) to the task:
// kind "photo" (an image) or "report" (image or PDF). Audited. `once`:
// the client's key for this upload, claimed in its transaction
// (service/client_write_service.h).
Result<Attachment> add_attachment(Store& store, const User& user, const FileStore& files, long task_id,
                                  const std::string& kind, const std::string& upload, const std::string& file_name,
                                  const CameraFacts& camera, const OnceKey& once, const Clock& clock);

// The attachment and the file to send (its thumbnail when asked and there is one).
struct AttachmentFile {
  Attachment attachment;
  std::filesystem::path path;
  std::string mime;
};
// The stored file of `a` (its thumbnail when asked and there is one).
Result<AttachmentFile> served_file(const FileStore& files, const Attachment& a, bool thumb);

Result<AttachmentFile> attachment_file(Store& store, const User& user, const FileStore& files, long id, bool thumb);

}  // namespace anju
