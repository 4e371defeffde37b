// Contract tests of the Store interface, written against Store only: ctest
// runs them on SQLite and, prefixed "pg.", on PostgreSQL (support/test_db.h).
#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "store/row_codec.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const WriteStamp kStamp = testing::kTestStamp;

using testing::sample_household;

class StoreContract : public testing::StoreTest {
 protected:
  StoreContract() : StoreTest("store") {}
};

TEST_F(StoreContract, MigrationsAreApplied) { EXPECT_GE(store_->schema_version(), 1); }

TEST_F(StoreContract, HouseholdRoundTripsWithMetadata) {
  const Household h = sample_household("H1", "11010519491231002X");
  {
    auto tx = begin();
    ASSERT_TRUE(tx->households().insert_household(h, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin(TxMode::read);
  auto found = tx->households().find_household("H1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->value, h);
  EXPECT_EQ((*found)->version, 1);
  EXPECT_EQ((*found)->updated_by, "test");
  EXPECT_EQ((*found)->created_at, kStamp.at);
  auto owner = tx->households().household_with_head("11010519491231002X");
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->value_or(""), "H1");
  EXPECT_EQ(*tx->households().count_households(), 1);
}

// A clerk searches by any part of a name or an address (「志贵」 finds
// 王志贵); % and _ typed are themselves, not wildcards.
TEST_F(StoreContract, HouseholdSearchFindsAnyPartOfTheNameOrAddress) {
  {
    auto tx = begin();
    int n = 0;
    for (auto [name, address] : {std::pair{"王志贵", "高燕镇来凤村3组"}, std::pair{"志贵", ""},
                                 std::pair{"李百分", "100%新房"}, std::pair{"赵一", "1000号"}}) {
      Household h = sample_household("H" + std::to_string(++n), "11010519491231001" + std::to_string(n));
      h.head_name = name;
      h.address = address;
      ASSERT_TRUE(tx->households().insert_household(h, kStamp));
    }
    ASSERT_TRUE(tx->commit());
  }
  auto found = [&](const std::string& q) {
    HouseholdFilter f;
    f.region_code = std::string(kWholeCountry);
    f.search = q;
    std::vector<std::string> ids;
    auto page = begin(TxMode::read)->read_models().list_households(f);
    EXPECT_TRUE(page) << page.error().message;
    for (const HouseholdListRow& r : page->items) ids.push_back(r.household.household_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(found("志贵"), (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(found("来凤"), (std::vector<std::string>{"H1"}));
  EXPECT_EQ(found("100%"), (std::vector<std::string>{"H3"})) << "% is a percent sign, not a wildcard";
  EXPECT_EQ(found("H4"), (std::vector<std::string>{"H4"}));
}

// The judge reads its input in household ranges (two threads on SQLite):
// the bounds must cover every household once, in order, whatever the count.
TEST_F(StoreContract, HouseholdRangesCoverEveryHouseholdOnceInOrder) {
  {
    auto tx = begin(TxMode::read);
    auto none = tx->batch().key_bounds(KeyedTable::households, 2);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
  }
  std::vector<std::string> ids;
  {
    auto tx = begin();
    for (int i = 0; i < 7; ++i) {
      ids.push_back("H" + std::to_string(100 + i * 7 % 10));  // inserted out of order
      ASSERT_TRUE(tx->households().insert_household(
          sample_household(ids.back(), "11010519491231" + std::to_string(1000 + i)), kStamp));
    }
    ASSERT_TRUE(tx->commit());
  }
  std::sort(ids.begin(), ids.end());
  auto tx = begin(TxMode::read);
  for (int parts : {1, 2, 3, 7, 20}) {
    auto bounds = tx->batch().key_bounds(KeyedTable::households, parts);
    ASSERT_TRUE(bounds);
    ASSERT_GE(bounds->size(), 2u);
    EXPECT_LE(bounds->size(), static_cast<size_t>(std::min(parts, 7) + 1)) << parts;
    EXPECT_EQ(bounds->front(), "");
    EXPECT_EQ(bounds->back(), ids.back());
    std::vector<std::string> seen;
    for (size_t k = 0; k + 1 < bounds->size(); ++k)
      ASSERT_TRUE(tx->results().for_each_judge_input(
          Date{2024, 10, 13}, (*bounds)[k], (*bounds)[k + 1], kWholeCountry,
          [&](JudgeInput&& in) { seen.push_back(in.household.household_id); }));
    EXPECT_EQ(seen, ids) << parts << " parts";
    if (parts == 2) {
      EXPECT_EQ(bounds->size(), 3u);
    }
  }
}

// A campaign's first judgment opens its tasks as a bulk load into an empty
// table, the indexes built at the end: the rule of one active task a
// household must hold afterwards.
TEST_F(StoreContract, BulkOpenedTasksKeepOneActiveTaskPerHousehold) {
  std::vector<FieldTask> tasks;
  for (int i = 0; i < 1200; ++i) {
    FieldTask t;
    t.household_id = "H" + std::to_string(10000 + i);
    t.region_code = "500229108201";
    tasks.push_back(t);
  }
  {
    auto tx = begin();
    ASSERT_TRUE(tx->field_work().insert_tasks(tasks, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin();
  auto active = tx->field_work().active_tasks_in(kWholeCountry);
  ASSERT_TRUE(active);
  EXPECT_EQ(active->size(), 1200u);
  auto again = tx->field_work().insert_task(tasks[7], kStamp);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

// What a first roster import asks before it hands its counts on: a match
// alone or a judgment alone is a stored result.
TEST_F(StoreContract, AMatchOrAJudgmentAloneIsAStoredResult) {
  {
    auto tx = begin(TxMode::read);
    auto held = tx->results().holds_results();
    ASSERT_TRUE(held) << held.error().message;
    EXPECT_FALSE(*held);
  }
  {
    auto tx = begin();  // not committed
    ASSERT_TRUE(tx->results().replace_judgment(JudgmentRow{"H1", JudgeResult::verify, {Reason::no_assessment},
                                                           std::nullopt, std::nullopt, "", std::nullopt,
                                                           "500229108201"}));
    EXPECT_TRUE(*tx->results().holds_results());
  }
  {
    auto tx = begin();
    EXPECT_FALSE(*tx->results().holds_results());
    ASSERT_TRUE(tx->results().store_match(
        MatchResult{"H1", MatchOutcome::unmatched, "", {}, false, false, "500229108201"}));
    EXPECT_TRUE(*tx->results().holds_results());
  }
}

TEST_F(StoreContract, StaleVersionIsAConflictAndChangesNothing) {
  Household h = sample_household("H1", "11010519491231002X");
  {
    auto tx = begin();
    ASSERT_TRUE(tx->households().insert_household(h, kStamp));
    h.members = 4;
    ASSERT_TRUE(tx->households().update_household(h, 1, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin();
  h.members = 9;
  auto r = tx->households().update_household(h, 1, kStamp);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  auto found = tx->households().find_household("H1");
  EXPECT_EQ((*found)->value.members, 4);
  EXPECT_EQ((*found)->version, 2);
  h.household_id = "nobody";
  EXPECT_EQ(tx->households().update_household(h, 1, kStamp).error().code, ErrorCode::not_found);
}

TEST_F(StoreContract, UncommittedTransactionLeavesNothing) {
  {
    auto tx = begin();
    ASSERT_TRUE(
        tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
  }  // destroyed without commit
  auto tx = begin(TxMode::read);
  EXPECT_EQ(*tx->households().count_households(), 0);
}

TEST_F(StoreContract, HeadIdIsUniqueAndRegionMustExist) {
  auto tx = begin();
  ASSERT_TRUE(
      tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
  auto dup =
      tx->households().insert_household(sample_household("H2", "11010519491231002X"), kStamp);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  Household stray = sample_household("H3", "110105194912310037");
  stray.region_code = "500229108299";
  EXPECT_FALSE(tx->households().insert_household(stray, kStamp));
}

TEST_F(StoreContract, RegionsAreListedInCodeOrder) {
  auto tx = begin(TxMode::read);
  auto regions = tx->regions().list_regions();
  ASSERT_TRUE(regions);
  ASSERT_EQ(regions->size(), 5u);
  EXPECT_EQ(regions->front().code, "500000000000");
  EXPECT_EQ(regions->back().code, "500229108201");
}

TEST_F(StoreContract, ReopeningKeepsDataAndSchema) {
  {
    auto tx = begin();
    ASSERT_TRUE(
        tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    ASSERT_TRUE(tx->commit());
  }
  const int version = store_->schema_version();
  reopen();
  EXPECT_EQ(store_->schema_version(), version);
  EXPECT_EQ(*begin(TxMode::read)->households().count_households(), 1);
}

TEST_F(StoreContract, BulkLoadRebuildsIndexesAndTheirConstraints) {
  auto tx = begin();
  ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::households, BatchRepo::Indexes::rebuild));
  ASSERT_TRUE(
      tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
  ASSERT_TRUE(
      tx->households().insert_household(sample_household("H2", "11010519491231002X"), kStamp));
  auto end = tx->batch().end_bulk_load();  // the unique head-ID index cannot be rebuilt
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::conflict);
}

TEST_F(StoreContract, BulkLoadKeepsIndexesAndForeignKeysAfterwards) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::households, BatchRepo::Indexes::rebuild));
    ASSERT_TRUE(
        tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    ASSERT_TRUE(tx->batch().end_bulk_load());
    ASSERT_TRUE(tx->commit());
  }
  // The unique index is back: a second head with the same ID is refused.
  EXPECT_EQ(begin()
                ->households()
                .insert_household(sample_household("H2", "11010519491231002X"), kStamp)
                .error()
                .code,
            ErrorCode::conflict);
  // So is the region check.
  Household stray = sample_household("H3", "110105194912310037");
  stray.region_code = "500229108299";
  EXPECT_FALSE(begin()->households().insert_household(stray, kStamp));
  auto tx = begin(TxMode::read);
  auto owner = tx->households().household_with_head("11010519491231002X");
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->value_or(""), "H1");
}

// A look-up of many keys (more than one statement takes) finds exactly the
// stored ones, whatever their characters: on PostgreSQL the keys travel as
// one text array a statement.
TEST_F(StoreContract, ALookUpOfManyKeysFindsTheStoredOnesWhateverTheirText) {
  const std::vector<std::string> odd = {"H\"1", "H\\2", "H,{3}", " 来凤 4 "};
  {
    auto tx = begin();
    int n = 0;
    for (const std::string& id : odd)
      ASSERT_TRUE(tx->households().insert_household(
          sample_household(id, "5002291990010112" + std::to_string(30 + n++)), kStamp));
    ASSERT_TRUE(tx->commit());
  }
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("K" + std::to_string(i));
  keys.insert(keys.begin() + 300, odd[0]);
  keys.insert(keys.begin() + 4500, odd[1]);
  keys.push_back(odd[2]);
  keys.push_back(odd[3]);
  keys.push_back("");  // an empty key finds nothing
  auto found = begin(TxMode::read)->households().find_households(keys);
  ASSERT_TRUE(found) << found.error().message;
  std::vector<std::string> ids;
  for (const auto& h : *found) ids.push_back(h.value.household_id);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> want = odd;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ids, want);
}

// A region that is not there fails the bulk load (at the insert, or on
// PostgreSQL when its COPY batch is sent).
TEST_F(StoreContract, BulkLoadRefusesAHouseholdOfAMissingRegion) {
  auto tx = begin();
  ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::households, BatchRepo::Indexes::rebuild));
  ASSERT_TRUE(
      tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
  Household stray = sample_household("H2", "110105194912310037");
  stray.region_code = "500229108299";
  auto inserted = tx->households().insert_household(stray, kStamp);
  auto end = inserted ? tx->batch().end_bulk_load() : Result<void>(inserted.error());
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::conflict);
}

// A region whose parent is missing fails a bulk load of regions (on
// PostgreSQL the parent key, dropped for the load, checks every row when it
// is made again at its end; SQLite checks it at the commit), and the check
// is back for the regions written after it.
TEST_F(StoreContract, BulkLoadOfRegionsChecksEveryParent) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::regions, BatchRepo::Indexes::rebuild));
    ASSERT_TRUE(tx->regions().insert_region(Region{"500229104000", "另一镇"}, kStamp));
    ASSERT_TRUE(tx->regions().insert_region(Region{"500229999201", "无镇之村"}, kStamp));
    auto end = tx->batch().end_bulk_load();
    auto committed = end ? tx->commit() : end;
    EXPECT_FALSE(committed);
  }
  {
    auto tx = begin();
    ASSERT_TRUE(tx->batch().begin_bulk_load(BulkTable::regions, BatchRepo::Indexes::rebuild));
    ASSERT_TRUE(tx->regions().insert_region(Region{"500229104000", "另一镇"}, kStamp));
    ASSERT_TRUE(tx->batch().end_bulk_load());
    ASSERT_TRUE(tx->commit());
  }
  auto tx = begin();
  auto orphan = tx->regions().insert_region(Region{"500229999201", "无镇之村"}, kStamp);
  EXPECT_FALSE(orphan && tx->commit());
  auto read = begin(TxMode::read);
  EXPECT_TRUE(read->regions().find_region("500229104000").value());
  EXPECT_FALSE(read->regions().find_region("500229999201").value());
}

TEST_F(StoreContract, EvidenceUpdateTellsMissingFromStale) {
  Evidence e;
  e.source = EvidenceSource::census;
  e.evidence_id = "PC-1";
  e.parcel_id = "P1";
  e.assessed_on = {2021, 6, 15};
  e.grade = Grade::B;
  auto tx = begin();
  // Nothing stored yet: not_found (a first version said conflict).
  EXPECT_EQ(tx->census().update_evidence(e, 1, kStamp).error().code, ErrorCode::not_found);
  ASSERT_TRUE(tx->census().insert_evidence(e, kStamp));
  e.grade = Grade::C;
  ASSERT_TRUE(tx->census().update_evidence(e, 1, kStamp));
  EXPECT_EQ(tx->census().update_evidence(e, 1, kStamp).error().code, ErrorCode::conflict);
  auto stored = tx->census().find_evidence(EvidenceSource::census, "PC-1");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->value.grade, Grade::C);
  EXPECT_EQ((*stored)->version, 2);
}

// Optimistic locking under real concurrency: writers that all read version 1
// race to update the same household. SQLite serialises them, PostgreSQL runs
// them side by side; on both exactly one wins and every other one is told
// `conflict`, so no update is silently lost.
TEST_F(StoreContract, ConcurrentWritersOfOneVersionExactlyOneWins) {
  {
    auto tx = begin();
    ASSERT_TRUE(
        tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    ASSERT_TRUE(tx->commit());
  }
  constexpr int kWriters = 6;
  std::atomic<int> ready{0}, won{0}, conflicts{0}, other{0};
  std::atomic<int> winner{-1};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      Household h = sample_household("H1", "11010519491231002X");
      h.members = 10 + i;
      ++ready;
      while (ready < kWriters) std::this_thread::yield();
      auto tx = store_->begin(TxMode::write);
      if (!tx) return void(++other);
      auto updated = (*tx)->households().update_household(
          h, 1, WriteStamp{"w" + std::to_string(i), kStamp.at});
      auto done = updated ? (*tx)->commit() : Result<void>(updated.error());
      if (done) {
        ++won;
        winner = i;
      } else if (done.error().code == ErrorCode::conflict) {
        ++conflicts;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicts, kWriters - 1);
  EXPECT_EQ(other, 0);
  auto found = begin(TxMode::read)->households().find_household("H1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->version, 2);
  EXPECT_EQ((*found)->value.members, 10 + winner);
  EXPECT_EQ((*found)->updated_by, "w" + std::to_string(winner));
}

TEST_F(StoreContract, UsersRoundTripNamesAreUniqueUpdatesAreVersioned) {
  User u{"clerk", "李四", Role::village_clerk, "500229108201", "$argon2id$v=19$x", false, false, {}};
  {
    auto tx = begin();
    ASSERT_TRUE(tx->accounts().insert_user(u, kStamp));
    ASSERT_TRUE(tx->accounts().insert_user(
        User{"admin", "", Role::admin, "500229000000", "h", true, false, {}}, kStamp));
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_EQ(begin()->accounts().insert_user(u, kStamp).error().code, ErrorCode::conflict);
  auto tx = begin();
  auto found = tx->accounts().find_user("clerk");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->value, u);
  EXPECT_EQ((*found)->version, 1);
  u.disabled = true;
  ASSERT_TRUE(tx->accounts().update_user(u, 1, kStamp));
  EXPECT_EQ(tx->accounts().update_user(u, 1, kStamp).error().code, ErrorCode::conflict);
  u.name = "nobody";
  EXPECT_EQ(tx->accounts().update_user(u, 1, kStamp).error().code, ErrorCode::not_found);
  auto all = tx->accounts().list_users();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].value.name, "admin");
  EXPECT_TRUE((*all)[0].value.must_change_password);
  EXPECT_TRUE((*all)[1].value.disabled);
  EXPECT_EQ((*all)[1].version, 2);
}

// A committed transaction frees its connection at once, before the object
// goes: services chain the audit log right after their commit. (The first
// SQLite version held its lock until destruction, and that call hung.)
TEST_F(StoreContract, CommitFreesTheConnectionForTheNextTransaction) {
  auto first = begin();
  ASSERT_TRUE(
      first->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
  ASSERT_TRUE(first->commit());
  std::promise<bool> began;
  auto done = began.get_future();
  std::thread other([&, p = std::move(began)]() mutable {
    bool ok = false;
    {
      auto next = store_->begin(TxMode::write);
      ok = next.ok();
    }
    p.set_value(ok);
  });
  if (done.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "begin() after commit() waited for the committed transaction's object";
    std::quick_exit(1);  // the waiting thread can never finish
  }
  other.join();
  EXPECT_TRUE(done.get());
  first.reset();
}

// A stored value the program cannot read is an error, never a default: an
// unknown grade once read as A, the safe grade (store/row_codec.h).
TEST_F(StoreContract, UnreadableStoredValuesAreErrorsNeverDefaults) {
  long task_id = 0;
  {
    auto tx = begin();
    ASSERT_TRUE(
        tx->households().insert_household(sample_household("H1", "11010519491231002X"), kStamp));
    FieldTask task;
    task.household_id = "H1";
    task.region_code = "500229108201";
    auto id = tx->field_work().insert_task(task, kStamp);
    ASSERT_TRUE(id);
    task_id = *id;
    AppraisalRecord r;
    r.task_id = task_id;
    r.household_id = "H1";
    r.appraisal.parts = {{"地基基础", Grade::C, ""}};
    r.appraisal.appraised_on = *parse_date("2026-05-01");
    r.computed = r.grade = Grade::C;
    r.created_at = kStamp.at;
    r.created_by = "tester";
    auto appraisal = tx->field_work().insert_appraisal(r);
    ASSERT_TRUE(appraisal) << appraisal.error().message;
    ASSERT_TRUE(tx->results().replace_judgment(JudgmentRow{"H1",
                                                           JudgeResult::verify,
                                                           {Reason::no_assessment},
                                                           std::nullopt,
                                                           std::nullopt,
                                                           "",
                                                           std::nullopt,
                                                           "500229108201"}));
    ASSERT_TRUE(tx->commit());
  }
  auto readable = [&] {
    auto tx = begin(TxMode::read);
    EXPECT_TRUE(tx->field_work().appraisals_of(task_id));
    EXPECT_TRUE(tx->field_work().find_task(task_id));
    EXPECT_TRUE(tx->results().find_judgment("H1"));
  };
  readable();
  const char* damages[] = {
      "UPDATE appraisals SET computed_grade = 'Z'",
      "UPDATE appraisals SET grade = ''",
      "UPDATE appraisals SET parts = '[{\"part\":\"地基基础\",\"grade\":\"Q\"}]'",
      "UPDATE field_tasks SET status = 'opened'",
      "UPDATE field_tasks SET origin = 'sampled'",
      "UPDATE judgments SET reasons = '[\"no_assessment\",\"tired\"]'",
      "UPDATE judgments SET result = 'fine'",
      "UPDATE households SET extra = 'not json'",
  };
  for (const char* damage : damages) {
    store_.reset();  // SQLite: the test database's writer is this process's other connection
    ASSERT_EQ(db_->exec(damage), "") << damage;
    reopen();
    auto tx = begin(TxMode::read);
    EXPECT_THROW(
        {
          (void)tx->field_work().appraisals_of(task_id);
          (void)tx->field_work().find_task(task_id);
          (void)tx->results().find_judgment("H1");
          (void)tx->households().find_household("H1");
        },
        UnreadableValue)
        << damage;
    tx.reset();
    store_.reset();
    // Undo the damage for the next one.
    db_->exec("UPDATE appraisals SET computed_grade = 'C', grade = 'C',"
              " parts = '[{\"part\":\"地基基础\",\"grade\":\"C\",\"note\":\"\"}]'");
    db_->exec("UPDATE field_tasks SET status = 'open', origin = 'judgment'");
    db_->exec("UPDATE judgments SET reasons = '[\"no_assessment\"]', result = 'verify'");
    db_->exec("UPDATE households SET extra = '{\"备注\":\"低保\"}'");
    reopen();
    readable();
  }
}

TEST(OpenStore, RejectsUnknownSchemes) {
  EXPECT_EQ(open_store("postgresql://x@127.0.0.1:1/z").error().code, ErrorCode::io);
  EXPECT_EQ(open_store("sqlite:").error().code, ErrorCode::invalid);
  EXPECT_EQ(open_store("/nonexistent-dir/x/y.db").error().code, ErrorCode::io);
}

}  // namespace
}  // namespace anju
