#include "service/session_service.h"

#include <gtest/gtest.h>

#include "service/audit_service.h"
#include "service/user_service.h"
#include "support/store_fixture.h"
#include "support/test_clock.h"

namespace anju {
namespace {

using testing::TestClock;

class SessionTest : public testing::StoreTest {
 protected:
  SessionTest() : StoreTest("sessions") {}
  void prepare() override {
    ASSERT_TRUE(add_user(*store_, NewUser{"clerk", "", Role::village_clerk, "500229108201", kPassword},
                         "test", clock_));
  }
  Result<LoginResult> try_login(const std::string& password, const std::string& name = "clerk") {
    return login(*store_, name, password, "10.0.0.7", clock_);
  }

  static constexpr const char* kPassword = "Laifeng-2026";
  TestClock clock_;
};

TEST_F(SessionTest, LoginGivesASessionWhoseTokenIsStoredOnlyAsAHash) {
  auto in = try_login(kPassword);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->token.size(), 64u);
  EXPECT_EQ(in->csrf_token.size(), 32u);
  EXPECT_EQ(in->user.role, Role::village_clerk);
  auto who = session_user(*store_, in->token, clock_);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user.name, "clerk");
  EXPECT_EQ(who->csrf_token, in->csrf_token);
  auto stored = begin(TxMode::read)->accounts().find_session(in->token);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(*stored);  // looked up by the raw token: nothing
  auto found = begin(TxMode::read)->accounts().find_session(sha256_hex(in->token));
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->session.user_name, "clerk");
  ASSERT_TRUE((*found)->user);  // found with its user, in the same look-up
  EXPECT_EQ((*found)->user->value.role, Role::village_clerk);
  EXPECT_EQ(session_user(*store_, "forged", clock_).error().code, ErrorCode::forbidden);
}

TEST_F(SessionTest, WrongPasswordAndUnknownUserAreTheSameAnswer) {
  auto wrong = try_login("Laifeng-2025");
  auto nobody = try_login(kPassword, "nobody");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid);
  EXPECT_EQ(wrong.error().message, nobody.error().message);
}

TEST_F(SessionTest, FiveFailuresIn15MinutesLockTheAccountUntilTheyAge) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(try_login("wrong-Password1").error().code, ErrorCode::invalid);
    clock_.advance_minutes(2);  // failures at 0, 2, 4, 6, 8 minutes
  }
  auto locked = try_login(kPassword);  // at 10 minutes: the right password, still locked
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::forbidden);
  EXPECT_NE(locked.error().message.find("5分钟后再试"), std::string::npos) << locked.error().message;
  clock_.advance_minutes(5);  // 15 minutes: the first failure has left the window
  auto in = try_login(kPassword);
  ASSERT_TRUE(in) << in.error().message;
  // A success clears the count: four new failures do not lock.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(try_login("wrong-Password1").error().code, ErrorCode::invalid);
  EXPECT_TRUE(try_login(kPassword));
}

TEST_F(SessionTest, ThirtyIdleMinutesEndASessionUseRestartsTheClock) {
  auto in = try_login(kPassword);
  ASSERT_TRUE(in);
  clock_.advance_minutes(29);
  EXPECT_TRUE(session_user(*store_, in->token, clock_));
  clock_.advance_minutes(29);  // 58 minutes after login, 29 after last use
  EXPECT_TRUE(session_user(*store_, in->token, clock_));
  clock_.advance_minutes(30);
  EXPECT_EQ(session_user(*store_, in->token, clock_).error().code, ErrorCode::forbidden);
}

// However busy, a session lasts `lifetime_seconds` from its login; a login
// beyond `max_per_user` open sessions ends the oldest, audited.
TEST_F(SessionTest, SessionsAreCappedPerUserAndHaveAnAbsoluteLifetime) {
  const SessionLimits limits{2, 3600};
  std::vector<LoginResult> in;
  for (int i = 0; i < 3; ++i) {
    auto r = login(*store_, "clerk", kPassword, "10.0.0.7", clock_, limits);
    ASSERT_TRUE(r) << r.error().message;
    in.push_back(*r);
    clock_.advance_minutes(1);
  }
  EXPECT_EQ(session_user(*store_, in[0].token, clock_, limits).error().code, ErrorCode::forbidden) << "the oldest";
  EXPECT_TRUE(session_user(*store_, in[1].token, clock_, limits));
  EXPECT_TRUE(session_user(*store_, in[2].token, clock_, limits));
  bool audited = false;
  ASSERT_TRUE(begin(TxMode::read)->audit().for_each_audit([&](AuditEntry&& e) {
    audited |= e.action == "auth.session_limit";
  }));
  EXPECT_TRUE(audited);
  for (int i = 0; i < 2; ++i) {  // in use every 20 minutes: never idle
    clock_.advance_minutes(20);
    EXPECT_TRUE(session_user(*store_, in[2].token, clock_, limits)) << i;
  }
  clock_.advance_minutes(20);
  EXPECT_EQ(session_user(*store_, in[2].token, clock_, limits).error().code, ErrorCode::forbidden)
      << "61 minutes after its login";
}

// Two logins in one second at a limit of one: the new session is the one kept.
TEST_F(SessionTest, ANewLoginNeverEndsItself) {
  const SessionLimits one{1, 3600};
  for (int i = 0; i < 6; ++i) {
    auto in = login(*store_, "clerk", kPassword, "10.0.0.7", clock_, one);
    ASSERT_TRUE(in);
    EXPECT_TRUE(session_user(*store_, in->token, clock_, one)) << i;
  }
}

TEST_F(SessionTest, AResetOrDisableEndsEverySessionOfTheUser) {
  auto first = try_login(kPassword), second = try_login(kPassword);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(set_password(*store_, "clerk", "Qingshan-2027", true, "admin", clock_));
  EXPECT_EQ(session_user(*store_, first->token, clock_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(session_user(*store_, second->token, clock_).error().code, ErrorCode::forbidden);
  EXPECT_FALSE(try_login(kPassword));
  auto again = try_login("Qingshan-2027");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->user.must_change_password);
  EXPECT_EQ(set_password(*store_, "clerk", "weak", false, "clerk", clock_).error().code, ErrorCode::invalid);

  ASSERT_TRUE(set_user_disabled(*store_, "clerk", true, "admin", clock_));
  EXPECT_EQ(session_user(*store_, again->token, clock_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(try_login("Qingshan-2027").error().code, ErrorCode::invalid);
  ASSERT_TRUE(set_user_disabled(*store_, "clerk", false, "admin", clock_));
  EXPECT_TRUE(try_login("Qingshan-2027"));
  EXPECT_EQ(set_user_disabled(*store_, "nobody", true, "admin", clock_).error().code, ErrorCode::not_found);
}

TEST_F(SessionTest, AnAddressThatKeepsFailingIsSlowedDownWhateverTheName) {
  auto delay = [&](const std::string& source) { return *login_delay_seconds(*store_, source, clock_); };
  std::vector<long> seen;
  for (int i = 0; i < 7; ++i) {
    seen.push_back(delay("10.0.0.7"));
    // Unknown names count for the address too.
    EXPECT_FALSE(login(*store_, "guess" + std::to_string(i), "Wrong-password-1", "10.0.0.7", clock_));
  }
  seen.push_back(delay("10.0.0.7"));
  EXPECT_EQ(seen, (std::vector<long>{0, 0, 0, 1, 2, 4, 8, 8}));
  EXPECT_EQ(delay("10.0.0.8"), 0);  // another address
  EXPECT_EQ(delay(""), 0);
  // An IPv6 client's /64 is one client, whichever of its addresses it uses.
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(login(*store_, "guess", "Wrong-password-1", "2001:db8:7:1::" + std::to_string(i + 1), clock_));
  EXPECT_EQ(delay("2001:db8:7:1:ffff::9"), 1);
  EXPECT_EQ(delay("2001:db8:7:2::1"), 0);  // the next /64
  clock_.advance_minutes(15);       // the failures leave the window
  EXPECT_EQ(delay("10.0.0.7"), 0);
}

TEST_F(SessionTest, LogoutEndsTheSessionAndEverythingIsAudited) {
  auto in = try_login(kPassword);
  ASSERT_TRUE(in);
  ASSERT_TRUE(logout(*store_, in->token, clock_));
  EXPECT_EQ(session_user(*store_, in->token, clock_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(logout(*store_, in->token, clock_).error().code, ErrorCode::not_found);
  EXPECT_FALSE(try_login("wrong-Password1"));

  std::vector<std::string> actions;
  ASSERT_TRUE(begin(TxMode::read)->audit().for_each_audit([&](AuditEntry&& e) {
    actions.push_back(e.action);
  }));
  EXPECT_EQ(actions, (std::vector<std::string>{"user.create", "auth.login", "auth.logout",
                                               "auth.login_failed"}));
  auto check = verify_audit_log(*store_);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->broken_id);
  EXPECT_EQ(check->chained, 4);
}

}  // namespace
}  // namespace anju
