#include "service/attachment_service.h"

#include <fstream>
#include <sstream>

#include "core/access.h"
#include "ingest/image_file.h"
#include "service/audit_service.h"
#include "service/client_write_service.h"

namespace anju {
namespace fs = std::filesystem;

namespace {

Result<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::io, "无法读取上传的文件");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `bytes` to `to` unless it is there already (same hash, same bytes).
Result<void> keep(const std::string& bytes, const fs::path& to) {
  std::error_code ec;
  if (fs::exists(to, ec)) return {};
  fs::create_directories(to.parent_path(), ec);
  const fs::path tmp = to.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return make_error(ErrorCode::io, "无法保存文件：" + to.string());
  }
  fs::rename(tmp, to, ec);  // whole or not at all
  if (ec) return make_error(ErrorCode::io, "无法保存文件：" + ec.message());
  return {};
}

}  // namespace

Result<Attachment> store_upload(const FileStore& files, const std::string& upload, const std::string& kind,
                                const std::string& file_name, const User& user, const Clock& clock) {
  std::error_code ec;
  const auto size = fs::file_size(upload, ec);
  if (ec) return make_error(ErrorCode::io, "无法读取上传的文件");
  if (size == 0) return make_error(ErrorCode::invalid, "文件是空的");
  if (static_cast<long>(size) > kMaxAttachmentBytes) return make_error(ErrorCode::invalid, "文件超过 20 MB，请压缩后再上传");
  auto facts = inspect_file(upload);
  if (!facts) return facts.error();
  if (kind == "photo" && facts->mime == "application/pdf") return make_error(ErrorCode::invalid, "照片只能是 JPEG 或 PNG 图片");
  auto bytes = read_all(upload);
  if (!bytes) return bytes.error();
  Attachment a{0, 0, kind, sha256_hex(*bytes), facts->mime, static_cast<long>(size), file_name,
               facts->taken_at, facts->lon, facts->lat, clock.now_iso(), user.name};
  ANJU_TRY(keep(*bytes, files.file(a.sha256)));
  if (facts->mime != "application/pdf" && !fs::exists(files.thumb(a.sha256), ec)) {
    fs::create_directories(files.thumb(a.sha256).parent_path(), ec);
    ANJU_TRY(write_thumbnail(files.file(a.sha256).string(), files.thumb(a.sha256).string(), 320));
  }
  return a;
}

Result<Attachment> add_attachment(Store& store, const User& user, const FileStore& files, long task_id,
                                  const std::string& kind, const std::string& upload, const std::string& file_name,
                                  const CameraFacts& camera, const OnceKey& once, const Clock& clock) {
  if (kind != "photo" && kind != "report") return make_error(ErrorCode::invalid, "附件类型应为 photo（照片）或 report（鉴定报告）");
  {  // the task must be the user's to work on before the file is looked at
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto t = (*tx)->field_work().find_task(task_id);
    if (!t) return t.error();
    if (!*t) return make_error(ErrorCode::not_found, kNotFoundInScope);
    ANJU_TRY(authorize(user, Action::read, (*t)->region_code));
    ANJU_TRY(authorize(user, Action::field_work, (*t)->region_code));
    ANJU_TRY(check_task_worker(**t, user));  // the same rule as the visit's
    if ((*t)->status == TaskStatus::cancelled) return make_error(ErrorCode::invalid, "该任务已取消");
  }
  auto stored = store_upload(files, upload, kind, file_name, user, clock);
  if (!stored) return stored.error();
  Attachment a = std::move(*stored);
  a.task_id = task_id;
  // The file's own EXIF wins; the phone's reading fills only what it lacks.
  nlohmann::json from_phone = nlohmann::json::array();
  if (a.taken_at.empty() && !camera.taken_at.empty()) {
    a.taken_at = camera.taken_at;
    from_phone.push_back("taken_at");
  }
  if (!a.lon && !a.lat && camera.lon && camera.lat) {
    a.lon = camera.lon;
    a.lat = camera.lat;
    from_phone.push_back("gps");
  }
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  ANJU_TRY(claim_client_key((*tx)->client_writes(), user, once, clock));
  auto id = (*tx)->field_work().insert_attachment(a);
  if (!id) return id.error();
  a.id = *id;
  ANJU_TRY(audit((*tx)->audit(), clock, user.name, "field.attachment", "field_task",
                 std::to_string(task_id),
                 {{"attachment", a.id}, {"kind", kind}, {"sha256", a.sha256}, {"bytes", a.bytes},
                  {"facts_from_phone", from_phone}}));
  ANJU_TRY((*tx)->commit());
  (void)chain_audit_log(store);
  return a;
}

Result<AttachmentFile> attachment_file(Store& store, const User& user, const FileStore& files, long id, bool thumb) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto a = (*tx)->field_work().find_attachment(id);
  if (!a) return a.error();
  if (!*a) return make_error(ErrorCode::not_found, kNotFoundInScope);
  auto t = (*tx)->field_work().find_task((*a)->task_id);
  if (!t) return t.error();
  if (!*t) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::read, (*t)->region_code));
  return served_file(files, **a, thumb);
}

Result<AttachmentFile> served_file(const FileStore& files, const Attachment& a, bool thumb) {
  AttachmentFile out{a, files.file(a.sha256), a.mime};
  std::error_code ec;
  if (thumb && fs::exists(files.thumb(a.sha256), ec)) {
    out.path = files.thumb(a.sha256);
    out.mime = "image/jpeg";
  }
  if (!fs::exists(out.path, ec)) return make_error(ErrorCode::not_found, "附件文件已不在存储目录中");
  return out;
}

}  // namespace anju
