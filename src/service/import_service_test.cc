#include "service/import_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "core/id_number.h"
#include "service/census_service.h"
#include "support/test_db.h"

namespace anju {
namespace {

namespace fs = std::filesystem;

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

std::string id(const std::string& first17) { return first17 + id_check_char(first17); }

const char* kRegions =
    "区划代码,名称\n"
    "500229108201,来凤村\n"  // child before its parents: allowed
    "500000000000,重庆市\n"
    "500200000000,县\n"
    "500229000000,城口县\n"
    "500229108000,高燕镇\n"
    "500229108202,青山村\n";

const std::string kHeader = "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型,监测对象类别\n";

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = testing::engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
    dir_ = fs::temp_directory_path() / ("anju_import_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<testing::TestDb>("import");
    auto s = open_store(db_->url());
    ASSERT_TRUE(s);
    store_ = std::move(*s);
    auto r = import_regions(*store_, write("regions.csv", kRegions), {}, kClock);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->inserted, 6);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  std::string write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  ImportReport import(const std::string& content, InvalidRows invalid_rows = InvalidRows::skip) {
    ImportOptions o;
    o.invalid_rows = invalid_rows;
    auto r = import_households(*store_, write("households.csv", content), o, kClock);
    EXPECT_TRUE(r) << r.error().message;
    return r.ok() ? *r : ImportReport{};
  }
  long count() { return *(*store_->begin(TxMode::read))->households().count_households(); }
  std::optional<Stored<Household>> find(const std::string& hid) {
    return *(*store_->begin(TxMode::read))->households().find_household(hid);
  }
  std::vector<std::pair<long, std::string>> error_cells(const ImportReport& r) {
    std::vector<std::pair<long, std::string>> out;
    for (const auto& e : r.errors) out.emplace_back(e.row, e.column);
    return out;
  }

  fs::path dir_;
  std::unique_ptr<testing::TestDb> db_;
  std::unique_ptr<Store> store_;
};

TEST_F(ImportServiceTest, ValidRowsApplyInvalidOnesAreReported) {
  const std::string csv = kHeader +
      "H1,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,\n" +
      "H2,李四," + id("50022919800231123") + ",3,500229108201,脱贫户,\n" +   // 0231
      "H3,王五," + id("50022919750505123") + ",3,500229108299,脱贫户,\n" +   // unknown village
      "H4,赵六," + id("50022919800101123") + ",2,500229108202,脱贫户,\n" +   // head of H1 again
      "H1,钱七," + id("50022919700707123") + ",2,500229108202,脱贫户,\n" +   // H1 again
      "H6,孙八," + id("50022919700708123") + ",1,500229108202,监测对象,\n";  // no 类别
  ImportReport r = import(csv);
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(r.rejected_rows, 5);
  using P = std::pair<long, std::string>;
  EXPECT_EQ(error_cells(r), (std::vector<P>{{3, "head_id_number"}, {4, "region_code"},
                                            {5, "head_id_number"}, {6, "household_id"},
                                            {7, "monitor_type"}}));
  EXPECT_EQ(count(), 1);
}

TEST_F(ImportServiceTest, StrictAppliesNothing) {
  const std::string csv = kHeader + "H1,张三," + id("50022919800101123") +
                          ",4,500229108201,脱贫户,\n" + "H2,李四,bad,3,500229108201,脱贫户,\n";
  ImportReport r = import(csv, InvalidRows::reject_file);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.error_count, 1);
  EXPECT_EQ(count(), 0);
}

TEST_F(ImportServiceTest, ReimportIsUnchangedAndChangesAreVersioned) {
  const std::string csv = kHeader + "H1,张三," + id("50022919800101123") +
                          ",4,500229108201,脱贫户,\n" + "H2,李四," + id("50022919800102123") +
                          ",3,500229108201,监测对象,边缘易致贫户\n";
  EXPECT_EQ(import(csv).inserted, 2);
  ImportReport again = import(csv);
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(again.inserted + again.updated, 0);
  EXPECT_EQ(find("H1")->version, 1);

  std::string changed = csv;
  changed.replace(changed.find(",4,"), 3, ",5,");
  ImportReport upd = import(changed);
  EXPECT_EQ(upd.updated, 1);
  EXPECT_EQ(upd.unchanged, 1);
  EXPECT_EQ(find("H1")->version, 2);
  EXPECT_EQ(find("H1")->value.members, 5);
}

TEST_F(ImportServiceTest, DuplicateHeadAgainstTheDatabase) {
  EXPECT_EQ(import(kHeader + "H1,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,\n")
                .inserted,
            1);
  ImportReport r =
      import(kHeader + "H9,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].column, "head_id_number");
  EXPECT_NE(r.errors[0].message.find("H1"), std::string::npos);
}

// Look-ups are made for a whole batch of rows before any is written; a head
// handed from one household to another earlier in the same file must still
// be free for the later row (a first batched version refused it).
TEST_F(ImportServiceTest, HeadPassedOnWithinOneFile) {
  const std::string x = id("50022919800101123"), y = id("50022919800102123");
  ASSERT_EQ(import(kHeader + "H1,张三," + x + ",4,500229108201,脱贫户,\n").inserted, 1);
  // H1's head changes from x to y; then the new household H2 is headed by x.
  ImportReport r = import(kHeader + "H1,李四," + y + ",4,500229108201,脱贫户,\n" + "H2,张三," + x +
                          ",2,500229108201,脱贫户,\n");
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].message;
  EXPECT_EQ(r.updated, 1);
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(find("H2")->value.head_id_number, x);
  // And the other way round, H4 takes y while H1 still has it: refused.
  ImportReport clash = import(kHeader + "H4,王五," + y + ",2,500229108201,脱贫户,\n");
  ASSERT_EQ(clash.errors.size(), 1u);
  EXPECT_NE(clash.errors[0].message.find("H1"), std::string::npos);
}

TEST_F(ImportServiceTest, MissingRequiredColumnsRejectTheFile) {
  ImportReport r = import("户编号,户主姓名\nH1,张三\n");
  EXPECT_FALSE(r.applied);
  ASSERT_GE(r.errors.size(), 4u);
  for (const auto& e : r.errors) EXPECT_EQ(e.row, 1);
  EXPECT_EQ(count(), 0);
}

TEST_F(ImportServiceTest, EnglishHeadersFullWidthAndExtras) {
  const std::string csv =
      "household_id,head_name,head_id_number,members,region_code,category,备注\n"
      "Ｈ１,张三,\xEF\xBC\x95" + id("50022919800101123").substr(1) +
      ",\xEF\xBC\x94,500229108201,脱贫户,五保\n";  // full-width Ｈ１, ５…, ４
  ImportReport r = import(csv);
  ASSERT_EQ(r.inserted, 1) << (r.errors.empty() ? "" : r.errors[0].message);
  auto h = find("H1");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->value.members, 4);
  ASSERT_EQ(h->value.extras.size(), 1u);
  EXPECT_EQ(h->value.extras[0].first, "备注");
}

TEST_F(ImportServiceTest, RegionParentsMustExist) {
  auto r = import_regions(*store_,
                          write("r2.csv", "code,name\n510101001001,某村\n500229108203,长田村\n"),
                          {}, kClock);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->inserted, 1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 2);
  EXPECT_EQ(r->errors[0].column, "code");
}

}  // namespace
}  // namespace anju

namespace anju {
namespace {

// A roster row whose standing changed (here: 死亡销户) is judged again by the
// re-import itself: nothing waits for the next run.
TEST_F(ImportServiceTest, AReimportedRowWhoseStandingChangedIsJudgedAgainAtOnce) {
  const std::string header = "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型,监测对象类别,户状态\n";
  const std::string row = "H1,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,,";
  import(header + row + "正常\n");
  ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", kClock));
  ASSERT_TRUE(run_judge(*store_, {}, "test", kClock));
  auto judged = [&] { return **(*store_->begin(TxMode::read))->results().find_judgment("H1"); };
  ASSERT_NE(judged().result, JudgeResult::excluded);

  ImportReport again = import(header + row + "死亡销户\n");
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(judged().result, JudgeResult::excluded);
  EXPECT_EQ(judged().reasons, std::vector<Reason>{Reason::deceased});
  bool said = false;
  for (const std::string& n : again.notes) said |= n.find("重新对应和初判") != std::string::npos;
  EXPECT_TRUE(said);
  auto run = run_judge(*store_, {}, "test", kClock);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->changed, 0);
  // A row that changes nothing a run derives from (the members) judges nothing.
  ImportReport members = import(header + "H1,张三," + id("50022919800101123") + ",5,500229108201,脱贫户,,死亡销户\n");
  EXPECT_EQ(members.updated, 1);
  for (const std::string& n : members.notes) EXPECT_EQ(n.find("重新对应和初判"), std::string::npos) << n;
}

// Every count the store keeps, of every region and dimension.
std::vector<std::tuple<std::string, std::string, std::string, long>> all_counts(Store& store) {
  std::vector<std::string> dimensions(kCountDimensions.begin(), kCountDimensions.end());
  auto rows = (*store.begin(TxMode::read))->read_models().region_counts("000000000000", "999999999999", dimensions);
  EXPECT_TRUE(rows);
  std::vector<std::tuple<std::string, std::string, std::string, long>> out;
  for (const RegionCount& c : *rows) out.emplace_back(c.region_code, c.dimension, c.key, c.n);
  std::sort(out.begin(), out.end());
  return out;
}

// What counting every household afresh gives.
void recount(Store& store) {
  auto tx = store.begin(TxMode::write);
  ASSERT_TRUE(tx);
  ASSERT_TRUE((*tx)->read_models().refresh_summary(std::string(kWholeCountry)));
  ASSERT_TRUE((*tx)->commit());
}

long cell(const std::vector<std::tuple<std::string, std::string, std::string, long>>& counts,
          const std::string& region, const std::string& dimension, const std::string& key) {
  for (const auto& [r, d, k, n] : counts)
    if (r == region && d == dimension && k == key) return n;
  return 0;
}

// A first import into the empty table hands on the counts of what it wrote
// (issue 27): they are what counting every household afresh gives, rows
// it rejected left out.
TEST_F(ImportServiceTest, AFirstImportCountsWhatItWroteAsARecountWould) {
  const std::string csv = kHeader +
      "H1,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,\n" +
      "H2,李四," + id("50022919800102123") + ",3,500229108201,监测对象,边缘易致贫户\n" +
      "H3,王五," + id("50022919800103123") + ",2,500229108202,监测对象,突发严重困难户\n" +
      "H4,赵六,bad,2,500229108202,脱贫户,\n";
  ImportReport r = import(csv);
  ASSERT_EQ(r.inserted, 3);
  const auto imported = all_counts(*store_);
  EXPECT_EQ(cell(imported, "500229108000", "households", ""), 3);
  EXPECT_EQ(cell(imported, "500229108201", "category", "monitored"), 1);
  EXPECT_EQ(cell(imported, "500229108202", "monitor_type", "sudden_hardship"), 1);
  EXPECT_EQ(cell(imported, std::string(kWholeCountry), "housing", "own_rural"), 3);
  recount(*store_);
  EXPECT_EQ(all_counts(*store_), imported);
}

// A result stored of a household not imported yet joins it when it comes:
// the first import then counts afresh, and the match is counted.
TEST_F(ImportServiceTest, AFirstImportOfHouseholdsAResultNamesCountsAfresh) {
  {
    auto tx = store_->begin(TxMode::write);
    ASSERT_TRUE(tx);
    const MatchResult m{"H1", MatchOutcome::unmatched, "", {}, false, false, "500229108201"};
    ASSERT_TRUE((*tx)->results().replace_matches(RunRecord{"match", "2026-11-28T09:00:00Z", "test"},
                                                 kWholeCountry, {m}));
    ASSERT_TRUE((*tx)->commit());
  }
  ASSERT_EQ(import(kHeader + "H1,张三," + id("50022919800101123") + ",4,500229108201,脱贫户,\n").inserted, 1);
  const auto imported = all_counts(*store_);
  EXPECT_EQ(cell(imported, "500229108201", "match_outcome", "unmatched"), 1);
  recount(*store_);
  EXPECT_EQ(all_counts(*store_), imported);
}

}  // namespace
}  // namespace anju
