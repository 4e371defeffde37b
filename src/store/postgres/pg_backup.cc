// Backup and restore of the PostgreSQL engine with PostgreSQL's own tools:
// pg_dump's custom format (a consistent snapshot while others keep writing,
// compressed, restorable table by table); restore turns it into SQL with
// pg_restore and runs that with psql in ONE transaction after emptying the
// schema, so a failed restore leaves the database as it was. (pg_restore
// --clean cannot drop the constraints of partitions, and runs in a
// transaction of its own.)
// They are run directly (no shell); the connection URL travels as an
// argument, so keep passwords in ~/.pgpass or PGPASSWORD, not in the URL.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "store/postgres/pg_store.h"

extern char** environ;

namespace anju::postgres {
namespace {

Result<void> run_tool(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (rc != 0)
    return make_error(ErrorCode::io, "无法运行 " + args[0] + "（" + std::strerror(rc) +
                                         "），请安装 postgresql-client");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return make_error(ErrorCode::io, args[0] + " 失败（退出码 " +
                                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                         "），详见上方输出");
  return {};
}

}  // namespace

Result<void> PgStore::backup(const std::string& file) {
  const std::string tmp = file + ".part";
  ANJU_TRY(run_tool({"pg_dump", "--format=custom", "--no-owner", "--file=" + tmp, "--dbname=" + url_}));
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return make_error(ErrorCode::io, "无法写入备份文件 " + file + "：" + ec.message());
  return {};
}

Result<void> PgStore::restore(const std::string& file) {
  if (!std::filesystem::is_regular_file(file))
    return make_error(ErrorCode::invalid, "备份文件不存在：" + file);
  {
    std::lock_guard lock(mutex_);
    idle_.clear();  // pooled sessions hold statements prepared against the old tables
  }
  const std::string script = (std::filesystem::temp_directory_path() /
                              ("anju_restore_" + std::to_string(::getpid()) + ".sql")).string();
  auto made = run_tool({"pg_restore", "--no-owner", "--file=" + script, file});
  if (made)
    made = run_tool({"psql", "--no-psqlrc", "--quiet", "--output=/dev/null", "--single-transaction",
                     "-v", "ON_ERROR_STOP=1", "--dbname=" + url_, "-c",
                     "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
                     "-f", script});
  std::filesystem::remove(script);
  ANJU_TRY(made);
  auto conn = Connection::open(url_);
  if (!conn) return conn.error();
  ANJU_TRY(migrate(**conn));
  give_back(std::move(*conn));
  return {};
}

}  // namespace anju::postgres
