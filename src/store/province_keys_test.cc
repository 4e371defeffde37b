// The province (PostgreSQL's partition key of households) stored beside the
// household key in matches, judgments, field tasks and ledger entries, on
// both engines: every join to households names both columns, so a household
// moved to another province must take them along, and a row that came
// without its household's region is refused rather than stored under a
// guessed province.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const WriteStamp kStamp = testing::kTestStamp;

using testing::sample_household;

// H1 in 来凤村 (500229108201, province 50), its match stored.
class ProvinceKeys : public testing::StoreTest {
 protected:
  ProvinceKeys() : StoreTest("province_keys") {}

  void seed(Transaction& tx) override {
    ASSERT_TRUE(tx.households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    MatchResult m{"H1", MatchOutcome::unmatched, "", {}, false, false, "500229108201"};
    ASSERT_TRUE(tx.results().replace_matches(RunRecord{"match", kStamp.at, "test"}, kWholeCountry, {m}));
  }

  // A village of Beijing (province 11): 110105001001.
  static void add_beijing_village(Transaction& tx) {
    for (const char* code : {"110000000000", "110100000000", "110105000000", "110105001000", "110105001001"})
      ASSERT_TRUE(tx.regions().insert_region(Region{code, "区划"}, kStamp));
  }

  // H1 moved to 110105001001.
  static void move_h1(Transaction& tx) {
    auto h1 = tx.households().find_household("H1");
    ASSERT_TRUE(h1 && *h1);
    Household moved = (*h1)->value;
    moved.region_code = "110105001001";
    ASSERT_TRUE(tx.households().update_household(moved, (*h1)->version, kStamp));
  }
};

// Matches and judgments carry their household's province (PostgreSQL's
// partition key) and the list joins on it: a household moved to another
// province takes its results along.
TEST_F(ProvinceKeys, AHouseholdMovedToAnotherProvinceKeepsItsResultsOnTheList) {
  {
    auto tx = begin();
    add_beijing_village(*tx);
    JudgmentRow j{"H1", JudgeResult::unsafe, {}, std::nullopt, std::nullopt, "", std::nullopt, "500229108201"};
    ASSERT_TRUE(tx->results().replace_judgment(j));
    move_h1(*tx);
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin(TxMode::read);
  HouseholdFilter f;
  f.region_code = "110105001001";
  auto page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].household.household_id, "H1");
  EXPECT_EQ(page->items[0].match_outcome, MatchOutcome::unmatched);
  EXPECT_EQ(page->items[0].result, JudgeResult::unsafe);
  // Walked from the judgments (the filter narrows by result): each finds
  // its household in the province it names.
  f.region_code = std::string(kWholeCountry);
  f.result = "unsafe";
  page = tx->read_models().list_households(f);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].household.region_code, "110105001001");
  EXPECT_EQ(page->items[0].match_outcome, MatchOutcome::unmatched);
}

// A result that came without its household's region is refused before
// anything is written, never stored under a guessed province.
TEST_F(ProvinceKeys, AResultWithoutItsHouseholdsRegionIsRefused) {
  auto tx = begin();
  JudgmentRow j{"H1", JudgeResult::unsafe, {}, std::nullopt, std::nullopt, "", std::nullopt, ""};
  auto one = tx->results().replace_judgment(j);
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().code, ErrorCode::internal);
  auto many = tx->results().replace_judgments(RunRecord{"judge", kStamp.at, "test"}, kWholeCountry, {j});
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, ErrorCode::internal);
  auto matched = tx->results().store_match(MatchResult{"H1", MatchOutcome::unmatched, "", {}, false, false, ""});
  ASSERT_FALSE(matched);
  EXPECT_EQ(matched.error().code, ErrorCode::internal);
  auto judged = tx->results().find_judgment("H1");
  ASSERT_TRUE(judged);
  EXPECT_FALSE(*judged);
}

// Field tasks and ledger entries go with their household to another
// province: the task stays in the village it was opened in and still shows
// its household; where the household lives now, its active task and open
// entry are found and listed.
TEST_F(ProvinceKeys, AHouseholdMovedToAnotherProvinceKeepsItsTaskAndLedgerEntry) {
  {
    auto tx = begin();
    add_beijing_village(*tx);
    FieldTask t;
    t.household_id = "H1";
    t.region_code = "500229108201";
    ASSERT_TRUE(tx->field_work().insert_task(t, kStamp));
    LedgerSync sync;
    sync.open.push_back(LedgerOpen{"H1", Grade::C, EvidenceSource::census, "E1", "500229108201"});
    ASSERT_TRUE(tx->ledger().apply_ledger_sync(sync, Date{2026, 11, 28}, kStamp));
    move_h1(*tx);
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin(TxMode::read);
  TaskFilter tasks;
  const CodeRange opened_in = region_range("500229108201");
  tasks.region_lo = opened_in.lo;
  tasks.region_hi = opened_in.hi;
  auto page = tx->field_work().list_tasks(tasks);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].head_name, "张三");
  auto active = tx->field_work().active_tasks_in("110105001001");
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].household_id, "H1");
  auto open = tx->ledger().open_ledger_entries_in("110105001001");
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  for (std::string_view region : {std::string_view("110105001001"), kWholeCountry}) {
    LedgerFilter f;
    const CodeRange range = region_range(region);
    f.region_lo = range.lo;
    f.region_hi = range.hi;
    auto ledger = tx->ledger().list_ledger(f);
    ASSERT_TRUE(ledger) << region;
    EXPECT_EQ(ledger->total, 1) << region;
    ASSERT_EQ(ledger->items.size(), 1u) << region;
    EXPECT_EQ(ledger->items[0].household.region_code, "110105001001");
  }
  // Nothing is left where the household lived, and the stored keys moved.
  auto left = tx->ledger().open_ledger_entries_in("500229108201");
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
  EXPECT_EQ(db_->query("SELECT province FROM field_tasks UNION ALL SELECT province FROM ledger_entries"),
            nlohmann::json::parse(R"([["11"], ["11"]])"));
}

// A task or a ledger entry that came without its household's region is
// refused before anything is written.
TEST_F(ProvinceKeys, ATaskOrLedgerEntryWithoutItsHouseholdsRegionIsRefused) {
  auto tx = begin();
  FieldTask t;
  t.household_id = "H1";
  auto one = tx->field_work().insert_task(t, kStamp);
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().code, ErrorCode::internal);
  auto many = tx->field_work().insert_tasks({t}, kStamp);
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, ErrorCode::internal);
  LedgerSync sync;
  sync.open.push_back(LedgerOpen{"H1", Grade::D, EvidenceSource::census, "E1", ""});
  auto opened = tx->ledger().apply_ledger_sync(sync, Date{2026, 11, 28}, kStamp);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::internal);
  auto tasks = tx->field_work().active_tasks_of({"H1"});
  ASSERT_TRUE(tasks);
  EXPECT_TRUE(tasks->empty());
  auto entries = tx->ledger().open_ledger_entries("H1");
  ASSERT_TRUE(entries);
  EXPECT_TRUE(entries->empty());
}

}  // namespace
}  // namespace anju
