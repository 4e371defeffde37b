#pragma once
// What batch runs and imports need of the engine: key ranges to read a table
// in parts, and bulk loading. Engines differ here; the contract does not.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <string>
#include <vector>

#include "core/result.h"

namespace anju {

// The tables batch runs read in key ranges (key_bounds).
enum class KeyedTable { households, buildings };
// The tables imports load in bulk (begin_bulk_load).
enum class BulkTable { regions, households, buildings, evidence };

// What one transaction sees, named for read transactions on other threads
// that must see exactly that (Store::begin_shared). The id is the engine's:
// empty on SQLite, where the sharing transaction's write lock keeps the
// database as it is; PostgreSQL's exported snapshot otherwise.
struct SharedSnapshot {
  std::string id;
};

class BatchRepo {
 public:
  virtual ~BatchRepo() = default;

  // Bounds that cut `table`, in key order (household_id, parcel_id), into
  // at most `parts` ranges of about equal size, for batch runs that read it
  // in parts: "", then ascending keys, the last the greatest key. Range k
  // holds the keys with bounds[k] < key ≤ bounds[k+1]. Empty when the
  // table is.
  virtual Result<std::vector<std::string>> key_bounds(KeyedTable table, int parts) = 0;
  // Names what this transaction sees, for a batch run that reads its key
  // ranges side by side (Store::begin_shared). Share before this
  // transaction writes: no reader sees its writes. The name holds while
  // this transaction is open.
  virtual Result<SharedSnapshot> share_snapshot() = 0;
  // For loading many rows into `table` until end_bulk_load(), which must run
  // before commit(). With `rebuild` (an import into an empty table, a full
  // replacement of results) its secondary indexes are dropped now and built
  // again at the end (on PostgreSQL its foreign keys to itself too: made
  // again, they check every row at once); a rollback restores them with
  // everything else, and a duplicate that slipped past a unique index fails
  // end_bulk_load() with `conflict` (on PostgreSQL so does a region whose
  // parent is missing; on SQLite its commit). With
  // `keep` (many inserts into a table that has rows) the indexes stay. On
  // PostgreSQL the table's inserts go in as COPY batches either way, so an
  // insert's key clash is reported at the latest by end_bulk_load().
  enum class Indexes { rebuild, keep };
  virtual Result<void> begin_bulk_load(BulkTable table, Indexes indexes) = 0;
  virtual Result<void> end_bulk_load() = 0;
  // True while this transaction's bulk load keeps other transactions from
  // reading its table: on PostgreSQL, one whose indexes were dropped holds
  // the table locked until the commit. A reader of that table on another
  // thread must not be waited for meanwhile.
  virtual bool bulk_load_locks_table() const = 0;

 protected:
  BatchRepo() = default;
  BatchRepo(const BatchRepo&) = default;
  BatchRepo& operator=(const BatchRepo&) = default;
};

}  // namespace anju
