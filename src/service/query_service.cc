#include "service/query_service.h"

#include <algorithm>
#include <unordered_map>

#include "core/access.h"
#include "core/privacy.h"
#include "service/audit_service.h"
#include "service/user_service.h"

namespace anju {

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

namespace {

template <class T>
Result<T> read(Store& store, const std::function<Result<T>(Transaction&)>& fn) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return fn(**tx);
}

// A filter's value must be a key of its kind ("none" where a household may
// have none yet); an unknown one is a clear error, not an empty page.
Result<void> check_filter(const HouseholdFilter& f) {
  auto bad = [](const char* what, const std::string& v) {
    return make_error(ErrorCode::invalid, std::string("未知的") + what + "：" + v);
  };
  if (f.category && !enum_parse<Category>(*f.category)) return bad("户类型", *f.category);
  if (f.monitor_type && !enum_parse<MonitorType>(*f.monitor_type)) return bad("监测对象类别", *f.monitor_type);
  if (f.status && !enum_parse<HouseholdStatus>(*f.status)) return bad("户状态", *f.status);
  if (f.housing && !enum_parse<Housing>(*f.housing)) return bad("现住房情况", *f.housing);
  if (f.match_outcome && *f.match_outcome != "none" && !parse_match_outcome(*f.match_outcome))
    return bad("人房对应结果", *f.match_outcome);
  if (f.result && *f.result != "none" && !parse_judge_result(*f.result)) return bad("初判结论", *f.result);
  if (f.reason && !parse_reason(*f.reason)) return bad("初判原因", *f.reason);
  return {};
}

}  // namespace

Result<Page<HouseholdListRow>> list_households(Store& store, const User& user, HouseholdFilter filter,
                                              Disclosure disclosure, const Clock& clock) {
  auto region = list_region(user, filter.region_code);
  if (!region) return region.error();
  filter.region_code = *region;
  ANJU_TRY(check_filter(filter));
  ANJU_TRY(authorize(user, Action::read, filter.region_code == kWholeCountry ? "" : filter.region_code));
  filter.limit = std::clamp(filter.limit, 1L, 200L);
  filter.offset = std::max(0L, filter.offset);
  auto page = read<Page<HouseholdListRow>>(
      store, [&](Transaction& tx) { return tx.read_models().list_households(filter); });
  if (!page) return page.error();
  ANJU_TRY(disclose(store, user, filter.region_code == kWholeCountry ? "" : filter.region_code, disclosure,
                    "household_list", filter.region_code,
                    {{"search", filter.search}, {"offset", filter.offset}, {"rows", page->items.size()}}, clock));
  for (auto& row : page->items) mask(row.household, disclosure);
  return page;
}

Result<long> export_households(Store& store, const User& user, HouseholdFilter filter, Disclosure disclosure,
                               long max_rows, const HouseholdSink& sink, const Clock& clock) {
  auto region = list_region(user, filter.region_code);
  if (!region) return region.error();
  filter.region_code = *region;
  ANJU_TRY(check_filter(filter));
  const std::string scope = filter.region_code == kWholeCountry ? "" : filter.region_code;
  ANJU_TRY(authorize(user, Action::export_lists, scope));
  if (disclosure.full) ANJU_TRY(authorize(user, Action::view_full_id, scope));
  auto txr = store.begin(TxMode::read);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  std::unordered_map<std::string, std::string> villages;
  long rows = 0;
  filter.limit = 1000;
  for (filter.offset = 0;; filter.offset += filter.limit) {
    auto page = tx.read_models().list_households(filter);
    if (!page) return page.error();
    if (page->total > max_rows)
      return make_error(ErrorCode::invalid, "符合条件的有 " + std::to_string(page->total) + " 户，超过一次导出的上限 " +
                                                std::to_string(max_rows) + " 户：请按村镇或条件缩小范围");
    for (auto& row : page->items) {
      auto [it, fresh] = villages.try_emplace(row.household.region_code);
      if (fresh) {
        auto r = tx.regions().find_region(row.household.region_code);
        if (!r) return r.error();
        if (*r) it->second = (*r)->value.name;
      }
      mask(row.household, disclosure);
      ANJU_TRY(sink(row, it->second));
      ++rows;
    }
    if (static_cast<long>(page->items.size()) < filter.limit) break;
  }
  txr->reset();
  ANJU_TRY(audit(store, clock, user.name, "export.households", "household_list", filter.region_code,
                 {{"rows", rows}, {"full_id", disclosure.full}, {"search", filter.search},
                  {"filter", {{"category", filter.category.value_or("")}, {"monitor_type", filter.monitor_type.value_or("")},
                              {"status", filter.status.value_or("")}, {"housing", filter.housing.value_or("")},
                              {"match_outcome", filter.match_outcome.value_or("")},
                              {"result", filter.result.value_or("")}, {"reason", filter.reason.value_or("")}}}}));
  return rows;
}

Result<HouseholdDetail> household_detail(Store& store, const User& user, const std::string& household_id,
                                         Disclosure disclosure, const Clock& clock) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  Transaction& t = **tx;
  auto h = t.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::read, (*h)->value.region_code));
  HouseholdDetail d{**h, {}, {}, {}, {}, {}};
  auto m = t.results().find_match(household_id);
  if (!m) return m.error();
  d.match = *m;
  auto manual = t.results().find_manual_match(household_id);
  if (!manual) return manual.error();
  d.manual = *manual;
  const std::string parcel = d.match && !d.match->parcel_id.empty() ? d.match->parcel_id : "";
  if (!parcel.empty()) {
    auto b = t.census().find_building(parcel);
    if (!b) return b.error();
    d.building = *b;
  }
  auto ev = t.census().evidence_about(parcel, household_id);
  if (!ev) return ev.error();
  d.evidence = std::move(*ev);
  auto j = t.results().find_judgment(household_id);
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
  auto regions = (*tx)->regions().list_regions();
  if (!regions) return regions.error();
  auto counts = (*tx)->read_models().region_counts(range.lo, range.hi, {"households", "result"});
  if (!counts) return counts.error();
  std::vector<RegionNode> nodes;
  std::unordered_map<std::string, size_t> at;
  for (Region& r : *regions) {
    if (!user_covers(user, r.code)) continue;
    at[r.code] = nodes.size();
    auto parent = region_parent(r.code);
    nodes.push_back(RegionNode{std::move(r), std::move(parent), 0, {}});
  }
  for (const RegionCount& c : *counts) {
    auto it = at.find(c.region_code);
    if (it == at.end()) continue;
    if (c.dimension == "households") nodes[it->second].households = c.n;
    else nodes[it->second].results[c.key] = c.n;
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
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto children = (*tx)->regions().child_regions(*region);
  if (!children) return children.error();
  auto cells = (*tx)->read_models().child_counts(*region, dimension);
  if (!cells) return cells.error();
  auto own = (*tx)->read_models().region_counts(*region, *region, {dimension, "households"});
  if (!own) return own.error();
  Stats stats{*region, dimension, std::move(*children), {}, {}, 0};
  for (const RegionCount& c : *cells) stats.cells[c.region_code][c.key] += c.n;
  for (const RegionCount& c : *own) {
    if (c.dimension == "households") stats.households = c.n;
    else stats.totals[c.key] += c.n;
  }
  return stats;
}

Result<std::vector<Region>> child_regions_of(Store& store, const User& user, const std::string& region_code) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->regions().child_regions(*region);
}

Result<std::vector<Region>> division_children(Store& store, const std::string& parent) {
  if (!parent.empty() && !is_region_code(parent))
    return make_error(ErrorCode::invalid, "上级区划代码应为12位数字：" + parent);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->regions().child_regions(parent.empty() ? std::string(kWholeCountry) : parent);
}

Result<std::vector<Region>> region_path(Store& store, const std::string& code) {
  std::vector<Region> out;
  if (code == kWholeCountry) return out;
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  for (std::optional<std::string> c = code; c; c = region_parent(*c)) {
    auto r = (*tx)->regions().find_region(*c);
    if (!r) return r.error();
    out.insert(out.begin(), *r ? (*r)->value : Region{*c, *c});
  }
  return out;
}

const Region* covering_child(const std::vector<Region>& children, std::string_view code) {
  for (const Region& r : children)
    if (region_covers(r.code, code)) return &r;
  return nullptr;
}

Result<std::vector<Stored<Building>>> buildings_in_box(Store& store, const User& user, const BBox& box,
                                                       long limit) {
  ANJU_TRY(authorize(user, Action::read, user.region_code == kWholeCountry ? "" : user.region_code));
  if (!(box.min_lon <= box.max_lon && box.min_lat <= box.max_lat))
    return make_error(ErrorCode::invalid, "范围无效：应为 最小经度,最小纬度,最大经度,最大纬度");
  const CodeRange range = region_range(user.region_code);
  return read<std::vector<Stored<Building>>>(store, [&](Transaction& tx) {
    return tx.census().buildings_in_box(box, range.lo, range.hi, std::clamp(limit, 1L, 5000L));
  });
}

Result<BuildingDetail> building_detail(Store& store, const User& user, const std::string& parcel_id) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto b = (*tx)->census().find_building(parcel_id);
  if (!b) return b.error();
  if (!*b) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::read, (*b)->value.region_code));
  auto ids = (*tx)->results().households_of_building(parcel_id);
  if (!ids) return ids.error();
  auto regions = (*tx)->households().household_regions(*ids);
  if (!regions) return regions.error();
  BuildingDetail d{**b, {}};
  for (const auto& [id, region] : *regions)
    if (user_covers(user, region)) d.households.push_back(id);
  std::sort(d.households.begin(), d.households.end());
  return d;
}

Result<AuditPage> list_audit(Store& store, const User& user, const AuditFilter& filter) {
  ANJU_TRY(authorize(user, Action::read_audit, ""));
  AuditFilter f = filter;
  f.limit = std::clamp(f.limit, 1L, 200L);
  f.offset = std::max(0L, f.offset);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto page = (*tx)->audit().list_audit(f);
  if (!page) return page.error();
  std::vector<std::string> actors;
  for (const AuditEntry& e : page->items) actors.push_back(e.actor);
  auto names = people_names((*tx)->accounts(), actors);
  if (!names) return names.error();
  return AuditPage{std::move(*page), std::move(*names)};
}

}  // namespace anju
