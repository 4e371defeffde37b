#pragma once
// Which campaign governs which household (DOMAIN.md §7): a region's own
// campaign, else its nearest ancestor's. An index holds the campaigns a
// region's households can follow: the one governing the region itself and
// every one set inside it.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/match_types.h"

namespace anju {

class CampaignIndex {
 public:
  // `governing`: the campaign of the region itself (its own or inherited);
  // `inside`: those set for regions strictly inside it, in any order.
  CampaignIndex(Campaign governing, std::vector<Campaign> inside);

  // Position of the campaign governing a household or region `code` (0 is
  // the governing one), for callers that keep a value per campaign.
  size_t index_of(std::string_view code) const;
  const Campaign& of(std::string_view code) const { return all_[index_of(code)]; }
  const Campaign& at(size_t i) const { return all_[i]; }
  const Campaign& governing() const { return all_.front(); }
  const std::vector<Campaign>& all() const { return all_; }

 private:
  std::vector<Campaign> all_;
  std::unordered_map<std::string, size_t> by_region_;  // inside ones only
};

}  // namespace anju
