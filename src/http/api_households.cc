// Regions, households, buildings and statistics: the lists, detail, map and
// dashboards of the console (DESIGN.md §3.2).
#include <limits>
#include <cmath>
#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/router.h"
#include "service/census_service.h"
#include "service/export_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

Disclosure disclosure(const RouteContext& c) { return Disclosure{c.asks_full_id()}; }

std::optional<std::string> filter(const RouteContext& c, const char* name) {
  std::string v = c.q(name);
  if (v.empty()) return std::nullopt;
  return v;
}

// One export's most rows: a province's million households is not a list
// anyone reads; narrow it to a county.
constexpr long kMaxHouseholdRows = 200000;

HouseholdFilter household_filter(const RouteContext& c) {
  HouseholdFilter f;
  f.region_code = c.q("region");
  f.category = filter(c, "category");
  f.monitor_type = filter(c, "monitor_type");
  f.status = filter(c, "status");
  f.housing = filter(c, "housing");
  f.match_outcome = filter(c, "match_outcome");
  f.result = filter(c, "result");
  f.reason = filter(c, "reason");
  f.changed_only = c.q_choice<bool>("changed", {{"1", true}, {"0", false}}, false, "changed 应为 1（只列结论有变化的）或 0");
  f.search = c.q("q");
  return f;
}

}  // namespace

Response get_regions(RouteContext& c) {
  auto nodes = region_tree(c.store, c.user);
  if (!nodes) return error_response(c.req, nodes.error());
  json items = json::array();
  for (const RegionNode& n : *nodes)
    items.push_back({{"code", n.region.code}, {"name", n.region.name},
                     {"level", enum_key(n.region.level())},
                     {"level_name", enum_name(n.region.level())},
                     {"parent_code", n.parent ? json(*n.parent) : json(nullptr)},
                     {"households", n.households}, {"results", n.results}});
  return json_response(c.req, bh::status::ok, {{"items", items}, {"total", items.size()},
                                               {"scope", c.user.region_code}});
}

// ?parent=CODE (none: the provinces): one level of the division tree.
Response get_region_children(RouteContext& c) {
  auto children = division_children(c.store, c.q("parent"));
  if (!children) return error_response(c.req, children.error());
  json items = json::array();
  for (const Region& r : *children)
    items.push_back({{"code", r.code}, {"name", r.name}, {"level", enum_key(r.level())},
                     {"level_name", enum_name(r.level())}});
  return json_response(c.req, bh::status::ok, {{"items", items}, {"total", items.size()}});
}

Response get_households(RouteContext& c) {
  HouseholdFilter f = household_filter(c);
  std::tie(f.offset, f.limit) = c.paging();
  auto page = list_households(c.store, c.user, f, disclosure(c), c.clock);
  if (!page) return error_response(c.req, page.error());
  std::string body;
  body.reserve(page->items.size() * 900 + 32);
  JsonWriter w(body);
  w.begin_object().key("items").begin_array();
  for (const auto& row : page->items) write_household_row(w, row);
  w.end_array().key("total").value(page->total).end_object();
  Response res = json_response(c.req, bh::status::ok, nullptr);
  res.body() = std::move(body);
  return res;
}

// The list as the console filters it, answered at once (a long one: POST
// /exports, a job).
Response get_households_xlsx(RouteContext& c) {
  const ExportRequest request{ExportKind::households, c.q("region"), c.asks_full_id(), "open",
                              household_filter(c)};
  TempFile file;
  auto done = run_export(
      c.store, c.user, request, file.path, kMaxHouseholdRows, [](long, long) {}, c.clock);
  if (!done) return error_response(c.req, done.error());
  return file_response(c.req, file.path, kXlsx, done->file_name);
}

Response get_household(RouteContext& c) {
  auto d = household_detail(c.store, c.user, c.param("household_id"), disclosure(c), c.clock);
  if (!d) return error_response(c.req, d.error());
  return json_response(c.req, bh::status::ok, household_detail_json(*d));
}

Response put_household_match(RouteContext& c) {
  auto body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("parcel_id") || !body["parcel_id"].is_string() ||
      !body.contains("version") || !body["version"].is_number_integer())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"parcel_id\": 图斑编号, \"version\": 所见的版本（尚无选择时为0）}");
  auto m = set_manual_match(c.store, c.user, c.param("household_id"), body["parcel_id"],
                            body["version"].get<long>(), c.clock);
  if (!m) return error_response(c.req, m.error());
  const ManualMatch& chosen = m->match;
  return json_response(c.req, bh::status::ok,
                       {{"manual_match", {{"parcel_id", chosen.parcel_id}, {"version", chosen.version},
                                          {"updated_at", chosen.updated_at}, {"updated_by", chosen.updated_by}}},
                        {"judgment", judgment_json(m->judgment)}});
}

Response delete_household_match(RouteContext& c) {
  const auto version = c.q_long("version", 0, std::numeric_limits<long>::max());
  if (!version) return error_response(c.req, bh::status::bad_request, "invalid", "请提供所见的版本（version）");
  auto r = clear_manual_match(c.store, c.user, c.param("household_id"), *version, c.clock);
  if (!r) return error_response(c.req, r.error());
  return Response{bh::status::no_content, c.req.version()};
}

Response get_household_candidates(RouteContext& c) {
  const double radius = static_cast<double>(c.q_long("radius", 1, 5000).value_or(300));
  auto found = match_candidates(c.store, c.user, c.param("household_id"), radius, c.q_long("limit", 1, 200).value_or(50));
  if (!found) return error_response(c.req, found.error());
  json features = json::array();
  for (const CandidateBuilding& b : found->items) {
    json f = building_feature(b.building);
    f["properties"]["distance_m"] = b.distance_m ? json(std::round(*b.distance_m * 10) / 10) : json(nullptr);
    f["properties"]["listed"] = b.listed;
    f["properties"]["current"] = b.current;
    f["properties"]["households"] = b.households;
    features.push_back(std::move(f));
  }
  json origin = nullptr;
  if (!found->origin.empty())
    origin = {{"kind", found->origin}, {"lon", *found->origin_lon}, {"lat", *found->origin_lat}};
  json view = nullptr;
  if (found->view) view = {found->view->min_lon, found->view->min_lat, found->view->max_lon, found->view->max_lat};
  return json_response(c.req, bh::status::ok,
                       {{"type", "FeatureCollection"}, {"features", features}, {"origin", origin}, {"view", view}});
}

Response get_buildings(RouteContext& c) {
  BBox box;
  if (std::sscanf(c.q("bbox").c_str(), "%lf,%lf,%lf,%lf", &box.min_lon, &box.min_lat, &box.max_lon,
                  &box.max_lat) != 4)
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请提供范围 bbox=最小经度,最小纬度,最大经度,最大纬度");
  const long limit = c.q_long("limit", 1, 5000).value_or(2000);
  auto found = buildings_in_box(c.store, c.user, box, limit);
  if (!found) return error_response(c.req, found.error());
  json features = json::array();
  for (const auto& b : *found) features.push_back(building_feature(b));
  return json_response(c.req, bh::status::ok,
                       {{"type", "FeatureCollection"}, {"features", features},
                        {"truncated", static_cast<long>(found->size()) >= std::clamp(limit, 1L, 5000L)}});
}

Response get_building(RouteContext& c) {
  auto d = building_detail(c.store, c.user, c.param("parcel_id"));
  if (!d) return error_response(c.req, d.error());
  json j = building_feature(d->building);
  j["households"] = d->households;
  return json_response(c.req, bh::status::ok, j);
}

Response get_stats(RouteContext& c) {
  auto s = region_stats(c.store, c.user, c.q("region"), c.q("by", "result"));
  if (!s) return error_response(c.req, s.error());
  json rows = json::array();
  for (const Region& r : s->rows) {
    auto it = s->cells.find(r.code);
    long total = 0;
    json counts = json::object();
    if (it != s->cells.end())
      for (const auto& [k, n] : it->second) {
        counts[k] = n;
        total += n;
      }
    rows.push_back({{"code", r.code}, {"name", r.name}, {"counts", counts}, {"total", total}});
  }
  return json_response(c.req, bh::status::ok,
                       {{"region_code", s->region_code}, {"by", s->dimension}, {"rows", rows},
                        {"totals", s->totals}, {"households", s->households}});
}

}  // namespace anju::http
