#pragma once
// Work done in a transaction of its own that may lose a race with another
// writer on PostgreSQL (Transient::lost_race: a serialization failure under
// REPEATABLE READ, a deadlock): town offices' runs that all move the counts
// of their county, province and the country; two jobs submitted at the same
// instant. Such work is begun again after a short random pause, a few
// times, before its error is the caller's.

#include <chrono>
#include <random>
#include <thread>
#include <utility>

#include "core/result.h"

namespace anju {

inline constexpr int kRaceAttempts = 8;

// Calls `work()` until it succeeds, fails for another reason, or has lost
// kRaceAttempts races; returns its last result, no longer marked a lost race. The pause before attempt n
// is random up to 50·n ms, so that the losers do not meet again at once.
template <class Work>
auto retry_races(Work&& work) {
  auto result = work();
  std::minstd_rand pause(std::random_device{}());
  for (int attempt = 1; attempt < kRaceAttempts && !result && result.error().transient == Transient::lost_race; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause() % (50 * attempt + 1)));
    result = work();
  }
  // Given up: no caller above runs it again (the server would, http/server.cc).
  if (!result && result.error().transient == Transient::lost_race) {
    Error last = result.error();
    last.transient = Transient::no;
    result = std::move(last);
  }
  return result;
}

}  // namespace anju
