#include "match/matcher.h"

#include <algorithm>
#include <functional>

namespace anju {
namespace {

namespace bgi = boost::geometry::index;

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

void Matcher::KeyTable::build() {
  std::sort(entries.begin(), entries.end());
  // A directory over the top bits of the hash: one look-up lands next to
  // the key instead of a binary search's twenty cache misses.
  bits = 1;
  while ((size_t{1} << bits) < entries.size() && bits < 24) ++bits;
  directory.assign((size_t{1} << bits) + 1, 0);
  size_t pos = 0;
  for (size_t b = 0; b < directory.size(); ++b) {
    while (pos < entries.size() && (entries[pos].first >> (64 - bits)) < b) ++pos;
    directory[b] = static_cast<uint32_t>(pos);
  }
}

template <class F>
void Matcher::KeyTable::for_each(uint64_t h, F&& f) const {
  if (entries.empty()) return;
  const size_t b = h >> (64 - bits);
  for (size_t i = directory[b]; i < directory[b + 1] && entries[i].first <= h; ++i)
    if (entries[i].first == h) f(entries[i].second);
}

namespace {

// The parcels of household `i` in `hits` (sorted by household), advancing `pos`.
std::vector<std::string> take(const std::vector<std::pair<uint32_t, std::string>>& hits, size_t& pos,
                              uint32_t i) {
  std::vector<std::string> out;
  while (pos < hits.size() && hits[pos].first < i) ++pos;
  for (; pos < hits.size() && hits[pos].first == i; ++pos) out.push_back(hits[pos].second);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Applies the outcome of a rule that found `parcels`; false when none.
bool settle(MatchResult& m, MatchOutcome single, std::vector<std::string> parcels) {
  if (parcels.empty()) return false;
  if (parcels.size() == 1) {
    m.outcome = single;
    m.parcel_id = std::move(parcels.front());
  } else {
    m.outcome = MatchOutcome::ambiguous;
    m.candidates = std::move(parcels);
  }
  return true;
}

}  // namespace

uint64_t Matcher::owner_key(std::string_view region, std::string_view name) {
  return hash_of(region) * 1000003 ^ hash_of(name);
}

void Matcher::add_household(const HouseholdPlace& h) {
  const auto i = static_cast<uint32_t>(households_.size());
  Entry e{h.household_id, h.region_code, h.head_name, h.parcel_id, "", false};
  if (auto it = manual_.find(h.household_id); it != manual_.end()) {
    e.manual_parcel = it->second;  // nothing else is needed for this household
  } else {
    if (!h.parcel_id.empty()) by_parcel_.entries.emplace_back(hash_of(h.parcel_id), i);
    if (h.lon && h.lat) pending_points_.emplace_back(Point(*h.lon, *h.lat), i);
    by_owner_.entries.emplace_back(owner_key(h.region_code, h.head_name), i);
  }
  households_.push_back(std::move(e));
}

void Matcher::index() {
  by_parcel_.build();
  by_owner_.build();
  // The packing constructor (bulk load) builds a better tree much faster.
  points_ = decltype(points_)(pending_points_.begin(), pending_points_.end());
  std::vector<std::pair<Point, uint32_t>>().swap(pending_points_);
}

std::vector<std::string> Matcher::named_parcels() const {
  std::vector<std::string> out;
  for (const Entry& e : households_)
    for (const std::string* parcel : {&e.roster_parcel, &e.manual_parcel})
      if (!parcel->empty()) out.push_back(*parcel);
  return out;
}

std::vector<Point> Matcher::dwelling_points() const {
  std::vector<Point> out;
  out.reserve(points_.size());
  for (const auto& [point, household] : points_) out.push_back(point);
  return out;
}

void Matcher::add_building(Pass& pass, const Footprint& b) const {
  by_parcel_.for_each(hash_of(b.parcel_id), [&](uint32_t i) {
    if (households_[i].roster_parcel == b.parcel_id) pass.parcel_found_.push_back(i);
  });
  if (!b.owner_name.empty()) {
    by_owner_.for_each(owner_key(b.region_code, b.owner_name), [&](uint32_t i) {
      const Entry& e = households_[i];
      if (e.region_code == b.region_code && e.head_name == b.owner_name)
        pass.owner_hits_.emplace_back(i, b.parcel_id);
    });
  }
  const Box box(Point(b.bbox.min_lon, b.bbox.min_lat), Point(b.bbox.max_lon, b.bbox.max_lat));
  std::optional<Result<MultiPolygon>> shape;  // parsed only when a point is near
  for (auto it = points_.qbegin(bgi::covered_by(box)); it != points_.qend(); ++it) {
    if (!shape) shape = parse_wkb(b.wkb);
    if (shape->ok() && covers(shape->value(), it->first)) pass.location_hits_.emplace_back(it->second, b.parcel_id);
  }
}

void Matcher::merge(Pass&& pass) {
  auto append = [](auto& to, auto& from) {
    if (to.empty()) to = std::move(from);
    else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(own_.location_hits_, pass.location_hits_);
  append(own_.owner_hits_, pass.owner_hits_);
  append(own_.parcel_found_, pass.parcel_found_);
}

std::vector<MatchResult> Matcher::finish() {
  for (uint32_t i : own_.parcel_found_) households_[i].roster_parcel_found = true;
  Hits& location_hits = own_.location_hits_;
  Hits& owner_hits = own_.owner_hits_;
  auto by_household = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(location_hits.begin(), location_hits.end(), by_household);
  std::stable_sort(owner_hits.begin(), owner_hits.end(), by_household);
  std::vector<MatchResult> results;
  results.reserve(households_.size());
  size_t li = 0, oi = 0;
  for (uint32_t i = 0; i < households_.size(); ++i) {
    const Entry& e = households_[i];
    MatchResult m;
    m.household_id = e.household_id;
    m.region_code = e.region_code;
    std::vector<std::string> located = take(location_hits, li, i);
    std::vector<std::string> owned = take(owner_hits, oi, i);
    if (!e.manual_parcel.empty()) {
      m.outcome = MatchOutcome::manual;
      m.parcel_id = e.manual_parcel;
    } else if (e.roster_parcel_found) {
      m.outcome = MatchOutcome::by_parcel;
      m.parcel_id = e.roster_parcel;
    } else {
      m.parcel_not_found = !e.roster_parcel.empty();
      if (!settle(m, MatchOutcome::by_location, std::move(located)) &&
          !settle(m, MatchOutcome::by_owner, std::move(owned)))
        m.outcome = MatchOutcome::unmatched;
    }
    results.push_back(std::move(m));
  }
  std::unordered_map<std::string_view, int> uses;
  for (const MatchResult& m : results)
    if (!m.parcel_id.empty()) ++uses[m.parcel_id];
  for (MatchResult& m : results)
    if (!m.parcel_id.empty() && uses[m.parcel_id] > 1) m.shared = true;
  std::vector<Entry>().swap(households_);
  own_ = Pass();
  return results;
}

}  // namespace anju
