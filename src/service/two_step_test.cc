// Two-step sign-in: RFC 6238's own vectors, setting it up, logging in with
// a code taken once, wrong codes counting towards the lock-out, the secret
// kept only sealed, and an administrator turning it off. Both engines.
#include "service/two_step.h"

#include <gtest/gtest.h>

#include "service/session_service.h"
#include "service/user_service.h"
#include "support/store_fixture.h"
#include "support/test_clock.h"

namespace anju {
namespace {

using testing::TestClock;

TEST(TwoStepCode, MatchesRfc6238) {
  // The RFC's SHA-1 key "12345678901234567890"; its 8-digit codes end so.
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(two_step_code(secret, 59), "287082");
  EXPECT_EQ(two_step_code(secret, 1111111109), "081804");
  EXPECT_EQ(two_step_code(secret, 2000000000), "279037");
}

class TwoStepTest : public testing::StoreTest {
 protected:
  TwoStepTest() : StoreTest("two_step") {}
  void prepare() override {
    ASSERT_TRUE(add_user(*store_, NewUser{"clerk", "", Role::village_clerk, "500229108201", kPassword}, "test", clock_));
    ASSERT_TRUE(add_user(*store_, NewUser{"admin", "", Role::admin, "000000000000", kPassword}, "test", clock_));
  }
  Result<LoginResult> log_in(const std::string& code) {
    return login(*store_, "clerk", kPassword, "10.0.0.7", clock_, {}, code);
  }
  std::string code_now() const { return two_step_code(secret_, clock_.now); }
  // Sets it up and turns it on with the current code.
  void turn_on() {
    auto setup = begin_two_step(*store_, "clerk", kPassword, "10.0.0.7", clock_);
    ASSERT_TRUE(setup) << setup.error().message;
    secret_ = setup->secret;
    ASSERT_TRUE(confirm_two_step(*store_, "clerk", code_now(), "10.0.0.7", clock_));
  }
  User stored_clerk() { return (*begin(TxMode::read)->accounts().find_user("clerk"))->value; }

  static constexpr const char* kPassword = "Laifeng-2026";
  TestClock clock_;
  std::string secret_;
};

TEST_F(TwoStepTest, SettingUpNeedsThePasswordAndTheFirstCode) {
  EXPECT_EQ(begin_two_step(*store_, "clerk", "Wrong-Password-1", "10.0.0.7", clock_).error().code, ErrorCode::invalid);
  auto setup = begin_two_step(*store_, "clerk", kPassword, "10.0.0.7", clock_);
  ASSERT_TRUE(setup) << setup.error().message;
  secret_ = setup->secret;
  EXPECT_EQ(secret_.size(), 32u);  // 160 bits in base32
  EXPECT_NE(setup->uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_NE(setup->uri.find("secret=" + secret_), std::string::npos);
  EXPECT_EQ(setup->qr_svg.rfind("<svg", 0), 0u);
  // Not in force until confirmed: a login needs no code yet.
  EXPECT_FALSE(stored_clerk().two_step());
  EXPECT_TRUE(log_in(""));
  EXPECT_EQ(confirm_two_step(*store_, "clerk", "000000", "10.0.0.7", clock_).error().code, ErrorCode::invalid);
  ASSERT_TRUE(confirm_two_step(*store_, "clerk", code_now(), "10.0.0.7", clock_));
  EXPECT_TRUE(stored_clerk().two_step());
  // Kept sealed: the database holds no trace of the secret.
  EXPECT_EQ(stored_clerk().two_step_secret.find(secret_), std::string::npos);
  EXPECT_EQ(stored_clerk().two_step_secret.rfind("v1:", 0), 0u);
  EXPECT_EQ(begin_two_step(*store_, "clerk", kPassword, "10.0.0.7", clock_).error().code, ErrorCode::conflict);
}

TEST_F(TwoStepTest, ALoginNeedsAFreshCodeTakenOnce) {
  turn_on();
  clock_.advance_seconds(kTwoStepPeriod);
  auto asked = log_in("");
  ASSERT_TRUE(asked);
  EXPECT_TRUE(asked->needs_code);
  EXPECT_TRUE(asked->token.empty());
  const std::string code = code_now();
  auto in = log_in(code);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_FALSE(in->needs_code);
  EXPECT_TRUE(session_user(*store_, in->token, clock_));
  // The same code again, within its 30 s: spent.
  auto again = log_in(code);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message.find("动态码"), 0u);
  // A code is good a step early or late (clocks drift), not two.
  clock_.advance_seconds(kTwoStepPeriod);
  EXPECT_TRUE(log_in(two_step_code(secret_, clock_.now + kTwoStepPeriod)));
  clock_.advance_seconds(3 * kTwoStepPeriod);
  EXPECT_FALSE(log_in(two_step_code(secret_, clock_.now - 2 * kTwoStepPeriod)));
  // A wrong password with the right code is still a wrong password.
  EXPECT_FALSE(login(*store_, "clerk", "Wrong-Password-1", "10.0.0.7", clock_, {}, code_now()));
}

TEST_F(TwoStepTest, WrongCodesLockTheAccountLikeWrongPasswords) {
  turn_on();
  clock_.advance_seconds(kTwoStepPeriod);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(log_in("123456").error().code, ErrorCode::invalid);
  EXPECT_EQ(log_in(code_now()).error().code, ErrorCode::forbidden);
}

TEST_F(TwoStepTest, AnAdministratorTurnsItOffForALostPhone) {
  turn_on();
  const User admin = (*begin(TxMode::read)->accounts().find_user("admin"))->value;
  const User clerk = stored_clerk();
  EXPECT_EQ(turn_off_two_step(*store_, clerk, "admin", clock_).error().code, ErrorCode::not_found);  // out of its region
  ASSERT_TRUE(turn_off_two_step(*store_, admin, "clerk", clock_));
  EXPECT_FALSE(stored_clerk().two_step());
  auto in = log_in("");
  ASSERT_TRUE(in);
  EXPECT_FALSE(in->needs_code);
}

// A stored secret that does not open (the key file replaced, the row
// edited) is an error at login, never a login without the code.
TEST_F(TwoStepTest, ASealedSecretThatDoesNotOpenRefusesTheLogin) {
  turn_on();
  ASSERT_EQ(db_->exec("UPDATE users SET two_step_secret = 'v1:00ff' WHERE name = 'clerk'"), "");
  auto in = log_in(code_now());
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, ErrorCode::invalid);
  EXPECT_NE(in.error().message.find("管理员"), std::string::npos);
}

}  // namespace
}  // namespace anju
