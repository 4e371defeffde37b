#pragma once
// Field verification and spot checks as use cases (DOMAIN.md §10, §12):
// keeping one field task for every household to verify, and the county's
// reproducible spot-check draw, each sampled household given a task.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign_index.h"
#include "core/clock.h"
#include "core/field_task.h"
#include "core/user.h"
#include "service/sync_scope.h"
#include "store/store.h"

namespace anju {

// After a judgment: opens a task (due at the end of the window of the
// household's campaign in `campaigns`, never before `today`) for every `verify` household without one, closes the
// open judgment tasks of households that no longer need a visit and cancels
// every active task of an `excluded` (deceased) household, with the reason.
// `scope`: a whole run weighs every active task; these_households only the
// tasks of the households in `rows`. In the caller's transaction.
Result<TaskSync> sync_field_tasks(Transaction& tx, const std::vector<JudgmentRow>& rows, const CampaignIndex& campaigns,
                                  SyncScope scope, const Date& today, const WriteStamp& stamp);

struct SampleRequest {
  std::string county_code;
  std::optional<long> count;
  std::optional<double> share;  // of the county's households
  uint64_t seed = 0;
  bool dry_run = false;  // draw, show, record nothing
};
struct SampleResult {
  long sample_id = 0;  // 0 on a dry run
  std::vector<std::string> households;
  std::map<std::string, long> per_town;  // town code → households drawn
};
// Draws a spot-check sample of a county (county reviewers and admins) from
// its living households without an active task, spread over its towns by
// size; records it (who, when, seed, parameters, audited) and opens a task
// tagged `sample` for each household drawn.
Result<SampleResult> draw_spot_check(Store& store, const User& user, const SampleRequest& request,
                                     const Clock& clock);

}  // namespace anju
