// The PostgreSQL driver's round trips (pg_pipeline.cc): BEGIN sent with the
// first statement, ROLLBACK not waited for, a connection whose server
// session ended made anew. Run as "pg.PgRoundTrips.*"; skipped on SQLite.
#include <gtest/gtest.h>

#include "support/store_fixture.h"

namespace anju {
namespace {

const WriteStamp kStamp = testing::kTestStamp;

class PgRoundTrips : public testing::StoreTest {
 protected:
  PgRoundTrips() : StoreTest("pg_round_trips") {}
  void SetUp() override {
    if (testing::test_engine() != "postgresql") GTEST_SKIP() << "PostgreSQL's driver only";
    StoreTest::SetUp();
  }
  static User clerk(const std::string& name) {
    User u;
    u.name = name;
    u.display_name = "李四";
    u.region_code = "500229108201";
    u.password_hash = "$argon2id$v=19$x";
    return u;
  }
  // A clerk added in a transaction of its own.
  void add_clerk(const std::string& name) {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(clerk(name), kStamp));
    ASSERT_TRUE(tx->commit());
  }
  size_t user_count() {
    auto users = begin(TxMode::read)->accounts().list_users();
    EXPECT_TRUE(users);
    return users ? users->size() : 0;
  }
};

TEST_F(PgRoundTrips, AReadTransactionsEndIsNotWaitedForAndItsConnectionServesTheNext) {
  ASSERT_TRUE(begin(TxMode::read)->accounts().find_user("nobody"));  // ends with a ROLLBACK not waited for
  EXPECT_EQ(store_->pool_use().idle, 1);  // given back to the pool, not closed
  {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(clerk("a"), kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto found = begin(TxMode::read)->accounts().find_user("a");  // a snapshot taken after the commit
  ASSERT_TRUE(found && *found);
  EXPECT_EQ(store_->pool_use().idle, 1);
  EXPECT_EQ(store_->pool_use().leased, 0);
}

TEST_F(PgRoundTrips, ATransactionThatAskedNothingCommits) {
  auto tx = begin();
  EXPECT_TRUE(tx->commit());
  EXPECT_EQ(store_->pool_use().idle, 1);
}

TEST_F(PgRoundTrips, AFailedFirstStatementIsReportedAndLeavesTheConnectionUsable) {
  add_clerk("a");
  {
    auto tx = begin();  // BEGIN, PREPARE and INSERT in one round trip: the INSERT fails
    auto again = tx->accounts().insert_user(clerk("a"), kStamp);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
  }
  add_clerk("b");
  EXPECT_EQ(user_count(), 2u);
}

// A statement that failed in a transaction whose caller went on to commit:
// PostgreSQL answers COMMIT with ROLLBACK, and the commit reports that
// failure (a conflict, not a bare "rolled back").
TEST_F(PgRoundTrips, ACommitAfterAFailedStatementReportsThatFailure) {
  add_clerk("a");
  {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(clerk("b"), kStamp));
    auto again = tx->accounts().insert_user(clerk("a"), kStamp);
    ASSERT_FALSE(again);
    auto committed = tx->commit();
    ASSERT_FALSE(committed);
    EXPECT_EQ(committed.error().code, ErrorCode::conflict);
    EXPECT_EQ(committed.error().message, again.error().message);
  }
  // Nothing of it was saved, and the next transaction starts clean.
  add_clerk("c");
  EXPECT_EQ(user_count(), 2u);
}

// A failover, or an operator's pg_terminate_backend, ends the sessions of
// the pooled connections: the next transaction's first statement makes its
// connection anew and prepares its statements again, with no error.
TEST_F(PgRoundTrips, AConnectionWhoseServerSessionEndedIsMadeAnewByTheNextTransaction) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(clerk("a"), kStamp));  // prepared on this connection
    ASSERT_TRUE(tx->commit());
  }
  ASSERT_EQ(store_->pool_use().idle, 1);
  const auto ended = db_->query(
      "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE datname = current_database() AND pid <> pg_backend_pid()) t");
  ASSERT_EQ(ended, nlohmann::json::parse("[[1]]")) << ended.dump();
  for (TxMode mode : {TxMode::read, TxMode::write}) {
    auto tx = begin(mode);
    auto found = tx->accounts().find_user("a");
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_TRUE(*found);
  }
  auto tx = begin();
  ASSERT_TRUE(tx->accounts().insert_user(clerk("b"), kStamp));  // prepared again
  ASSERT_TRUE(tx->commit());
  EXPECT_EQ(store_->pool_use().idle, 1);
}

// The statement sent again on the new connection goes with its BEGIN: a
// transaction dropped without commit leaves nothing.
TEST_F(PgRoundTrips, TheTransactionBegunAgainOnANewConnectionIsStillOneTransaction) {
  ASSERT_TRUE(begin(TxMode::read)->accounts().find_user("nobody"));
  db_->query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
             " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(clerk("a"), kStamp));  // on a new connection
    ASSERT_TRUE(tx->accounts().insert_user(clerk("b"), kStamp));
  }  // not committed
  auto users = begin(TxMode::read)->accounts().list_users();
  ASSERT_TRUE(users) << users.error().message;
  EXPECT_TRUE(users->empty());
}

// Within a transaction the connection is not made anew: what it did
// before is gone with the session, so the failure is reported.
TEST_F(PgRoundTrips, ASessionLostMidTransactionIsAnErrorToAskAgain) {
  auto tx = begin();
  ASSERT_TRUE(tx->accounts().insert_user(clerk("a"), kStamp));
  db_->query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
             " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  auto more = tx->accounts().insert_user(clerk("b"), kStamp);
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().transient, Transient::store_away);
  tx.reset();
  EXPECT_EQ(store_->pool_use().idle, 0);  // closed, not pooled
  auto users = begin(TxMode::read)->accounts().list_users();
  ASSERT_TRUE(users) << users.error().message;
  EXPECT_TRUE(users->empty());
}

}  // namespace
}  // namespace anju
