#pragma once
// The campaign's settings (DOMAIN.md §7) and the whole database's upkeep as
// use cases, each change audited: CLI and HTTP call these, never the store.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

// The campaign as JSON (keys in a fixed order): printed, and audited as the
// before and after of a change.
nlohmann::ordered_json campaign_json(const Campaign& c);

// Reads the campaign, lets `edit` change it, stores it (optimistic
// version), audits before/after; returns it as stored.
Result<Campaign> change_campaign(Store& store, const std::function<Result<void>(Campaign&)>& edit,
                                 const std::string& actor, const Clock& clock);

// The campaign's settings as stored.
Result<Campaign> read_campaign(Store& store);

// Whether the store answers a read (what /health reports): one row, whatever
// the database's size.
Result<void> check_store(Store& store);

// Store::backup / Store::restore, audited (a backup exports every personal
// record; a restore is recorded in the restored log, continuing its chain).
Result<void> backup_database(Store& store, const std::string& file, const std::string& actor,
                             const Clock& clock);
Result<void> restore_database(Store& store, const std::string& file, const std::string& actor,
                              const Clock& clock);

}  // namespace anju
