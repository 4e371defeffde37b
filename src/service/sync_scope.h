#pragma once
// Whose derived state (field tasks, ledger entries) a sync weighs against
// the judgments it is given.

namespace anju {

enum class SyncScope {
  every_household,  // a whole run: what belongs to a household not in the rows ends
  these_households  // one re-judged household (or a few): only theirs
};

}  // namespace anju
