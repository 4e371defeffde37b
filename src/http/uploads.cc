#include "http/uploads.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "core/text.h"
#include "service/attachment_service.h"
#include "service/secure_random.h"

namespace anju::http {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPrefix = "anju-upload-";

// The process id in "anju-upload-<pid>-<random><ext>", or 0.
long owner_of(const std::string& name) {
  if (!name.starts_with(kPrefix)) return 0;
  long pid = 0;
  for (size_t i = kPrefix.size(); i < name.size() && name[i] != '-'; ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    pid = pid * 10 + (name[i] - '0');
    if (pid > 1 << 30) return 0;
  }
  return pid;
}

}  // namespace

std::size_t body_limit(Body body, const UploadLimits& limits) {
  switch (body) {
    case Body::json: return limits.json_bytes;
    case Body::file: return limits.file_bytes;
    case Body::attachment: return static_cast<std::size_t>(kMaxAttachmentBytes);
  }
  return limits.json_bytes;
}

std::string create_upload_file(const std::string& extension) {
  const std::string path = (fs::temp_directory_path() /
                            (std::string(kPrefix) + std::to_string(::getpid()) + "-" +
                             hex_lower(secure_random_bytes(12)) + (extension.size() <= 8 ? extension : "")))
                               .string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return {};
  ::close(fd);
  return path;
}

int remove_stale_uploads() {
  std::error_code ec;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    const long pid = owner_of(entry.path().filename().string());
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

void remove_upload(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace anju::http
