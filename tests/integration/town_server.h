#pragma once
// The small world of the HTTP tests: a work folder, a fresh database on the
// engine under test with 来凤村's regions (up to 重庆市) and village clerks
// of a known password, and a server the test starts with its own flags.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "integration/http_client.h"
#include "support/test_db.h"

namespace anju::testing {

class TownServer : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "Laifeng-2026";

  // Builds the world under $TMPDIR/anju_<name>_<pid> with the clerks `users`.
  void make_town(const std::string& name, const std::vector<std::string>& users = {"clerk"}) {
    work_ = std::filesystem::temp_directory_path() / ("anju_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(work_);
    std::filesystem::create_directories(work_);
    std::ofstream(work_ / "regions.csv") << "区划代码,名称\n500000000000,重庆市\n500200000000,县\n"
                                            "500229000000,城口县\n500229108000,高燕镇\n500229108200,来凤村\n";
    std::ofstream(work_ / "password.txt") << kPassword << "\n";
    db_ = std::make_unique<TestDb>(name);
    ASSERT_EQ(run_anju({"--db", db_->url(), "import", "regions", "regions.csv"}, work_.string()).exit_code, 0);
    for (const std::string& user : users)
      ASSERT_EQ(run_anju({"--db", db_->url(), "user", "add", "--name", user, "--role", "village_clerk", "--region",
                          "500229108200", "--password-file", "password.txt"},
                         work_.string()).exit_code, 0);
  }
  // `anju --db … serve --port 0` with `extra` flags.
  void serve(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--db", db_->url(), "serve", "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    ASSERT_EQ(server_.start(args, work_.string()), "");
    port_ = server_.port();
  }
  void TearDown() override {
    server_.stop();
    db_.reset();
    if (!work_.empty()) std::filesystem::remove_all(work_);
  }

  std::filesystem::path work_;
  std::unique_ptr<TestDb> db_;
  ServedAnju server_;
  unsigned short port_ = 0;
};

}  // namespace anju::testing
