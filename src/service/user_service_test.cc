#include "service/user_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/audit_service.h"
#include "service/password_policy.h"
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
                   const std::string& password = "Laifeng-Road-26") {
    return add_user(*store_, NewUser{name, "", role, region, password}, "test", kClock);
  }
};

TEST_F(UserServiceTest, AddsUsersWithACheckedRoleRegionAndPassword) {
  auto clerk = add("clerk", Role::village_clerk, "500229108201");
  ASSERT_TRUE(clerk) << clerk.error().message;
  auto stored = (*store_->begin(TxMode::read))->accounts().find_user("clerk");
  ASSERT_TRUE(stored && *stored);
  EXPECT_TRUE(password_matches((*stored)->value.password_hash, "Laifeng-Road-26"));
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

namespace anju {
namespace {

TEST(PasswordPolicy, CommonPasswordsTheNameAndSimplePatternsAreRefused) {
  EXPECT_EQ(*password_weakness("Laifeng-Road-26", "clerk"), "");
  EXPECT_EQ(*password_weakness("abc", "clerk"), "密码至少10个字符");
  for (const char* common : {"Password2026!", "P@ssw0rd2026", "Woaini1314!!", "Qwerty-12345", "Anju-Admin-2026",
                             "5201314Abc!", "Abcdefg1234"})
    EXPECT_NE(*password_weakness(common, "clerk"), "") << common;
  EXPECT_EQ(*password_weakness("Zhangsan-2026!", "zhangsan"), "密码不能包含用户名");
  EXPECT_NE(*password_weakness("Nasgnahz-2026!", "zhangsan"), "") << "the name backwards";
}

class PasswordHistoryTest : public testing::StoreTest {
 protected:
  PasswordHistoryTest() : StoreTest("password_history") {}
};

// Each of the last five passwords is refused; the sixth back is allowed
// again; an unreadable stored history is an error, never an empty one.
TEST_F(PasswordHistoryTest, TheLastFivePasswordsCannotBeChosenAgain) {
  const std::vector<std::string> passwords = {"Laifeng-Road-26", "Gaoyan-Hill-27", "Qingshan-Pass-28",
                                              "Chengkou-Town-29", "Dabashan-Peak-30", "Renhe-Street-31"};
  ASSERT_TRUE(add_user(*store_, NewUser{"clerk", "", Role::village_clerk, "500229108201", passwords[0]}, "t", kClock));
  for (size_t i = 1; i < passwords.size(); ++i) {
    auto set = set_password(*store_, "clerk", passwords[i], false, "clerk", kClock);
    ASSERT_TRUE(set) << passwords[i] << ": " << set.error().message;
    for (size_t back = 0; back < std::min<size_t>(i + 1, kPasswordHistory); ++back) {
      auto again = set_password(*store_, "clerk", passwords[i - back], false, "clerk", kClock);
      ASSERT_FALSE(again) << passwords[i - back] << " was used " << back << " changes ago";
      EXPECT_NE(again.error().message.find("最近5次"), std::string::npos);
    }
  }
  auto user = (*store_->begin(TxMode::read))->accounts().find_user("clerk");
  EXPECT_EQ((*user)->value.previous_password_hashes.size(), kPasswordHistory - 1);
  EXPECT_TRUE(set_password(*store_, "clerk", passwords[0], false, "clerk", kClock)) << "six changes ago";
  // An unreadable stored history.
  store_.reset();  // SQLite: the test database's writer is this process's other connection
  ASSERT_EQ(db_->exec("UPDATE users SET previous_password_hashes = 'oops' WHERE name = 'clerk'"), "");
  reopen();
  bool refused = false;  // the store's readers throw on an unreadable value (store/row_codec.h)
  try {
    refused = !set_password(*store_, "clerk", "Wuxi-River-2032", false, "clerk", kClock);
  } catch (const std::runtime_error&) {
    refused = true;
  }
  EXPECT_TRUE(refused);
}

}  // namespace
}  // namespace anju
