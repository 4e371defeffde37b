#include "core/campaign_index.h"

#include "core/region_code.h"

namespace anju {

CampaignIndex::CampaignIndex(Campaign governing, std::vector<Campaign> inside) {
  all_.reserve(inside.size() + 1);
  all_.push_back(std::move(governing));
  for (Campaign& c : inside) {
    by_region_.emplace(c.region_code, all_.size());
    all_.push_back(std::move(c));
  }
}

size_t CampaignIndex::index_of(std::string_view code) const {
  if (by_region_.empty() || !is_region_code(code)) return 0;  // a run with one campaign: no lookup
  // The code itself, then its ancestors, nearest first.
  std::string at(code);
  for (;;) {
    if (auto it = by_region_.find(at); it != by_region_.end()) return it->second;
    auto parent = region_parent(at);
    if (!parent) return 0;
    at = std::move(*parent);
  }
}

}  // namespace anju
