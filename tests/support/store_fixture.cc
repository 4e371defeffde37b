#include "support/store_fixture.h"

namespace anju::testing {

void StoreTest::SetUp() {
  if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
  db_ = std::make_unique<TestDb>(name_);
  reopen();
  auto tx = begin();
  ASSERT_TRUE(tx);
  for (const char* code : {"500000000000", "500200000000", "500229000000", "500229108000", "500229108201"})
    ASSERT_TRUE(tx->regions().insert_region(Region{code, "区划"}, kTestStamp));
  ASSERT_TRUE(tx->commit());
}

void StoreTest::TearDown() {
  store_.reset();
  db_.reset();
}

std::unique_ptr<Transaction> StoreTest::begin(TxMode mode) {
  auto tx = store_->begin(mode);
  EXPECT_TRUE(tx) << tx.error().message;
  return tx ? std::move(*tx) : nullptr;
}

void StoreTest::reopen() {
  store_.reset();
  auto s = open_store(db_->url());
  ASSERT_TRUE(s) << s.error().message;
  store_ = std::move(*s);
}

}  // namespace anju::testing
