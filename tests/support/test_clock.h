#pragma once
// A clock a test moves forward by hand.
#include "core/clock.h"

namespace anju::testing {

class TestClock final : public Clock {
 public:
  std::string now_iso() const override { return iso_from_seconds(now); }
  Date today() const override { return Date::from_days_since_epoch(now / 86400); }
  void advance_minutes(long m) { now += m * 60; }
  void advance_seconds(long s) { now += s; }
  long now = *parse_iso_seconds("2026-11-28T10:00:00Z");
};

}  // namespace anju::testing
