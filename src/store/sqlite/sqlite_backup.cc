// Backup and restore of the SQLite engine through SQLite's online backup
// API: a page-by-page copy made under a read lock, consistent as of its
// start, with writers of other processes free to go on meanwhile.
#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace anju::sqlite {
namespace {

// Copies database `from` into `to` entirely.
Result<void> copy_database(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return last_error(to, what);
  int rc;
  while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep(rc == SQLITE_OK ? 0 : 20);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return last_error(to, what);
  return {};
}

struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close(db); }
};

}  // namespace

Result<void> SqliteStore::backup(const std::string& file) {
  const std::string tmp = file + ".part";
  std::filesystem::remove(tmp);
  Handle out;
  if (sqlite3_open_v2(tmp.c_str(), &out.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::io, "无法创建备份文件 " + file + "：" + sqlite3_errmsg(out.db));
  {
    std::lock_guard lock(mutex_);
    ANJU_TRY(copy_database(conn_->handle(), out.db, "备份"));
  }
  sqlite3_close(out.db);
  out.db = nullptr;
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) return make_error(ErrorCode::io, "无法写入备份文件 " + file + "：" + ec.message());
  return {};
}

Result<void> SqliteStore::restore(const std::string& file) {
  if (!std::filesystem::is_regular_file(file))
    return make_error(ErrorCode::invalid, "备份文件不存在：" + file);
  Handle in;
  if (sqlite3_open_v2(file.c_str(), &in.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return make_error(ErrorCode::invalid, "无法打开备份文件 " + file);
  sqlite3_stmt* st = nullptr;
  const bool ours =
      sqlite3_prepare_v2(in.db, "SELECT max(version) FROM schema_migrations", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW;
  const int version = ours ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  if (!ours) return make_error(ErrorCode::invalid, "不是安居（Anju）的 SQLite 备份：" + file);
  if (version > schema_version_)
    return make_error(ErrorCode::invalid, "备份来自更新版本的程序（结构版本 " + std::to_string(version) +
                                              "），请先升级 anju");
  {
    std::lock_guard lock(mutex_);
    ANJU_TRY(copy_database(in.db, conn_->handle(), "恢复"));
  }
  {
    // Idle readers' prepared statements may name what the restore replaced.
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
  }
  return migrate();
}

}  // namespace anju::sqlite
