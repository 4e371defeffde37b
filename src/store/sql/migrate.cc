#include "store/sql/migrate.h"

#include <string>

namespace anju::sql {

Result<int> apply_migrations(Connection& conn, const std::vector<Migration>& migrations,
                             const char* create_journal) {
  ANJU_TRY(conn.exec(create_journal));
  auto& q = conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  auto has = q.step();
  if (!has) return has.error();
  int version = static_cast<int>(q.integer(0));
  q.reset();
  for (const Migration& m : migrations) {
    if (m.version <= version) continue;
    ANJU_TRY(conn.begin(TxMode::write));
    auto applied = conn.exec(m.sql);
    if (applied) {
      applied = conn.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)")
                    .bind(1, m.version)
                    .bind(2, m.name)
                    .run();
    }
    if (applied) applied = conn.commit();
    if (!applied) {
      conn.rollback();
      return make_error(ErrorCode::io, std::string("数据库迁移 ") + m.name +
                                           " 失败：" + applied.error().message);
    }
    version = m.version;
  }
  return version;
}

}  // namespace anju::sql
