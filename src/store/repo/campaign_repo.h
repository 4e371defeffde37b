#pragma once
// The campaign's settings (cut-off date, aging structures, deadlines): what
// every run reads first.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <string>
#include <vector>

#include "core/household.h"
#include "core/match_types.h"
#include "core/result.h"

namespace anju {

class CampaignRepo {
 public:
  virtual ~CampaignRepo() = default;

  virtual Result<Campaign> get_campaign() = 0;
  // Fails with `conflict` when the stored version is not campaign.version.
  virtual Result<void> update_campaign(const Campaign& campaign, const WriteStamp& stamp) = 0;

 protected:
  CampaignRepo() = default;
  CampaignRepo(const CampaignRepo&) = default;
  CampaignRepo& operator=(const CampaignRepo&) = default;
};

}  // namespace anju
