#include "http/uploads.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace anju::http {
namespace {
namespace fs = std::filesystem;

TEST(Uploads, AreCreatedOwnerOnlyWithTheServersProcessIdAndNeverReused) {
  const std::string a = create_upload_file(".xlsx");
  const std::string b = create_upload_file(".much-too-long-extension");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.ends_with(".xlsx"));
  EXPECT_EQ(b.find("much"), std::string::npos);
  EXPECT_NE(fs::path(a).filename().string().find("anju-upload-" + std::to_string(::getpid()) + "-"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(a.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  remove_upload(a);
  remove_upload(b);
  EXPECT_FALSE(fs::exists(a));
}

TEST(Uploads, ThoseOfStoppedServersAreRemovedAndNoOneElses) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);  // a process id that no longer runs
  const fs::path tmp = fs::temp_directory_path();
  const fs::path dead = tmp / ("anju-upload-" + std::to_string(child) + "-0123456789ab.csv");
  const fs::path live = tmp / "anju-upload-1-0123456789ab.csv";  // init still runs
  const fs::path mine = create_upload_file(".csv");
  const fs::path other = tmp / "anju-uploaded-report.csv";
  for (const fs::path& p : {dead, live, other}) std::ofstream(p) << "x";
  EXPECT_GE(remove_stale_uploads(), 1);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(mine));
  EXPECT_TRUE(fs::exists(other));
  for (const fs::path& p : {live, mine, other}) fs::remove(p);
}

TEST(Uploads, LimitsFollowTheRoutesBody) {
  const UploadLimits limits{4096, 1u << 30};
  EXPECT_EQ(body_limit(Body::json, limits), 4096u);
  EXPECT_EQ(body_limit(Body::file, limits), 1u << 30);
  EXPECT_EQ(body_limit(Body::attachment, limits), 20u << 20);
}

}  // namespace
}  // namespace anju::http
