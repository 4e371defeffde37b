#pragma once
// The campaigns (cut-off date, aging structures, window, deadlines), one per
// region that sets its own (DOMAIN.md §7): what every run reads first.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <string>
#include <string_view>
#include <vector>

#include "core/household.h"
#include "core/match_types.h"
#include "core/result.h"

namespace anju {

class CampaignRepo {
 public:
  virtual ~CampaignRepo() = default;

  // The campaign governing region `code`: its own, else its nearest
  // ancestor's (the country's at least).
  virtual Result<Campaign> campaign_for(std::string_view code) = 0;
  // Those set for regions strictly inside `code` (every one but the
  // country's, for the whole country), by region code.
  virtual Result<std::vector<Campaign>> campaigns_inside(std::string_view code) = 0;
  // Stores campaign.region_code's own campaign: a new one when campaign.id
  // is 0 (`conflict` when the region has one already), else the one stored
  // (`conflict` when its version is not campaign.version). Returns its id.
  virtual Result<long> save_campaign(const Campaign& campaign, const WriteStamp& stamp) = 0;
  // Removes a region's own campaign, at `version` (`conflict` otherwise);
  // never the country's.
  virtual Result<void> remove_campaign(long id, long version) = 0;

 protected:
  CampaignRepo() = default;
  CampaignRepo(const CampaignRepo&) = default;
  CampaignRepo& operator=(const CampaignRepo&) = default;
};

}  // namespace anju
