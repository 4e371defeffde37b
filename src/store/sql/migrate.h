#pragma once
// Applies an engine's numbered migrations (store/migration.h) in order, each
// in its own transaction with its row in schema_migrations.

#include <vector>

#include "core/result.h"
#include "store/migration.h"
#include "store/sql/sql_db.h"

namespace anju::sql {

// `create_journal` creates schema_migrations(version, name, applied_at) if it
// is missing, in the engine's dialect. Returns the schema version reached.
Result<int> apply_migrations(Connection& conn, const std::vector<Migration>& migrations,
                             const char* create_journal);

}  // namespace anju::sql
