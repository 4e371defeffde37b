#pragma once
// A gtest fixture for tests that run on both engines: a fresh TestDb on the
// run's engine (skipped when it is unavailable), an open Store, and the
// region chain of 来凤村 (500229108201) up to 重庆市 already loaded.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.h"
#include "support/test_db.h"

namespace anju::testing {

inline const WriteStamp kTestStamp{"test", "2026-11-28T10:00:00Z"};

// A household of 来凤村 (500229108201) with every optional field set.
inline Household sample_household(const std::string& id, const std::string& head_id) {
  Household h;
  h.household_id = id;
  h.head_name = "张三";
  h.head_id_number = head_id;
  h.members = 3;
  h.region_code = "500229108201";
  h.category = Category::monitored;
  h.monitor_type = MonitorType::marginal;
  h.housing = Housing::relatives;
  h.lon = 108.6;
  h.lat = 31.8;
  h.extras = {{"备注", "低保"}, {"组", "3"}};
  return h;
}

// Inserts the region unless the store has it already (a failed insert
// would end the transaction on PostgreSQL, so it looks first).
void add_region_once(Transaction& tx, const std::string& code, const std::string& name);

// A two-floor masonry house built in 2008 on a 0.001° square whose
// south-west corner is (x, y).
Building square_building(const std::string& parcel, const std::string& village, double x, double y);

class StoreTest : public ::testing::Test {
 protected:
  explicit StoreTest(std::string name) : name_(std::move(name)) {}
  // Opens the store, loads the region chain and what seed() adds in one
  // transaction, then runs prepare(); neither runs when the engine is not
  // available, prepare() not after a failed seed.
  void SetUp() override;
  void TearDown() override;
  // What a fixture writes before each test, in SetUp's transaction.
  virtual void seed(Transaction&) {}
  // What a fixture does through services once the seed is committed.
  virtual void prepare() {}
  // A transaction that the test expects to begin.
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::write);
  // Closes and opens the store again on the same database.
  void reopen();

  std::string name_;
  std::unique_ptr<TestDb> db_;
  std::unique_ptr<Store> store_;
};

}  // namespace anju::testing
