#pragma once
// The schema half of a bulk load, shared by the drivers: drop what each
// loaded row would otherwise keep up or check one by one (a table's
// secondary indexes; on PostgreSQL its foreign keys to itself) now, make it again
// once at the end.

#include <string>
#include <vector>

#include "store/sql/sql_db.h"

namespace anju::sql {

class DeferredIndexes {
 public:
  // Runs `list`, whose rows are (the statement that drops an index or
  // constraint, the one that makes it again), runs each drop and keeps its
  // statement to make it again, in the list's order.
  Result<void> drop(Connection& conn, Statement& list);
  // Makes the dropped indexes and constraints again; a unique index or a
  // foreign key fails with `conflict` when the loaded rows break it.
  Result<void> rebuild(Connection& conn);
  void clear() { pending_.clear(); }
  std::vector<std::string>& statements() { return pending_; }

 private:
  std::vector<std::string> pending_;
};

}  // namespace anju::sql
