#include "http/login_turns.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>

namespace anju::http {

namespace net = boost::asio;

bool LoginTurns::try_take(const std::vector<std::string>& keys, std::uint64_t ticket) {
  // Free, and no one who came earlier waits for any of the keys.
  for (const auto& k : keys) {
    if (held_.count(k)) return false;
    auto waiting = waiting_.find(k);
    if (waiting != waiting_.end() && !waiting->second.empty() && *waiting->second.begin() < ticket) return false;
  }
  for (const auto& k : keys) held_[k] = 1;
  return true;
}

void LoginTurns::release(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  for (const auto& k : keys) held_.erase(k);
}

net::awaitable<LoginTurns::Turn> LoginTurns::take(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  auto turn = [this, &keys] {
    return Turn(static_cast<void*>(this), [this, keys](void*) { release(keys); });
  };
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock(mutex_);
    ticket = ++last_ticket_;
    if (try_take(keys, ticket)) co_return turn();
    for (const auto& k : keys)
      if (waiting_.count(k) && static_cast<int>(waiting_[k].size()) >= max_waiting_) co_return nullptr;
    for (const auto& k : keys) waiting_[k].insert(ticket);
  }
  net::steady_timer timer(co_await net::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + kMaxWait;
  for (;;) {
    timer.expires_after(std::chrono::milliseconds(10));
    boost::system::error_code ignored;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored));
    std::lock_guard lock(mutex_);
    const bool taken = try_take(keys, ticket);
    if (!taken && std::chrono::steady_clock::now() < deadline) continue;
    for (const auto& k : keys) {
      auto& waiting = waiting_[k];
      waiting.erase(ticket);
      if (waiting.empty()) waiting_.erase(k);
    }
    co_return taken ? turn() : nullptr;
  }
}

}  // namespace anju::http
