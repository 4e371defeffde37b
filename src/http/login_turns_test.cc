#include "http/login_turns.h"

#include <boost/asio.hpp>
#include <gtest/gtest.h>

#include <chrono>

namespace anju::http {
namespace {

namespace net = boost::asio;

// Two attempts sharing a key run one after the other; an attempt with other
// keys does not wait; past the waiting limit an attempt is turned away.
TEST(LoginTurns, AttemptsSharingAKeyTakeTurns) {
  net::io_context io;
  LoginTurns turns(2);
  std::vector<std::string> order;
  auto attempt = [&](std::string who, std::vector<std::string> keys) -> net::awaitable<void> {
    auto turn = co_await turns.take(std::move(keys));
    if (!turn) {
      order.push_back(who + ":refused");
      co_return;
    }
    order.push_back(who + ":in");
    net::steady_timer t(io, std::chrono::milliseconds(50));
    co_await t.async_wait(net::use_awaitable);
    order.push_back(who + ":out");
  };
  net::co_spawn(io, attempt("a", {"name:clerk", "address:1"}), net::detached);
  net::co_spawn(io, attempt("b", {"address:2", "name:clerk"}), net::detached);
  net::co_spawn(io, attempt("c", {"name:other", "address:3"}), net::detached);
  net::co_spawn(io, attempt("d", {"name:clerk"}), net::detached);
  net::co_spawn(io, attempt("e", {"name:clerk"}), net::detached);  // a third waiter: over the limit of 2
  io.run();
  auto at = [&](const std::string& e) { return std::find(order.begin(), order.end(), e) - order.begin(); };
  EXPECT_LT(at("a:in"), at("c:in"));
  EXPECT_LT(at("c:in"), at("a:out")) << "another name waited";
  EXPECT_LT(at("a:out"), at("b:in"));
  EXPECT_LT(at("a:out"), at("d:in"));
  EXPECT_TRUE(at("b:out") < at("d:in") || at("d:out") < at("b:in")) << "b and d held name:clerk at once";
  EXPECT_LT(at("e:refused"), at("a:out"));
  EXPECT_EQ(order.size(), 9u);
}

// Waiters are served in the order they came, and one that comes while the
// key happens to be free does not overtake those already waiting.
TEST(LoginTurns, AttemptsAreServedInTheOrderTheyCame) {
  net::io_context io;
  LoginTurns turns(8);
  std::vector<std::string> order;
  auto attempt = [&](std::string who, int after_ms) -> net::awaitable<void> {
    net::steady_timer wait(io, std::chrono::milliseconds(after_ms));
    co_await wait.async_wait(net::use_awaitable);
    std::vector<std::string> keys(1, "name:clerk");  // GCC 12 cannot take a braced list in a coroutine here
    auto turn = co_await turns.take(std::move(keys));
    order.push_back(who);
    net::steady_timer hold(io, std::chrono::milliseconds(35));
    co_await hold.async_wait(net::use_awaitable);
  };
  // a holds 0–35 ms; b and c wait (looking every 10 ms); d comes at 37 ms,
  // when the key is free and b has not yet looked again.
  net::co_spawn(io, attempt("a", 0), net::detached);
  net::co_spawn(io, attempt("b", 1), net::detached);
  net::co_spawn(io, attempt("c", 2), net::detached);
  net::co_spawn(io, attempt("d", 37), net::detached);
  io.run();
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "d"}));
}

}  // namespace
}  // namespace anju::http
