// The buildings offered for 选择图斑 (DOMAIN.md §6), nearest first.
#include <algorithm>
#include <set>

#include "core/access.h"
#include "core/geometry.h"
#include "service/census_service.h"

namespace anju {
namespace {

struct Gathered {
  std::vector<Stored<Building>> buildings;
  std::set<std::string> listed;
  std::string current;
};

// A house typed in by hand without a place (record_building.h) has an empty
// box: it is listed, but takes no part in where the map looks.
bool placed(const BBox& b) { return !(b.min_lon == 0 && b.max_lon == 0 && b.min_lat == 0 && b.max_lat == 0); }

// The listed buildings' middle: the mean of their boxes' centres.
std::optional<Point> middle_of(const std::vector<Stored<Building>>& buildings, const std::set<std::string>& listed) {
  double x = 0, y = 0;
  int n = 0;
  for (const auto& b : buildings) {
    if (!listed.count(b.value.parcel_id) || !placed(b.value.bbox)) continue;
    x += (b.value.bbox.min_lon + b.value.bbox.max_lon) / 2;
    y += (b.value.bbox.min_lat + b.value.bbox.max_lat) / 2;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return Point(x / n, y / n);
}

BBox to_bbox(const Box& b) { return {b.min_corner().x(), b.min_corner().y(), b.max_corner().x(), b.max_corner().y()}; }

std::optional<BBox> extent_of(const std::vector<CandidateBuilding>& items) {
  std::optional<BBox> out;
  for (const auto& c : items) {
    const BBox& b = c.building.value.bbox;
    if (!placed(b)) continue;
    out = out ? BBox{std::min(out->min_lon, b.min_lon), std::min(out->min_lat, b.min_lat),
                     std::max(out->max_lon, b.max_lon), std::max(out->max_lat, b.max_lat)}
              : b;
  }
  return out;
}

// The listed buildings the user covers, and those near `origin`.
Result<Gathered> gather(Transaction& tx, const User& user, const MatchResult* match,
                        const std::optional<Point>& dwelling, double radius_m, long limit) {
  Gathered g;
  if (match) {
    g.current = match->parcel_id;
    g.listed.insert(match->candidates.begin(), match->candidates.end());
    if (!g.current.empty()) g.listed.insert(g.current);
  }
  auto listed =
      tx.census().find_buildings(std::vector<std::string>(g.listed.begin(), g.listed.end()));
  if (!listed) return listed.error();
  for (auto& b : *listed)
    if (region_covers(user.region_code, b.value.region_code)) g.buildings.push_back(std::move(b));
  if (dwelling) {
    const CodeRange range = region_range(user.region_code);
    auto near = tx.census().buildings_in_box(to_bbox(box_around(*dwelling, radius_m)), range.lo,
                                             range.hi, limit);
    if (!near) return near.error();
    for (auto& b : *near)
      if (!g.listed.count(b.value.parcel_id)) g.buildings.push_back(std::move(b));
  }
  return g;
}

}  // namespace

Result<MatchCandidates> match_candidates(Store& store, const User& user, const std::string& household_id,
                                         double radius_m, long limit) {
  auto txr = store.begin(TxMode::read);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  const Household& hh = (*h)->value;
  ANJU_TRY(authorize(user, Action::read, hh.region_code));
  auto m = tx.results().find_match(household_id);
  if (!m) return m.error();
  std::optional<Point> dwelling;
  if (hh.lon && hh.lat) dwelling = Point(*hh.lon, *hh.lat);
  auto g = gather(tx, user, *m ? &**m : nullptr, dwelling, std::clamp(radius_m, 10.0, 2000.0),
                  std::clamp(limit, 1L, 500L));
  if (!g) return g.error();

  MatchCandidates out;
  std::optional<Point> origin = dwelling ? dwelling : middle_of(g->buildings, g->listed);
  if (origin) {
    out.origin = dwelling ? "dwelling" : "candidates";
    out.origin_lon = origin->x();
    out.origin_lat = origin->y();
  }
  for (auto& b : g->buildings) {
    CandidateBuilding c{std::move(b), std::nullopt, false, false, 0};
    c.listed = g->listed.count(c.building.value.parcel_id) > 0;
    c.current = c.building.value.parcel_id == g->current;
    if (origin) {
      auto shape = parse_wkb(c.building.value.wkb);
      if (shape) c.distance_m = distance_m(*shape, *origin);
    }
    auto hs = tx.results().households_of_building(c.building.value.parcel_id);
    if (!hs) return hs.error();
    c.households = static_cast<long>(hs->size());
    out.items.push_back(std::move(c));
  }
  std::stable_sort(out.items.begin(), out.items.end(), [](const CandidateBuilding& a, const CandidateBuilding& b) {
    const double da = a.distance_m.value_or(1e18), db = b.distance_m.value_or(1e18);
    if (da != db) return da < db;
    return a.building.value.parcel_id < b.building.value.parcel_id;
  });
  if (static_cast<long>(out.items.size()) > limit) out.items.resize(static_cast<size_t>(limit));
  out.view = extent_of(out.items);
  if (!out.view) {
    const CodeRange village = region_range(hh.region_code);
    auto extent = tx.census().buildings_extent(village.lo, village.hi);
    if (!extent) return extent.error();
    out.view = *extent;
  }
  if (origin && out.view) {
    BBox& v = *out.view;
    v = {std::min(v.min_lon, origin->x()), std::min(v.min_lat, origin->y()), std::max(v.max_lon, origin->x()),
         std::max(v.max_lat, origin->y())};
  }
  return out;
}

}  // namespace anju
