#include "service/audit_seal.h"

#include <fcntl.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

#include "core/text.h"
#include "service/secure_random.h"
#include "service/system_clock.h"

namespace anju {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kKeyBytes = 32;

std::mutex& seal_mutex() {
  static std::mutex m;
  return m;
}

std::shared_ptr<const AuditSeal>& installed() {
  static std::shared_ptr<const AuditSeal> seal;
  return seal;
}

Error key_error(const fs::path& path, const std::string& why) {
  return make_error(ErrorCode::invalid, "审计密钥文件 " + path.string() + " " + why);
}

// Writes a new key beside `path` and links it into place, so that a process
// starting at the same time either finds no key or a whole one: the loser
// of the race reads the winner's.
Result<void> create_key(const fs::path& path) {
  if (fs::exists(path)) return {};
  const fs::path tmp = path.string() + ".new." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return key_error(path, std::string("无法创建：") + std::strerror(errno));
  const std::string text = hex_lower(secure_random_bytes(kKeyBytes)) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  const int linked = ok ? ::link(tmp.c_str(), path.c_str()) : -1;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!ok) return key_error(path, "无法写入");
  if (linked != 0 && link_errno != EEXIST)
    return key_error(path, std::string("无法创建：") + std::strerror(link_errno));
  return {};
}

Result<std::string> read_key(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return key_error(path, std::string("无法读取：") + std::strerror(errno));
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return key_error(path, "的权限过宽：只应由其所有者读写（chmod 600）");
  std::ifstream in(path);
  std::string text;
  if (!std::getline(in, text)) return key_error(path, "为空或无法读取");
  auto bytes = hex_decode(text);
  if (text.size() != 2 * kKeyBytes || !bytes) return key_error(path, "格式不对：应为一行 64 位十六进制数");
  return *bytes;
}

// One line of the checkpoint file, split at spaces.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

}  // namespace

AuditSeal AuditSeal::ephemeral() {
  AuditSeal seal;
  seal.key_ = secure_random_bytes(kKeyBytes);
  return seal;
}

Result<AuditSeal> AuditSeal::open(const fs::path& key_path) {
  ANJU_TRY(create_key(key_path));
  auto key = read_key(key_path);
  if (!key) return key.error();
  AuditSeal seal;
  seal.key_ = std::move(*key);
  seal.checkpoint_path_ = key_path.string() + ".checkpoints";
  return seal;
}

std::string AuditSeal::mac(std::string_view data) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

Result<void> AuditSeal::record(std::string_view kind, long seq, const std::string& hash,
                               std::string_view note) const {
  if (!keeps_checkpoints()) return {};
  std::string line = std::string(kind) + " " + std::to_string(seq) + " " + (hash.empty() ? "-" : hash) +
                     " " + SystemClock().now_iso();
  if (!note.empty()) line += " " + std::string(note);
  line += "\n";
  // One write of one short line with O_APPEND: lines of processes writing
  // at once do not mix.
  const int fd = ::open(checkpoint_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error(ErrorCode::io, "无法写入审计检查点文件 " + checkpoint_path_.string() + "：" +
                                         std::strerror(errno));
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok) return make_error(ErrorCode::io, "无法写入审计检查点文件 " + checkpoint_path_.string());
  return {};
}

Result<AuditCheckpoints> AuditSeal::checkpoints() const {
  AuditCheckpoints out;
  if (!keeps_checkpoints()) return out;
  std::ifstream in(checkpoint_path_);
  if (!in) {
    if (!fs::exists(checkpoint_path_)) return out;
    return make_error(ErrorCode::io, "无法读取审计检查点文件 " + checkpoint_path_.string());
  }
  long number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const auto f = fields_of(line);
    char* end = nullptr;
    const long seq = f.size() >= 4 ? std::strtol(f[1].c_str(), &end, 10) : -1;
    const bool known = f.size() >= 4 && (f[0] == "chain" || f[0] == "verify" || f[0] == "legacy" ||
                                         f[0] == "restore");
    if (!known || seq < 0 || *end != '\0')
      return make_error(ErrorCode::invalid, "审计检查点文件 " + checkpoint_path_.string() + " 第" +
                                                std::to_string(number) + "行无法读取");
    if (f[0] == "restore") {
      out = AuditCheckpoints{};
      continue;
    }
    if (f[0] == "verify" && (f.size() < 5 || f[4] != "ok")) continue;
    if (seq == 0) continue;
    if (f[0] == "legacy") out.legacy_until = seq;
    out.hashes[seq] = f[2];
    out.newest = std::max(out.newest, seq);
  }
  return out;
}

const AuditSeal& audit_seal() {
  std::lock_guard lock(seal_mutex());
  auto& seal = installed();
  if (!seal) seal = std::make_shared<const AuditSeal>(AuditSeal::ephemeral());
  return *seal;
}

void use_audit_seal(AuditSeal seal) {
  std::lock_guard lock(seal_mutex());
  // Seals handed out before stay alive: a caller may still hold one.
  static std::vector<std::shared_ptr<const AuditSeal>> earlier;
  if (installed()) earlier.push_back(installed());
  installed() = std::make_shared<const AuditSeal>(std::move(seal));
}

fs::path default_audit_key_path(std::string_view db_url) {
  if (db_url.starts_with("postgresql://") || db_url.starts_with("postgres://")) {
    std::string name(db_url.substr(db_url.rfind('/') + 1));
    name = name.substr(0, name.find('?'));
    if (name.empty()) name = "postgres";
    return fs::path("anju-" + name + ".audit-key");
  }
  if (db_url.starts_with("sqlite:")) db_url.remove_prefix(7);
  return fs::path(std::string(db_url) + ".audit-key");
}

}  // namespace anju
