#pragma once
// The campaign's settings (DOMAIN.md §7) and the whole database's upkeep as
// use cases, each change audited: CLI and HTTP call these, never the store.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/campaign_index.h"
#include "core/clock.h"
#include "core/user.h"
#include "service/census_service.h"
#include "store/store.h"

namespace anju {

// A campaign as JSON (keys in a fixed order): printed, and audited as the
// before and after of a change.
nlohmann::ordered_json campaign_json(const Campaign& c);

// The campaigns a region's households follow: the region's own or
// inherited one, and every one set inside it.
Result<CampaignIndex> campaigns_over(CampaignRepo& campaigns, std::string_view region);

// A region's campaign as its office sees it: the one it follows, whether
// it is the region's own, and those set for regions inside it.
struct RegionCampaign {
  std::string region_code;
  // Below a county, acceptance_papers are the county's (a county decides
  // what an acceptance needs; a town's own campaign cannot lower it).
  Campaign campaign;
  bool own = false;
  std::vector<Campaign> inside;
};
// `region` empty: the user's own. Anyone may read within their scope.
Result<RegionCampaign> read_campaign(Store& store, const User& user, std::string_view region);

// A change of a region's campaign, and the judgment run it caused: a
// campaign's settings decide its households' judgments, so when any of
// them has been judged and the change judges differently (another
// campaign, or other as_of, cutoff or aging rule), the region is judged
// again in the same transaction (judge_in: judgments, tasks, ledger,
// counts) — nullopt otherwise (a new name, window or deadline).
struct CampaignChange {
  RegionCampaign now;
  std::optional<JudgeSummary> judged;
};
// Sets `region`'s own campaign: the one stored when it has one (at
// `expected_version`; nullopt: the current one, the CLI's operator), else a
// new one starting from the inherited settings (`expected_version` 0 or
// nullopt); `edit` changes it. Town offices and above, each for a
// province, city, county or town of their scope (`forbidden` for a village
// or another role). Audited as campaign.update with before and after.
Result<CampaignChange> change_campaign(Store& store, const User& user, std::string_view region,
                                       std::optional<long> expected_version,
                                       const std::function<Result<void>(Campaign&)>& edit, const Clock& clock);
// Removes `region`'s own campaign: its households follow the nearest
// ancestor's again (judged again as above). Never the country's. Audited
// as campaign.remove.
Result<CampaignChange> remove_campaign(Store& store, const User& user, std::string_view region,
                                       std::optional<long> expected_version, const Clock& clock);

// Whether the store answers a read (what /health reports): one row, whatever
// the database's size.
Result<void> check_store(Store& store);

// The store's connections: kept for the next transaction, and in one now
// (what /metrics reports; SQLite has no pool).
struct StoreConnections {
  long idle = 0;
  long leased = 0;
};
StoreConnections store_connections(const Store& store);

// Store::backup / Store::restore, audited (a backup exports every personal
// record; a restore is recorded in the restored log, continuing its chain).
Result<void> backup_database(Store& store, const std::string& file, const std::string& actor,
                             const Clock& clock);
Result<void> restore_database(Store& store, const std::string& file, const std::string& actor,
                              const Clock& clock);
// A database restored by other means than `restore_database` — a
// point-in-time restore of PostgreSQL from a base backup and its WAL
// archive (scripts/cluster restore): the log lost its tail on purpose, so
// the checkpoints recorded before no longer apply. Records the restore
// (`from` names it) in the checkpoint file and in the log, as a restore from
// a file does; `audit verify` before this finds the tail deleted.
Result<void> note_database_restored(Store& store, const std::string& from, const std::string& actor,
                                    const Clock& clock);

}  // namespace anju
