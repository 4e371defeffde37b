#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace anju {

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto store = postgres::PgStore::open(std::string(url));
    if (!store) return store.error();
    return std::unique_ptr<Store>(std::move(*store));
  }
  std::string path(url);
  if (url.starts_with("sqlite:")) path = std::string(url.substr(7));
  if (path.empty()) return make_error(ErrorCode::invalid, "数据库路径为空");
  auto store = sqlite::SqliteStore::open(path);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace anju
