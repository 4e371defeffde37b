#include "support/store_fixture.h"

#include "core/geometry.h"

namespace anju::testing {

void add_region_once(Transaction& tx, const std::string& code, const std::string& name) {
  auto found = tx.regions().find_region(code);
  ASSERT_TRUE(found) << found.error().message;
  if (!*found) {
    ASSERT_TRUE(tx.regions().insert_region(Region{code, name}, kTestStamp));
  }
}

Building square_building(const std::string& parcel, const std::string& village, double x, double y) {
  Building b;
  b.parcel_id = parcel;
  b.region_code = village;
  b.floors = 2;
  b.built = BuiltYears{2008, 2008, "2008"};
  b.structure = Structure::masonry;
  Polygon square;
  square.outer() = {{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y + 0.001}, {x, y}};
  b.wkb = to_wkb(MultiPolygon{square});
  b.bbox = BBox{x, y, x + 0.001, y + 0.001};
  return b;
}

void StoreTest::SetUp() {
  if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
  db_ = std::make_unique<TestDb>(name_);
  reopen();
  auto tx = begin();
  ASSERT_TRUE(tx);
  for (const char* code : {"500000000000", "500200000000", "500229000000", "500229108000", "500229108201"})
    ASSERT_TRUE(tx->regions().insert_region(Region{code, "区划"}, kTestStamp));
  seed(*tx);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(tx->commit());
  prepare();
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
