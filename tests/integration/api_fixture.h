#pragma once
// The API suites' shared world: a real `anju serve` on a loopback port over a
// generated town (Chongqing), one household and building in another province
// (Sichuan) and a user of every role, on the engine under test. Each suite
// derives its own fixture class from ApiFixture.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "integration/http_client.h"
#include "support/test_db.h"

namespace anju::testing {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPassword = "Matrix-Pass-2026";
constexpr const char* kSichuanHousehold = "5101040010010001";
constexpr const char* kSichuanParcel = "510104001001-00001-1";

// A 1×1 RGBA PNG: the smallest real image for upload tests.
inline std::string tiny_png() {
  static const unsigned char bytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
      0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D,
      0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

struct RoleUser {
  const char* name;
  const char* role;
  const char* region;
};
constexpr RoleUser kUsers[] = {
    {"admin", "admin", "000000000000"},          {"city", "city_reviewer", "500200000000"},
    {"county", "county_reviewer", "500229000000"}, {"town", "town_office", "500229108000"},
    {"leader", "town_leader", "500229108000"},   {"clerk200", "village_clerk", "500229108200"},
    {"worker200", "field_worker", "500229108200"}, {"clerk204", "village_clerk", "500229108204"},
    {"worker200b", "field_worker", "500229108200"},
    {"sc_clerk", "village_clerk", "510104001001"},
};

class ApiFixture : public ::testing::Test {
 protected:
  // A failure here must fail every test, not skip it (gtest skips a suite
  // whose set-up failed, and ctest counts a skip as no failure): the world
  // is built in build_world(), which throws, and SetUp() reports why.
  static void SetUpTestSuite() {
    if (!engine_unavailable().empty()) return;
    try {
      build_world();
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void need(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error("API fixture: " + what);
  }
  static fs::path server_tmp() { return work_ / "server-tmp"; }
  static std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
  static void build_world() {
    work_ = fs::temp_directory_path() / ("anju_api_" + std::to_string(::getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    db_ = new TestDb("api");
    const std::string cwd = work_.string();
    auto anju = [&](std::vector<std::string> args) {
      args.insert(args.begin(), {"--db", db_->url()});
      auto r = run_anju(args, cwd);
      need(r.exit_code == 0, args[2] + ": " + r.out + r.err);
    };
    need(run_anju({"gen", "--households", "150", "--seed", "5", "--out", "data"}, cwd).exit_code == 0, "anju gen");
    std::ofstream(work_ / "sichuan_regions.csv") << "区划代码,名称\n510000000000,四川省\n510100000000,成都市\n"
                                                    "510104000000,锦江区\n510104001000,春熙路街道\n"
                                                    "510104001001,示例社区\n";
    std::ofstream(work_ / "sichuan_households.csv")
        << "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型,图斑编号\n"
        << kSichuanHousehold << ",蜀中人,51010419700101001X,3,510104001001,脱贫户," << kSichuanParcel << "\n";
    std::ofstream(work_ / "sichuan_buildings.geojson")
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"图斑编号":")"
        << kSichuanParcel
        << R"(","区划代码":"510104001001","建筑层数":2},"geometry":{"type":"Polygon","coordinates":)"
           R"([[[104.08,30.65],[104.0801,30.65],[104.0801,30.6501],[104.08,30.6501],[104.08,30.65]]]}}]})";
    std::ofstream(work_ / "password.txt") << kPassword << "\n";
    anju({"import", "regions", "data/regions.csv"});
    anju({"import", "regions", "sichuan_regions.csv"});
    anju({"import", "households", "data/households.csv"});
    anju({"import", "households", "sichuan_households.csv"});
    anju({"import", "buildings", "data/buildings.geojson"});
    anju({"import", "buildings", "sichuan_buildings.geojson"});
    for (const char* s : {"census", "selfbuilt", "monitoring", "appraisal"})
      anju({"import", "evidence", "--source", s, std::string("data/evidence_") + s + ".csv"});
    anju({"match"});
    anju({"judge"});
    for (const RoleUser& u : kUsers)
      anju({"user", "add", "--name", u.name, "--role", u.role, "--region", u.region, "--password-file",
            "password.txt"});
    // A household of village 201 with a building, given a manual choice.
    auto rows = db_->query(
        "SELECT m.household_id, m.parcel_id FROM matches m JOIN households h ON h.household_id = m.household_id"
        " WHERE h.region_code = '500229108200' AND m.parcel_id IS NOT NULL ORDER BY 1 LIMIT 1");
    need(rows.size() == 1, "a matched household of village 201: " + rows.dump());
    household_ = text(rows[0][0]);
    parcel_ = text(rows[0][1]);
    anju({"match", "--set", household_, parcel_});
    auto other = db_->query("SELECT household_id, head_id_number FROM households"
                            " WHERE region_code = '500229108204' ORDER BY 1 LIMIT 1");
    need(other.size() == 1, "a household of village 202: " + other.dump());
    other_household_ = text(other[0][0]);
    other_id_number_ = text(other[0][1]);
    // A field task of village 201 (the judgment opened it) and one in Sichuan
    // (the county's spot check opens it when the judgment did not).
    auto task = db_->query("SELECT min(id) FROM field_tasks WHERE region_code = '500229108200'");
    need(task.size() == 1 && !task[0][0].is_null(), "a field task of village 201: " + task.dump());
    task_ = text(task[0][0]);
    if (db_->query("SELECT id FROM field_tasks WHERE region_code = '510104001001'").empty())
      anju({"sample", "--county", "510104000000", "--count", "1", "--seed", "1"});
    auto sichuan = db_->query("SELECT min(id) FROM field_tasks WHERE region_code = '510104001001'");
    need(sichuan.size() == 1 && !sichuan[0][0].is_null(), "a field task in Sichuan: " + sichuan.dump());
    sichuan_task_ = text(sichuan[0][0]);
    // The server's temporary files (uploads, workbooks) in a folder of its
    // own, so a test can see that none is left behind.
    fs::create_directories(server_tmp());
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string saved = tmpdir ? tmpdir : "";
    ::setenv("TMPDIR", server_tmp().c_str(), 1);
    server_ = new ServedAnju;
    const std::string started = server_->start({"--db", db_->url(), "serve", "--port", "0"}, cwd);
    if (tmpdir) ::setenv("TMPDIR", saved.c_str(), 1);
    else ::unsetenv("TMPDIR");
    need(started.empty(), "anju serve: " + started);
  }

  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete db_;
    db_ = nullptr;
    fs::remove_all(work_);
  }

  void SetUp() override {
    if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
    ASSERT_NE(server_, nullptr);
  }

  static Client as(const std::string& name) {
    Client c = Client::log_in(server_->port(), name, kPassword);
    EXPECT_EQ(c.login_status, 200) << name;
    return c;
  }

  // Polls a job until it ends (at most 60 s).
  static json wait_for_job(const Client& c, long id) {
    json job;
    for (int i = 0; i < 600; ++i) {
      job = c.get("/api/v1/jobs/" + std::to_string(id)).json()["job"];
      if (job["status"] == "succeeded" || job["status"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return job;
  }

  static inline fs::path work_;
  static inline TestDb* db_ = nullptr;
  static inline ServedAnju* server_ = nullptr;
  static inline std::string household_, parcel_, other_household_, other_id_number_;
  static inline std::string task_, sichuan_task_;  // field task ids
  static inline std::string setup_error_;
};

}  // namespace anju::testing
