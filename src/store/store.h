#pragma once
// The persistence interface (DESIGN.md §3.3). Both engines (sqlite/ and
// postgres/, through sql/) implement it; nothing above this header knows
// which one runs.
//
// Thread-safety: a Store may be shared between threads; a Transaction (and
// every repository it hands out) belongs to the thread that began it.
// repo/*.h hold the repositories, one header per aggregate.

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/repo/account_repo.h"
#include "store/repo/audit_repo.h"
#include "store/repo/batch_repo.h"
#include "store/repo/campaign_repo.h"
#include "store/repo/census_repo.h"
#include "store/repo/client_write_repo.h"
#include "store/repo/field_work_repo.h"
#include "store/repo/household_repo.h"
#include "store/repo/job_repo.h"
#include "store/repo/ledger_repo.h"
#include "store/repo/read_model_repo.h"
#include "store/repo/record_repo.h"
#include "store/repo/region_repo.h"
#include "store/repo/result_repo.h"
#include "store/tx_mode.h"

namespace anju {

// One transaction, handed out by Store::begin. Its work is reached through
// the repositories below, one per aggregate of the domain; a use case asks
// for the ones it needs and passes on only those (a service that takes a
// LedgerRepo& cannot touch users). Every repository of one transaction
// shares its snapshot and its fate: nothing is written until commit().
//
// All methods report failures as values: `io` for engine errors, `conflict`
// for stale versions and unique-key clashes, `not_found` where a row to
// update does not exist. A stored value the program cannot read throws
// UnreadableValue (row_codec.h), never becomes a default.
class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back unless commit() succeeded

  // Makes every write of this transaction durable at once. After a failed
  // commit the transaction is rolled back. Either way the transaction is
  // over: its connection is free for the next begin() at once.
  virtual Result<void> commit() = 0;

  virtual RegionRepo& regions() = 0;
  virtual HouseholdRepo& households() = 0;
  virtual CensusRepo& census() = 0;
  virtual CampaignRepo& campaign() = 0;
  virtual ResultRepo& results() = 0;
  virtual FieldWorkRepo& field_work() = 0;
  virtual RecordRepo& records() = 0;
  virtual LedgerRepo& ledger() = 0;
  virtual AccountRepo& accounts() = 0;
  virtual AuditRepo& audit() = 0;
  virtual JobRepo& jobs() = 0;
  virtual ReadModelRepo& read_models() = 0;
  virtual BatchRepo& batch() = 0;
  virtual ClientWriteRepo& client_writes() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Starts a transaction; it sees one snapshot of the database for its life.
  // On SQLite a write transaction holds the database's write lock until it
  // ends (another writer waits up to a time-out, then gets `conflict`). On
  // PostgreSQL writers run side by side; a write to a row that another
  // transaction changed after this one began fails with `conflict`.
  // After any failed call other than a version check (`conflict` or
  // `not_found` from update_*), the transaction must be abandoned.
  virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
  // A read transaction that sees exactly what the transaction that shared
  // `snapshot` saw (BatchRepo::share_snapshot), even when others have
  // committed since: the parts of one batch run, read on threads of their
  // own, while that transaction stays open. On PostgreSQL a snapshot whose
  // transaction has ended fails with `io`, and a table lock the reader
  // cannot have within a short wait fails its statement with `conflict`
  // (Transient::lost_race): a batch run then reads that part itself
  // (service/ranged_read.h), an import fails with a message to try again.
  virtual Result<std::unique_ptr<Transaction>> begin_shared(const SharedSnapshot& snapshot) = 0;

  // "sqlite" or "postgresql".
  virtual std::string engine() const = 0;
  // True when a second write transaction can run while one is open (on
  // PostgreSQL; SQLite has one writer, and this process one connection):
  // only then can a long job report progress to the store as it goes.
  virtual bool concurrent_writes() const = 0;

  // The schema version after migrations were applied at open.
  virtual int schema_version() const = 0;

  // Connections to the database: kept for the next transaction, and in one
  // now (for `anju serve --metrics`). SQLite has one file and no pool.
  struct PoolUse {
    long idle = 0;
    long leased = 0;
  };
  virtual PoolUse pool_use() const { return {}; }

  // Writes a consistent copy of the whole database to `file` while others
  // keep working (SQLite: the online backup API; PostgreSQL: pg_dump's
  // custom format). The file appears only when complete.
  virtual Result<void> backup(const std::string& file) = 0;
  // Replaces the whole database with a backup of the same engine, in one
  // step, then applies the migrations the backup is missing.
  virtual Result<void> restore(const std::string& file) = 0;
};

// Opens the store named by `url`: "sqlite:PATH", a plain path (SQLite), or
// "postgresql://..." . Applies pending migrations. Fails with `invalid` on an
// unknown scheme and `io` when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace anju
