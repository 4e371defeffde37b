#include "store/sql/deferred_indexes.h"

#include <utility>

namespace anju::sql {

Result<void> DeferredIndexes::drop(Connection& conn, Statement& list) {
  std::vector<std::pair<std::string, std::string>> found;
  while (true) {
    auto row = list.step();
    if (!row) return row.error();
    if (!*row) break;
    found.emplace_back(list.text(0), list.text(1));
  }
  list.reset();
  for (auto& [drop, create] : found) {
    ANJU_TRY(conn.exec(drop));
    pending_.push_back(std::move(create));
  }
  return {};
}

Result<void> DeferredIndexes::rebuild(Connection& conn) {
  std::vector<std::string> pending;
  pending.swap(pending_);
  for (const std::string& sql : pending) ANJU_TRY(conn.exec(sql));
  return {};
}

}  // namespace anju::sql
