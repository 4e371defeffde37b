#pragma once
// One password attempt at a time per name and per client address: parallel
// guesses wait their turn, first come first served, so each sees the failures of those before it
// (the lock-out count and the address's delay, service/session_service.h)
// instead of all passing the check at once. Waiting holds no thread: a
// waiter sleeps on a timer and looks again. Across app servers the count in
// the store still bounds the guesses; each server lets at most one through
// at a time.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace anju::http {

class LoginTurns {
 public:
  // Held keys, released when the last copy is dropped.
  using Turn = std::shared_ptr<void>;

  // `max_waiting`: how many attempts may wait for one key; more are turned
  // away (the caller answers 429) rather than queue without end.
  explicit LoginTurns(int max_waiting = 8) : max_waiting_(max_waiting) {}

  static constexpr std::chrono::seconds kMaxWait{30};

  // Waits until no other attempt holds any of `keys`, nor waits for one of
  // them since earlier, and takes them all at once (so two attempts never
  // wait for each other, and none is overtaken); nullptr when too many
  // wait already or after kMaxWait of waiting.
  boost::asio::awaitable<Turn> take(std::vector<std::string> keys);

 private:
  bool try_take(const std::vector<std::string>& keys, std::uint64_t ticket);
  void release(const std::vector<std::string>& keys);

  const int max_waiting_;
  std::mutex mutex_;
  std::map<std::string, int> held_;     // key -> 1 while an attempt holds it
  std::map<std::string, std::set<std::uint64_t>> waiting_;  // key -> the tickets of attempts waiting for it
  std::uint64_t last_ticket_ = 0;
};

}  // namespace anju::http
