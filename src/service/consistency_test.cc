// One truth (issue: region-scoped runs, item 5): on a generated town, a
// seeded random sequence of the actions that change what a household is
// matched to or judged by — a 选择图斑 and its clearing (town office), a
// relocation approved by the county, an appraisal imported for a building,
// building facts typed into the four-part record (village clerk), a run
// over one village — and after every step the stored matches,
// judgments, field tasks, ledger entries and counts are what a run from
// scratch over the same data gives, and the counts what counting every
// household afresh gives. On both engines.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "service/change_service.h"
#include "service/generated_store_testing.h"
#include "service/record_service.h"

namespace anju {
namespace {

using testing::Derived;
const Clock& kClock = testing::kGeneratedClock;
constexpr const char* kTown = "500229108000";
constexpr int kSteps = 200;  // "a few hundred": each followed by a run from scratch

User user(const char* name, Role role, const char* region) {
  User u;
  u.name = name;
  u.role = role;
  u.region_code = region;
  return u;
}

class ConsistencyTest : public testing::GeneratedStoreTest {
 protected:
  ConsistencyTest() : GeneratedStoreTest("consistency", 898, 11) {}

  void survey() override {
    const CodeRange town = region_range(kTown);
    auto tx = begin(TxMode::read);
    ASSERT_TRUE(tx->census().for_each_footprint_in(
        town.lo, town.hi, [&](Footprint&& f) { parcels_of_[f.region_code].push_back(f.parcel_id); }));
    for (const auto& [id, village] : village_) ids_.push_back(id);
    for (const auto& [village, parcels] : parcels_of_) villages_.push_back(village);
    ASSERT_GT(villages_.size(), 1u);
  }

  template <class T>
  const T& any(const std::vector<T>& from) {
    return from[rng_() % from.size()];
  }

  // One action on `h`; what it was, or "" when it did not apply.
  std::string act(int step, const std::string& h) {
    const User town = user("town", Role::town_office, kTown);
    switch (rng_() % 6) {
      case 0: {
        const auto& parcels = parcels_of_[village_.at(h)];
        if (parcels.empty()) return "";
        const std::string parcel = any(parcels);
        EXPECT_TRUE(set_manual_match(*store_, town, h, parcel, std::nullopt, kClock));
        return "选择图斑 " + h + " → " + parcel;
      }
      case 1: {
        if (!*begin(TxMode::read)->results().find_manual_match(h)) return "";
        EXPECT_TRUE(clear_manual_match(*store_, town, h, std::nullopt, kClock));
        return "取消选择 " + h;
      }
      case 2: {
        const std::string parcel = any(parcels_of_[any(villages_)]);
        const char grade = "ABCD"[rng_() % 4];
        const std::string path = ::testing::TempDir() + "anju_consistency_" + std::to_string(step) + ".csv";
        {
          std::ofstream out(path);
          out << "记录编号,图斑编号,户编号,评估日期,鉴定等级,安全隐患,评估方式,评估单位\n"
              << "C" << step << "," << parcel << ",,202" << 1 + rng_() % 4 << "-0" << 1 + rng_() % 9 << "-1"
              << rng_() % 9 << "," << grade << ",,专业机构鉴定,鉴定中心\n";
        }
        auto report = import_evidence(*store_, path, EvidenceSource::appraisal, ImportOptions{}, kClock);
        std::remove(path.c_str());
        EXPECT_TRUE(report && report->inserted == 1);
        return std::string("鉴定 ") + parcel + " " + grade;
      }
      case 3: {
        const std::string to = any(villages_);
        if (to == village_.at(h)) return "";
        auto stored = begin(TxMode::read)->households().find_household(h);
        if ((*stored)->value.status != HouseholdStatus::normal) return "";  // 已销户 or moved: refused
        ChangeInput in{h, ChangeKind::relocation, {{"region_code", to}, {"address", "新址1号"}}, "搬迁"};
        auto raised = raise_change(*store_, town, in, kClock);
        EXPECT_TRUE(raised) << raised.error().message;
        if (!raised) return "";
        const User county = user("county", Role::county_reviewer, "500229000000");
        EXPECT_TRUE(decide_change(*store_, county, raised->id, raised->version, ChangeAction::approve, "", kClock));
        read_villages();
        return "迁出 " + h + " → " + to;
      }
      case 4: {
        // A matched house's facts, or an unmatched household's own house
        // (a building of its own); an ambiguous one waits for 选择图斑.
        auto m = *begin(TxMode::read)->results().find_match(h);
        if (!m || (m->parcel_id.empty() && m->outcome != MatchOutcome::unmatched)) return "";
        const User clerk = user("clerk", Role::village_clerk, village_.at(h).c_str());
        auto seen = record_view(*store_, clerk, h, Disclosure{}, kClock);
        EXPECT_TRUE(seen) << seen.error().message;
        if (!seen) return "";
        // A year, or nothing (重要信息缺失), and a number of floors.
        const std::string built = rng_() % 4 ? std::to_string(1950 + rng_() % 75) : "";
        const std::string floors = std::to_string(1 + rng_() % 4);
        auto saved = save_record_fields(*store_, clerk, h, seen->version, {{"built", built}, {"floors", floors}}, kClock);
        EXPECT_TRUE(saved) << saved.error().message;
        return "四类信息 " + h + " 建造年代 " + built + " 层数 " + floors +
               (m->outcome == MatchOutcome::unmatched ? "（未对应：录入自有房屋）" : "");
      }
      default: {
        const std::string village = village_.at(h);
        EXPECT_TRUE(run_match(*store_, village, "town", kClock));
        JudgeOverrides o;
        o.region = village;
        EXPECT_TRUE(run_judge(*store_, o, "town", kClock));
        return "村级运行 " + village;
      }
    }
  }

  std::mt19937 rng_{20261206};
  std::map<std::string, std::vector<std::string>> parcels_of_;  // village → its buildings
  std::vector<std::string> ids_, villages_;
};

TEST_F(ConsistencyTest, AfterEveryActionTheStoreHoldsWhatARunFromScratchGives) {
  int done = 0;
  for (int step = 0; step < kSteps * 3 && done < kSteps; ++step) {
    const std::string what = act(step, any(ids_));
    if (what.empty()) continue;
    ++done;
    if (std::getenv("ANJU_CONSISTENCY_TRACE")) std::fprintf(stderr, "%d %s\n", step, what.c_str());
    ASSERT_FALSE(HasFailure()) << "step " << step << ": " << what;
    const Derived now = derived();
    ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "check", kClock));
    auto run = run_judge(*store_, {}, "check", kClock);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->changed, 0) << "step " << step << ": " << what;
    EXPECT_EQ(run->tasks_opened + run->tasks_closed, 0) << "step " << step << ": " << what;
    EXPECT_EQ(run->ledger_opened + run->ledger_closed, 0) << "step " << step << ": " << what;
    const Derived scratch = derived();
    using testing::differences;
    EXPECT_EQ(differences(now.matches, scratch.matches), "") << "step " << step << ": " << what;
    EXPECT_EQ(differences(now.judgments, scratch.judgments), "") << "step " << step << ": " << what;
    EXPECT_EQ(differences(now.tasks, scratch.tasks), "") << "step " << step << ": " << what;
    EXPECT_EQ(differences(now.ledger, scratch.ledger), "") << "step " << step << ": " << what;
    EXPECT_EQ(differences(now.counts, scratch.counts), "") << "step " << step << ": " << what;
    {  // the counts the runs handed on, against every household counted afresh
      auto tx = begin();
      ASSERT_TRUE(tx->read_models().refresh_summary(std::string(kWholeCountry)));
      ASSERT_TRUE(tx->commit());
    }
    EXPECT_EQ(differences(scratch.counts, derived().counts), "") << "step " << step << ": " << what;
    if (HasFailure()) return;  // the first divergence is the one to read
  }
  EXPECT_EQ(done, kSteps);
}

}  // namespace
}  // namespace anju
