#include "ingest/child_reader.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>

#include "ingest/child_wire.h"

#ifndef ANJU_BUILD_HELPER_DIR
#define ANJU_BUILD_HELPER_DIR ""
#endif

namespace anju {
namespace {

namespace wire = child_wire;

void limit(int resource, rlim_t value) {
  const rlimit r{value, value};
  setrlimit(resource, &r);
}

// The forked child before exec: async-signal-safe calls only (the parent
// may have had other threads holding locks at the fork).
[[noreturn]] void become_helper(int socket, int null, char* const argv[], const ChildLimits& limits, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  dup2(null, 0);
  dup2(null, 1);
  dup2(null, 2);  // no line of the operator's log is the helper's to write
  if (socket == 3)
    fcntl(3, F_SETFD, 0);  // dup2 onto itself would keep close-on-exec
  else
    dup2(socket, 3);
  close_range(4, ~0U, 0);
  limit(RLIMIT_AS, limits.memory_bytes);
  limit(RLIMIT_CPU, static_cast<rlim_t>(limits.cpu_seconds));
  limit(RLIMIT_FSIZE, 0);
  limit(RLIMIT_CORE, 0);
  limit(RLIMIT_NOFILE, 16);
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  // Nothing of the server's environment (a PGPASSWORD, a database URL).
  char* const no_environment[] = {nullptr};
  execve(argv[0], argv, no_environment);
  _exit(127);
}

class ChildReader final : public TableReader {
 public:
  ChildReader(int socket, pid_t pid, const ChildLimits& limits)
      : fd_(socket), pid_(pid), limits_(limits), deadline_(std::chrono::steady_clock::now() + limits.total_timeout) {}
  ~ChildReader() override {
    ::close(fd_);
    end_child();
  }

  // Reads the child's hello: its sheets and encoding, or why it could not open.
  Result<void> hello() {
    auto reply = receive();
    if (!reply) return reply.error();
    wire::Reader in(*reply);
    std::uint8_t failed = 1;
    std::uint32_t count = 0;
    if (!in.u8(failed)) return garbled();
    if (failed) return child_error(in);
    if (!in.u32(count) || count == 0 || count > 65535) return garbled();
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string name;
      std::uint8_t hidden = 0;
      if (!in.str(name) || !in.u8(hidden)) return garbled();
      names_.push_back(std::move(name));
      hidden_.push_back(hidden != 0);
    }
    if (!in.str(encoding_)) return garbled();
    return {};
  }

  std::size_t sheet_count() const override { return names_.size(); }
  std::string sheet_name() const override { return names_[sheet_]; }
  bool sheet_hidden(std::size_t index) const override { return index < hidden_.size() && hidden_[index]; }
  double progress() const override { return progress_; }
  std::string encoding() const override { return encoding_; }

  Result<void> select_sheet(std::size_t index) override {
    if (index >= names_.size())
      return make_error(ErrorCode::invalid, "文件中没有第" + std::to_string(index + 1) + "个工作表");
    wire::Writer out;
    out.u8('S');
    out.u32(static_cast<std::uint32_t>(index));
    auto reply = ask(out);
    if (!reply) return reply.error();
    wire::Reader in(*reply);
    std::uint8_t failed = 1;
    if (!in.u8(failed)) return garbled();
    if (failed) return child_error(in);
    sheet_ = index;
    rows_.clear();
    end_ = false;
    progress_ = 0;
    return {};
  }

  Result<std::optional<RawRow>> next() override {
    if (rows_.empty() && !end_) ANJU_TRY(fetch());
    if (rows_.empty()) return std::optional<RawRow>();
    RawRow row = std::move(rows_.front());
    rows_.pop_front();
    return std::optional(std::move(row));
  }

 private:
  Result<void> fetch() {
    wire::Writer out;
    out.u8('N');
    auto reply = ask(out);
    if (!reply) return reply.error();
    wire::Reader in(*reply);
    std::uint8_t failed = 1, end = 0;
    std::uint32_t n = 0;
    if (!in.u8(failed)) return garbled();
    if (failed) return child_error(in);
    // Bounds the helper's answer may not pass, whatever it says.
    if (!in.u8(end) || !in.f64(progress_) || !in.u32(n) || n > wire::kMaxBatchRows) return garbled();
    for (std::uint32_t i = 0; i < n; ++i) {
      RawRow row;
      if (!in.row(row) || rows_read_++ >= limits_.max_rows) return garbled();
      rows_.push_back(std::move(row));
    }
    end_ = end != 0;
    return {};
  }

  Result<std::string> ask(const wire::Writer& request) {
    if (broken_) return *broken_;
    if (!wire::send_frame(fd_, request.bytes())) return fail(wire::Received::closed);
    return receive();
  }

  Result<std::string> receive() {
    if (broken_) return *broken_;
    std::string reply;
    // Each answer within reply_timeout, and the whole read within
    // total_timeout: a helper that sleeps and sends a row now and then
    // cannot hold the import for ever.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
    const wire::Received got = wire::receive_frame(fd_, reply, std::min(limits_.reply_timeout, left));
    if (got != wire::Received::frame) return fail(got);
    return reply;
  }

  // The child is gone or stuck: why, from how it ended. Every later call
  // gives the same error.
  Error fail(wire::Received why) {
    // Stuck, or speaking nonsense: it is ended. One that has exited already
    // keeps the status it ended with.
    const int status = end_child();
    Error e{ErrorCode::invalid, "无法读取该文件：读取程序异常退出（文件可能已损坏或是恶意构造的），请用 Excel 或 WPS 另存为 .xlsx 后再导入"};
    if (why == wire::Received::timed_out)
      e.message = "读取该文件超时（" + std::to_string(limits_.reply_timeout.count() / 1000) +
                  " 秒内没有进展），文件可能已损坏或是恶意构造的";
    else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
      e.message = "读取该文件所用时间超过上限，文件可能已损坏或是恶意构造的";
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
      e = Error{ErrorCode::io, "无法启动表格读取程序（anju-xls）"};
    broken_ = e;
    return e;
  }

  Error garbled() { return fail(wire::Received::closed); }

  // Kills the child (a zombie keeps the status it ended with) and reaps it;
  // its wait status.
  int end_child() {
    int status = 0;
    if (pid_ <= 0) return status;  // never kill(-1)
    ::kill(pid_, SIGKILL);
    pid_t got;
    do got = ::waitpid(pid_, &status, 0);
    while (got < 0 && errno == EINTR);
    pid_ = -1;
    return status;
  }

  Error child_error(wire::Reader& in) {
    Error e;
    if (!in.error(e)) return garbled();
    return e;
  }

  int fd_;
  pid_t pid_;
  ChildLimits limits_;
  std::chrono::steady_clock::time_point deadline_;
  long rows_read_ = 0;
  std::vector<std::string> names_;
  std::vector<bool> hidden_;
  std::string encoding_;
  std::size_t sheet_ = 0;
  std::deque<RawRow> rows_;
  bool end_ = false;
  double progress_ = 0;
  std::optional<Error> broken_;
};

}  // namespace

Result<std::unique_ptr<TableReader>> open_in_child(const ChildProgram& program, const ChildLimits& limits) {
  if (::access(program.path.c_str(), X_OK) != 0)
    return make_error(ErrorCode::io, "找不到表格读取程序 " + program.path);
  std::vector<std::string> args{program.path};
  args.insert(args.end(), program.args.begin(), program.args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return make_error(ErrorCode::io, "无法启动表格读取程序（socketpair）");
  const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = null < 0 ? -1 : ::fork();
  if (pid == 0) become_helper(sv[1], null, argv.data(), limits, parent);
  ::close(sv[1]);
  if (null >= 0) ::close(null);
  if (pid < 0) {
    ::close(sv[0]);
    return make_error(ErrorCode::io, "无法启动表格读取程序（fork）");
  }
  auto reader = std::make_unique<ChildReader>(sv[0], pid, limits);
  ANJU_TRY(reader->hello());
  return std::unique_ptr<TableReader>(std::move(reader));
}

std::string helper_path(const std::string& name) {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("ANJU_HELPER_DIR"); dir && *dir) return (fs::path(dir) / name).string();
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && ::access((self.parent_path() / name).c_str(), X_OK) == 0) return (self.parent_path() / name).string();
  return (fs::path(ANJU_BUILD_HELPER_DIR) / name).string();
}

}  // namespace anju
