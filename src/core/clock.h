#pragma once
// Time as an injected dependency: core never reads the clock itself.

#include <string>

#include "core/date.h"

namespace anju {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::string now_iso() const = 0;  // "2026-11-28T10:00:00Z" (UTC)
  virtual Date today() const = 0;           // the local calendar date
};

// A clock that always says the same (tests, reproducible runs).
class FixedClock final : public Clock {
 public:
  FixedClock(std::string now_iso, Date today) : now_(std::move(now_iso)), today_(today) {}
  std::string now_iso() const override { return now_; }
  Date today() const override { return today_; }

 private:
  std::string now_;
  Date today_;
};

}  // namespace anju
