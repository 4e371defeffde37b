// The snapshot a batch run shares with the readers of its key ranges
// (BatchRepo::share_snapshot, Store::begin_shared; service/ranged_read.h),
// on both engines: ctest runs them on SQLite and, prefixed "pg.", on
// PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

#include "store/store.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

using testing::kTestStamp;
using testing::sample_household;

class SnapshotSharing : public testing::StoreTest {
 protected:
  SnapshotSharing() : StoreTest("shared_snapshot") {}

  void seed(Transaction& tx) override {
    ASSERT_TRUE(tx.households().insert_household(sample_household("H1", "11010519491231002X"), kTestStamp));
  }

  static bool holds(Transaction& tx, const std::string& id) {
    auto found = tx.households().find_household(id);
    EXPECT_TRUE(found) << found.error().message;
    return found && *found;
  }
};

// A reader begun on the run's snapshot sees what the run saw, not what
// another writer committed after the run began (PostgreSQL lets that writer
// in; on SQLite the run's write lock keeps it out).
TEST_F(SnapshotSharing, AReaderSeesWhatTheSharingRunSawAndNothingCommittedSince) {
  auto run = begin();
  ASSERT_TRUE(holds(*run, "H1"));
  auto shared = run->batch().share_snapshot();
  ASSERT_TRUE(shared) << shared.error().message;
  if (store_->concurrent_writes()) {
    auto other = begin();
    ASSERT_TRUE(other->households().insert_household(sample_household("H2", "110105194912310038"), kTestStamp));
    ASSERT_TRUE(other->commit());
    auto fresh = begin(TxMode::read);
    EXPECT_TRUE(holds(*fresh, "H2"));  // committed: a new transaction sees it
  }
  for (int reader = 0; reader < 2; ++reader) {
    auto r = store_->begin_shared(*shared);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(holds(**r, "H1"));
    EXPECT_FALSE(holds(**r, "H2"));
    auto bounds = (*r)->batch().key_bounds(KeyedTable::households, 1);
    ASSERT_TRUE(bounds);
    EXPECT_EQ(*bounds, (std::vector<std::string>{"", "H1"}));
  }
  ASSERT_TRUE(run->commit());
}

// A snapshot lives as long as the transaction that shared it: on
// PostgreSQL a reader asking for it afterwards gets an error, never a newer
// view of the data. SQLite's has no name: the caller keeps the run open.
TEST_F(SnapshotSharing, ASnapshotOfAnEndedRunIsRefused) {
  auto run = begin();
  auto shared = run->batch().share_snapshot();
  ASSERT_TRUE(shared) << shared.error().message;
  if (!store_->concurrent_writes()) {
    EXPECT_TRUE(shared->id.empty());  // SQLite: the write lock is the snapshot
    return;
  }
  EXPECT_FALSE(shared->id.empty());
  ASSERT_TRUE(run->commit());
  auto late = store_->begin_shared(*shared);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::io);
  auto forged = store_->begin_shared(SharedSnapshot{"1'; DROP TABLE households; --"});
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, ErrorCode::invalid);
  // Both connections went back to the pool, fit for the next transaction.
  EXPECT_EQ(store_->pool_use().leased, 0);
  auto next = begin(TxMode::read);
  EXPECT_TRUE(holds(*next, "H1"));
}

// A schema change that waits for the run (here a bulk load dropping the
// households' indexes) queues a reader's lock behind it, while the run
// waits for its readers: a wait the server sees no end of. The reader
// gives up instead, as a lost race, and the run reads that part itself
// (service/ranged_read.h).
TEST_F(SnapshotSharing, AReaderQueuedBehindASchemaChangeGivesUpInsteadOfWaitingForever) {
  if (store_->engine() != "postgresql") GTEST_SKIP() << "one writer at a time on this engine";
  auto run = begin();
  ASSERT_TRUE(holds(*run, "H1"));  // the run holds its read lock on households
  auto shared = run->batch().share_snapshot();
  ASSERT_TRUE(shared) << shared.error().message;
  auto change = std::async(std::launch::async, [&] {
    auto tx = store_->begin(TxMode::write);
    if (!tx) return false;
    return bool((*tx)->batch().begin_bulk_load(BulkTable::households, BatchRepo::Indexes::rebuild));
  });  // rolled back at its end
  // However the test ends, the run ends first, and the change after it.
  struct EndRun {
    std::unique_ptr<Transaction>& run;
    ~EndRun() { run.reset(); }
  } end_run{run};
  ASSERT_EQ(change.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);  // it waits for the run
  // Until the change's request stands in the lock queue a reader is let
  // through: ask again until one is held up (each reader's lock goes with it).
  std::optional<Error> refused;
  for (int attempt = 0; attempt < 20 && !refused; ++attempt) {
    auto reader = store_->begin_shared(*shared);
    ASSERT_TRUE(reader) << reader.error().message;
    auto lookup = std::async(std::launch::async, [&] { return (*reader)->households().find_household("H1"); });
    if (lookup.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
      run.reset();  // the change goes ahead, then the reader
      FAIL() << "a shared reader waited past its lock timeout";
    }
    auto found = lookup.get();
    if (!found) refused = found.error();
    else std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(refused) << "no reader was ever held up";
  EXPECT_EQ(refused->transient, Transient::lost_race);
  EXPECT_TRUE(holds(*run, "H1"));  // the run itself reads on
  run.reset();  // the run ends: the schema change goes ahead
  EXPECT_TRUE(change.get());
}

// What an import asks before its look-ups read ahead on a second thread:
// on PostgreSQL a bulk load that dropped its table's indexes holds the
// table locked until the transaction ends, and a reader of it would wait.
TEST_F(SnapshotSharing, ABulkLoadThatDroppedIndexesSaysItLocksItsTable) {
  const bool locks = store_->engine() == "postgresql";
  auto tx = begin();
  EXPECT_FALSE(tx->batch().bulk_load_locks_table());
  ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::evidence, BatchRepo::Indexes::keep));
  EXPECT_FALSE(tx->batch().bulk_load_locks_table());
  ASSERT_TRUE(tx->batch().end_bulk_load());
  ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::evidence, BatchRepo::Indexes::rebuild));
  EXPECT_EQ(tx->batch().bulk_load_locks_table(), locks);
  ASSERT_TRUE(tx->batch().end_bulk_load());
  EXPECT_EQ(tx->batch().bulk_load_locks_table(), locks);  // the indexes are back, the lock stays
  ASSERT_TRUE(tx->commit());
  EXPECT_FALSE(begin()->batch().bulk_load_locks_table());
}

}  // namespace
}  // namespace anju
