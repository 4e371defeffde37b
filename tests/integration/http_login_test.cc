// Guessing passwords against a real `anju serve`: attempts on one name wait
// their turn, so parallel guesses cannot pass the lock-out count; an
// unknown name answers like a known one (same status, same message, about
// the same time); X-Forwarded-For and X-Forwarded-Proto count only from a
// trusted proxy; a wrong old password when changing one's own counts
// towards the same lock-out. Runs on both engines.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include <openssl/hmac.h>

#include "integration/town_server.h"

namespace anju::testing {
namespace {

using Clock = std::chrono::steady_clock;

class HttpLogin : public TownServer {
 protected:
  void SetUp() override {
    if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
    make_town("login", {"clerk", "other"});
  }
  // A login as `name`, from `client` as a proxy would name it (none: "").
  Reply log_in(const std::string& name, const std::string& password, const std::string& client = "",
               const std::string& proto = "") {
    Headers h = {{"Content-Type", "application/json"}};
    if (!client.empty()) h.push_back({"X-Forwarded-For", client});
    if (!proto.empty()) h.push_back({"X-Forwarded-Proto", proto});
    return request(port_, bh::verb::post, "/api/v1/session",
                   nlohmann::json{{"username", name}, {"password", password}}.dump(), h);
  }
  static std::string message(const Reply& r) { return r.json()["error"]["message"].get<std::string>(); }
  static double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  }
};

// RFC 6238 as an authenticator app computes it, written here apart from the
// server's (liboath) so that each checks the other: HMAC-SHA1 of the 30 s
// step under the base32 secret, dynamically truncated to 6 digits.
std::string authenticator_code(const std::string& base32, long at_seconds) {
  std::string key;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : base32) {
    const auto p = std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").find(c);
    if (p == std::string::npos) continue;
    buffer = (buffer << 5) | static_cast<unsigned>(p);
    bits += 5;
    if (bits >= 8) {
      key += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  unsigned char counter[8];
  long step = at_seconds / 30;
  for (int i = 7; i >= 0; --i, step >>= 8) counter[i] = static_cast<unsigned char>(step & 0xff);
  unsigned char mac[20];
  unsigned length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter, 8, mac, &length);
  const int offset = mac[19] & 0xf;
  const long value = ((mac[offset] & 0x7f) << 24 | mac[offset + 1] << 16 | mac[offset + 2] << 8 | mac[offset + 3]) % 1000000;
  char out[8];
  std::snprintf(out, sizeof out, "%06ld", value);
  return out;
}

// A role the operator names must set up two-step sign-in before anything
// else; then a login needs the app's code, each code taken once.
TEST_F(HttpLogin, ARoleThatMustSignInInTwoStepsSetsItUpFirst) {
  serve({"--two-step-roles", "village_clerk"});
  Client clerk = Client::log_in(port_, "clerk", kPassword);
  ASSERT_EQ(clerk.login_status, 200);
  EXPECT_EQ(clerk.get("/api/v1/session").json()["user"]["two_step_required"], true);
  const Reply barred = clerk.get("/api/v1/households");
  EXPECT_EQ(barred.status, 403);
  EXPECT_EQ(barred.json()["error"]["code"], "two_step_required");

  EXPECT_EQ(clerk.send(bh::verb::post, "/api/v1/session/two-step", R"({"password": "Wrong-Password-1"})").status, 400);
  const Reply setup = clerk.send(bh::verb::post, "/api/v1/session/two-step", nlohmann::json{{"password", kPassword}}.dump());
  ASSERT_EQ(setup.status, 200) << setup.body;
  const std::string secret = setup.json()["secret"];
  EXPECT_EQ(setup.json()["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
  EXPECT_EQ(clerk.send(bh::verb::put, "/api/v1/session/two-step", R"({"code": 123456})").status, 400);
  const long now = std::time(nullptr);
  const Reply on = clerk.send(bh::verb::put, "/api/v1/session/two-step",
                              nlohmann::json{{"code", authenticator_code(secret, now)}}.dump());
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(clerk.get("/api/v1/households").status, 200);

  const Reply asked = log_in("clerk", kPassword);
  EXPECT_EQ(asked.status, 401);
  EXPECT_EQ(asked.json()["error"]["code"], "two_step_code");
  auto with_code = [&](const std::string& code) {
    return request(port_, bh::verb::post, "/api/v1/session",
                   nlohmann::json{{"username", "clerk"}, {"password", kPassword}, {"code", code}}.dump(),
                   {{"Content-Type", "application/json"}});
  };
  // The code that turned it on is spent; the app's next one (a step ahead
  // is allowed for drift) signs in, once.
  EXPECT_EQ(with_code(authenticator_code(secret, now)).status, 401);
  const std::string next = authenticator_code(secret, now + 30);
  EXPECT_EQ(with_code(next).status, 200);
  EXPECT_EQ(with_code(next).status, 401);
}

// Eight guesses at once, each from another client behind the proxy (so no
// address is slowed down): five are weighed, the rest find the name locked.
TEST_F(HttpLogin, ParallelGuessesOnOneNameCannotPassTheLockOut) {
  serve({"--trusted-proxy", "127.0.0.1", "--workers", "8"});  // eight guesses could run at once
  std::vector<std::future<Reply>> guesses;
  for (int i = 0; i < 8; ++i)
    guesses.push_back(std::async(std::launch::async, [this, i] {
      return log_in("clerk", "Wrong-guess-" + std::to_string(i), "203.0.113." + std::to_string(10 + i));
    }));
  int wrong = 0, locked = 0;
  for (auto& g : guesses) {
    const Reply r = g.get();
    wrong += r.status == 401;
    locked += r.status == 429;
  }
  EXPECT_EQ(wrong, 5);
  EXPECT_EQ(locked, 3);
  EXPECT_EQ(log_in("clerk", kPassword, "203.0.113.99").status, 429) << "the right password while locked";
  EXPECT_EQ(log_in("other", kPassword, "203.0.113.99").status, 200) << "another account is not locked";
}

// Nothing tells a name that is no account from a locked or a wrong one.
TEST_F(HttpLogin, AnUnknownNameAnswersLikeAKnownOne) {
  serve({"--trusted-proxy", "127.0.0.1"});
  double known_ms = 0, unknown_ms = 0;
  for (int i = 0; i < 5; ++i) {
    auto t = Clock::now();
    const Reply known = log_in("clerk", "Wrong-guess-1", "198.51.100." + std::to_string(i));
    known_ms += ms_since(t);
    t = Clock::now();
    const Reply unknown = log_in("nobody", "Wrong-guess-1", "198.51.100." + std::to_string(50 + i));
    unknown_ms += ms_since(t);
    EXPECT_EQ(known.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(message(known), message(unknown));
  }
  // The unknown name's password is checked against a decoy hash: as slow.
  EXPECT_GT(unknown_ms, known_ms * 0.5) << "known " << known_ms << " ms, unknown " << unknown_ms << " ms";
  const Reply known = log_in("clerk", kPassword, "198.51.100.200");
  const Reply unknown = log_in("nobody", kPassword, "198.51.100.201");
  EXPECT_EQ(known.status, 429);
  EXPECT_EQ(unknown.status, 429);
  EXPECT_EQ(message(known), message(unknown));
}

// Without --trusted-proxy a client's X-Forwarded-For is ignored: four
// failures from one socket address slow it down whatever the header says.
TEST_F(HttpLogin, ForwardedForCountsOnlyFromATrustedProxy) {
  serve();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(log_in("nobody" + std::to_string(i), "x", "192.0.2." + std::to_string(i)).status, 401);
  auto t = Clock::now();
  EXPECT_EQ(log_in("nobody9", "x", "192.0.2.9").status, 401);
  EXPECT_GE(ms_since(t), 900) << "a forged X-Forwarded-For escaped the address's delay";
  // Nor does X-Forwarded-Proto make the cookie Secure.
  const Reply in = log_in("clerk", kPassword, "192.0.2.10", "https");
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_EQ(in.set_cookie.find("Secure"), std::string::npos);
}

TEST_F(HttpLogin, BehindATrustedProxyTheClientIsTheForwardedAddress) {
  serve({"--trusted-proxy", "10.9.0.0/16,127.0.0.1"});
  // The proxy's own hops are skipped; what the client wrote left of them is not believed.
  for (int i = 0; i < 4; ++i) {
    auto t = Clock::now();
    EXPECT_EQ(log_in("nobody" + std::to_string(i), "x", "6.6.6.6, 192.0.2." + std::to_string(i) + ", 10.9.1.1").status, 401);
    EXPECT_LT(ms_since(t), 900) << "each forwarded client is its own address";
  }
  const Reply in = log_in("clerk", kPassword, "192.0.2.50", "https");
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_NE(in.set_cookie.find("; Secure"), std::string::npos) << in.set_cookie;
  // The audit log names the client, not the proxy.
  const auto log = run_anju({"--db", db_->url(), "audit", "list", "--limit", "20"}, work_.string());
  EXPECT_NE(log.out.find("192.0.2.50"), std::string::npos) << log.out << log.err;
}

// A proxy that adds a line of its own instead of extending the client's:
// the client's forged first line is not the client.
TEST_F(HttpLogin, AForgedFirstForwardedForLineIsNotTheClient) {
  serve({"--trusted-proxy", "127.0.0.1"});
  for (int i = 0; i < 4; ++i) {
    const auto t = Clock::now();
    const Reply r = request(port_, bh::verb::post, "/api/v1/session",
                            nlohmann::json{{"username", "nobody" + std::to_string(i)}, {"password", "x"}}.dump(),
                            {{"Content-Type", "application/json"}, {"X-Forwarded-For", "6.6.6.6"},
                             {"X-Forwarded-For", "192.0.2." + std::to_string(i)}});
    EXPECT_EQ(r.status, 401);
    EXPECT_LT(ms_since(t), 900) << "every request was taken for 6.6.6.6";
  }
}

// A name no account can have is refused before the store: "clerk" and a NUL
// is not clerk (PostgreSQL's text would have ended at the NUL).
TEST_F(HttpLogin, ANameWithANulIsNotTheNameBeforeIt) {
  serve();
  EXPECT_EQ(log_in(std::string("clerk\0x", 7), kPassword).status, 401);
  EXPECT_EQ(log_in(std::string(3000, 'a'), kPassword).status, 401);
  EXPECT_EQ(log_in("clerk", kPassword).status, 200);
}

// A stolen session cannot be used to guess the password: wrong old
// passwords count towards the login's lock-out.
TEST_F(HttpLogin, WrongOldPasswordsLockTheAccount) {
  serve({"--trusted-proxy", "127.0.0.1"});
  Client clerk = Client::log_in(port_, "clerk", kPassword);
  ASSERT_EQ(clerk.login_status, 200);
  auto change = [&](const std::string& old_password) {
    return clerk.send(bh::verb::put, "/api/v1/session/password",
                      nlohmann::json{{"old_password", old_password}, {"new_password", "Gaoyan-Town-2027"}}.dump());
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(change("Wrong-old-" + std::to_string(i)).status, 400);
  // Another spelling of the path is the same route, throttled the same (the 4th failure waits 1 s).
  const auto t = Clock::now();
  EXPECT_EQ(clerk.send(bh::verb::put, "/api/v1//session/password/",
                       nlohmann::json{{"old_password", "Wrong-old-3"}, {"new_password", "Gaoyan-Town-2027"}}.dump())
                .status,
            400);
  EXPECT_GE(ms_since(t), 900) << "a trailing slash escaped the throttle";
  EXPECT_EQ(change("Wrong-old-4").status, 400);
  const Reply locked = change(kPassword);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(log_in("clerk", kPassword, "192.0.2.77").status, 429);
}

}  // namespace
}  // namespace anju::testing
