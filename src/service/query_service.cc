#include "service/query_service.h"

#include <algorithm>
#include <unordered_map>

#include "core/access.h"
#include "core/privacy.h"
#include "service/audit_service.h"

namespace anju {
namespace {

// Checks the disclosure asked for; audits a full one.
Result<void> disclose(Store& store, const User& user, const std::string& region, Disclosure disclosure,
                      const std::string& object_type, const std::string& object_id,
                      const nlohmann::json& detail, const Clock& clock) {
  if (!disclosure.full) return {};
  ANJU_TRY(authorize(user, Action::view_full_id, region));
  return audit(store, clock, user.name, "personal.view_full", object_type, object_id, detail);
}

void mask(Household& h, Disclosure disclosure) {
  if (disclosure.full) return;
  h.head_id_number = mask_id_number(h.head_id_number);
  h.phone = mask_phone(h.phone);
}

template <class T>
Result<T> read(Store& store, const std::function<Result<T>(Transaction&)>& fn) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return fn(**tx);
}

// The child of `parent` that covers `code`, or "" when `code` is `parent`
// itself. Memoized: the same regions come again and again.
class ChildOf {
 public:
  explicit ChildOf(std::string parent) : parent_(std::move(parent)) {}
  const std::string& operator()(const std::string& code) {
    auto [it, fresh] = memo_.try_emplace(code);
    if (!fresh) return it->second;
    if (parent_ == kWholeCountry) {
      it->second = region_province(code) + "0000000000";
      return it->second;
    }
    for (std::string at = code; at != parent_;) {
      auto up = region_parent(at);
      if (!up) break;
      if (*up == parent_) {
        it->second = at;
        break;
      }
      at = *up;
    }
    return it->second;
  }

 private:
  std::string parent_;
  std::unordered_map<std::string, std::string> memo_;
};

const std::string& cell_key(const SummaryRow& r, const std::string& dimension) {
  if (dimension == "result") return r.result;
  if (dimension == "reason") return r.reason;
  if (dimension == "match_outcome") return r.match_outcome;
  if (dimension == "category") return r.category;
  if (dimension == "status") return r.status;
  if (dimension == "housing") return r.housing;
  return r.monitor_type;
}

}  // namespace

Result<Page<HouseholdListRow>> list_households(Store& store, const User& user, HouseholdFilter filter,
                                              Disclosure disclosure, const Clock& clock) {
  auto region = list_region(user, filter.region_code);
  if (!region) return region.error();
  filter.region_code = *region;
  ANJU_TRY(authorize(user, Action::read, filter.region_code == kWholeCountry ? "" : filter.region_code));
  filter.limit = std::clamp(filter.limit, 1L, 200L);
  filter.offset = std::max(0L, filter.offset);
  auto page = read<Page<HouseholdListRow>>(store, [&](Transaction& tx) { return tx.list_households(filter); });
  if (!page) return page.error();
  ANJU_TRY(disclose(store, user, filter.region_code == kWholeCountry ? "" : filter.region_code, disclosure,
                    "household_list", filter.region_code,
                    {{"search", filter.search}, {"offset", filter.offset}, {"rows", page->items.size()}}, clock));
  for (auto& row : page->items) mask(row.household, disclosure);
  return page;
}

Result<HouseholdDetail> household_detail(Store& store, const User& user, const std::string& household_id,
                                         Disclosure disclosure, const Clock& clock) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  Transaction& t = **tx;
  auto h = t.find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, "没有找到，或不在您的管辖范围内");
  ANJU_TRY(authorize(user, Action::read, (*h)->value.region_code));
  HouseholdDetail d{**h, {}, {}, {}, {}, {}};
  auto m = t.find_match(household_id);
  if (!m) return m.error();
  d.match = *m;
  auto manual = t.find_manual_match(household_id);
  if (!manual) return manual.error();
  d.manual = *manual;
  const std::string parcel = d.match && !d.match->parcel_id.empty() ? d.match->parcel_id : "";
  if (!parcel.empty()) {
    auto b = t.find_building(parcel);
    if (!b) return b.error();
    d.building = *b;
  }
  auto ev = t.evidence_about(parcel, household_id);
  if (!ev) return ev.error();
  d.evidence = std::move(*ev);
  auto j = t.find_judgment(household_id);
  if (!j) return j.error();
  d.judgment = *j;
  tx->reset();  // a full read is audited in a transaction of its own
  ANJU_TRY(disclose(store, user, d.household.value.region_code, disclosure, "household", household_id, {},
                    clock));
  mask(d.household.value, disclosure);
  return d;
}

Result<std::vector<RegionNode>> region_tree(Store& store, const User& user) {
  ANJU_TRY(authorize(user, Action::read, user.region_code == kWholeCountry ? "" : user.region_code));
  const CodeRange range = region_range(user.region_code);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto regions = (*tx)->list_regions();
  if (!regions) return regions.error();
  auto cells = (*tx)->summary(range.lo, range.hi, true);
  if (!cells) return cells.error();
  std::vector<RegionNode> nodes;
  std::unordered_map<std::string, size_t> at;
  for (Region& r : *regions) {
    if (!user_covers(user, r.code)) continue;
    at[r.code] = nodes.size();
    auto parent = region_parent(r.code);
    nodes.push_back(RegionNode{std::move(r), std::move(parent), 0, {}});
  }
  for (const SummaryRow& c : *cells) {
    std::optional<std::string> code = c.region_code;
    while (code && user_covers(user, *code)) {
      if (auto it = at.find(*code); it != at.end()) {
        nodes[it->second].households += c.n;
        nodes[it->second].results[c.result] += c.n;
      }
      code = region_parent(*code);
    }
  }
  return nodes;
}

Result<Stats> region_stats(Store& store, const User& user, const std::string& region_code,
                           const std::string& dimension) {
  static const std::vector<std::string> kDimensions = {"result", "reason", "match_outcome", "category",
                                                       "status", "housing", "monitor_type"};
  if (std::find(kDimensions.begin(), kDimensions.end(), dimension) == kDimensions.end())
    return make_error(ErrorCode::invalid, "不支持的统计维度：" + dimension);
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto regions = (*tx)->list_regions();
  if (!regions) return regions.error();
  auto cells = (*tx)->summary(range.lo, range.hi, dimension != "reason");
  if (!cells) return cells.error();
  Stats stats{*region, dimension, {}, {}, {}, 0};
  ChildOf child_of(*region);
  for (const Region& r : *regions)
    if (r.code != *region && (*region == kWholeCountry || region_covers(*region, r.code)) &&
        child_of(r.code) == r.code)
      stats.rows.push_back(r);
  for (const SummaryRow& c : *cells) {
    if (dimension == "reason" && c.reason.empty()) continue;
    const std::string& key = cell_key(c, dimension);
    const std::string& child = child_of(c.region_code);
    stats.cells[child.empty() ? c.region_code : child][key] += c.n;
    stats.totals[key] += c.n;
    if (dimension != "reason") stats.households += c.n;
  }
  return stats;
}

Result<std::vector<Stored<Building>>> buildings_in_box(Store& store, const User& user, const BBox& box,
                                                       long limit) {
  ANJU_TRY(authorize(user, Action::read, user.region_code == kWholeCountry ? "" : user.region_code));
  if (!(box.min_lon <= box.max_lon && box.min_lat <= box.max_lat))
    return make_error(ErrorCode::invalid, "范围无效：应为 最小经度,最小纬度,最大经度,最大纬度");
  const CodeRange range = region_range(user.region_code);
  return read<std::vector<Stored<Building>>>(store, [&](Transaction& tx) {
    return tx.buildings_in_box(box, range.lo, range.hi, std::clamp(limit, 1L, 5000L));
  });
}

Result<BuildingDetail> building_detail(Store& store, const User& user, const std::string& parcel_id) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto b = (*tx)->find_building(parcel_id);
  if (!b) return b.error();
  if (!*b) return make_error(ErrorCode::not_found, "没有找到，或不在您的管辖范围内");
  ANJU_TRY(authorize(user, Action::read, (*b)->value.region_code));
  auto ids = (*tx)->households_of_building(parcel_id);
  if (!ids) return ids.error();
  auto regions = (*tx)->household_regions(*ids);
  if (!regions) return regions.error();
  BuildingDetail d{**b, {}};
  for (const auto& [id, region] : *regions)
    if (user_covers(user, region)) d.households.push_back(id);
  std::sort(d.households.begin(), d.households.end());
  return d;
}

Result<Page<AuditEntry>> list_audit(Store& store, const User& user, const AuditFilter& filter) {
  ANJU_TRY(authorize(user, Action::read_audit, ""));
  AuditFilter f = filter;
  f.limit = std::clamp(f.limit, 1L, 200L);
  f.offset = std::max(0L, f.offset);
  return read<Page<AuditEntry>>(store, [&](Transaction& tx) { return tx.list_audit(f); });
}

}  // namespace anju
