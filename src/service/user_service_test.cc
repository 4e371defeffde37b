#include "service/user_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/audit_service.h"
#include "support/store_fixture.h"

namespace anju {
namespace {

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

TEST(Passwords, Argon2idHashesSaltedAndChecked) {
  const std::string h = hash_password("Abcdefg1234");
  EXPECT_TRUE(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_NE(h, hash_password("Abcdefg1234"));  // a fresh salt each time
  EXPECT_TRUE(password_matches(h, "Abcdefg1234"));
  EXPECT_FALSE(password_matches(h, "Abcdefg1235"));
  EXPECT_FALSE(password_matches("not a hash", "Abcdefg1234"));
}

class UserServiceTest : public testing::StoreTest {
 protected:
  UserServiceTest() : StoreTest("users") {}

  Result<User> add(const std::string& name, Role role, const std::string& region,
                   const std::string& password = "Abcdefg1234") {
    return add_user(*store_, NewUser{name, "", role, region, password}, "test", kClock);
  }
};

TEST_F(UserServiceTest, AddsUsersWithACheckedRoleRegionAndPassword) {
  auto clerk = add("clerk", Role::village_clerk, "500229108201");
  ASSERT_TRUE(clerk) << clerk.error().message;
  auto stored = (*store_->begin(TxMode::read))->find_user("clerk");
  ASSERT_TRUE(stored && *stored);
  EXPECT_TRUE(password_matches((*stored)->value.password_hash, "Abcdefg1234"));
  EXPECT_EQ((*stored)->updated_by, "test");

  EXPECT_EQ(add("clerk", Role::village_clerk, "500229108201").error().code, ErrorCode::conflict);
  EXPECT_EQ(add("weak", Role::village_clerk, "500229108201", "abc").error().message, "密码至少10个字符");
  EXPECT_EQ(add("level", Role::town_office, "500229108201").error().code, ErrorCode::invalid);
  auto unknown = add("nowhere", Role::village_clerk, "500229108299");
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid);
  EXPECT_NE(unknown.error().message.find("尚未导入"), std::string::npos);
  EXPECT_EQ(add("has space", Role::village_clerk, "500229108201").error().code, ErrorCode::invalid);
  EXPECT_TRUE(add("root", Role::admin, std::string(kWholeCountry)));
  auto all = list_users(*store_);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
}

// Audited writes from several threads at once (on PostgreSQL: several
// connections, side by side) each chain the log after their commit; the
// chain ends up whole, with every entry once.
TEST_F(UserServiceTest, ConcurrentAuditedWritesKeepOneUnbrokenChain) {
  constexpr int kWriters = 6;
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      if (!add("clerk" + std::to_string(i), Role::village_clerk, "500229108201")) ++failed;
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(failed, 0);
  ASSERT_TRUE(chain_audit_log(*store_));
  auto check = verify_audit_log(*store_);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_FALSE(check->broken_id) << check->problem;
  EXPECT_EQ(check->chained, kWriters);
  EXPECT_EQ(check->unchained, 0);
}

}  // namespace
}  // namespace anju
