#pragma once
// Whose derived state (field tasks, ledger entries) a sync weighs against
// the judgments it is given.

#include <string>

#include "core/user.h"

namespace anju {

struct SyncScope {
  // A run over `region` (a region code; kWholeCountry: all): what belongs to
  // a household of the region that is not in the rows ends; nothing of any
  // other region is read or written.
  static SyncScope run_over(std::string region) { return {std::move(region), false}; }
  // One re-judged household (or a few): only theirs.
  static SyncScope these_households() { return {"", true}; }

  std::string region;            // a run's
  bool households_only = false;  // these_households()
};

}  // namespace anju
