#include "service/upload_parts.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>

#include "core/client_write.h"
#include "service/audit_service.h"

namespace anju {
namespace fs = std::filesystem;

namespace {

// files/partial/<a hash of the user>/<key>: another user's key never names it.
Result<fs::path> part_path(const FileStore& files, const User& user, const std::string& key) {
  if (!valid_client_key(key))
    return make_error(ErrorCode::invalid, "上传编号应为 1 到 100 个字母、数字或 - _ . :");
  return files.root / "partial" / sha256_hex(user.name).substr(0, 16) / key;
}

// Removes the user's uploads left unfinished for kPartialUploadDays.
void forget_stale(const fs::path& folder) {
  std::error_code ec;
  const auto oldest = fs::file_time_type::clock::now() - std::chrono::hours(24 * kPartialUploadDays);
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->last_write_time(ec) < oldest) fs::remove(it->path(), ec);
}

}  // namespace

Result<long> upload_received(const FileStore& files, const User& user, const std::string& key) {
  auto path = part_path(files, user, key);
  if (!path) return path.error();
  std::error_code ec;
  if (!fs::exists(*path, ec)) return 0L;
  const auto size = fs::file_size(*path, ec);
  if (ec) return make_error(ErrorCode::io, "无法读取已上传的部分");
  return static_cast<long>(size);
}

namespace {

// An open file descriptor, closed when it goes (its lock with it).
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Appends the bytes of `part` to `fd`; false on any failure.
bool append_bytes(int fd, const std::string& part) {
  Fd in{::open(part.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) return false;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(in.fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) return false;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(fd, buffer + done, static_cast<size_t>(n - done));
      if (w <= 0) return false;
      done += w;
    }
  }
}

}  // namespace

Result<PartState> append_upload_part(const FileStore& files, const User& user, const std::string& key, long offset,
                                     const std::string& part) {
  auto path = part_path(files, user, key);
  if (!path) return path.error();
  std::error_code ec;
  const auto bytes = static_cast<long>(fs::file_size(part, ec));
  if (ec) return make_error(ErrorCode::io, "无法读取上传的部分");
  if (bytes == 0) return make_error(ErrorCode::invalid, "这一段是空的");
  fs::create_directories(path->parent_path(), ec);
  if (ec) return make_error(ErrorCode::io, "无法保存上传的部分");
  if (offset == 0) forget_stale(path->parent_path());
  // Checked and appended under the file's lock: two copies of a part sent
  // at once (or by two servers over a shared folder) append it once.
  Fd out{::open(path->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)};
  if (out.fd < 0 || ::flock(out.fd, LOCK_EX) != 0) return make_error(ErrorCode::io, "无法保存上传的部分");
  struct stat st {};
  if (::fstat(out.fd, &st) != 0) return make_error(ErrorCode::io, "无法读取已上传的部分");
  const long received = static_cast<long>(st.st_size);
  if (offset != received) return PartState{received, false};
  if (received + bytes > kMaxAttachmentBytes) return make_error(ErrorCode::invalid, "文件超过 20 MB，请压缩后再上传");
  if (!append_bytes(out.fd, part)) {
    // Nothing half-written stays: the file is cut back to where the part began.
    (void)::ftruncate(out.fd, static_cast<off_t>(offset));
    return make_error(ErrorCode::io, "无法保存上传的部分");
  }
  return PartState{received + bytes, true};
}

Result<fs::path> whole_upload(const FileStore& files, const User& user, const std::string& key, long bytes) {
  auto path = part_path(files, user, key);
  if (!path) return path.error();
  auto received = upload_received(files, user, key);
  if (!received) return received.error();
  if (*received == 0) return make_error(ErrorCode::not_found, "没有这个上传（编号 " + key + "），请重新上传");
  if (*received != bytes)
    return make_error(ErrorCode::invalid, "文件未传完整（已收到 " + std::to_string(*received) + " 字节，应为 " +
                                              std::to_string(bytes) + " 字节），请继续上传");
  return *path;
}

}  // namespace anju
