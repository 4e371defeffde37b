#pragma once
// For the service tests that run over generated data, on both engines (not
// part of the library): a store filled from `anju gen`'s files through the
// imports, matched and judged; and what the runs derive, read back whole so
// that two states can be compared.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/access.h"
#include "core/clock.h"
#include "core/region_tally.h"
#include "gen/generator.h"
#include "service/census_service.h"
#include "service/import_service.h"
#include "support/store_fixture.h"

namespace anju::testing {

inline const FixedClock kGeneratedClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

// What the runs derive, keyed by household (counts by region|dimension|key).
struct Derived {
  std::map<std::string, std::string> matches, judgments, tasks, ledger;
  std::map<std::string, long> counts;
  bool operator==(const Derived&) const = default;
};

inline std::string join(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) out += p + "|";
  return out;
}

// The keys whose values differ between `a` and `b` ("" when none), as
// "key: a-value ≠ b-value" lines: what a failed comparison should show.
template <class V>
std::string differences(const std::map<std::string, V>& a, const std::map<std::string, V>& b) {
  std::string out;
  auto text = [](const std::map<std::string, V>& m, const std::string& k) {
    auto it = m.find(k);
    if (it == m.end()) return std::string("(none)");
    std::ostringstream s;
    s << it->second;
    return s.str();
  };
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  for (const std::string& k : keys)
    if (text(a, k) != text(b, k)) out += k + ": " + text(a, k) + " ≠ " + text(b, k) + "\n";
  return out;
}

class GeneratedStoreTest : public StoreTest {
 protected:
  GeneratedStoreTest(std::string name, long households, uint64_t seed)
      : StoreTest(std::move(name)), households_(households), seed_(seed) {}

  // Generates the data, imports it and runs match and judgment, then lets
  // the test's fixture read what it needs (survey()).
  void prepare() override {
    dir_ = std::filesystem::temp_directory_path() / ("anju_gen_" + std::to_string(::getpid()) + "_" + name_);
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(gen::generate({households_, seed_, dir_.string()}));
    const ImportOptions o;
    const Clock& clock = kGeneratedClock;
    const auto at = [&](const char* file) { return (dir_ / file).string(); };
    ASSERT_TRUE(import_regions(*store_, at("regions.csv"), o, clock));
    ASSERT_TRUE(import_households(*store_, at("households.csv"), o, clock));
    ASSERT_TRUE(import_buildings(*store_, at("buildings.geojson"), "EPSG:4490", o, clock));
    for (auto [file, source] : {std::pair{"evidence_census.csv", EvidenceSource::census},
                                {"evidence_selfbuilt.csv", EvidenceSource::selfbuilt},
                                {"evidence_monitoring.csv", EvidenceSource::monitoring},
                                {"evidence_appraisal.csv", EvidenceSource::appraisal}})
      ASSERT_TRUE(import_evidence(*store_, at(file), source, o, clock));
    ASSERT_TRUE(import_disasters(*store_, at("disasters.csv"), o, clock));
    ASSERT_TRUE(run_match(*store_, std::string(kWholeCountry), "test", clock));
    ASSERT_TRUE(run_judge(*store_, {}, "test", clock));
    read_villages();
    if (!HasFatalFailure()) survey();
  }
  virtual void survey() {}

  void TearDown() override {
    std::filesystem::remove_all(dir_);
    StoreTest::TearDown();
  }

  // household → village, as stored now.
  void read_villages() {
    village_.clear();
    auto tx = begin(TxMode::read);
    ASSERT_TRUE(tx->households().for_each_household_place(
        kWholeCountry, [&](HouseholdPlace&& h) { village_[h.household_id] = h.region_code; }));
  }

  Derived derived() {
    auto tx = begin(TxMode::read);
    Derived d;
    EXPECT_TRUE(tx->results().for_each_match([&](MatchResult&& m) {
      std::string candidates;
      for (const std::string& c : m.candidates) candidates += c + ",";
      d.matches[m.household_id] = join({match_outcome_key(m.outcome), m.parcel_id, candidates,
                                        m.shared ? "shared" : "", m.parcel_not_found ? "missing" : ""});
    }));
    for (const auto& [id, village] : village_) {
      auto j = tx->results().find_judgment(id);
      if (!*j) continue;
      std::string reasons;
      for (Reason r : (*j)->reasons) reasons += std::string(reason_key(r)) + ",";
      d.judgments[id] = join({judge_result_key((*j)->result), reasons, (*j)->grade ? enum_key(*(*j)->grade) : "",
                              (*j)->evidence_id});
    }
    auto tasks = tx->field_work().active_tasks_in(kWholeCountry);
    for (const ActiveTask& t : *tasks) d.tasks[t.household_id] = join({enum_key(t.origin), enum_key(t.status)});
    auto ledger = tx->ledger().open_ledger_entries_in(kWholeCountry);
    for (const OpenLedgerEntry& e : *ledger)
      d.ledger[e.household_id] = join({e.grade ? enum_key(*e.grade) : "", e.evidence_id});
    // Every dimension ("match" named none, so match outcomes went unchecked).
    auto counts = tx->read_models().region_counts("000000000000", "999999999999",
                                                  std::vector<std::string>(kCountDimensions.begin(),
                                                                           kCountDimensions.end()));
    for (const RegionCount& c : *counts) d.counts[join({c.region_code, c.dimension, c.key})] += c.n;
    return d;
  }

  long households_;
  uint64_t seed_;
  std::filesystem::path dir_;
  std::map<std::string, std::string> village_;  // household → village
};

}  // namespace anju::testing
