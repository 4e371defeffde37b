// The snapshot a batch run shares with the readers of its key ranges
// (BatchRepo::share_snapshot, Store::begin_shared; service/ranged_read.h),
// on both engines: ctest runs them on SQLite and, prefixed "pg.", on
// PostgreSQL.
#include <gtest/gtest.h>

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

// A snapshot lives as long as the transaction that shared it: a reader
// asking for it afterwards gets an error, never a newer view of the data.
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
  // The pool's connections are fit for the next transaction.
  auto next = begin(TxMode::read);
  EXPECT_TRUE(holds(*next, "H1"));
}

}  // namespace
}  // namespace anju
