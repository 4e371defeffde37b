#pragma once
// The real clock: UTC timestamps, and today's date in the local time zone
// (the campaign's calendar is China Standard Time on deployed machines).

#include "core/clock.h"

namespace anju {

class SystemClock final : public Clock {
 public:
  std::string now_iso() const override;
  Date today() const override;
};

}  // namespace anju
