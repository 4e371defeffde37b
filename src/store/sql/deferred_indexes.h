#pragma once
// The index half of a bulk load, shared by the drivers: drop a table's
// secondary indexes now, build them again once at the end.

#include <string>
#include <vector>

#include "store/sql/sql_db.h"

namespace anju::sql {

class DeferredIndexes {
 public:
  // Runs `list`, whose rows are (quoted index name, CREATE statement), drops
  // each index and keeps its CREATE statement.
  Result<void> drop(Connection& conn, Statement& list);
  // Builds the dropped indexes again; a unique one fails with `conflict`
  // when the loaded rows break it.
  Result<void> rebuild(Connection& conn);
  void clear() { pending_.clear(); }
  std::vector<std::string>& statements() { return pending_; }

 private:
  std::vector<std::string> pending_;
};

}  // namespace anju::sql
